/**
 * The decisions both workbooks make (the Office.js adapter and the in-memory twin): which table columns
 * are the log's input columns, where the add-in's CST Status column may go, whose CST Verification sheet it
 * is, which cells the add-in may write and the number format a written value gets, and the words of every
 * refusal. Pure: each workbook reads the cells its own way and asks here what to do with them.
 */
import {
  type CellValue,
  type FieldKind,
  type ProfileFieldDefinition,
  DATE_FORMAT,
  LOG_COLUMNS,
  LOG_TABLE,
  NUMBER_FORMATS,
  PROFILE_SHEET,
  TEXT_FORMAT,
  columnLetter,
  isRowStatusText,
  labelKey,
  profileLabels,
} from "../core";
import { type WorkbookWords, STATUS_HEADER, VERIFICATION_MARK, VERIFICATION_SHEET, WorkbookError } from "./workbook";

/** A header as the add-in matches it: trimmed, any case. */
const headerKey = (header: unknown): string =>
  String(header ?? "")
    .trim()
    .toLowerCase();

/**
 * The table column of each of the seven input columns, found by header (any order, any case): a person may
 * move the table's columns. Refuses a table missing one, naming it.
 */
export function inputColumns(headers: readonly unknown[]): number[] {
  const keys = headers.map(headerKey);
  return LOG_COLUMNS.map((column) => {
    const index = keys.indexOf(column.toLowerCase());
    if (index < 0) {
      const headers = LOG_COLUMNS.join(", ");
      throw new WorkbookError(
        `The ${LOG_TABLE} table has no ${column} column: give its columns the headers ${headers}.`,
        "excel.noColumn",
        {
          table: LOG_TABLE,
          column,
          headers,
        },
      );
    }
    return index;
  });
}

/**
 * The table column of the add-in's CST Status column, or -1 when there is none yet (the add-in then adds it
 * after the table's last column). Refuses one among the input columns, naming its header cell
 * (`headerCell(column)`): the add-in writes it only after them.
 */
export function statusColumn(headers: readonly unknown[], inputs: readonly number[], headerCell: (column: number) => string): number {
  const column = headers.map(headerKey).indexOf(STATUS_HEADER.toLowerCase());
  if (column >= 0 && column < Math.max(...inputs)) {
    const values = { statusColumn: STATUS_HEADER, cell: headerCell(column), lastColumn: LOG_COLUMNS[LOG_COLUMNS.length - 1] ?? "" };
    throw new WorkbookError(
      `The ${values.statusColumn} column (${values.cell}) is among the log's input columns: move it after ${values.lastColumn}, where the add-in writes it.`,
      "excel.statusAmongInputs",
      values,
    );
  }
  return column;
}

/** Refuses a CST Verification sheet the add-in did not make: its A1 (`mark`) lacks the add-in's mark. */
export function requireOwnVerificationSheet(mark: unknown): void {
  if (mark !== VERIFICATION_MARK) {
    throw new WorkbookError(
      `A sheet named ${VERIFICATION_SHEET} is already in this workbook, not made by the add-in (its A1 lacks the add-in's mark): rename that sheet, and the add-in will make its own.`,
      "excel.verificationNotOwn",
      { sheet: VERIFICATION_SHEET },
    );
  }
}

/**
 * The number format the add-in gives a cell before writing `value` into it: Text for text, so that it is
 * kept as written (never read as a number, a date or a formula); for a number in a field of `kind`, the
 * field's format; otherwise null (the cell keeps its format).
 */
export function writtenFormat(value: CellValue, kind?: FieldKind): string | null {
  if (typeof value === "string") return value === "" ? null : TEXT_FORMAT;
  if (typeof value === "number" && kind !== undefined) return kind === "date" ? DATE_FORMAT : NUMBER_FORMATS[kind];
  return null;
}

/**
 * Whether a CST Status cell holds what the add-in writes there: nothing, or a
 * row's status in the core's words (`rowStatusText`). Anything else was put
 * there by someone else.
 */
export function isStatusText(value: CellValue): boolean {
  if (value === "" || value === null || value === undefined) return true;
  return typeof value === "string" && isRowStatusText(value);
}

/** "H7": the A1 address of a cell (row from 1, column from 0). */
export function cellAddress(row: number, column: number): string {
  return `${columnLetter(column + 1)}${row}`;
}

/** "Tracking Form!H7": a cell as the user finds it (sheet and address; row from 1, column from 0). */
export function cellName(sheet: string, row: number, column: number): string {
  return `${sheet}!${cellAddress(row, column)}`;
}

/** The refusal of a cell holding a formula the add-in would write over (named "Tracking Form!H7"). */
export function formulaInTheWay(cell: string, formula: string): WorkbookError {
  const shown = formula.length > 40 ? `${formula.slice(0, 40)}…` : formula;
  return new WorkbookError(
    `${cell} holds a formula (${shown}): the add-in never writes over a formula. Change it in the sheet, or clear it first.`,
    "excel.formulaInTheWay",
    { cell, formula: shown },
  );
}

/** The refusal of a cell in the add-in's CST Status column holding a value the add-in did not write. */
export function valueInTheWay(cell: string, value: CellValue): WorkbookError {
  const shown = typeof value === "string" ? JSON.stringify(value.length > 40 ? `${value.slice(0, 40)}…` : value) : String(value);
  return new WorkbookError(
    `${cell} holds ${shown}, which the add-in did not write: it writes the ${STATUS_HEADER} column only over its own values. Move or clear that cell.`,
    "excel.valueInTheWay",
    { cell, value: shown, statusColumn: STATUS_HEADER },
  );
}

/** The refusal of a row that is no longer what the pane read (worksheet row `row`). */
export function rowChanged(row: number): WorkbookError {
  return new WorkbookError(
    `Row ${row} changed in the sheet since the pane read it: nothing was written. Check the row and try again.`,
    "excel.rowChanged",
    { row },
  );
}

/** The refusal of a full table whose row below (worksheet row `row`) holds something: the table cannot grow. */
export function rowBelowNotEmpty(row: number): WorkbookError {
  return new WorkbookError(
    `Row ${row} below the ${LOG_TABLE} table is not empty: move what is there so the table can grow.`,
    "excel.rowBelowNotEmpty",
    { row, table: LOG_TABLE },
  );
}

/** Two rows' seven input cells are the same (blank is blank however it is spelt). */
export function sameCells(a: readonly CellValue[], b: readonly CellValue[], count: number): boolean {
  for (let i = 0; i < count; i++) {
    if (!sameCell(a[i], b[i])) return false;
  }
  return true;
}

export function sameCell(a: CellValue, b: CellValue): boolean {
  const blank = (value: CellValue) => value === null || value === undefined || value === "";
  if (blank(a) || blank(b)) return blank(a) && blank(b);
  if (typeof a === "object" || typeof b === "object") return JSON.stringify(a) === JSON.stringify(b);
  return a === b;
}

/** Why the form was not inserted: its sheets and table (`existing`) are already in the workbook. */
export function formAlreadyHere(existing: readonly string[]): {
  readonly inserted: false;
  readonly reason: string;
  readonly words: WorkbookWords;
} {
  const places = existing.join(", ");
  return {
    inserted: false,
    reason: `The tracking form is already here (${places}): nothing was changed.`,
    words: { id: "excel.formAlreadyHere", values: { places } },
  };
}

/**
 * Whether the Profile sheet's row of a field is the field's own: its label in column A is the field's (or a
 * label earlier forms gave it), or blank (a form made before the field: the add-in writes the label). A row
 * a person gave another label holds their own value: the add-in stops and names the cell.
 */
export function profileRowProblem(field: ProfileFieldDefinition, row: number, label: unknown): WorkbookError | null {
  const text = label === null || label === undefined ? "" : String(label).trim();
  if (text === "" || profileLabels(field).some((each) => labelKey(each) === labelKey(text))) return null;
  const values = { cell: cellName(PROFILE_SHEET, row, 0), label: JSON.stringify(text), expected: JSON.stringify(field.label) };
  return new WorkbookError(
    `${values.cell} is labelled ${values.label}, not ${values.expected}: the add-in does not write over your own row. Move it, then try again.`,
    "excel.profileRowLabelled",
    values,
  );
}
