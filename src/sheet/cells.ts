/**
 * What the sheet view shows of a cell, and which field of the form a cell
 * holds (so that typing into it is read as that field, with its list).
 */
import {
  type CellValue,
  type FieldDefinition,
  DATE_FORMAT,
  LOG_FIELD_DEFINITIONS,
  LOG_SHEET,
  PROFILE_FIELDS,
  PROFILE_SHEET,
  cellText,
  excelSerialToIsoDate,
  labelKey,
} from "../core";
import { type MemorySheet, formatOf, isFormulaCell } from "../excel/memorySheets";

/** Rows and columns shown beyond the sheet's last filled ones, so a person can type a new row below the table. */
export const EXTRA_ROWS = 3;
export const EXTRA_COLUMNS = 1;

/** What a cell shows: a date as a date, a formula (which the preview cannot compute) as its text. */
export function shown(sheet: MemorySheet, row: number, column: number, value: CellValue, dateSystem: "1900" | "1904"): string {
  if (value === null || value === undefined) return "";
  if (isFormulaCell(value)) return value.formula;
  if (typeof value === "object") return cellText(value);
  if (typeof value === "number" && formatOf(sheet, row, column) === DATE_FORMAT)
    return excelSerialToIsoDate(value, dateSystem) ?? String(value);
  if (typeof value === "boolean") return value ? "TRUE" : "FALSE";
  return String(value);
}

export interface Position {
  readonly row: number;
  readonly column: number;
}

export interface Editing extends Position {
  readonly initial: string;
  readonly text: string;
  /** Why the entry was not taken (it stays as typed until corrected or cancelled). */
  readonly problem?: string;
  /** The id of the dropdown list the cell's column offers (Activity, Format, Credential, Rule set), if any. */
  readonly list?: string;
}

/** The form's field a cell of a sheet holds: a log column below the table's header row, a Profile value in column B. */
export function fieldAt(sheet: MemorySheet, row: number, column: number): FieldDefinition | null {
  if (sheet.name === PROFILE_SHEET) return column === 1 ? (PROFILE_FIELDS[row - 1] ?? null) : null;
  if (sheet.name !== LOG_SHEET || row <= 1) return null;
  const header = sheet.cells[0]?.[column];
  return LOG_FIELD_DEFINITIONS.find((field) => typeof header === "string" && labelKey(header) === labelKey(field.label)) ?? null;
}

export const listIdOf = (field: FieldDefinition | null): string | undefined =>
  field !== null && field.choices !== null ? `cst-choices-${field.key}` : undefined;
