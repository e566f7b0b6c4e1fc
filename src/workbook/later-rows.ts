/**
 * Writes a long log's rows into a workbook exceljs has written with the log's
 * first row only (`FormContent.rowsLater`, write-form.ts): the rows go into
 * the tracking form's sheet a few hundred at a time as the package is zipped
 * again, each cell as exceljs writes that value with the style exceljs gave
 * the first row's cell of its column; the sheet's extent and the table's
 * range are made to span them. exceljs holds several objects per cell and
 * builds each part whole before zipping it: a 100,000-row log took it over a
 * gigabyte. Here memory follows the rows of one piece.
 *
 * Where the workbook is not as this expects, `null` is returned and the
 * caller writes the whole log with exceljs instead.
 *
 * No Node APIs: the add-in and the web tracker export with this too.
 */
import type ExcelJS from "exceljs";
import { Zip, ZipDeflate, strFromU8, strToU8, unzipSync } from "fflate";
import type { LaterRows } from "./write-form";

/** Rows made into XML and deflated at a time. */
const ROWS_PER_PIECE = 512;

/** Days from Excel's 1900 day zero to 1970-01-01: exceljs writes a date as this plus its days since then. */
const UNIX_EPOCH_SERIAL = 25_569;
const MS_PER_DAY = 86_400_000;

const COLUMN_LETTERS = [
  "A",
  "B",
  "C",
  "D",
  "E",
  "F",
  "G",
  "H",
  "I",
  "J",
  "K",
  "L",
  "M",
  "N",
  "O",
  "P",
  "Q",
  "R",
  "S",
  "T",
  "U",
  "V",
  "W",
  "X",
  "Y",
  "Z",
];

// The characters exceljs's XML writer replaces, or drops (control characters XML cannot carry; escapeSheetText has made them escapes already).
// eslint-disable-next-line no-control-regex
const XML_SPECIAL = /["&'<>\u007f\u0000-\u0008\u000b\u000c\u000e-\u001f]/g;
const XML_ENTITIES: Readonly<Record<string, string>> = { '"': "&quot;", "&": "&amp;", "'": "&apos;", "<": "&lt;", ">": "&gt;" };

/** Text as exceljs's XML writer escapes it. */
const xmlText = (text: string): string => text.replace(XML_SPECIAL, (character) => XML_ENTITIES[character] ?? "");

/** A text's `<t>` element as exceljs's TextXform writes it: it keeps the spaces of a text that starts or ends with one or holds a line break. */
const textElement = (text: string): string => `<t${/^\s|\n|\s$/.test(text) ? ' xml:space="preserve"' : ""}>${xmlText(text)}</t>`;

/**
 * Texts holding a `_xHHHH_` escape (escapeSheetText's, for characters a cell cannot carry), added to the
 * shared strings: some readers (exceljs among them) decode escapes there and not in a string written in
 * its cell. Every other text is written in its cell.
 */
const HAS_ESCAPE = /_x[0-9a-f]{4}_/i;

/** Shared strings added after those exceljs wrote (`uniqueCount` of them, used `count` times). */
class AddedStrings {
  readonly texts: string[] = [];
  private readonly indexes = new Map<string, number>();
  uses = 0;

  constructor(private readonly uniqueCount: number) {}

  indexOf(text: string): number {
    this.uses++;
    let index = this.indexes.get(text);
    if (index === undefined) {
      index = this.uniqueCount + this.texts.length;
      this.indexes.set(text, index);
      this.texts.push(text);
    }
    return index;
  }
}

/** One cell as exceljs writes its value (`CellXform.render`), a string in its cell unless it holds an escape. */
function cellXml(reference: string, style: string, value: ExcelJS.CellValue, added: AddedStrings): string {
  if (value === null || value === undefined) return style === "" ? "" : `<c r="${reference}"${style}/>`;
  if (typeof value === "number") return `<c r="${reference}"${style}><v>${value}</v></c>`;
  if (typeof value === "boolean") return `<c r="${reference}"${style} t="b"><v>${value ? "1" : "0"}</v></c>`;
  if (typeof value === "string") {
    if (HAS_ESCAPE.test(value)) return `<c r="${reference}"${style} t="s"><v>${added.indexOf(value)}</v></c>`;
    return `<c r="${reference}"${style} t="inlineStr"><is>${textElement(value)}</is></c>`;
  }
  if (value instanceof Date) return `<c r="${reference}"${style}><v>${UNIX_EPOCH_SERIAL + value.getTime() / MS_PER_DAY}</v></c>`;
  if (typeof value === "object" && "error" in value) return `<c r="${reference}"${style} t="e"><v>${xmlText(String(value.error))}</v></c>`;
  // A formula, rich text or link is no value the form writes: exceljs writes the whole workbook instead.
  throw new UnexpectedCell();
}

/** A later row holds a value `cellXml` does not write. */
class UnexpectedCell extends Error {}

/** The attributes of an XML start tag, by name (values as written, not unescaped). */
function attributesOf(tag: string): Map<string, string> {
  const attributes = new Map<string, string>();
  for (const match of tag.matchAll(/([\w:]+)="([^"]*)"/g)) attributes.set(match[1] as string, match[2] as string);
  return attributes;
}

const escapedAttribute = (text: string): string =>
  text.replace(/&/g, "&amp;").replace(/"/g, "&quot;").replace(/</g, "&lt;").replace(/>/g, "&gt;").replace(/'/g, "&apos;");

/** The part name of the worksheet named `sheet`, through the workbook's sheet list and its relationships. */
function sheetPartOf(parts: Record<string, Uint8Array>, sheet: string): string | null {
  const workbook = parts["xl/workbook.xml"];
  const relationships = parts["xl/_rels/workbook.xml.rels"];
  if (workbook === undefined || relationships === undefined) return null;
  const wanted = escapedAttribute(sheet);
  let id: string | undefined;
  for (const match of strFromU8(workbook).matchAll(/<sheet\s[^>]*>/g)) {
    const attributes = attributesOf(match[0]);
    if (attributes.get("name") === wanted) id = attributes.get("r:id");
  }
  if (id === undefined) return null;
  for (const match of strFromU8(relationships).matchAll(/<Relationship\s[^>]*>/g)) {
    const attributes = attributesOf(match[0]);
    const target = attributes.get("Target");
    if (attributes.get("Id") === id && target !== undefined) return target.startsWith("/") ? target.slice(1) : `xl/${target}`;
  }
  return null;
}

/** The sheet's XML with the rows after `firstRow` written in pieces between `head` and `tail`; null if it is not as expected. */
function sheetPieces(
  xml: string,
  later: LaterRows,
  added: AddedStrings,
): { head: string; rows: () => Generator<string>; tail: string } | null {
  const { firstRow, lastRow } = later;
  const rowStart = xml.indexOf(`<row r="${firstRow}"`);
  const rowEnd = rowStart < 0 ? -1 : xml.indexOf("</row>", rowStart);
  // Nothing may follow the first row in the sheet's data: the later rows go there.
  if (rowEnd < 0 || !xml.startsWith("</row></sheetData>", rowEnd)) return null;
  const openEnd = xml.indexOf(">", rowStart);
  const rowAttributes = xml.slice(rowStart + `<row r="${firstRow}"`.length, openEnd);
  const styles = new Map<string, string>();
  for (const match of xml.slice(openEnd, rowEnd).matchAll(/<c r="([A-Z]+)\d+"(?: s="(\d+)")?/g)) {
    styles.set(match[1] as string, match[2] === undefined ? "" : ` s="${match[2]}"`);
  }
  const dimension = /<dimension ref="([A-Z]+)(\d+):([A-Z]+)(\d+)"\/>/.exec(xml);
  if (dimension === null || Number(dimension[4]) !== firstRow) return null;
  const head = xml
    .slice(0, rowEnd + "</row>".length)
    .replace(dimension[0], `<dimension ref="${dimension[1]}${dimension[2]}:${dimension[3]}${lastRow}"/>`);
  const columns = COLUMN_LETTERS.slice(0, later.columns);
  function* rows(): Generator<string> {
    let next = 0;
    let piece = "";
    for (let row = firstRow + 1; row <= lastRow; row++) {
      const placed = later.rows[next];
      const cells = placed !== undefined && placed.row === row ? placed.cells : null;
      if (cells !== null) next++;
      piece += `<row r="${row}"${rowAttributes}>`;
      columns.forEach((letter, index) => {
        piece += cellXml(`${letter}${row}`, styles.get(letter) ?? "", cells === null ? null : later.value(cells, index), added);
      });
      piece += "</row>";
      if ((row - firstRow) % ROWS_PER_PIECE === 0) {
        yield piece;
        piece = "";
      }
    }
    if (piece !== "") yield piece;
  }
  return { head, rows, tail: xml.slice(rowEnd + "</row>".length) };
}

/** The table part named `table` with its range (and its filter's) down to `lastRow`; null if it is not as expected. */
function tableWithRows(
  parts: Record<string, Uint8Array>,
  later: LaterRows,
  table: NonNullable<LaterRows["table"]>,
): { name: string; xml: string } | null {
  for (const [name, bytes] of Object.entries(parts)) {
    if (!/^xl\/tables\/[^/]+\.xml$/.test(name)) continue;
    const xml = strFromU8(bytes);
    if (!xml.includes(` name="${escapedAttribute(table.name)}"`)) continue;
    const range = new RegExp(` ref="([A-Z]+${table.headerRow}):([A-Z]+)${later.firstRow}"`, "g");
    const ranges = xml.match(range);
    if (ranges === null) return null;
    return { name, xml: xml.replace(range, (_whole, start: string, end: string) => ` ref="${start}:${end}${later.lastRow}"`) };
  }
  return null;
}

/**
 * The workbook `bytes` (as exceljs wrote them, each sheet of `laters` up to its `firstRow`) with the later
 * rows written into their sheets; null where the workbook is not as expected.
 */
export function withLaterRows(bytes: Uint8Array, laters: readonly LaterRows[]): Uint8Array | null {
  try {
    return zippedWithLaterRows(bytes, laters);
  } catch (error) {
    if (error instanceof UnexpectedCell) return null;
    throw error;
  }
}

function zippedWithLaterRows(bytes: Uint8Array, laters: readonly LaterRows[]): Uint8Array | null {
  const parts = unzipSync(bytes);
  const sharedPart = "xl/sharedStrings.xml";
  const sharedBytes = parts[sharedPart];
  const shared = sharedBytes === undefined ? null : strFromU8(sharedBytes);
  const counts = shared === null ? null : /<sst [^>]*count="(\d+)" uniqueCount="(\d+)"/.exec(shared);
  if (shared === null || counts === null || !shared.endsWith("</sst>")) return null;
  const added = new AddedStrings(Number(counts[2]));
  const sheets = new Map<string, NonNullable<ReturnType<typeof sheetPieces>>>();
  const changed = new Map<string, string>();
  for (const later of laters) {
    const part = sheetPartOf(parts, later.sheet);
    const sheetBytes = part === null ? undefined : parts[part];
    const pieces = sheetBytes === undefined ? null : sheetPieces(strFromU8(sheetBytes), later, added);
    if (part === null || pieces === null || sheets.has(part)) return null;
    sheets.set(part, pieces);
    if (later.table !== null) {
      const table = tableWithRows(parts, later, later.table);
      if (table === null) return null;
      changed.set(table.name, table.xml);
    }
  }
  const chunks: Uint8Array[] = [];
  let length = 0;
  const zip = new Zip((error, chunk) => {
    if (error) throw error;
    chunks.push(chunk);
    length += chunk.length;
  });
  const add = (name: string, pieces: Iterable<Uint8Array>): void => {
    const entry = new ZipDeflate(name, { level: 6 });
    zip.add(entry);
    for (const piece of pieces) entry.push(piece);
    entry.push(new Uint8Array(0), true);
  };
  for (const [name, data] of Object.entries(parts)) {
    // Folders have entries of their own in exceljs's zip, which no reader needs; the shared strings go last, once the rows have added theirs.
    if (name.endsWith("/") || name === sharedPart) continue;
    const sheet = sheets.get(name);
    const xml = changed.get(name);
    if (sheet !== undefined)
      add(
        name,
        (function* () {
          yield strToU8(sheet.head);
          for (const piece of sheet.rows()) yield strToU8(piece);
          yield strToU8(sheet.tail);
        })(),
      );
    else add(name, [xml === undefined ? data : strToU8(xml)]);
  }
  add(sharedPart, [
    strToU8(
      added.texts.length === 0
        ? shared
        : `${shared
            .slice(0, -"</sst>".length)
            .replace(
              counts[0],
              counts[0]
                .replace(`count="${counts[1]}"`, `count="${Number(counts[1]) + added.uses}"`)
                .replace(`uniqueCount="${counts[2]}"`, `uniqueCount="${Number(counts[2]) + added.texts.length}"`),
            )}${added.texts.map((text) => `<si>${textElement(text)}</si>`).join("")}</sst>`,
    ),
  ]);
  zip.end();
  const whole = new Uint8Array(length);
  let offset = 0;
  for (const chunk of chunks) {
    whole.set(chunk, offset);
    offset += chunk.length;
  }
  return whole;
}
