/**
 * Turns the values Excel passes to a custom function (2-D arrays of numbers,
 * text, booleans and blanks) into the core's rows and profile cells. The
 * shape is checked once per range; cells are only looked at for the one case
 * Excel can send that the core does not read: an object inside the range (an
 * error value, or a data type).
 */
import {
  type CellValue,
  type Category,
  type DateProblem,
  type DateSystem,
  type IsoDate,
  type LogRow,
  type ProfileCells,
  CATEGORIES,
  FORM,
  LOG_COLUMNS,
  PROFILE_FIELDS,
  describeCell,
  labelKey,
  profileLabels,
  readDateCell,
} from "../core";
import { type MessageId, runtimeTranslator } from "../i18n";
import { type FunctionFailure, failure, isFailure, passedOnError } from "./cellError";

const COLUMN_COUNT = LOG_COLUMNS.length;
const HEADER_KEYS = LOG_COLUMNS.map((header) => header.toLowerCase());
const COLUMN_LIST = LOG_COLUMNS.join(", ");

/** `CustomFunctions.Error` where the host's script has brought it (see cellError.ts). */
function runtimeErrorClass(): (abstract new (...args: never[]) => object) | undefined {
  const runtime = (globalThis as { CustomFunctions?: { Error?: unknown } }).CustomFunctions;
  return typeof runtime?.Error === "function" ? (runtime.Error as abstract new (...args: never[]) => object) : undefined;
}

/**
 * The error code of an error value Excel passes for a cell holding an error, or null for anything else.
 * functions.json allows errors in parameters of type any (`allowErrorForDataTypeAny`), and they come in
 * two shapes:
 * - `new CustomFunctions.Error(code)`: `{ code: "#N/A", basicValue: "#N/A", type: "Error", basicType: "Error" }`;
 * - with `allowCustomDataForDataTypeAny` (which the metadata generator sets), a data types error value:
 *   `{ type: "Error", basicValue: "#N/A", basicType: "Error", errorType: "NotAvailable" }`.
 * Both say `type: "Error"`; nothing else does. An entity value also has `basicType: "Error"` (its basic
 * value, for functions that do not read data types, is #VALUE!), but its type is "Entity": it is not an
 * error cell. See https://learn.microsoft.com/office/dev/add-ins/excel/custom-functions-errors#errors-as-custom-function-inputs
 * and https://learn.microsoft.com/office/dev/add-ins/excel/custom-functions-data-types-concepts
 */
export function excelErrorCode(value: unknown): string | null {
  if (typeof value !== "object" || value === null) return null;
  const { type, code, basicValue } = value as { type?: unknown; code?: unknown; basicValue?: unknown };
  const RuntimeError = runtimeErrorClass();
  if (type !== "Error" && !(RuntimeError !== undefined && value instanceof RuntimeError)) return null;
  const text = typeof code === "string" ? code : basicValue;
  return typeof text === "string" && text.startsWith("#") ? text : null;
}

/**
 * A data type value that is not an error (a formatted number, an entity): what Excel shows in its cell,
 * as a function that does not read data types sees it, or its text.
 */
function dataTypeValue(value: object): CellValue {
  const { basicValue, basicType, text } = value as { basicValue?: unknown; basicType?: unknown; text?: unknown };
  const basic = typeof basicValue;
  if (basicType !== "Error" && (basic === "string" || basic === "number" || basic === "boolean")) return basicValue as CellValue;
  if (typeof text === "string") return text;
  return objectText(value);
}

/** "[object Object]" and the like, even for an object without a prototype (where String() throws). */
function objectText(value: object): string {
  return Object.prototype.toString.call(value);
}

/**
 * One value from Excel as a core cell value. A cell holding an Excel error
 * (#N/A, #REF!...) becomes the core's `{ excelError }`, so that its row gets
 * a cell-error finding naming the error (docs/rules.md §8).
 */
export function toCellValue(value: unknown): CellValue {
  if (value === null || value === undefined) return value;
  const type = typeof value;
  if (type === "string" || type === "number" || type === "boolean") return value as CellValue;
  if (type === "object") {
    const code = excelErrorCode(value);
    return code !== null ? { excelError: code } : dataTypeValue(value as object);
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
  return runtimeTranslator().t("functions.shape", { rows: range.length, columns: Array.isArray(first) ? first.length : 1 });
}

/** How to give the log, in the runtime's language (the pane sets it to Office's display language). */
const logShapeFix = () => runtimeTranslator().t("functions.logShapeFix", { count: COLUMN_COUNT, columns: COLUMN_LIST });

/** A log range checked for shape: its rows as Excel passed them, and where the data starts. */
export interface LogGrid {
  readonly grid: readonly (readonly CellValue[])[];
  /** Index of the first row after a header row (0 without one). */
  readonly firstIndex: number;
}

/**
 * The log's rows. The range is the seven input columns of docs/rules.md §5; columns
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
    return failure("invalidValue", runtimeTranslator().t("functions.notARange", { fix: logShapeFix() }));
  }
  let grid: (readonly unknown[])[] = range as (readonly unknown[])[];
  let firstIndex = 0;
  let headerChecked = false;
  for (let i = 0; i < range.length; i++) {
    const row: unknown = range[i];
    if (!Array.isArray(row) || row.length < COLUMN_COUNT) {
      return failure(
        "invalidValue",
        runtimeTranslator().t("functions.logColumns", {
          columns: Array.isArray(row) ? row.length : 1,
          shape: describeShape(range),
          needed: COLUMN_COUNT,
          fix: logShapeFix(),
        }),
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

const rowFix = () => runtimeTranslator().t("functions.rowFix", { count: COLUMN_COUNT, columns: COLUMN_LIST });
const NO_CELLS: readonly CellValue[] = [];

/**
 * The cells of one row of the log for CST.STATUS: a single row of at least seven cells. A sheet holds
 * one STATUS per row, so this reads the row as it is, without the log's machinery; the header row reads
 * as no cells.
 */
export function readLogRowRange(range: unknown): readonly CellValue[] | FunctionFailure {
  if (!Array.isArray(range) || range.length !== 1) {
    return failure(
      "invalidValue",
      Array.isArray(range)
        ? runtimeTranslator().t("functions.rowShape", { shape: describeShape(range), fix: rowFix() })
        : runtimeTranslator().t("functions.rowNotRange", { fix: rowFix() }),
    );
  }
  const row: unknown = range[0];
  if (!Array.isArray(row) || row.length < COLUMN_COUNT) {
    return failure(
      "invalidValue",
      runtimeTranslator().t("functions.logColumns", {
        columns: Array.isArray(row) ? row.length : 1,
        shape: describeShape(range),
        needed: COLUMN_COUNT,
        fix: rowFix(),
      }),
    );
  }
  if (isHeaderRow(row)) return NO_CELLS;
  return needsPlainCells(row) ? row.slice(0, COLUMN_COUNT).map(toCellValue) : (row as CellValue[]);
}

const PROFILE_COUNT = PROFILE_FIELDS.length;
/** Forms made before row 7 (Credits awarded from this log) have six values: Profile!B1:B6 still works, with W = 0. */
const OLDER_PROFILE_COUNT = PROFILE_COUNT - 1;
/** How to give the profile; its labels are the Profile sheet's, in every language. */
const profileFix = () =>
  runtimeTranslator().t("functions.profileFix", {
    name: FORM.profileName,
    count: PROFILE_COUNT,
    labels: PROFILE_FIELDS.map((field) => field.label).join(", "),
  });

function isProfileLabel(value: unknown, index: number): boolean {
  const field = PROFILE_FIELDS[index];
  return typeof value === "string" && field !== undefined && profileLabels(field).some((label) => labelKey(label) === labelKey(value));
}

/**
 * The profile's value cells, in the order of PROFILE_FIELDS. Accepted:
 * CSTProfile or Profile!B1:B7 (one column), the same values in one row, or
 * Profile!A1:B7 (labels beside values); the first six of them (a form made
 * before row 7: W is then 0). Omitted: no profile cells (defaults).
 */
export function readProfileRange(range: unknown): ProfileCells | FunctionFailure {
  if (range === null || range === undefined) return [];
  if (!Array.isArray(range) || range.length === 0 || !range.every(Array.isArray)) {
    return failure("invalidValue", runtimeTranslator().t("functions.profileNotRange", { fix: profileFix() }));
  }
  const grid = range as readonly (readonly unknown[])[];
  const width = grid[0]?.length ?? 0;
  const counts = [PROFILE_COUNT, OLDER_PROFILE_COUNT];
  let values: unknown[] | null = null;
  if (counts.includes(grid.length) && width === 1) values = grid.map((row) => row[0]);
  else if (grid.length === 1 && counts.includes(width)) values = [...(grid[0] ?? [])];
  else if (counts.includes(grid.length) && width === 2 && grid.every((row, index) => isProfileLabel(row[0], index))) {
    values = grid.map((row) => row[1]);
  }
  if (values === null)
    return failure("invalidValue", runtimeTranslator().t("functions.profileShape", { shape: describeShape(grid), fix: profileFix() }));
  return values.map(toCellValue);
}

/** A category argument: A, B or C in any case; blank or omitted means all categories (null). */
export function readCategoryArgument(value: unknown): Category | null | FunctionFailure {
  if (isBlankValue(value)) return null;
  const error = excelErrorCode(value);
  if (error !== null) return passedOnError(error, "category");
  const text =
    typeof value === "string"
      ? value.trim().toUpperCase()
      : typeof value === "object" && value !== null
        ? objectText(value)
        : String(value);
  const category = CATEGORIES.find((candidate) => candidate === text);
  if (category !== undefined) return category;
  return failure(
    "invalidValue",
    runtimeTranslator().t("functions.badCategory", { value: JSON.stringify(typeof value === "string" ? value : text) }),
  );
}

/** Whether an optional argument was left out (or is blank): for `as_of`, today. */
export function isLeftOut(value: unknown): boolean {
  return isBlankValue(value);
}

/** The message of each date problem of `as_of`, as `DATE_PROBLEM_WORDS` has a row's; a blank cell never reaches it. */
const AS_OF_PROBLEM_WORDS: Readonly<Record<DateProblem, MessageId>> = {
  missing: "functions.asOf.notDate",
  "not-calendar-date": "functions.asOf.notCalendarDate",
  ambiguous: "functions.asOf.ambiguous",
  "not-date": "functions.asOf.notDate",
};

/**
 * The `as_of` argument (docs/rules.md §8): a date as Excel passes one, a serial number in the workbook's date
 * system (time of day ignored), or ISO text YYYY-MM-DD. Null when it is left out (today).
 */
export function readAsOfArgument(value: unknown, dateSystem: DateSystem): IsoDate | null | FunctionFailure {
  if (isBlankValue(value)) return null;
  const error = excelErrorCode(value);
  if (error !== null) return passedOnError(error, "as_of");
  const cell: CellValue = typeof value === "number" || typeof value === "string" ? value : toCellValue(value);
  const reading = typeof cell === "boolean" ? null : readDateCell(cell, dateSystem);
  if (reading?.ok === true) return reading.date;
  return failure("invalidValue", runtimeTranslator().t(AS_OF_PROBLEM_WORDS[reading?.problem ?? "not-date"], { cell: describeCell(cell) }));
}
