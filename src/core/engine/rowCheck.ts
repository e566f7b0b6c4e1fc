/**
 * The row rules (`../rules/`) applied to one row, writing its result into a slot that is filled again for
 * the next row: a summary reads each row's result once, and a result object per row would cost more to
 * make and collect than the rules cost to check. Most rows have no finding: their lists share one empty
 * array, and a rule's finding is only made when it has one.
 */
import type { CellValue } from "../cells";
import { cellText, isUnreadableCell } from "../cells";
import type { Finding, RowErrorCode, RowWarningCode } from "../findings";
import { INPUT_COLUMN_COUNT, LOG_INDEX as COLUMN } from "../form";
import { UNIT_LABELS } from "../catalog";
import type { RowFindings, RowOptions, RowResult } from "../rows";
import { activityFacts, beforeEligibility, eligibilityError, unknownActivityError } from "../rules/activity";
import { dateBroken, dateError, readDateCell } from "../rules/date";
import { formatNotCounted, formatNotCountedError, missingFormatError, readFormat } from "../rules/format";
import { credentialError, providerError, providerMissing } from "../rules/provider";
import {
  capHours,
  cappedWarning,
  longRowWarning,
  plainQuantity,
  quantityError,
  readQuantityCell,
  roundedWarning,
  uncappedHours,
} from "../rules/quantity";
import { unreadableCellFinding } from "../rules/reading";

const NONE: readonly never[] = [];

/**
 * A row's result as `checkRowInto` fills it, with the provider as read and the activity's index in the
 * catalog (-1 for none): the possible-duplicate check (`DuplicateIndex`, `DuplicateCheck`) compares rows
 * by them, and adds its warning after the row's own.
 */
export type RowResultSlot = { -readonly [K in keyof RowResult]: RowResult[K] } & { provider: string; activityIndex: number };

/** A result to fill: every field present from the start, so that every result has one shape. */
export function newRowResult(): RowResultSlot {
  return {
    row: 0,
    activity: null,
    category: null,
    date: null,
    day: null,
    hours: 0,
    errors: NONE,
    warnings: NONE,
    provider: "",
    activityIndex: -1,
  };
}

/** A placeholder for a cell already reported as unreadable: the rule of its column then says nothing more. */
const REPORTED = Symbol("reported");

type CheckedCells = readonly (CellValue | typeof REPORTED)[];

/** A cell's value for its column's rule: nothing more to say about a cell already reported as unreadable. */
function cellOf(row: CheckedCells, column: number): CellValue {
  const value = row[column];
  return value === REPORTED ? "" : value;
}

function isReported(row: CheckedCells, column: number): boolean {
  return row[column] === REPORTED;
}

/** Checks one row (its input cells and its row number in the source), writing the result into `out` (every field). */
export function checkRowInto(
  out: RowResultSlot,
  cells: readonly CellValue[],
  rowNumber: number,
  options: RowOptions,
  found?: RowFindings,
): void {
  let errors: Finding<RowErrorCode>[] | undefined;
  let warnings: Finding<RowWarningCode>[] | undefined;
  // First: what the reader found may explain the rest (fields shifted by a misquoted one).
  if (found !== undefined) {
    if (found.errors.length > 0) errors = [...found.errors];
    if (found.warnings.length > 0) warnings = [...found.warnings];
  }

  let row: CheckedCells = cells;
  for (let column = 0; column < INPUT_COLUMN_COUNT; column++) {
    const value = cells[column];
    if (typeof value === "object" && value !== null && isUnreadableCell(value)) {
      // No rule reads Notes (docs/rules.md §2.4): there the cell is worth a word, not the row's hours.
      if (column === COLUMN.notes) {
        (warnings ??= []).push(unreadableCellFinding(column, value));
        continue;
      }
      (errors ??= []).push(unreadableCellFinding(column, value));
      if (row === cells) row = [...cells];
      (row as (CellValue | typeof REPORTED)[])[column] = REPORTED;
    }
  }

  const dateCell = cellOf(row, COLUMN.date);
  const dateReading = isReported(row, COLUMN.date) ? null : readDateCell(dateCell, options.dateSystem);
  // Each rule's condition first, its finding (words made) only for a row that breaks it: most rows break
  // none, and this runs for every row.
  if (dateReading !== null && dateBroken(dateReading, options.asOf)) (errors ??= []).push(dateError(dateReading, dateCell, options.asOf));

  const activityCell = cellOf(row, COLUMN.activity);
  const activityText = cellText(activityCell);
  const facts = activityText === "" ? null : activityFacts(activityText);
  const activity = facts === null ? null : facts.activity;
  if (activity === null && !isReported(row, COLUMN.activity)) (errors ??= []).push(unknownActivityError(activityText, activityCell));
  if (facts !== null && dateReading !== null && beforeEligibility(facts, dateReading))
    (errors ??= []).push(eligibilityError(facts, dateReading));

  const formatCell = cellOf(row, COLUMN.format);
  const formatText = cellText(formatCell);
  const format = formatText === "" ? null : readFormat(formatText);
  if (format === null) {
    if (!isReported(row, COLUMN.format)) (errors ??= []).push(missingFormatError(formatText, formatCell));
  } else if (activity !== null && formatNotCounted(format, activity)) (errors ??= []).push(formatNotCountedError(activity));

  const provider = cellText(cellOf(row, COLUMN.provider));
  if (activity !== null) {
    if (providerMissing(activity, provider) && !isReported(row, COLUMN.provider)) (errors ??= []).push(providerError(activity));
    const credential = isReported(row, COLUMN.credential) ? null : credentialError(activity, cellOf(row, COLUMN.credential));
    if (credential !== null) (errors ??= []).push(credential);
  }

  const quantityCell = cellOf(row, COLUMN.quantity);
  const whole = facts === null ? UNIT_LABELS.hours.whole : facts.wholeUnits;
  // Most quantities are plain numbers: read without the general reading's object.
  let hundredths = plainQuantity(quantityCell, whole);
  let rounded = false;
  if (hundredths === null && !isReported(row, COLUMN.quantity)) {
    const quantity = readQuantityCell(quantityCell, whole);
    if (quantity.ok) {
      hundredths = quantity.hundredths;
      rounded = quantity.rounded;
    } else (errors ??= []).push(quantityError(quantity.problem, quantityCell, activity?.unit ?? "hours"));
  }
  let credited = 0;
  if (hundredths !== null) {
    if (rounded) (warnings ??= []).push(roundedWarning(quantityCell, hundredths));
    if (activity !== null) {
      const uncapped = uncappedHours(activity, hundredths);
      credited = capHours(activity, uncapped);
      if (credited < uncapped) (warnings ??= []).push(cappedWarning(activity, hundredths, credited));
      const long = longRowWarning(activity, hundredths);
      if (long !== null) (warnings ??= []).push(long);
    }
  }

  // A 100,000-row report keeps one result per row: the result holds only what the report and the totals use.
  out.row = rowNumber;
  out.activity = activity;
  out.category = activity === null ? null : activity.category;
  out.date = dateReading !== null && dateReading.ok ? dateReading.date : null;
  out.day = dateReading !== null && dateReading.ok ? dateReading.day : null;
  out.hours = errors === undefined ? credited : 0;
  out.errors = errors ?? NONE;
  out.warnings = warnings ?? NONE;
  out.provider = provider;
  out.activityIndex = facts === null ? -1 : facts.index;
}
