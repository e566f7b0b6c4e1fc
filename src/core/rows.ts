/**
 * A log's rows (docs/rules.md §2): one row in, its category, credited hours, errors and warnings out. A
 * row with any error credits 0 hours. The rules are in `rules/`, one file each; the engine that applies
 * them fast to whole logs in `engine/`.
 */
import type { Activity, Category } from "./catalog";
import { type CellValue, isBlankCell } from "./cells";
import type { IsoDate, DateSystem } from "./dates";
import type { Finding, RowErrorCode, RowWarningCode } from "./findings";
import { INPUT_COLUMN_COUNT } from "./form";
import type { Millihours } from "./hours";
import { checkRowInto, newRowResult } from "./engine/rowCheck";
import { DuplicateIndex, withDuplicateWarning } from "./rules/duplicates";

export interface LogRow {
  /** Row number in the source: CSV line number or worksheet row number. */
  readonly row: number;
  /** The seven input cells in the order of the form's log columns (missing cells are blank). */
  readonly cells: readonly CellValue[];
  /**
   * What the reader found about the row that its cells do not show (a CSV record's fields beyond the
   * header row, a row below the log's table): the row's first findings. A row with them is never skipped.
   */
  readonly found?: RowFindings;
}

export interface RowFindings {
  readonly errors: readonly Finding<RowErrorCode>[];
  readonly warnings: readonly Finding<RowWarningCode>[];
}

export interface RowOptions {
  readonly asOf: IsoDate;
  readonly dateSystem: DateSystem;
}

export interface RowResult {
  readonly row: number;
  readonly activity: Activity | null;
  readonly category: Category | null;
  readonly date: IsoDate | null;
  /**
   * The date as days since 1970-01-01, for sums per day. It is also the day on which the row's check
   * turns when the as-of date changes: the date rule (a date after the as-of date) is the one rule that
   * reads the as-of date, so the check is the same as of this day and any day after, and before it the
   * date is in the future (the same findings, the date's worded with the as-of date). Null when no
   * as-of date changes the check: the date is missing, unreadable or not a date.
   */
  readonly day: number | null;
  /** Credited hours; 0 when the row has an error. */
  readonly hours: Millihours;
  readonly errors: readonly Finding<RowErrorCode>[];
  readonly warnings: readonly Finding<RowWarningCode>[];
}

/** A row is skipped when every one of its input cells is blank. */
export function isEmptyRow(cells: readonly CellValue[]): boolean {
  // Only the input columns: computed columns after Notes (a status, say) do not make a row.
  const width = Math.min(cells.length, INPUT_COLUMN_COUNT);
  for (let i = 0; i < width; i++) if (!isBlankCell(cells[i])) return false;
  return true;
}

/**
 * Checks one row (the seven input cells and its row number in the source).
 * With `duplicates`, also warns of a possible duplicate of an earlier row.
 */
export function validateRow(
  cells: readonly CellValue[],
  rowNumber: number,
  options: RowOptions,
  duplicates?: DuplicateIndex,
  found?: RowFindings,
): RowResult {
  const result = newRowResult();
  checkRowInto(result, cells, rowNumber, options, found);
  const { provider, activityIndex: _index, ...row } = result;
  const earlier =
    duplicates !== undefined && row.day !== null && row.activity !== null
      ? duplicates.earlierRow(row.day, row.activity, provider, rowNumber)
      : undefined;
  return earlier === undefined ? row : { ...row, warnings: withDuplicateWarning(row.warnings, earlier) };
}

/** Checks the non-empty rows of a log, in order, with the duplicate check. */
export function validateRows(rows: readonly LogRow[], options: RowOptions): RowResult[] {
  const duplicates = new DuplicateIndex();
  const results: RowResult[] = [];
  for (const row of rows) {
    if (row.found === undefined && isEmptyRow(row.cells)) continue;
    results.push(validateRow(row.cells, row.row, options, duplicates, row.found));
  }
  return results;
}
