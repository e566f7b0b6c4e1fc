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
 */
import { z } from "zod";
import { type CellValue, type LogInput, type LogRow, DECIMAL_TEXT, EMPTY_PROFILE_CELLS, LOG_COLUMNS } from "../core";
import { UnreadableFileError } from "./errors";

const COMMA = 44;
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
export function parseCsv(text: string): CsvRecord[] {
  const records: CsvRecord[] = [];
  scanCsv(text, (line, fields) => records.push({ line, fields }));
  return records;
}

/** Calls `onRecord` with each record's first line and fields, in order (no intermediate list: a large log is read once). */
function scanCsv(text: string, onRecord: (line: number, fields: string[]) => void): void {
  const length = text.length;
  let position = text.charCodeAt(0) === 0xfeff ? 1 : 0;
  let line = 1;
  while (position < length) {
    const recordLine = line;
    const fields: string[] = [];
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
        const end = fieldEnd(text, position);
        if (end > position) value += text.slice(position, end);
        position = end;
        field = value;
      } else {
        const end = fieldEnd(text, position);
        field = text.slice(position, end);
        position = end;
      }
      fields.push(field);
      const code = text.charCodeAt(position);
      if (code === COMMA) {
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

/** Index of the comma, line break or end of text that ends an unquoted field starting at `from`. */
function fieldEnd(text: string, from: number): number {
  const length = text.length;
  for (let i = from; i < length; i++) {
    const code = text.charCodeAt(i);
    if (code === COMMA || code === LF || code === CR) return i;
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
  const joined = fields.join(",");
  const separatorHint = fields.length === 1 && /[;\t]/.test(joined) ? " (fields must be separated by commas)" : "";
  return `line 1: the header row must be ${EXPECTED_HEADERS}${separatorHint}; found ${JSON.stringify(joined.length > 80 ? `${joined.slice(0, 80)}…` : joined)}`;
}

/** A CSV log's text as the core's input: no profile, the 1900 date system for any serial-number dates. */
export function parseCsvLog(text: string): LogInput {
  const width = LOG_COLUMNS.length;
  const quantityColumn = LOG_COLUMNS.indexOf("Quantity");
  const rows: LogRow[] = [];
  let header: string[] | null = null;
  scanCsv(text, (line, fields) => {
    if (header === null) {
      header = fields;
      if (!csvHeaderSchema.safeParse(fields).success) throw new UnreadableFileError(headerProblem(fields));
      return;
    }
    const cells: CellValue[] = fields;
    if (cells.length > width) cells.length = width;
    while (cells.length < width) cells.push("");
    const quantity = cells[quantityColumn] as string;
    if (quantity !== "" && DECIMAL_TEXT.test(quantity)) {
      const number = Number(quantity);
      if (Number.isFinite(number)) cells[quantityColumn] = number;
    }
    rows.push({ row: line, cells });
  });
  if (header === null) throw new UnreadableFileError(`the file is empty: the first line must be the header row ${EXPECTED_HEADERS}`);
  return { rows, profileCells: EMPTY_PROFILE_CELLS, dateSystem: "1900" };
}

/**
 * Decodes a CSV file's bytes: UTF-8 (with or without a byte order mark), or
 * UTF-16 with its byte order mark; bytes that are not UTF-8 are read as
 * Windows-1252, which is what spreadsheets on Windows save "CSV" in.
 */
export function decodeCsvBytes(bytes: Uint8Array): string {
  if (bytes[0] === 0xff && bytes[1] === 0xfe) return new TextDecoder("utf-16le").decode(bytes.subarray(2));
  if (bytes[0] === 0xfe && bytes[1] === 0xff) return new TextDecoder("utf-16be").decode(bytes.subarray(2));
  try {
    return new TextDecoder("utf-8", { fatal: true }).decode(bytes);
  } catch {
    return new TextDecoder("windows-1252").decode(bytes);
  }
}
