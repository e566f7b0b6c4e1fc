/**
 * The plain-text form of the log (SPEC 5): a CSV file (RFC 4180) whose first
 * row holds the seven headers. Pure: text in, the core's `LogInput` out, so
 * the add-in could read a CSV the same way the command line does.
 *
 * Row numbers are the line a person sees the record start on in a text
 * editor: the header is line 1 and every physical line counts, including the
 * lines inside a quoted field that spans several lines. So a record after a
 * two-line note is numbered one more than its neighbour would suggest, and
 * the number always leads to the right place in the file.
 *
 * A line break inside a quoted field is read as a line feed, whichever of
 * CRLF, LF or CR the file uses: that is how a spreadsheet cell holds a line
 * break (and how an .xlsx file gives it back), so a note reads the same from
 * a CSV log, from the submission exported from it, and from Excel.
 *
 * A Quantity that is a plain decimal number is read as that number, as a
 * spreadsheet opening the file would: the findings then read the same for
 * the CSV log and for its submission, whose Quantity cells are numbers.
 * Every other cell stays text (a date must be ISO text, SPEC 3).
 *
 * Dialects (SPEC 5): fields separated by commas, semicolons (Excel in
 * locales whose decimal mark is a comma, where a Quantity `1,5` is 1.5) or
 * tabs, whichever makes the first record the header row; bytes in UTF-8
 * (with or without a byte order mark), UTF-16 with its byte order mark, or
 * else Windows-1252.
 */
import { z } from "zod";
import { type CellValue, type LogInput, type LogRow, DECIMAL_TEXT, EMPTY_PROFILE_CELLS, LOG_COLUMNS, LOG_INDEX } from "../core";
import { UnreadableFileError } from "./errors";
import { LIMITS } from "./limits";
import { decodeWindows1252 } from "./windows-1252";

const COMMA = 44;
const SEMICOLON = 59;
const TAB = 9;
const QUOTE = 34;
const LF = 10;
const CR = 13;

export interface CsvRecord {
  /** Line the record starts on (1-based, physical lines). */
  readonly line: number;
  readonly fields: string[];
}

/**
 * Splits CSV text into records: fields separated by commas, records by LF,
 * CRLF or CR; a field in double quotes may hold commas, line breaks and
 * doubled quotes. A quote inside an unquoted field, or text after a closing
 * quote, is kept as written (spreadsheets write such files). A quoted field
 * still open at the end of the file is an error naming the line it opened on.
 */
export function parseCsv(text: string, separator: Separator = ","): CsvRecord[] {
  const records: CsvRecord[] = [];
  scanCsv(text, SEPARATOR_CODES[separator], (line, fields) => records.push({ line, fields: [...fields] }));
  return records;
}

export type Separator = "," | ";" | "\t";
const SEPARATOR_CODES: Readonly<Record<Separator, number>> = { ",": COMMA, ";": SEMICOLON, "\t": TAB };

/** Stops a scan after the record that was needed. */
class StopScan extends Error {}

/**
 * Calls `onRecord` with each record's first line and fields, in order (no
 * intermediate list: a large log is read once). Fields past Excel's 16,384
 * columns are dropped. The fields' list is the same list each time, valid
 * during the call only: a caller that keeps it copies it.
 */
function scanCsv(text: string, separator: number, onRecord: (line: number, fields: string[]) => void): void {
  const length = text.length;
  let position = text.charCodeAt(0) === 0xfeff ? 1 : 0;
  let line = 1;
  const fields: string[] = [];
  while (position < length) {
    const recordLine = line;
    fields.length = 0;
    for (;;) {
      let field: string;
      if (text.charCodeAt(position) === QUOTE) {
        const openedOn = line;
        let value = "";
        let start = position + 1;
        for (;;) {
          const close = text.indexOf('"', start);
          if (close === -1) {
            throw new UnreadableFileError(`line ${openedOn}: a quoted field is never closed: add the closing double quote (")`);
          }
          const breaks = countLineBreaks(text, start, close);
          line += breaks.count;
          value += breaks.hasCarriageReturn ? text.slice(start, close).replace(/\r\n?/g, "\n") : text.slice(start, close);
          if (text.charCodeAt(close + 1) === QUOTE) {
            value += '"';
            start = close + 2;
            continue;
          }
          position = close + 1;
          break;
        }
        // Text between the closing quote and the next separator is kept, as spreadsheets do.
        const end = fieldEnd(text, position, separator);
        if (end > position) value += text.slice(position, end);
        position = end;
        field = value;
      } else {
        const end = fieldEnd(text, position, separator);
        field = text.slice(position, end);
        position = end;
      }
      if (fields.length < LIMITS.maxCsvFields) fields.push(field);
      const code = text.charCodeAt(position);
      if (code === separator) {
        position++;
        continue;
      }
      // End of record: a line break or the end of the text.
      if (code === CR) position += text.charCodeAt(position + 1) === LF ? 2 : 1;
      else if (code === LF) position++;
      line++;
      break;
    }
    onRecord(recordLine, fields);
  }
}

/** Index of the separator, line break or end of text that ends an unquoted field starting at `from`. */
function fieldEnd(text: string, from: number, separator: number): number {
  const length = text.length;
  for (let i = from; i < length; i++) {
    const code = text.charCodeAt(i);
    if (code === separator || code === LF || code === CR) return i;
  }
  return length;
}

function countLineBreaks(text: string, from: number, to: number): { count: number; hasCarriageReturn: boolean } {
  let count = 0;
  let hasCarriageReturn = false;
  for (let i = from; i < to; i++) {
    const code = text.charCodeAt(i);
    if (code === LF) count++;
    else if (code === CR) {
      hasCarriageReturn = true;
      if (text.charCodeAt(i + 1) !== LF) count++;
    }
  }
  return { count, hasCarriageReturn };
}

const headerCell = (expected: string) =>
  z
    .string()
    .transform((text) => text.trim().toLowerCase())
    .pipe(z.literal(expected.toLowerCase()));

/**
 * The header row: the seven headers of SPEC 5 in order, any case. Columns
 * after Notes (a table's computed columns, say) are allowed and ignored.
 */
export const csvHeaderSchema = z
  .tuple(LOG_COLUMNS.map(headerCell) as [ReturnType<typeof headerCell>, ...ReturnType<typeof headerCell>[]])
  .rest(z.string());

const EXPECTED_HEADERS = LOG_COLUMNS.join(",");

function headerProblem(fields: readonly string[]): string {
  const joined = fields.slice(0, LOG_COLUMNS.length + 1).join(",");
  return `line 1: the header row must be ${EXPECTED_HEADERS}; found ${JSON.stringify(joined.length > 80 ? `${joined.slice(0, 80)}…` : joined)} (fields may be separated by commas, semicolons or tabs)`;
}

/** The first record of the text read with a separator, or null for empty text. */
function firstRecord(text: string, separator: number): string[] | null {
  let first: string[] | null = null;
  try {
    scanCsv(text, separator, (_line, fields) => {
      first = [...fields];
      throw new StopScan();
    });
  } catch (error) {
    if (!(error instanceof StopScan)) throw error;
  }
  return first;
}

/** The separator that makes the first record the header row (commas when none does), with that record. */
export function detectSeparator(text: string): { separator: Separator; header: string[] | null } {
  let comma: string[] | null = null;
  for (const separator of [",", ";", "\t"] as const) {
    const header = firstRecord(text, SEPARATOR_CODES[separator]);
    if (separator === ",") comma = header;
    if (header !== null && csvHeaderSchema.safeParse(header).success) return { separator, header };
  }
  return { separator: ",", header: comma };
}

/** A Quantity `1,5` as semicolon-separated files write 1.5 (decimal comma, no thousands separator). */
const DECIMAL_COMMA_TEXT = /^\s*[+-]?(\d+(,\d*)?|,\d+)\s*$/;

/** Texts kept once however often they repeat: short ones, up to a count that keeps the table small. */
const SHARED_TEXT_LENGTH = 64;
const SHARED_TEXT_COUNT = 65_536;
/** The columns whose texts repeat from row to row: the date, the activity, the format, the credential. */
const REPEATING_COLUMNS: readonly boolean[] = LOG_COLUMNS.map((_, index) =>
  [LOG_INDEX.date, LOG_INDEX.activity, LOG_INDEX.format, LOG_INDEX.credential].includes(index),
);

/** A CSV log's text as the core's input: no profile, the 1900 date system for any serial-number dates. */
export function parseCsvLog(text: string): LogInput {
  const width = LOG_COLUMNS.length;
  const quantityColumn = LOG_COLUMNS.indexOf("Quantity");
  const { separator, header } = detectSeparator(text);
  if (header === null) throw new UnreadableFileError(`the file is empty: the first line must be the header row ${EXPECTED_HEADERS}`);
  if (!csvHeaderSchema.safeParse(header).success) throw new UnreadableFileError(headerProblem(header));
  const decimalComma = separator === ";";
  const rows: LogRow[] = [];
  const texts = new Map<string, string>();
  const shared = (text: string): string => {
    if (text.length > SHARED_TEXT_LENGTH) return text;
    const known = texts.get(text);
    if (known !== undefined) return known;
    if (texts.size < SHARED_TEXT_COUNT) texts.set(text, text);
    return text;
  };
  let isHeader = true;
  scanCsv(text, SEPARATOR_CODES[separator], (line, fields) => {
    if (isHeader) {
      isHeader = false;
      return;
    }
    // An array of exactly the log's width, and one string for each repeated text: a long log keeps a third less memory.
    const cells: CellValue[] = new Array<CellValue>(width);
    for (let i = 0; i < width; i++) {
      const field = i < fields.length ? (fields[i] as string) : "";
      cells[i] = REPEATING_COLUMNS[i] === true ? shared(field) : field;
    }
    const quantity = cells[quantityColumn] as string;
    if (quantity !== "") {
      const decimal = DECIMAL_TEXT.test(quantity)
        ? quantity
        : decimalComma && DECIMAL_COMMA_TEXT.test(quantity)
          ? quantity.replace(",", ".")
          : null;
      if (decimal !== null) {
        const number = Number(decimal);
        if (Number.isFinite(number)) cells[quantityColumn] = number;
      }
    }
    rows.push({ row: line, cells });
  });
  return { rows, profileCells: EMPTY_PROFILE_CELLS, dateSystem: "1900" };
}

/** Whether the bytes are UTF-16 without a byte order mark: ASCII text with every other byte zero. */
function utf16WithoutMark(bytes: Uint8Array): "utf-16le" | "utf-16be" | null {
  if (bytes.length < 4) return null;
  if (bytes[0] !== 0 && bytes[1] === 0 && bytes[2] !== 0 && bytes[3] === 0) return "utf-16le";
  if (bytes[0] === 0 && bytes[1] !== 0 && bytes[2] === 0 && bytes[3] !== 0) return "utf-16be";
  return null;
}

/**
 * Decodes a CSV file's bytes: UTF-8 (with or without a byte order mark), or
 * UTF-16 with its byte order mark (or plainly UTF-16 by its zero bytes);
 * bytes that are not UTF-8 are read as Windows-1252, which is what
 * spreadsheets on Windows save "CSV" in.
 */
export function decodeCsvBytes(bytes: Uint8Array): string {
  if (bytes[0] === 0xff && bytes[1] === 0xfe) return new TextDecoder("utf-16le").decode(bytes.subarray(2));
  if (bytes[0] === 0xfe && bytes[1] === 0xff) return new TextDecoder("utf-16be").decode(bytes.subarray(2));
  const utf16 = utf16WithoutMark(bytes);
  if (utf16 !== null) return new TextDecoder(utf16).decode(bytes);
  try {
    return new TextDecoder("utf-8", { fatal: true }).decode(bytes);
  } catch {
    return decodeWindows1252(bytes);
  }
}
