/**
 * Raw cell values as they arrive from Excel (custom functions, Office.js),
 * from a CSV file (always text) or from a workbook reader. Dates arrive as
 * serial numbers (Excel), ISO text, or already as calendar dates decoded by a
 * reader (`{ isoDate }`), which keeps the core free of JavaScript `Date` and
 * its time zones. Two more shapes say that a cell holds no value the rules
 * can read: an Excel error (`{ excelError: "#N/A" }`) and a formula saved
 * without its result (`{ formula }`: openpyxl never computes one). The rules
 * turn both into a finding on the row that names the cell.
 */

export interface DecodedDate {
  readonly isoDate: string;
}

/** A cell holding one of Excel's error values, by its text: #N/A, #REF!, #DIV/0!, #VALUE!, … */
export interface ErrorCell {
  readonly excelError: string;
}

/** A formula stored without a result: the file was written by a program that does not calculate. */
export interface UncomputedFormula {
  readonly formula: string;
}

export type CellValue = string | number | boolean | null | undefined | DecodedDate | ErrorCell | UncomputedFormula;

/** A cell that holds no readable value: an Excel error or a formula without its result. */
export type UnreadableCell = ErrorCell | UncomputedFormula;

export function isDecodedDate(value: CellValue): value is DecodedDate {
  return typeof value === "object" && value !== null && "isoDate" in value;
}

export function isUnreadableCell(value: CellValue): value is UnreadableCell {
  return typeof value === "object" && value !== null && !("isoDate" in value);
}

/** The text a cell shows: a date as ISO text, an error as its code, a formula without a result as nothing. */
function objectText(value: DecodedDate | UnreadableCell): string {
  if ("isoDate" in value) return value.isoDate;
  if ("excelError" in value) return value.excelError;
  return "";
}

/** Plain decimal text, surrounding spaces allowed ("2", " 1.5 ", "-0.25", "1e3"): read as the number it holds. */
export const DECIMAL_TEXT = /^\s*[+-]?(\d+(\.\d*)?|\.\d+)([eE][+-]?\d+)?\s*$/;

/** Blank: nothing, an empty string, or only spaces. */
export function isBlankCell(value: CellValue): boolean {
  if (value === null || value === undefined) return true;
  if (typeof value === "string") return value.trim() === "";
  return false;
}

/** Text of a cell for fields that hold names and free text. */
export function cellText(value: CellValue): string {
  if (value === null || value === undefined) return "";
  if (typeof value === "string") return value.trim();
  if (typeof value === "number" || typeof value === "boolean") return String(value);
  return objectText(value);
}

/** How a cell is shown to a person in a message. */
export function describeCell(value: CellValue): string {
  if (value === null || value === undefined) return "(blank)";
  if (typeof value === "string") return JSON.stringify(value.length > 40 ? `${value.slice(0, 40)}…` : value);
  if (typeof value === "number" || typeof value === "boolean") return String(value);
  if ("formula" in value)
    return `a formula without a saved result (${value.formula.length > 40 ? `${value.formula.slice(0, 40)}…` : value.formula})`;
  return objectText(value);
}

/** Labels, headers and names match whatever their case and spacing ("mentee  NAME" is "Mentee name"). */
export function labelKey(text: string): string {
  return text.trim().replace(/\s+/g, " ").toLowerCase();
}
