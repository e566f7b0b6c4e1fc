/**
 * The coordinator's verification record as CSV, one format for the command
 * line's `verify --record FILE.csv` and the web tracker's record file: UTF-8
 * with a byte order mark (so Excel opens it right), CRLF line ends, the
 * columns of RECORD_COLUMNS, the header first.
 */
import { RECORD_COLUMNS } from "../core";
import { type CsvRecord, parseCsv as parseCsvText } from "./csv";

/**
 * Text a spreadsheet opening the record would take for a formula (OWASP's CSV injection advice): it starts
 * with =, +, -, @, a tab or a line break, after any apostrophes (so that the apostrophe the record adds can
 * always be told from one the text had; a quoted carriage return reads back as a line feed).
 */
const FORMULA_START = /^'*[=+\-@\t\r\n]/;

/**
 * A field as written: text that a spreadsheet would run as a formula (a mentee's name or a file's name comes
 * from a stranger) behind an apostrophe, which Excel, LibreOffice and Google Sheets show as text; quoted
 * when it holds a comma, a quote, a line end or surrounding spaces, or has that apostrophe.
 */
function csvField(value: string | number): string {
  const given = String(value);
  const escaped = typeof value === "string" && FORMULA_START.test(given);
  const text = escaped ? `'${given}` : given;
  return escaped || /[",\r\n]/.test(text) || /^\s|\s$/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

/** A field's text as it was before `csvField` put an apostrophe before it. */
const unescapedField = (field: string): string => (field.startsWith("'") && FORMULA_START.test(field) ? field.slice(1) : field);

/** A record file's CSV records, each field as it was before `csvField` wrote it. */
function parseCsv(text: string): CsvRecord[] {
  return parseCsvText(text).map((record) => ({ line: record.line, fields: record.fields.map(unescapedField) }));
}

/** One line of the record, with its CRLF. */
export const recordCsvLine = (row: readonly (string | number)[]): string => `${row.map(csvField).join(",")}\r\n`;

/** What a new record file starts with: the byte order mark and the header line. */
export const RECORD_CSV_HEADER = `\uFEFF${recordCsvLine(RECORD_COLUMNS)}`;

/** A record file's text, without its byte order mark. */
export const recordCsvText = (bytes: Uint8Array): string => new TextDecoder("utf-8").decode(bytes).replace(/^\uFEFF/, "");

/**
 * A record file's rows (blank lines left out) and whether it has its header
 * (an empty file has neither); null when the text is a CSV whose first
 * column is not the record's, i.e. not a verification record.
 */
export function parseRecordCsv(
  text: string,
): { readonly header: boolean; readonly columns: readonly string[]; readonly rows: string[][] } | null {
  const records = text.trim() === "" ? [] : parseCsv(text).map((record) => record.fields);
  if (records.length === 0) return { header: false, columns: [], rows: [] };
  if (records[0]?.[0]?.trim() !== RECORD_COLUMNS[0]) return null;
  return {
    header: true,
    columns: records[0] ?? [],
    rows: records.slice(1).filter((fields) => fields.some((field) => field.trim() !== "")),
  };
}
