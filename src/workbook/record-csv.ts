/**
 * The coordinator's verification record as CSV, one format for the command
 * line's `verify --record FILE.csv` and the web tracker's record file: UTF-8
 * with a byte order mark (so Excel opens it right), CRLF line ends, the
 * columns of RECORD_COLUMNS, the header first.
 */
import { RECORD_COLUMNS } from "../core";
import { parseCsv } from "./csv";

/** A field as written: quoted when it holds a comma, a quote, a line end or surrounding spaces. */
function csvField(value: string | number): string {
  const text = String(value);
  return /[",\r\n]/.test(text) || /^\s|\s$/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
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
