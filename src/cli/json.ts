/**
 * JSON output in pieces. A report of a 100,000-row log is about 11 MB of
 * JSON: written as one JSON.stringify it stands whole in memory as a string,
 * then again as the bytes written. Written in pieces (the rows a thousand at
 * a time), no piece is more than a few hundred kilobytes, and the pieces join
 * to exactly what JSON.stringify gives.
 */

/** Items of a long array per piece. */
const ITEMS_PER_PIECE = 1000;
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

/**
 * The pieces of `JSON.stringify(value)` (of a value it can write: no cycles,
 * no BigInt). Arrays longer than a piece go a thousand items at a time;
 * objects near the top are written key by key; the rest as JSON.stringify
 * writes them, whole.
 */
export function* jsonPieces(value: unknown, itemsPerPiece = ITEMS_PER_PIECE, depth = 0): Generator<string> {
  if (Array.isArray(value)) {
    if (value.length > itemsPerPiece) {
      yield "[";
      for (let start = 0; start < value.length; start += itemsPerPiece) {
        const text = JSON.stringify(value.slice(start, start + itemsPerPiece));
        yield start === 0 ? text.slice(1, -1) : `,${text.slice(1, -1)}`;
      }
      yield "]";
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
    yield "{";
    let first = true;
    for (const key of Object.keys(value)) {
      const item = value[key];
      if (leftOut(item)) continue;
      yield `${first ? "" : ","}${JSON.stringify(key)}:`;
      first = false;
      yield* jsonPieces(item, itemsPerPiece, depth + 1);
    }
    yield "}";
    return;
  }
  yield JSON.stringify(value);
}

/**
 * The pieces of `JSON.stringify(report)` for a report whose `rows` are made from the log's row results:
 * the rows are made a thousand at a time by `rowsFrom(start, end)` (of `rowCount`) and written, and the
 * report's own `rows` is never read, so a 100,000-row report is never held as an object per row.
 */
export function* reportPieces(
  report: object,
  rowsFrom: (start: number, end: number) => unknown[],
  rowCount: number,
  itemsPerPiece = ITEMS_PER_PIECE,
): Generator<string> {
  yield "{";
  let first = true;
  for (const key of Object.keys(report)) {
    if (key === "rows") {
      yield `${first ? "" : ","}"rows":[`;
      for (let start = 0; start < rowCount; start += itemsPerPiece) {
        const text = JSON.stringify(rowsFrom(start, Math.min(rowCount, start + itemsPerPiece)));
        yield start === 0 ? text.slice(1, -1) : `,${text.slice(1, -1)}`;
      }
      yield "]";
    } else {
      const item: unknown = (report as Record<string, unknown>)[key];
      if (leftOut(item)) continue;
      yield `${first ? "" : ","}${JSON.stringify(key)}:`;
      yield* jsonPieces(item, itemsPerPiece, 1);
    }
    first = false;
  }
  yield "}";
}
