/**
 * The plain-text form of the log (docs/rules.md §5): a CSV file (RFC 4180) whose first
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
 * Every other cell stays text (a date must be ISO text, docs/rules.md §2).
 *
 * Dialects (docs/rules.md §5): fields separated by commas, semicolons (Excel in
 * locales whose decimal mark is a comma, where a Quantity `1,5` is 1.5) or
 * tabs, whichever makes the first record the header row; bytes in UTF-8
 * (with or without a byte order mark), UTF-16 with its byte order mark, or
 * else Windows-1252.
 */
import * as z from "zod/mini";
import {
  type CellValue,
  type LogInput,
  type LogRow,
  DECIMAL_TEXT,
  EMPTY_PROFILE_CELLS,
  LOG_COLUMNS,
  LOG_INDEX,
  extraFieldsFinding,
} from "../core";
import { UnreadableFileError } from "./errors";
import { LIMITS } from "./limits";

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
  scanCsv(text, SEPARATOR_CODES[separator], startOf(text), 1, true, (line, fields) => records.push({ line, fields: [...fields] }));
  return records;
}

export type Separator = "," | ";" | "\t";
const SEPARATOR_CODES: Readonly<Record<Separator, number>> = { ",": COMMA, ";": SEMICOLON, "\t": TAB };

/** Where the records of a file's text start: after a byte order mark. */
const startOf = (text: string): number => (text.charCodeAt(0) === 0xfeff ? 1 : 0);

/** Where a scan stopped: after the last whole record, and the line that follows it. */
interface ScanEnd {
  readonly end: number;
  readonly line: number;
}

/**
 * Calls `onRecord` with each record's first line and fields, in order, from
 * `position` (no intermediate list: a large log is read once). Fields past
 * Excel's 16,384 columns are dropped. The fields' list is the same list each
 * time, valid during the call only: a caller that keeps it copies it.
 *
 * The text may be a piece of a file (`final` false): a record that could go
 * on in the next piece (a field or a quoted field reaching the piece's end, a
 * closing quote that may be the first of a doubled one, a CR that may be the
 * first half of a CRLF) is left unread, and the scan returns where it starts;
 * the caller scans it again with the text that follows.
 */
function scanCsv(
  text: string,
  separator: number,
  position: number,
  line: number,
  final: boolean,
  onRecord: (line: number, fields: string[]) => void,
): ScanEnd {
  const length = text.length;
  const fields: string[] = [];
  while (position < length) {
    const recordStart = position;
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
            if (!final) return { end: recordStart, line: recordLine };
            throw new UnreadableFileError(
              `line ${openedOn}: a quoted field is never closed: add the closing double quote (")`,
              "unreadable.csv.openQuote",
              { line: openedOn },
            );
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
      // A field that reaches the piece's end may go on (a closing quote there may be the first of a doubled one),
      // and a CR there may be the first half of a CRLF.
      if (!final && position >= length - 1 && (position === length || text.charCodeAt(position) === CR)) {
        return { end: recordStart, line: recordLine };
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
  return { end: position, line };
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
  z.pipe(
    z.pipe(
      z.string(),
      z.transform((text: string) => text.trim().toLowerCase()),
    ),
    z.literal(expected.toLowerCase()),
  );

/**
 * The header row: the seven headers of docs/rules.md §5 in order, any case. Columns
 * after Notes (a table's computed columns, say) are allowed and ignored.
 */
export const csvHeaderSchema = z.tuple(
  LOG_COLUMNS.map(headerCell) as [ReturnType<typeof headerCell>, ...ReturnType<typeof headerCell>[]],
  z.string(),
);

const EXPECTED_HEADERS = LOG_COLUMNS.join(",");

function headerProblem(fields: readonly string[]): UnreadableFileError {
  const joined = fields.slice(0, LOG_COLUMNS.length + 1).join(",");
  const found = JSON.stringify(joined.length > 80 ? `${joined.slice(0, 80)}…` : joined);
  return new UnreadableFileError(
    `line 1: the header row must be ${EXPECTED_HEADERS}; found ${found} (fields may be separated by commas, semicolons or tabs)`,
    "unreadable.csv.badHeader",
    { headers: EXPECTED_HEADERS, found },
  );
}

/** Stops a scan after the record that was needed. */
class StopScan extends Error {}

/** The first record of the text read with a separator: null for empty text, undefined when it may go on past a piece's end. */
function firstRecord(text: string, separator: number, final: boolean): string[] | null | undefined {
  let first: string[] | null = null;
  try {
    scanCsv(text, separator, startOf(text), 1, final, (_line, fields) => {
      first = [...fields];
      throw new StopScan();
    });
  } catch (error) {
    if (!(error instanceof StopScan)) throw error;
  }
  // No record read: the text is empty, or (a piece) its first record may go on.
  return first ?? (final ? null : undefined);
}

/**
 * The separator that makes the first record the header row (commas when none does), with that record;
 * undefined when the text is a file's first piece that does not yet hold its whole first record.
 */
export function detectSeparator(text: string, final = true): { separator: Separator; header: string[] | null } | undefined {
  let comma: string[] | null = null;
  for (const separator of [",", ";", "\t"] as const) {
    const header = firstRecord(text, SEPARATOR_CODES[separator], final);
    if (header === undefined) return undefined;
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
const QUANTITY = LOG_INDEX.quantity;
/** The columns whose texts repeat from row to row: the date, the activity, the format, the credential. */
const REPEATING_COLUMNS: readonly boolean[] = LOG_COLUMNS.map((_, index) =>
  [LOG_INDEX.date, LOG_INDEX.activity, LOG_INDEX.format, LOG_INDEX.credential].includes(index),
);

/** The core's input for a CSV log: no profile, the 1900 date system for any serial-number dates. */
function csvLogInput(rows: readonly LogRow[]): LogInput {
  return { rows, profileCells: EMPTY_PROFILE_CELLS, dateSystem: "1900" };
}

/** A CSV log's text as the core's input. */
export function parseCsvLog(text: string): LogInput {
  return csvLogInput(new CsvLogReader().push(text, true));
}

/**
 * Reads a CSV log piece by piece, as a file is read a chunk at a time: each
 * piece gives the rows whose records it completes, and a record that goes on
 * waits for the next piece. The first piece that holds the whole first
 * record settles the separator and checks the header row. `parseCsvLog` is
 * the whole text as one final piece.
 */
export class CsvLogReader {
  private pending = "";
  private line = 1;
  private separator: number | null = null;
  private decimalComma = false;
  private isHeader = true;
  /** Fields of the header row: a record's fields beyond them are text that lost its quotes. */
  private headerWidth = 0;
  /** One string for each repeated short text, for a reader whose rows are all kept (null: rows read piece by piece are not). */
  private readonly texts: Map<string, string> | null;

  /**
   * `shareTexts`: keep one string for each repeated text, so a long log held whole keeps a third less memory. A reader
   * whose rows are dropped piece by piece shares none: a shared text cut from a piece would keep that piece alive.
   */
  constructor(options: { readonly shareTexts?: boolean } = {}) {
    this.texts = options.shareTexts === false ? null : new Map<string, string>();
  }

  /** The text that waits for the next piece: a record that may go on. */
  get pendingText(): string {
    return this.pending;
  }

  /**
   * The rows of the file's rest read as one final piece, which starts where the record that waits started
   * (read again, as the file's own bytes, instead of the text that waits: one string, not two joined).
   */
  pushInsteadOfPending(rest: string): LogRow[] {
    this.pending = "";
    return this.push(rest, true);
  }

  /** The rows whose records this piece completes; `final`: it is the file's last piece, and every record ends. */
  push(piece: string, final: boolean): LogRow[] {
    const text = this.pending === "" ? piece : this.pending + piece;
    this.pending = "";
    let position = 0;
    if (this.separator === null) {
      const detected = detectSeparator(text, final);
      if (detected === undefined) {
        this.pending = text;
        return [];
      }
      const { separator, header } = detected;
      if (header === null)
        throw new UnreadableFileError(
          `the file is empty: the first line must be the header row ${EXPECTED_HEADERS}`,
          "unreadable.csv.empty",
          {
            headers: EXPECTED_HEADERS,
          },
        );
      if (!csvHeaderSchema.safeParse(header).success) throw headerProblem(header);
      this.separator = SEPARATOR_CODES[separator];
      this.decimalComma = separator === ";";
      position = startOf(text);
    }
    const rows: LogRow[] = [];
    const { end, line } = scanCsv(text, this.separator, position, this.line, final, (recordLine, fields) => {
      if (this.isHeader) {
        this.isHeader = false;
        this.headerWidth = fields.length;
      } else {
        const extraFields = this.extraFieldsOf(fields);
        const cells = this.cellsOf(fields);
        rows.push(
          extraFields === undefined
            ? { row: recordLine, cells }
            : { row: recordLine, cells, found: { errors: [extraFieldsFinding(extraFields)], warnings: [] } },
        );
      }
    });
    this.line = line;
    if (end < text.length) this.pending = text.slice(end);
    return rows;
  }

  /** The record's text beyond the header row's fields, each field after its separator; undefined when there is none but blanks. */
  private extraFieldsOf(fields: readonly string[]): string | undefined {
    if (fields.length <= this.headerWidth) return undefined;
    const extra = fields.slice(this.headerWidth);
    if (extra.every((field) => field.trim() === "")) return undefined;
    const separator = String.fromCharCode(this.separator as number);
    return separator + extra.join(separator);
  }

  /** A record's fields as a row's cells: exactly the log's width, and a Quantity that is a decimal number as that number. */
  private cellsOf(fields: readonly string[]): CellValue[] {
    const width = LOG_COLUMNS.length;
    const cells: CellValue[] = new Array<CellValue>(width);
    for (let i = 0; i < width; i++) {
      const field = i < fields.length ? (fields[i] as string) : "";
      cells[i] = REPEATING_COLUMNS[i] === true ? this.shared(field) : field;
    }
    const quantity = cells[QUANTITY] as string;
    if (quantity !== "") {
      const decimal = DECIMAL_TEXT.test(quantity)
        ? quantity
        : this.decimalComma && DECIMAL_COMMA_TEXT.test(quantity)
          ? quantity.replace(",", ".")
          : null;
      if (decimal !== null) {
        const number = Number(decimal);
        if (Number.isFinite(number)) cells[QUANTITY] = number;
      }
    }
    return cells;
  }

  private shared(text: string): string {
    const texts = this.texts;
    if (texts === null || text.length > SHARED_TEXT_LENGTH) return text;
    const known = texts.get(text);
    if (known !== undefined) return known;
    if (texts.size < SHARED_TEXT_COUNT) texts.set(text, text);
    return text;
  }
}

export * from "./csv-encoding";
