/**
 * The in-memory twin's sheets and cells (memoryWorkbook.ts): what a cell holds once a value is entered, as
 * Excel reads typed text, and writing a cell without changing a row array a snapshot may share.
 */
import {
  type CellValue,
  type DateSystem,
  type FieldKind,
  type PageLayout,
  DECIMAL_TEXT,
  TEXT_FORMAT,
  isBlankCell,
  isoDateToExcelSerial,
  parseIsoDate,
  readDateCell,
} from "../core";
import { writtenFormat } from "./decisions";

export interface MemorySheet {
  readonly name: string;
  /** Rows from worksheet row 1; cells from column A. */
  readonly cells: CellValue[][];
  /** Number formats by column index (whole columns, as the form sets them), below row 1. */
  readonly columnFormats: Record<number, string>;
  /** Number formats of single cells, keyed "row,column" (row from 1, column from 0); they win over the column's. */
  readonly cellFormats: Record<string, string>;
  /** Dropdowns by the list formula they take their choices from, keyed as the formats are ("row,column", or column index for table columns). */
  readonly validations: Record<string, string>;
  /** Column widths in characters, by column index. */
  readonly widths: Record<number, number>;
  hidden: boolean;
  frozenRows: number;
  page: PageLayout | null;
}

export interface MemoryTable {
  readonly name: string;
  readonly sheet: string;
  /** Worksheet row of the header row; the table starts in column A. */
  readonly headerRow: number;
  readonly headers: string[];
  /** Data rows, not counting the header. */
  dataRows: number;
  /** Dropdown choices by column index. */
  readonly choices: Record<number, readonly string[]>;
}

export interface MemorySelection {
  readonly sheet: string;
  readonly row: number;
  /** Columns selected, from index 0. */
  readonly columns: number;
}

export interface MemorySnapshot {
  readonly version: number;
  readonly sheets: readonly MemorySheet[];
  readonly tables: readonly MemoryTable[];
  readonly selection: MemorySelection | null;
  readonly dateSystem: DateSystem;
}

export interface MemoryWorkbookOptions {
  readonly dateSystem?: DateSystem;
  /** Sheets the workbook opens with (for example a user's own sheet, or a submission). */
  readonly sheets?: readonly { readonly name: string; readonly cells: readonly (readonly CellValue[])[] }[];
}

/** A cell holding a formula this workbook keeps without a result. */
export function isFormulaCell(value: CellValue): value is { formula: string } {
  return typeof value === "object" && value !== null && "formula" in value;
}

/** The number format of a cell (row from 1, column from 0): the cell's own, else its column's below the header row, else General. */
export function formatOf(sheet: MemorySheet, row: number, column: number): string {
  return sheet.cellFormats[`${row},${column}`] ?? (row > 1 ? sheet.columnFormats[column] : undefined) ?? "General";
}

/**
 * What a cell holds once a value is entered into it, as Excel reads what is
 * typed (and what Range.values is given): see officeWorkbook.ts.
 */
export function enteredValue(value: CellValue, format: string, dateSystem: DateSystem): CellValue {
  if (typeof value !== "string" || value === "" || format === TEXT_FORMAT) return value;
  if (DECIMAL_TEXT.test(value)) return Number(value);
  const first = value[0] as string;
  if ("=+-@".includes(first)) return { formula: first === "=" ? value : first === "@" ? `=${value.slice(1)}` : `=${value}` };
  const date = parseIsoDate(value.trim());
  if (date !== null) return isoDateToExcelSerial(date, dateSystem);
  if (/^(true|false)$/i.test(value.trim())) return value.trim().toLowerCase() === "true";
  return value;
}

/**
 * A cell read from a file as Excel holds it once the file is open: a date in
 * a date field as its serial number (a reader hands dates over as
 * `{ isoDate }`, a CSV log as text), numeric text in a number field as the
 * number; anything else as read, blank as "". The form's writer turns these
 * back into the same cells, so a log opened and saved reads as it did.
 */
export function asOpened(value: CellValue, kind: FieldKind, dateSystem: DateSystem): CellValue {
  if (isBlankCell(value)) return value ?? "";
  if (kind === "date" && typeof value !== "number") {
    const reading = readDateCell(value, dateSystem);
    if (reading.ok) return isoDateToExcelSerial(reading.date, dateSystem);
  }
  if ((kind === "number" || kind === "wholeNumber") && typeof value === "string" && DECIMAL_TEXT.test(value)) {
    const number = Number(value);
    if (Number.isFinite(number)) return number;
  }
  return value;
}

/**
 * Writes one cell. A row's array is never changed once made: the write puts
 * a new array in its place, so a snapshot (which shares the row arrays it
 * was taken with) keeps the values it saw.
 */
export function writeCell(sheet: MemorySheet, row: number, column: number, value: CellValue): void {
  while (sheet.cells.length < row) sheet.cells.push([]);
  const cells = [...(sheet.cells[row - 1] as CellValue[])];
  while (cells.length <= column) cells.push("");
  cells[column] = value;
  sheet.cells[row - 1] = cells;
}

/**
 * Writes a value as the add-in writes it: the cell's number format first (Text for a string, so it stays the
 * text it is; a field's number format for a number, `kind`), then the value as the cell then reads it.
 */
export function putCell(sheet: MemorySheet, row: number, column: number, value: CellValue, dateSystem: DateSystem, kind?: FieldKind): void {
  const format = writtenFormat(value, kind);
  if (format !== null) sheet.cellFormats[`${row},${column}`] = format;
  writeCell(sheet, row, column, enteredValue(value ?? "", formatOf(sheet, row, column), dateSystem));
}

/** A sheet with no cells, formats or settings. */
export function newSheet(name: string): MemorySheet {
  return { name, cells: [], columnFormats: {}, cellFormats: {}, validations: {}, widths: {}, hidden: false, frozenRows: 0, page: null };
}
