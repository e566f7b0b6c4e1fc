/**
 * Turns the values Excel passes to a custom function (2-D arrays of numbers,
 * text, booleans and blanks) into the core's rows and profile cells. The
 * shape is checked once per range; cells are only looked at for the one case
 * Excel can send that the core does not read: an error value inside the range.
 */
import { type CellValue, type Category, type LogRow, type ProfileCells, CATEGORIES, LOG_COLUMNS, PROFILE_FIELDS } from "../core";
import { type FunctionFailure, failure, isFailure } from "./cellError";

const COLUMN_COUNT = LOG_COLUMNS.length;
const HEADER_KEYS = LOG_COLUMNS.map((header) => header.toLowerCase());
const COLUMN_LIST = LOG_COLUMNS.join(", ");

/**
 * One value from Excel as a core cell value. A cell holding an Excel error
 * (#N/A, #REF!...) arrives as an object with a code: it is read as that text,
 * so the row's message names it.
 */
export function toCellValue(value: unknown): CellValue {
  if (value === null || value === undefined) return value;
  const type = typeof value;
  if (type === "string" || type === "number" || type === "boolean") return value as CellValue;
  if (type === "object") {
    const code = (value as { code?: unknown; type?: unknown }).code ?? (value as { type?: unknown }).type;
    if (typeof code === "string") return code;
  }
  return String(value);
}

function needsPlainCells(row: readonly unknown[]): boolean {
  for (let j = 0; j < COLUMN_COUNT; j++) {
    const value = row[j];
    if (typeof value === "object" && value !== null) return true;
  }
  return false;
}

function isHeaderRow(row: readonly unknown[]): boolean {
  for (let j = 0; j < COLUMN_COUNT; j++) {
    const value = row[j];
    if (typeof value !== "string" || value.trim().toLowerCase() !== HEADER_KEYS[j]) return false;
  }
  return true;
}

function isBlankValue(value: unknown): boolean {
  return value === null || value === undefined || (typeof value === "string" && value.trim() === "");
}

function isBlankRow(row: readonly unknown[]): boolean {
  for (let j = 0; j < COLUMN_COUNT; j++) if (!isBlankValue(row[j])) return false;
  return true;
}

function describeShape(range: readonly unknown[]): string {
  const first = range[0];
  const columns = Array.isArray(first) ? first.length : 1;
  return `${range.length} row${range.length === 1 ? "" : "s"} by ${columns} column${columns === 1 ? "" : "s"}`;
}

const LOG_SHAPE_FIX = `select the MentorshipLog table (or its ${COLUMN_COUNT} columns ${COLUMN_LIST}), for example =CST.CREDIT(MentorshipLog).`;

/** A log range checked for shape: its rows as Excel passed them, and where the data starts. */
export interface LogGrid {
  readonly grid: readonly (readonly CellValue[])[];
  /** Index of the first row after a header row (0 without one). */
  readonly firstIndex: number;
}

/**
 * The log's rows. The range is the seven input columns of SPEC 5; columns
 * after Notes (the table's computed columns) are ignored, so
 * `=CST.CREDIT(MentorshipLog)` works on a table that has them. A header row
 * (the first non-blank row, if its cells are the headers in any case) is
 * skipped. Row numbers are positions within the range, counting from 1, so
 * messages say "row N" of what the user selected. The rows are passed on as
 * they are (no object per row): only a row holding an Excel error value is
 * copied, with the error read as its text.
 */
export function readLogGrid(range: unknown): LogGrid | FunctionFailure {
  if (!Array.isArray(range) || range.length === 0) {
    return failure("invalidValue", `The log is not a range of cells: ${LOG_SHAPE_FIX}`);
  }
  let grid: (readonly unknown[])[] = range as (readonly unknown[])[];
  let firstIndex = 0;
  let headerChecked = false;
  for (let i = 0; i < range.length; i++) {
    const row: unknown = range[i];
    if (!Array.isArray(row) || row.length < COLUMN_COUNT) {
      return failure(
        "invalidValue",
        `The log has ${Array.isArray(row) ? row.length : 1} column${Array.isArray(row) && row.length !== 1 ? "s" : ""} (${describeShape(range)}); it needs ${COLUMN_COUNT}: ${LOG_SHAPE_FIX}`,
      );
    }
    if (!headerChecked && !isBlankRow(row)) {
      headerChecked = true;
      if (isHeaderRow(row)) firstIndex = i + 1;
    }
    if (needsPlainCells(row)) {
      // Copy the outer array once, the first time a row has to change.
      if (grid === range) grid = [...(range as (readonly unknown[])[])];
      grid[i] = row.slice(0, COLUMN_COUNT).map(toCellValue);
    }
  }
  return { grid: grid as readonly (readonly CellValue[])[], firstIndex };
}

/** The log's rows as the core's rows (see `readLogGrid`), for one row or a few. */
export function readLogRange(range: unknown): LogRow[] | FunctionFailure {
  const read = readLogGrid(range);
  if (isFailure(read)) return read;
  const rows: LogRow[] = [];
  for (let i = read.firstIndex; i < read.grid.length; i++) {
    const cells = read.grid[i] as readonly CellValue[];
    rows.push({ row: i + 1, cells: cells.length === COLUMN_COUNT ? cells : cells.slice(0, COLUMN_COUNT) });
  }
  return rows;
}

/** One row of the log for CST.STATUS: a single row of at least seven cells. */
export function readLogRowRange(range: unknown): LogRow | FunctionFailure {
  const fix = `select one row of the log's ${COLUMN_COUNT} input columns (${COLUMN_LIST}), for example =CST.STATUS(MentorshipLog[@[Date]:[Notes]]).`;
  if (!Array.isArray(range) || range.length !== 1) {
    return failure(
      "invalidValue",
      Array.isArray(range) ? `The row is ${describeShape(range)}; it must be one row: ${fix}` : `The row is not a range of cells: ${fix}`,
    );
  }
  const read = readLogRange(range);
  if (!Array.isArray(read)) return failure("invalidValue", `${read.message.replace(LOG_SHAPE_FIX, fix)}`);
  return read[0] ?? { row: 1, cells: [] };
}

const PROFILE_COUNT = PROFILE_FIELDS.length;
const PROFILE_FIX = `select the Profile sheet's ${PROFILE_COUNT} value cells, Profile!B1:B${PROFILE_COUNT} (${PROFILE_FIELDS.map((field) => field.label).join(", ")}), or leave the profile out.`;

function isProfileLabel(value: unknown, index: number): boolean {
  return typeof value === "string" && value.trim().toLowerCase() === PROFILE_FIELDS[index]?.label.toLowerCase();
}

/**
 * The profile's value cells, in the order of PROFILE_FIELDS. Accepted:
 * Profile!B1:B6 (one column), the same six values in one row, or
 * Profile!A1:B6 (labels beside values). Omitted: no profile cells (defaults).
 */
export function readProfileRange(range: unknown): ProfileCells | FunctionFailure {
  if (range === null || range === undefined) return [];
  if (!Array.isArray(range) || range.length === 0 || !range.every(Array.isArray)) {
    return failure("invalidValue", `The profile is not a range of cells: ${PROFILE_FIX}`);
  }
  const grid = range as readonly (readonly unknown[])[];
  const width = grid[0]?.length ?? 0;
  let values: unknown[] | null = null;
  if (grid.length === PROFILE_COUNT && width === 1) values = grid.map((row) => row[0]);
  else if (grid.length === 1 && width === PROFILE_COUNT) values = [...(grid[0] ?? [])];
  else if (grid.length === PROFILE_COUNT && width === 2 && grid.every((row, index) => isProfileLabel(row[0], index))) {
    values = grid.map((row) => row[1]);
  }
  if (values === null) return failure("invalidValue", `The profile is ${describeShape(grid)}: ${PROFILE_FIX}`);
  return values.map(toCellValue);
}

/** A category argument: A, B or C in any case; blank or omitted means all categories (null). */
export function readCategoryArgument(value: unknown): Category | null | FunctionFailure {
  if (isBlankValue(value)) return null;
  const text = typeof value === "string" ? value.trim().toUpperCase() : String(value);
  const category = CATEGORIES.find((candidate) => candidate === text);
  if (category !== undefined) return category;
  return failure(
    "invalidValue",
    `Category ${JSON.stringify(typeof value === "string" ? value : text)} is not A, B or C: enter "A" (treatment), "B" (group and class mentorship) or "C" (1x1 mentorship), or leave it out for all categories.`,
  );
}
