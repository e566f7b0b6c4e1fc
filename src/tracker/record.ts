/**
 * The coordinator's verification record as a file: the rows the Coordinator
 * tab's Record writes into the page's `CST Verification` sheet, saved as the
 * CSV the command line's `verify --record FILE.csv` keeps (UTF-8 with a byte
 * order mark, so Excel opens it right; the same columns; CRLF line ends), so
 * that a coordinator can keep one record from both. A record opened here
 * goes back into that sheet, so Record leaves out what it already holds.
 */
import { type CellValue, type RecordRow, RECORD_COLUMNS, cellText } from "../core";
import type { TrackingWorkbook, VerificationRow } from "../excel/workbook";
import { UnreadableFileError } from "../workbook/errors";
import { RECORD_CSV_HEADER, parseRecordCsv, recordCsvLine, recordCsvText } from "../workbook/record-csv";

export const RECORD_FILE_NAME = "CST-verification-record.csv";

const isHeader = (row: readonly CellValue[] | undefined): boolean => row !== undefined && cellText(row[0]).trim() === RECORD_COLUMNS[0];

/** A record cell as the file holds it: text as it is (spaces kept), numbers as numbers. */
const fieldOf = (value: CellValue): string | number => (typeof value === "string" || typeof value === "number" ? value : cellText(value));

/** The record's rows (without the header) from the CST Verification sheet's rows. */
export function recordRowsOf(sheetRows: readonly VerificationRow[]): RecordRow[] {
  const rows = isHeader(sheetRows[0]) ? sheetRows.slice(1) : sheetRows;
  return rows
    .filter((row) => row.some((value) => cellText(value).trim() !== ""))
    .map((row) => RECORD_COLUMNS.map((_, index) => fieldOf(row[index])));
}

/** The record file's text: the byte order mark, the header and one line per row. */
export function recordCsv(rows: readonly RecordRow[]): string {
  return `${RECORD_CSV_HEADER}${rows.map(recordCsvLine).join("")}`;
}

/** A record file's rows; refuses a CSV that is not a verification record, as the command line does. */
export function readRecordCsv(bytes: Uint8Array): RecordRow[] {
  const record = parseRecordCsv(recordCsvText(bytes));
  if (record === null)
    throw new UnreadableFileError(
      `it is not a verification record (its first column is not ${RECORD_COLUMNS[0]})`,
      "unreadable.record.notRecord",
      {
        column: RECORD_COLUMNS[0],
      },
    );
  return record.rows;
}

/** What the workbook's CST Verification sheet holds, as one string: the record changed when it differs. */
export async function recordKey(workbook: TrackingWorkbook): Promise<string> {
  return JSON.stringify(recordRowsOf(await workbook.readVerification()));
}

/** Puts a record's rows into the workbook's CST Verification sheet (its header first), in place of what it held. */
export async function loadRecord(workbook: TrackingWorkbook, rows: readonly RecordRow[]): Promise<void> {
  if (rows.length === 0 && (await workbook.readVerification()).length === 0) return;
  await workbook.writeVerification({ rows: [[...RECORD_COLUMNS], ...rows], mode: "replace" });
}
