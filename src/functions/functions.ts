/**
 * The CST custom functions of SPEC 8: thin shells that read the range Excel
 * passes, call the rules core, and return a number, a text or an Excel error
 * value. `custom-functions-metadata-plugin` turns the JSDoc below into
 * functions.json during the webpack build; the `@customfunction` tags name
 * each function's id and name.
 *
 * A function never throws: bad input comes back as #VALUE! or #N/A with a
 * message (shown in the cell's error flag) that says what to fix. Each
 * function's help (`@helpurl`) is its section of the add-in's help page; the
 * build puts it on the add-in's origin.
 */
import {
  type Activity,
  type Summary,
  type Category,
  type DateSystem,
  type ProfileErrorCode,
  CATEGORIES,
  summarizeLog,
  cellText,
  creditedHours,
  describeCell,
  findActivity,
  codedFindingsLine,
  quantityProblemText,
  isBlankCell,
  milliToHours,
  readQuantityCell,
  todayIsoDate,
  UNIT_LABELS,
  validateRow,
} from "../core";
import { type CellErrorValue, type FunctionFailure, failure, isFailure, passedOnError, toCellError } from "./cellError";
import { workbookDateSystem } from "./dateSystem";
import { excelErrorCode, readCategoryArgument, readLogGrid, readLogRowRange, readProfileRange, toCellValue } from "./range";

/**
 * Registration. The metadata plugin appends `CustomFunctions.associate("ID", fn)`
 * for each function to this file: calls to office.js's own global, which
 * office.js defines as soon as it runs, before this deferred bundle, whether
 * or not the host's script (which brings `CustomFunctions.Error`) has arrived.
 * Where office.js has not run at all (Node, the tests, a page whose office.js
 * could not load) there is nothing to register with: a no-op `associate`
 * keeps this file from throwing there. Nothing else here touches the global
 * before a function returns an error (see cellError.ts).
 */
if (typeof CustomFunctions === "undefined") {
  (globalThis as { CustomFunctions?: Pick<typeof CustomFunctions, "associate"> }).CustomFunctions = { associate: () => undefined };
}

/** Profile errors that change what the log earns; a bad email does not, so it does not stop the functions. */
const PROFILE_ERRORS_THAT_CHANGE_CREDIT: ReadonlySet<ProfileErrorCode> = new Set([
  "bad-certification-date",
  "bad-awarded",
  "unknown-rule-set",
]);

function assess(log: unknown, profile: unknown, dateSystem: DateSystem): Summary | FunctionFailure {
  const read = readLogGrid(log);
  if (isFailure(read)) return read;
  const profileCells = readProfileRange(profile);
  if (isFailure(profileCells)) return profileCells;
  const summary = summarizeLog({ grid: read.grid, firstIndex: read.firstIndex, rowNumberOffset: 1, profileCells, dateSystem });
  const blocking = summary.profile.errors.find((error) => PROFILE_ERRORS_THAT_CHANGE_CREDIT.has(error.code));
  if (blocking !== undefined) return failure("invalidValue", `Profile: ${blocking.message}`);
  return summary;
}

function unexpected(name: string, error: unknown): FunctionFailure {
  const reason = error instanceof Error ? error.message : String(error);
  return failure("invalidValue", `CST.${name} could not read its arguments (${reason}): check that each argument is a cell or range.`);
}

function settle<T>(name: string, compute: () => T | FunctionFailure): T | CellErrorValue {
  try {
    const result = compute();
    return isFailure(result) ? toCellError(result) : result;
  } catch (error) {
    return toCellError(unexpected(name, error));
  }
}

type Answer<T> = T | CellErrorValue;

/**
 * Runs a computation that needs the workbook's date system: at once when it
 * is known (every call after the first in Excel; always outside Excel),
 * otherwise once Excel has told it.
 */
function withDateSystem<T>(name: string, compute: (dateSystem: DateSystem) => T | FunctionFailure): Answer<T> | Promise<Answer<T>> {
  try {
    const dateSystem = workbookDateSystem();
    if (typeof dateSystem === "string") return settle(name, () => compute(dateSystem));
    return dateSystem.then(
      (system) => settle(name, () => compute(system)),
      (error: unknown) => toCellError(unexpected(name, error)),
    );
  } catch (error) {
    return toCellError(unexpected(name, error));
  }
}

function sumOver(values: Readonly<Record<Category, number>>, category: Category | null): number {
  if (category !== null) return values[category];
  let total = 0;
  for (const each of CATEGORIES) total += values[each];
  return total;
}

/**
 * Credits newly earned by the mentorship log (not counting credits already awarded).
 * @customfunction CREDIT
 * @helpurl https://localhost:3000/help.html#cst-credit
 * @param log The MentorshipLog table or its 7 columns Date to Notes; a header row is skipped.
 * @param [profile] The Profile sheet's values, Profile!B1:B6. Leave out for no certifications, none awarded, current rules.
 * @returns {Promise<number>} Credits earned.
 */
export function CREDIT(log: unknown[][], profile?: unknown[][]) {
  return withDateSystem("CREDIT", (dateSystem) => {
    const summary = assess(log, profile, dateSystem);
    return isFailure(summary) ? summary : summary.allocation.credits;
  });
}

/**
 * Credited hours in the log, in one category or in all, counting only rows without errors.
 * @customfunction HOURS
 * @helpurl https://localhost:3000/help.html#cst-hours
 * @param log The MentorshipLog table or its 7 columns Date to Notes; a header row is skipped.
 * @param [category] "A" treatment, "B" group and class mentorship, "C" 1x1 mentorship. Leave out for all categories.
 * @param [profile] The Profile sheet's values, Profile!B1:B6. Leave out for the defaults.
 * @returns {Promise<number>} Credited hours.
 */
export function HOURS(log: unknown[][], category?: string, profile?: unknown[][]) {
  return withDateSystem("HOURS", (dateSystem) => {
    const which = readCategoryArgument(category);
    if (isFailure(which)) return which;
    const summary = assess(log, profile, dateSystem);
    if (isFailure(summary)) return summary;
    return milliToHours(sumOver(summary.hours, which));
  });
}

/**
 * Hours still missing for the next credit, in one category or in total.
 * @customfunction MISSING
 * @helpurl https://localhost:3000/help.html#cst-missing
 * @param log The MentorshipLog table or its 7 columns Date to Notes; a header row is skipped.
 * @param [category] "A", "B" or "C" for the hours that category still needs. Leave out for the total still needed.
 * @param [profile] The Profile sheet's values, Profile!B1:B6. Leave out for the defaults.
 * @returns {Promise<number>} Hours still missing.
 */
export function MISSING(log: unknown[][], category?: string, profile?: unknown[][]) {
  return withDateSystem("MISSING", (dateSystem) => {
    const which = readCategoryArgument(category);
    if (isFailure(which)) return which;
    const summary = assess(log, profile, dateSystem);
    if (isFailure(summary)) return summary;
    const { missing } = summary.allocation.next;
    return milliToHours(which === null ? missing.total : missing[which]);
  });
}

/**
 * Checks one row of the log: OK, or its errors with their codes and what to fix.
 * @customfunction STATUS
 * @helpurl https://localhost:3000/help.html#cst-status
 * @param log_row One row of the log's 7 columns Date to Notes, such as MentorshipLog[@[Date]:[Notes]].
 * @returns {Promise<string>} OK or the row's errors.
 */
export function STATUS(log_row: unknown[][]) {
  return withDateSystem("STATUS", (dateSystem) => {
    const row = readLogRowRange(log_row);
    if (isFailure(row)) return row;
    if (row.cells.every((cell) => isBlankCell(cell))) return "";
    const result = validateRow(row.cells, row.row, { asOf: todayIsoDate(), dateSystem });
    if (result.errors.length === 0) return "OK";
    return codedFindingsLine(result.errors);
  });
}

function activityOf(value: unknown): Activity | FunctionFailure {
  const error = excelErrorCode(value);
  if (error !== null) return passedOnError(error, "Activity");
  const text = cellText(toCellValue(value));
  if (text === "") return failure("notAvailable", "Activity is empty: choose an activity from the list.");
  const activity = findActivity(text);
  if (activity !== null) return activity;
  return failure(
    "notAvailable",
    `Activity ${describeCell(text)} is not in the program's list: enter an activity's label or code, such as one-on-one or treatment.`,
  );
}

/**
 * The category of an activity: A, B or C.
 * @customfunction CATEGORY
 * @helpurl https://localhost:3000/help.html#cst-category
 * @param activity An activity's label or code, such as "1x1 mentorship with a certified mentor" or "one-on-one".
 * @returns {string} A, B or C.
 */
export function CATEGORY(activity: unknown) {
  return settle("CATEGORY", () => {
    const found = activityOf(activity);
    return isFailure(found) ? found : found.category;
  });
}

/**
 * Credited hours of one activity, with the program's conversions and caps (for example 1.5 h per precepting day).
 * @customfunction CREDITED
 * @helpurl https://localhost:3000/help.html#cst-credited
 * @param activity An activity's label or code, such as "precepting".
 * @param quantity The quantity in the activity's unit: hours, days, sessions or recordings.
 * @returns {number} Credited hours.
 */
export function CREDITED(activity: unknown, quantity: unknown) {
  return settle("CREDITED", () => {
    const found = activityOf(activity);
    if (isFailure(found)) return found;
    const error = excelErrorCode(quantity);
    if (error !== null) return passedOnError(error, "Quantity");
    const cell = toCellValue(quantity);
    const reading = readQuantityCell(cell, UNIT_LABELS[found.unit].whole);
    if (!reading.ok) return failure("invalidValue", quantityProblemText(reading.problem, cell, found.unit));
    return milliToHours(creditedHours(found, reading.hundredths).hours);
  });
}
