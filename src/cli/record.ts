/**
 * `verify --record FILE`: appends one row per verified file to a record
 * the coordinator keeps, as CSV (UTF-8 with a byte order mark, so Excel
 * opens it right) or as a workbook, never twice for the same fingerprint.
 */
import { readFile, writeFile } from "node:fs/promises";
import { type RecordRow, RECORD_COLUMNS, newRecordRows } from "../core";
import { UnreadableFileError } from "../workbook/errors";
import { RECORD_CSV_HEADER, parseRecordCsv, recordCsvLine, recordCsvText } from "../workbook/record-csv";

export const RECORD_SHEET = "CST Verification";

async function existing(path: string): Promise<Uint8Array | null> {
  try {
    return await readFile(path);
  } catch (error) {
    if ((error as { code?: unknown } | null)?.code === "ENOENT") return null;
    throw new UnreadableFileError(`${path}: the record cannot be read (${(error as Error).message})`);
  }
}

async function appendCsv(path: string, rows: readonly RecordRow[]): Promise<number> {
  const bytes = await existing(path);
  const text = bytes === null ? "" : recordCsvText(bytes);
  const record = parseRecordCsv(text);
  if (record === null) {
    throw new UnreadableFileError(
      `${path}: this CSV is not a verification record (its first column is not ${RECORD_COLUMNS[0]}): choose another --record file`,
    );
  }
  const added = newRecordRows(record.rows, rows);
  const separator = text !== "" && !/\r?\n$/.test(text) ? "\r\n" : "";
  if (added.length > 0 || !record.header) {
    const lines = added.map(recordCsvLine).join("");
    await writeFile(path, record.header ? separator + lines : RECORD_CSV_HEADER + separator + lines, { flag: record.header ? "a" : "w" });
  }
  return added.length;
}

async function appendWorkbook(path: string, rows: readonly RecordRow[]): Promise<number> {
  const bytes = await existing(path);
  // Loaded only for an .xlsx record: every verify would otherwise pay for loading exceljs (about a quarter of a second).
  const { default: ExcelJS } = await import("exceljs");
  const workbook = new ExcelJS.Workbook();
  if (bytes !== null) await workbook.xlsx.load(bytes as unknown as ArrayBuffer);
  let sheet = workbook.getWorksheet(RECORD_SHEET);
  if (sheet === undefined) {
    if (
      bytes !== null &&
      workbook.worksheets.length > 0 &&
      workbook.getWorksheet(RECORD_SHEET) === undefined &&
      workbook.worksheets.some((each) => each.actualRowCount > 0)
    ) {
      throw new UnreadableFileError(`${path}: this workbook has no ${RECORD_SHEET} sheet: choose another --record file`);
    }
    sheet = workbook.addWorksheet(RECORD_SHEET, { views: [{ state: "frozen", ySplit: 1 }] });
    sheet.addRow([...RECORD_COLUMNS]).font = { bold: true };
    RECORD_COLUMNS.forEach(
      (column, index) => (sheet!.getColumn(index + 1).width = column === "Fingerprint" ? 66 : column === "File" ? 40 : 18),
    );
  }
  const present: unknown[][] = [];
  sheet.eachRow((row) => present.push((row.values as unknown[]).slice(1)));
  const added = newRecordRows(present.slice(1), rows);
  for (const row of added) sheet.addRow([...row]);
  await workbook.xlsx.writeFile(path);
  return added.length;
}

/** Appends the rows the record lacks; returns how many were added. */
export function appendRecord(path: string, rows: readonly RecordRow[]): Promise<number> {
  return /\.csv$/i.test(path) ? appendCsv(path, rows) : appendWorkbook(path, rows);
}
