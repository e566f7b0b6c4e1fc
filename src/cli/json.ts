/**
 * JSON output in pieces. A report of a 100,000-row log is about 11 MB of
 * JSON: written as one JSON.stringify it stands whole in memory as a string,
 * then again as the bytes written. Written in pieces (the rows 250 at
 * a time), no piece is more than a few hundred kilobytes, and the pieces join
 * to exactly what JSON.stringify gives.
 */

/**
 * Items of a long array per piece. A piece's rows are made as objects, written, and let go: 250 rather
 * than 1,000 leave fewer of them alive at each of V8's young-generation collections (verify on a
 * 100,000-row CSV: peak 90 to 84 MiB).
 */
export const JSON_ITEMS_PER_PIECE = 250;
/** How deep objects are taken apart: a report (or a batch's list of reports, and each report in it). */
const DEPTH = 2;

function isPlainObject(value: unknown): value is Record<string, unknown> {
  if (typeof value !== "object" || value === null || Array.isArray(value)) return false;
  if (typeof (value as { toJSON?: unknown }).toJSON === "function") return false;
  const prototype: unknown = Object.getPrototypeOf(value);
  return prototype === Object.prototype || prototype === null;
}

/** Whether JSON.stringify leaves an object's property out. */
const leftOut = (value: unknown): boolean => value === undefined || typeof value === "function" || typeof value === "symbol";

/** The pieces of an array of `length` items, written `itemsPerPiece` at a time from `slice(start, end)`. */
function* slicedArrayPieces(length: number, itemsPerPiece: number, slice: (start: number, end: number) => unknown[]): Generator<string> {
  yield "[";
  for (let start = 0; start < length; start += itemsPerPiece) {
    const text = JSON.stringify(slice(start, Math.min(length, start + itemsPerPiece)));
    yield start === 0 ? text.slice(1, -1) : `,${text.slice(1, -1)}`;
  }
  yield "]";
}

/** The pieces of an object written key by key; a key in `written` is written by its own pieces, its value not read. */
function* objectPieces(
  value: Record<string, unknown>,
  itemsPerPiece: number,
  depth: number,
  written: Readonly<Record<string, () => Iterable<string>>> = {},
): Generator<string> {
  yield "{";
  let first = true;
  for (const key of Object.keys(value)) {
    const own = Object.hasOwn(written, key) ? written[key] : undefined;
    const item = own === undefined ? value[key] : undefined;
    if (own === undefined && leftOut(item)) continue;
    yield `${first ? "" : ","}${JSON.stringify(key)}:`;
    first = false;
    if (own !== undefined) yield* own();
    else yield* jsonPieces(item, itemsPerPiece, depth + 1);
  }
  yield "}";
}

/**
 * The pieces of `JSON.stringify(value)` (of a value it can write: no cycles,
 * no BigInt). Arrays longer than a piece go `JSON_ITEMS_PER_PIECE` items at a time;
 * objects near the top are written key by key; the rest as JSON.stringify
 * writes them, whole.
 */
export function* jsonPieces(value: unknown, itemsPerPiece = JSON_ITEMS_PER_PIECE, depth = 0): Generator<string> {
  if (Array.isArray(value)) {
    if (value.length > itemsPerPiece) {
      yield* slicedArrayPieces(value.length, itemsPerPiece, (start, end) => value.slice(start, end));
      return;
    }
    if (depth < DEPTH && value.some(isPlainObject)) {
      yield "[";
      for (let index = 0; index < value.length; index++) {
        if (index > 0) yield ",";
        const item: unknown = value[index];
        // In an array, what an object would leave out is written as null.
        if (leftOut(item)) yield "null";
        else yield* jsonPieces(item, itemsPerPiece, depth + 1);
      }
      yield "]";
      return;
    }
  } else if (depth < DEPTH && isPlainObject(value)) {
    yield* objectPieces(value, itemsPerPiece, depth);
    return;
  }
  yield JSON.stringify(value);
}

/**
 * The pieces of `JSON.stringify(report)` for a report whose `rows` are made from the log's row results:
 * the rows are made `JSON_ITEMS_PER_PIECE` at a time by `rowsFrom(start, end)` (of `rowCount`) and written, and the
 * report's own `rows` is never read, so a 100,000-row report is never held as an object per row.
 */
export function reportPieces(
  report: object,
  rowsFrom: (start: number, end: number) => unknown[],
  rowCount: number,
  itemsPerPiece = JSON_ITEMS_PER_PIECE,
): Generator<string> {
  return objectPieces(report as Record<string, unknown>, itemsPerPiece, 0, {
    rows: () => slicedArrayPieces(rowCount, itemsPerPiece, rowsFrom),
  });
}
