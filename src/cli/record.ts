/**
 * `verify --record FILE`: appends one row per verified file to a record
 * the coordinator keeps, as CSV (UTF-8 with a byte order mark, so Excel
 * opens it right) or as a workbook, never twice for the same fingerprint.
 */
import { readFile, writeFile } from "node:fs/promises";
import { type RecordRow, RECORD_COLUMNS, newRecordRows, recordHeaderIsOld } from "../core";
import { UnreadableFileError } from "../workbook/errors";
import { RECORD_CSV_HEADER, parseRecordCsv, recordCsvLine, recordCsvText } from "../workbook/record-csv";

export const RECORD_SHEET = "CST Verification";

async function existing(path: string): Promise<Uint8Array | null> {
  try {
    return await readFile(path);
  } catch (error) {
    if ((error as { code?: unknown } | null)?.code === "ENOENT") return null;
    const detail = (error as Error).message;
    throw new UnreadableFileError(`${path}: the record cannot be read (${detail})`, "unreadable.atPath", {
      path,
      reason: { id: "unreadable.record.failed", values: { detail } },
    });
  }
}

/** A CSV record's text and rows; refuses a CSV that is not a record. */
async function readCsvRecord(path: string) {
  const bytes = await existing(path);
  const text = bytes === null ? "" : recordCsvText(bytes);
  const record = parseRecordCsv(text);
  if (record === null) {
    throw new UnreadableFileError(
      `${path}: this CSV is not a verification record (its first column is not ${RECORD_COLUMNS[0]}): choose another --record file`,
      "unreadable.atPath",
      { path, reason: { id: "unreadable.record.notRecordCsv", values: { column: RECORD_COLUMNS[0] } } },
    );
  }
  return { text, record };
}

async function appendCsv(path: string, rows: readonly RecordRow[]): Promise<number> {
  const { text, record } = await readCsvRecord(path);
  const added = newRecordRows(record.rows, rows);
  // A record begun before its last columns is written again whole under today's header: its rows keep their values.
  if (record.header && recordHeaderIsOld(record.columns)) {
    await writeFile(path, RECORD_CSV_HEADER + [...record.rows, ...added].map(recordCsvLine).join(""));
    return added.length;
  }
  const separator = text !== "" && !/\r?\n$/.test(text) ? "\r\n" : "";
  if (added.length > 0 || !record.header) {
    const lines = added.map(recordCsvLine).join("");
    await writeFile(path, record.header ? separator + lines : RECORD_CSV_HEADER + separator + lines, { flag: record.header ? "a" : "w" });
  }
  return added.length;
}

/** The record workbook's CST Verification sheet, made when the file is new or empty; refuses a workbook that is something else. */
async function loadRecordWorkbook(path: string) {
  const bytes = await existing(path);
  // Loaded only for an .xlsx record: every verify would otherwise pay for loading exceljs (about a quarter of a second).
  const { default: ExcelJS } = await import("exceljs");
  const workbook = new ExcelJS.Workbook();
  if (bytes !== null) await workbook.xlsx.load(bytes as unknown as ArrayBuffer);
  let sheet = workbook.getWorksheet(RECORD_SHEET);
  if (sheet === undefined) {
    if (bytes !== null && workbook.worksheets.some((each) => each.actualRowCount > 0)) {
      throw new UnreadableFileError(
        `${path}: this workbook has no ${RECORD_SHEET} sheet: choose another --record file`,
        "unreadable.atPath",
        {
          path,
          reason: { id: "unreadable.record.noSheet", values: { sheet: RECORD_SHEET } },
        },
      );
    }
    sheet = workbook.addWorksheet(RECORD_SHEET, { views: [{ state: "frozen", ySplit: 1 }] });
  }
  const present: unknown[][] = [];
  sheet.eachRow((row) => present.push((row.values as unknown[]).slice(1)));
  if (present.length === 0 || recordHeaderIsOld(present[0] ?? [])) {
    // A new sheet, or one begun before the record's last columns: today's header, the rows' values kept.
    const header = sheet.getRow(1);
    header.values = [...RECORD_COLUMNS];
    header.font = { bold: true };
    RECORD_COLUMNS.forEach(
      (column, index) =>
        (sheet!.getColumn(index + 1).width = column === "Fingerprint" ? 66 : column === "File" || column === "Row digests" ? 40 : 18),
    );
    if (present.length === 0) present.push([...RECORD_COLUMNS]);
  }
  return { workbook, sheet, rows: present.slice(1) };
}

async function appendWorkbook(path: string, rows: readonly RecordRow[]): Promise<number> {
  const { workbook, sheet, rows: present } = await loadRecordWorkbook(path);
  const added = newRecordRows(present, rows);
  for (const row of added) sheet.addRow([...row]);
  await workbook.xlsx.writeFile(path);
  return added.length;
}

/** Appends the rows the record lacks; returns how many were added. */
export function appendRecord(path: string, rows: readonly RecordRow[]): Promise<number> {
  return /\.csv$/i.test(path) ? appendCsv(path, rows) : appendWorkbook(path, rows);
}

/** The rows a record holds (none for a file not made yet): the ledger of awards a verification is checked against. */
export async function readRecordRows(path: string): Promise<readonly (readonly unknown[])[]> {
  if (/\.csv$/i.test(path)) return (await readCsvRecord(path)).record.rows;
  return (await loadRecordWorkbook(path)).rows;
}
