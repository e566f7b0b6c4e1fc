/**
 * The candidate "exceljs with guards" of bench/readers.ts: the workbook
 * reader the project had before the strict reader (src/workbook/read-xlsx.ts),
 * kept here only to be measured against it. `repair: false` is exceljs alone.
 *
 * Reads a tracking-form workbook (.xlsx) with exceljs: the `Profile` sheet,
 * the `MentorshipLog` table (or a `Tracking Form` sheet with the headers),
 * the date system, and the `Submission` sheet of an exported submission.
 * Workbooks come from Excel, LibreOffice, Google Sheets, openpyxl, SheetJS and
 * exceljs, so nothing here assumes more than the file format promises.
 *
 * No Node APIs: the bytes come in, so the same reader runs in the browser.
 */
import ExcelJS from "exceljs";
import {
  type CellValue,
  type DateSystem,
  type LogInput,
  type LogRow,
  LOG_COLUMNS,
  LOG_SHEET,
  LOG_TABLE,
  PROFILE_FIELDS,
  PROFILE_SHEET,
  SUBMISSION_SHEET,
  excelSerialToIsoDate,
} from "../../src/core";
import { UnreadableFileError } from "../../src/workbook/errors";
import { mapColumns } from "../../src/workbook/form-sheets";
import { repairAbsoluteTargets } from "./zip-repair";

export interface WorkbookLog {
  readonly log: LogInput;
  /** The Submission sheet's rows (columns A and B) when the workbook is an exported submission, else null. */
  readonly submissionRows: CellValue[][] | null;
}

const MS_PER_DAY = 86_400_000;
/** 1970-01-01 as an Excel serial in the 1900 system. */
const UNIX_EPOCH_SERIAL = 25_569;
const SERIAL_OFFSET_1904 = 1_462;

/**
 * A date exceljs decoded back to the calendar date the cell shows. exceljs
 * turns the serial into a UTC `Date` with a plain offset; going back to the
 * serial and through the core's conversion keeps Excel's fictitious
 * 1900-02-29 and the dates before it right, and no local time zone is ever
 * involved.
 */
export function dateCellValue(date: Date, system: DateSystem): CellValue {
  const time = date.getTime();
  if (Number.isNaN(time)) return "";
  const serial = UNIX_EPOCH_SERIAL + time / MS_PER_DAY - (system === "1904" ? SERIAL_OFFSET_1904 : 0);
  const iso = excelSerialToIsoDate(serial, system);
  return iso === null ? serial : { isoDate: iso };
}

type ExcelValue = ExcelJS.CellValue | undefined;

/** One exceljs cell value as a core cell value: formulas by their cached result, rich text and links as text, errors as their text. */
export function toCellValue(value: ExcelValue, system: DateSystem): CellValue {
  if (value === null || value === undefined) return null;
  if (typeof value === "string" || typeof value === "number" || typeof value === "boolean") return value;
  if (value instanceof Date) return dateCellValue(value, system);
  if (typeof value !== "object") return String(value);
  if ("error" in value) return String(value.error);
  if ("richText" in value) return value.richText.map((run) => run.text).join("");
  if ("formula" in value || "sharedFormula" in value) return toCellValue(value.result as ExcelValue, system);
  if ("text" in value) return toCellValue(value.text as ExcelValue, system);
  return null;
}

const headerKey = (value: CellValue): string => (typeof value === "string" ? value.trim().toLowerCase() : "");

interface LogRange {
  readonly worksheet: ExcelJS.Worksheet;
  /** First and last worksheet row of data. */
  readonly firstRow: number;
  readonly lastRow: number;
  /** Worksheet column of each of the seven log columns. */
  readonly columns: readonly number[];
}

interface TableModel {
  readonly name?: string;
  readonly tableRef?: string;
  readonly ref?: string;
  readonly totalsRow?: boolean;
  readonly columns?: readonly { readonly name?: string }[];
}

/** Row and column numbers of an A1-style range ("B2:H40"; a single cell is a one-cell range). */
function decodeRange(ref: string): { top: number; left: number; bottom: number; right: number } | null {
  const match = /^\$?([A-Z]{1,3})\$?(\d+)(?::\$?([A-Z]{1,3})\$?(\d+))?$/i.exec(ref.trim());
  if (match === null) return null;
  const column = (letters: string) => [...letters.toUpperCase()].reduce((sum, letter) => sum * 26 + letter.charCodeAt(0) - 64, 0);
  const left = column(match[1] as string);
  const top = Number(match[2]);
  const right = match[3] === undefined ? left : column(match[3]);
  const bottom = match[4] === undefined ? top : Number(match[4]);
  return { top: Math.min(top, bottom), left: Math.min(left, right), bottom: Math.max(top, bottom), right: Math.max(left, right) };
}

function tableModels(worksheet: ExcelJS.Worksheet): TableModel[] {
  // exceljs keeps loaded tables as { name: Table } whose `table` is the parsed model.
  const tables = (worksheet as unknown as { tables?: Record<string, { table?: TableModel }> }).tables ?? {};
  return Object.values(tables).flatMap((table) => (table.table === undefined ? [] : [table.table]));
}

function findLogTable(workbook: ExcelJS.Workbook, system: DateSystem): LogRange | null {
  for (const worksheet of workbook.worksheets) {
    for (const table of tableModels(worksheet)) {
      if (table.name?.toLowerCase() !== LOG_TABLE.toLowerCase()) continue;
      const ref = table.tableRef ?? table.ref ?? "";
      const range = decodeRange(ref);
      if (range === null)
        throw new UnreadableFileError(
          `the ${LOG_TABLE} table has no readable range (${JSON.stringify(ref)}): recreate the table`,
          "unreadable.table.badRange",
          {
            table: LOG_TABLE,
            range: JSON.stringify(ref),
          },
        );
      // exceljs reads a missing headerRowCount (the usual case, default 1) as "no header row": look at the first row instead.
      const names = new Map<number, string>();
      (table.columns ?? []).forEach((column, index) => names.set(range.left + index, headerKey(column.name ?? "")));
      const headerRow = worksheet.getRow(range.top);
      const shown = new Map<number, string>();
      for (let column = range.left; column <= range.right; column++)
        shown.set(column, headerKey(toCellValue(headerRow.getCell(column).value, system)));
      const hasHeaderRow = [...names].every(([column, name]) => shown.get(column) === name) && names.size > 0;
      const mapped = mapColumns(names.size > 0 ? names : shown);
      if ("missing" in mapped) {
        throw new UnreadableFileError(
          `the ${LOG_TABLE} table lacks the column${mapped.missing.length > 1 ? "s" : ""} ${mapped.missing.join(", ")}: its headers must be ${LOG_COLUMNS.join(", ")}`,
          "unreadable.table.missingColumns",
          { table: LOG_TABLE, count: mapped.missing.length, columns: mapped.missing.join(", "), headers: LOG_COLUMNS.join(", ") },
        );
      }
      return {
        worksheet,
        firstRow: hasHeaderRow || names.size === 0 ? range.top + 1 : range.top,
        lastRow: table.totalsRow ? range.bottom - 1 : range.bottom,
        columns: mapped.columns,
      };
    }
  }
  return null;
}

function headerRowRange(worksheet: ExcelJS.Worksheet, system: DateSystem): LogRange | null {
  const headers = new Map<number, string>();
  worksheet.getRow(1).eachCell((cell, column) => headers.set(column, headerKey(toCellValue(cell.value, system))));
  const mapped = mapColumns(headers);
  if ("missing" in mapped) return null;
  return { worksheet, firstRow: 2, lastRow: worksheet.rowCount, columns: mapped.columns };
}

/**
 * Without the table: the `Tracking Form` sheet with the headers in its first
 * row, else any sheet with them there (a CSV log saved as a workbook, say,
 * whose one sheet is named after the file).
 */
function findLogSheet(workbook: ExcelJS.Workbook, system: DateSystem): LogRange | null {
  const named = workbook.worksheets.find((sheet) => sheet.name.trim().toLowerCase() === LOG_SHEET.toLowerCase());
  const fromNamed = named === undefined ? null : headerRowRange(named, system);
  if (fromNamed !== null) return fromNamed;
  for (const worksheet of workbook.worksheets) {
    if (worksheet === named) continue;
    const range = headerRowRange(worksheet, system);
    if (range !== null) return range;
  }
  return null;
}

function readRows(range: LogRange, system: DateSystem): LogRow[] {
  const rows: LogRow[] = [];
  for (let number = range.firstRow; number <= range.lastRow; number++) {
    const row = range.worksheet.findRow(number);
    if (row === undefined) continue;
    rows.push({ row: number, cells: range.columns.map((column) => toCellValue(row.getCell(column).value, system)) });
  }
  return rows;
}

const labelKey = (value: CellValue): string => (typeof value === "string" ? value.trim().replace(/\s+/g, " ").toLowerCase() : "");

/**
 * The Profile sheet's six values. Each is found by its label in column A;
 * a field whose label is nowhere in column A is read from its docs/rules.md §5
 * position (B1…B6) only when that row has no label at all.
 */
function readProfileCells(workbook: ExcelJS.Workbook, system: DateSystem): CellValue[] {
  const worksheet = workbook.worksheets.find((sheet) => sheet.name.trim().toLowerCase() === PROFILE_SHEET.toLowerCase());
  if (worksheet === undefined) return PROFILE_FIELDS.map(() => "");
  const rowByLabel = new Map<string, number>();
  worksheet.eachRow((row, number) => {
    const label = labelKey(toCellValue(row.getCell(1).value, system));
    if (label !== "" && !rowByLabel.has(label)) rowByLabel.set(label, number);
  });
  return PROFILE_FIELDS.map((field, index) => {
    let number = rowByLabel.get(field.label.toLowerCase());
    if (number === undefined) {
      const position = index + 1;
      const unlabelled = labelKey(toCellValue(worksheet.getRow(position).getCell(1).value, system)) === "";
      if (!unlabelled) return "";
      number = position;
    }
    return toCellValue(worksheet.getRow(number).getCell(2).value, system);
  });
}

function readSubmissionRows(workbook: ExcelJS.Workbook, system: DateSystem): CellValue[][] | null {
  const worksheet = workbook.worksheets.find((sheet) => sheet.name.trim().toLowerCase() === SUBMISSION_SHEET.toLowerCase());
  if (worksheet === undefined) return null;
  const rows: CellValue[][] = [];
  worksheet.eachRow((row) => rows.push([toCellValue(row.getCell(1).value, system), toCellValue(row.getCell(2).value, system)]));
  return rows;
}

async function loadWorkbook(bytes: Uint8Array, repair: boolean): Promise<ExcelJS.Workbook> {
  let repaired: Uint8Array;
  try {
    repaired = repair ? await repairAbsoluteTargets(bytes) : bytes;
  } catch {
    throw new UnreadableFileError(
      "it is not an Excel workbook (.xlsx): it could not be opened as one; save it from Excel as .xlsx",
      "unreadable.format.notWorkbookByName",
    );
  }
  const workbook = new ExcelJS.Workbook();
  try {
    // exceljs's types ask for a Node Buffer; its loader (JSZip) takes any byte array, in Node and in the browser.
    await workbook.xlsx.load(repaired as unknown as ArrayBuffer);
  } catch (error) {
    const detail = error instanceof Error ? error.message : String(error);
    throw new UnreadableFileError(
      `the workbook could not be read (${detail}): open it in Excel and save it again as .xlsx`,
      "unreadable.workbook.failed",
      {
        detail,
      },
    );
  }
  return workbook;
}

/**
 * Reads a tracking-form workbook's bytes. Throws `UnreadableFileError` when
 * the bytes are not a workbook or it has neither the `MentorshipLog` table
 * nor a `Tracking Form` sheet with the headers.
 */
export async function readWorkbookLog(bytes: Uint8Array, repair = true): Promise<WorkbookLog> {
  const workbook = await loadWorkbook(bytes, repair);
  const dateSystem: DateSystem = workbook.properties?.date1904 ? "1904" : "1900";
  const range = findLogTable(workbook, dateSystem) ?? findLogSheet(workbook, dateSystem);
  if (range === null) {
    throw new UnreadableFileError(
      `it has no ${LOG_TABLE} table and no sheet ("${LOG_SHEET}" or another) whose first row has the headers ${LOG_COLUMNS.join(", ")}: insert the tracking form, or start from the template`,
      "unreadable.noLog",
      { table: LOG_TABLE, sheet: LOG_SHEET, headers: LOG_COLUMNS.join(", ") },
    );
  }
  return {
    log: { rows: readRows(range, dateSystem), profileCells: readProfileCells(workbook, dateSystem), dateSystem },
    submissionRows: readSubmissionRows(workbook, dateSystem),
  };
}
