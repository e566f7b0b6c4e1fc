/**
 * The CST custom functions of docs/rules.md §8: thin shells that read the range Excel
 * passes, call the rules core, and return a number, a text or an Excel error
 * value. `custom-functions-metadata-plugin` turns the JSDoc below into
 * functions.json during the webpack build; the `@customfunction` tags name
 * each function's id and name.
 *
 * A function never throws: bad input comes back as #VALUE! or #N/A with a
 * message (shown in the cell's error flag) that says what to fix. Each
 * function's help (`@helpurl`) is its section of the add-in's help page; the
 * build puts it on the add-in's origin.
 *
 * **Today.** CREDIT, HOURS, MISSING and STATUS take an optional `as_of`;
 * without it their answer is as of today, and changes when the day does (a
 * row dated tomorrow becomes valid). Excel offers three ways for a function
 * to change its answer by itself:
 * - `@volatile`: Excel calls the function again at every recalculation of
 *   the workbook, whatever changed: every edit anywhere would check the whole
 *   log again for CREDIT, HOURS ×3 and MISSING, and every row for STATUS. And
 *   it still does nothing at midnight: nothing recalculates then unless
 *   someone edits (https://learn.microsoft.com/office/dev/add-ins/excel/custom-functions-volatile).
 * - The shared runtime calling `Excel.run(... application.calculate(...))`
 *   at midnight: a recalculation of every formula of every open workbook
 *   (`full`; `recalculate` skips our formulas, whose inputs did not change),
 *   which also recalculates other add-ins' and the user's volatile formulas
 *   and overrides a workbook set to manual calculation
 *   (https://learn.microsoft.com/javascript/api/excel/excel.application#excel-excel-application-calculate-member(1)).
 * - `@streaming`: the function gets an invocation whose `setResult` gives
 *   the cell a new answer at any time, "without requiring a user to
 *   explicitly refresh anything"; Excel cancels it (`onCanceled`) when its
 *   arguments change (and calls it anew), when its cell is edited or
 *   deleted, and on a manual full recalculation
 *   (https://learn.microsoft.com/office/dev/add-ins/excel/custom-functions-web-reqs#make-a-streaming-function).
 * These functions stream: each call answers at once through `setResult`;
 * without `as_of` it also listens for the day to change (dayChange.ts, one
 * timer for all of them) and sets a new answer only when the answer is
 * different, so only the cells that change are touched. Nothing runs on
 * edits elsewhere in the workbook. A function called with `as_of` answers
 * once and does not listen, nor does a STATUS whose row's answer no day can
 * change short of the clock going back more than a month
 * (`FOLLOWED_DAYS_BACK`).
 *
 * Called without an invocation (outside Excel: the tests, the benchmarks,
 * Node) a function returns its answer instead, as a plain value or, while
 * the workbook's date system is still being asked, a promise of it.
 *
 * **One evaluation per recalculation.** CREDIT, HOURS and MISSING over the
 * same log share one evaluation of it (evaluation.ts); HOURS never makes the
 * allocation. STATUS checks its own row only.
 */
import "../excel/pageSecurity";
import {
  type Finding,
  type Activity,
  type Allocation,
  type Category,
  type DateSystem,
  type IsoDate,
  type ProfileCells,
  type ProfileErrorCode,
  CATEGORIES,
  asOfDay,
  awardsUnsupported,
  cellText,
  creditedHours,
  describeCell,
  findActivity,
  quantityError,
  isEmptyRow,
  milliToHours,
  readQuantityCell,
  UNIT_LABELS,
  errorText,
} from "../core";
import { type CellErrorValue, type FunctionFailure, failure, isFailure, passedOnError, toCellError } from "./cellError";
import { type DayFollower, currentDay, follow, unfollow } from "./dayChange";
import { DateSystemUnread, workbookDateSystem } from "./dateSystem";
import { type LogEvaluation, LogSnapshot, evaluateLog, evaluateRange } from "./evaluation";
import { rowChecksFor } from "./rowChecks";
import { excelErrorCode, isLeftOut, readAsOfArgument, readCategoryArgument, readLogRowRange, readProfileRange, toCellValue } from "./range";
import { findingText, runtimeTranslator } from "../i18n";

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
  "awards-unsupported",
]);

type Answer<T> = T | CellErrorValue;

/**
 * What Excel hands a streaming function as its last argument: where to set its answers, and its
 * cancellation. The answers' errors are `CustomFunctions.Error` in Excel (toCellError), typed here as
 * what toCellError returns.
 */
interface Invocation<T> {
  setResult(value: Answer<T>): void;
  onCanceled?: () => void;
}

/** A function's answer for its argument and an as-of date, in the workbook's date system. */
type Compute<A, T> = (argument: A, dateSystem: DateSystem, asOf: IsoDate) => T | FunctionFailure;

function unexpected(name: string, error: unknown): FunctionFailure {
  const tr = runtimeTranslator();
  if (error instanceof DateSystemUnread) return failure("notAvailable", tr.t("functions.dateSystemUnread", { name, detail: error.detail }));
  return failure("invalidValue", tr.t("functions.unreadArguments", { name, reason: errorText(error) }));
}

function settle<T>(name: string, compute: () => T | FunctionFailure): Answer<T> {
  try {
    const result = compute();
    return isFailure(result) ? toCellError(result) : result;
  } catch (error) {
    return toCellError(unexpected(name, error));
  }
}

function sameAnswer<T>(a: Answer<T>, b: Answer<T>): boolean {
  if (Object.is(a, b)) return true;
  if (typeof a !== "object" || typeof b !== "object" || a === null || b === null) return false;
  const errorA = a as CellErrorValue;
  const errorB = b as CellErrorValue;
  return errorA.code === errorB.code && errorA.message === errorB.message;
}

/**
 * What a function of the log computes, and its answer as of `as_of` or today. STATUS, called once per
 * row, is a class of its own (`StatusFormula`), the functions of the whole log another (`LogFormula`):
 * where the answer is made, a call to `compute` then goes to one of two known places, which the
 * JavaScript engine can call directly, rather than to any of many closures.
 */
abstract class Formula<A, T> {
  abstract readonly name: string;

  /** The answer as of `asOf` in the date system, or why there is none. */
  abstract compute(argument: A, dateSystem: DateSystem, asOf: IsoDate): T | FunctionFailure;

  /** One answer, as of `as_of` or, when it is left out, `today`; never an exception. */
  answerOn(argument: A, asOfArgument: unknown, dateSystem: DateSystem, today: IsoDate): Answer<T> {
    try {
      let asOf = today;
      if (!isLeftOut(asOfArgument)) {
        const given = readAsOfArgument(asOfArgument, dateSystem);
        if (isFailure(given)) return toCellError(given);
        asOf = given ?? today;
      }
      const result = this.compute(argument, dateSystem, asOf);
      return isFailure(result) ? toCellError(result) : result;
    } catch (error) {
      return toCellError(unexpected(this.name, error));
    }
  }

  /**
   * Whether the answer, given as of `today`, can change as the day changes: then the formula follows the
   * day. A whole log's answers can (a row dated tomorrow, a certification date, the next credit's
   * window); a row's status only in the cases `StatusFormula` says.
   */
  changesWithDay(_argument: A, _dateSystem: DateSystem, _today: IsoDate): boolean {
    return true;
  }
}

/** CREDIT, HOURS and MISSING: a formula made for each call, around what that call computes. */
class LogFormula<A, T> extends Formula<A, T> {
  constructor(
    readonly name: string,
    private readonly computeWith: Compute<A, T>,
  ) {
    super();
  }

  compute(argument: A, dateSystem: DateSystem, asOf: IsoDate): T | FunctionFailure {
    return this.computeWith(argument, dateSystem, asOf);
  }
}

/**
 * Runs a function as Excel calls it: in the workbook's date system (at once when it is known, otherwise
 * once Excel has told it), as of `as_of` or today. With an invocation (Excel) the answer is set through
 * it and, without `as_of`, set again whenever the day changes the answer; without one (outside Excel)
 * the answer is returned.
 */
function answer<A, T>(
  formula: Formula<A, T>,
  asOfArgument: unknown,
  streaming: CustomFunctions.StreamingInvocation<T> | undefined,
  argument: A,
): Answer<T> | Promise<Answer<T>> | undefined {
  const invocation = streaming as Invocation<T> | undefined;
  let dateSystem: DateSystem | Promise<DateSystem>;
  try {
    dateSystem = workbookDateSystem();
  } catch (error) {
    return deliver(invocation, toCellError(unexpected(formula.name, error)));
  }

  if (invocation === undefined) {
    // A sheet holds a STATUS per row: this path makes no objects of its own.
    if (typeof dateSystem === "string") return formula.answerOn(argument, asOfArgument, dateSystem, currentDay());
    return dateSystem.then(
      (system) => formula.answerOn(argument, asOfArgument, system, currentDay()),
      (error: unknown) => toCellError(unexpected(formula.name, error)),
    );
  }

  // The usual case, at once; or once Excel has told the date system, unless the formula is canceled first.
  if (typeof dateSystem === "string") startStreaming(formula, argument, asOfArgument, invocation, dateSystem, null);
  else {
    const follower = new Follower(formula, argument, asOfArgument, invocation);
    invocation.onCanceled = () => follower.cancel();
    dateSystem.then(
      (system) => {
        if (!follower.canceled) startStreaming(formula, argument, asOfArgument, invocation, system, follower);
      },
      (error: unknown) => follower.fail(error),
    );
  }
  return undefined;
}

/**
 * A streaming formula's first answer, set; then the day followed if the answer can change with it, by
 * the follower made while the date system was asked, or by one made now: a formula that does not follow
 * the day (most of a STATUS column) makes none.
 */
function startStreaming<A, T>(
  formula: Formula<A, T>,
  argument: A,
  asOfArgument: unknown,
  invocation: Invocation<T>,
  system: DateSystem,
  made: Follower<A, T> | null,
): void {
  const today = currentDay();
  const first = formula.answerOn(argument, asOfArgument, system, today);
  invocation.setResult(first);
  if (!isLeftOut(asOfArgument) || !formula.changesWithDay(argument, system, today)) return;
  let follower = made;
  if (follower === null) {
    const created = new Follower(formula, argument, asOfArgument, invocation);
    invocation.onCanceled = () => created.cancel();
    follower = created;
  }
  follower.followFrom(system, first, today);
}

/**
 * A streaming formula's answers after its first: without `as_of`, a new one whenever the day changes it,
 * until Excel cancels the formula. One object per formula that follows the day. (Its fields are set in
 * the constructor alone: class field initializers would run as a function of their own for each.)
 */
class Follower<A, T> implements DayFollower {
  declare followerSlot: number;
  declare canceled: boolean;
  declare private system: DateSystem | null;
  declare private last: Answer<T> | null;
  declare private readonly formula: Formula<A, T>;
  declare private readonly argument: A;
  declare private readonly asOfArgument: unknown;
  declare private readonly invocation: Invocation<T>;

  constructor(formula: Formula<A, T>, argument: A, asOfArgument: unknown, invocation: Invocation<T>) {
    this.followerSlot = -1;
    this.canceled = false;
    this.system = null;
    this.last = null;
    this.formula = formula;
    this.argument = argument;
    this.asOfArgument = asOfArgument;
    this.invocation = invocation;
  }

  /** Follows the day from `today`, whose answer was `first`. */
  followFrom(system: DateSystem, first: Answer<T>, today: IsoDate): void {
    this.system = system;
    this.last = first;
    follow(this, today);
  }

  newDay(day: IsoDate): void {
    if (this.system === null || this.last === null) return;
    const next = this.formula.answerOn(this.argument, this.asOfArgument, this.system, day);
    if (sameAnswer(next, this.last)) return;
    this.last = next;
    this.invocation.setResult(next);
  }

  /** Excel asked for the date system and got no answer. */
  fail(error: unknown): void {
    if (!this.canceled) this.invocation.setResult(toCellError(unexpected(this.formula.name, error)));
  }

  cancel(): void {
    this.canceled = true;
    unfollow(this);
  }
}

function deliver<T>(invocation: Invocation<T> | undefined, value: Answer<T>): Answer<T> | undefined {
  if (invocation === undefined) return value;
  invocation.setResult(value);
  return undefined;
}

/** The log's evaluation as of a date, in a date system (`logReader`). */
type Evaluate = (dateSystem: DateSystem, asOf: IsoDate) => LogEvaluation | FunctionFailure;

/** A profile's error as a function's error says it, in the runtime's language: "Profile: …". */
function profileErrorText(error: Finding): string {
  const tr = runtimeTranslator();
  return tr.t("functions.profileError", { message: findingText(tr, error) });
}

/**
 * The log and profile arguments of CREDIT, HOURS and MISSING, read once for shape. After the first
 * evaluation the log is the evaluation's own copy of its cells: a formula that follows the day keeps no
 * second copy of Excel's range for its next answer.
 */
function logReader(log: unknown, profile: unknown): Evaluate {
  let source: unknown = log;
  let profileCells: ProfileCells | FunctionFailure | null = null;
  return (dateSystem, asOf) => {
    profileCells ??= readProfileRange(profile);
    if (isFailure(profileCells)) return profileCells;
    const evaluation =
      source instanceof LogSnapshot
        ? evaluateLog(source, profileCells, dateSystem, asOf)
        : evaluateRange(source, profileCells, dateSystem, asOf);
    if (isFailure(evaluation)) return evaluation;
    source = evaluation.snapshot;
    const blocking = evaluation.tally.profile.errors.find((error) => PROFILE_ERRORS_THAT_CHANGE_CREDIT.has(error.code));
    if (blocking !== undefined) return failure("invalidValue", profileErrorText(blocking));
    return evaluation;
  };
}

/** The evaluation's allocation, or the profile's error when the log no longer supports the credits awarded from it (docs/rules.md §4). */
function supportedAllocation(evaluation: LogEvaluation): Allocation | FunctionFailure {
  const allocation = evaluation.allocation();
  const unsupported = awardsUnsupported(evaluation.tally.profile.profile, allocation);
  return unsupported === null ? allocation : failure("invalidValue", profileErrorText(unsupported));
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
 * @param [profile] The profile: the name CSTProfile (Profile!B1:B7; B1:B6 on older forms). Leave out for no certifications, none awarded, current rules.
 * @param [as_of] The date to check the log as of: a date cell, DATE(2025,12,31) or "2025-12-31". Leave out for today.
 * @param invocation Where Excel takes the answer, and again when the day changes it.
 */
export function CREDIT(log: unknown[][], profile?: unknown[][], as_of?: unknown, invocation?: CustomFunctions.StreamingInvocation<number>) {
  return answer(
    new LogFormula<Evaluate, number>("CREDIT", (evaluate, dateSystem, asOf) => {
      const evaluation = evaluate(dateSystem, asOf);
      const allocation = isFailure(evaluation) ? evaluation : supportedAllocation(evaluation);
      return isFailure(allocation) ? allocation : allocation.credits;
    }),
    as_of,
    invocation,
    logReader(log, profile),
  );
}

/**
 * Credited hours in the log, in one category or in all, counting only rows without errors.
 * @customfunction HOURS
 * @helpurl https://localhost:3000/help.html#cst-hours
 * @param log The MentorshipLog table or its 7 columns Date to Notes; a header row is skipped.
 * @param [category] "A" treatment, "B" group and class mentorship, "C" 1x1 mentorship. Leave out for all categories.
 * @param [profile] The profile: the name CSTProfile (Profile!B1:B7; B1:B6 on older forms). Leave out for the defaults.
 * @param [as_of] The date to check the log as of: a date cell, DATE(2025,12,31) or "2025-12-31". Leave out for today.
 * @param invocation Where Excel takes the answer, and again when the day changes it.
 */
export function HOURS(
  log: unknown[][],
  category?: string,
  profile?: unknown[][],
  as_of?: unknown,
  invocation?: CustomFunctions.StreamingInvocation<number>,
) {
  return answer(
    new LogFormula<Evaluate, number>("HOURS", (evaluate, dateSystem, asOf) => {
      const which = readCategoryArgument(category);
      if (isFailure(which)) return which;
      const evaluation = evaluate(dateSystem, asOf);
      return isFailure(evaluation) ? evaluation : milliToHours(sumOver(evaluation.tally.hours, which));
    }),
    as_of,
    invocation,
    logReader(log, profile),
  );
}

/**
 * Hours still missing for the next credit, in one category or in total.
 * @customfunction MISSING
 * @helpurl https://localhost:3000/help.html#cst-missing
 * @param log The MentorshipLog table or its 7 columns Date to Notes; a header row is skipped.
 * @param [category] "A", "B" or "C" for the hours that category still needs. Leave out for the total still needed.
 * @param [profile] The profile: the name CSTProfile (Profile!B1:B7; B1:B6 on older forms). Leave out for the defaults.
 * @param [as_of] The date to check the log as of: a date cell, DATE(2025,12,31) or "2025-12-31". Leave out for today.
 * @param invocation Where Excel takes the answer, and again when the day changes it.
 */
export function MISSING(
  log: unknown[][],
  category?: string,
  profile?: unknown[][],
  as_of?: unknown,
  invocation?: CustomFunctions.StreamingInvocation<number>,
) {
  return answer(
    new LogFormula<Evaluate, number>("MISSING", (evaluate, dateSystem, asOf) => {
      const which = readCategoryArgument(category);
      if (isFailure(which)) return which;
      const evaluation = evaluate(dateSystem, asOf);
      if (isFailure(evaluation)) return evaluation;
      const allocation = supportedAllocation(evaluation);
      if (isFailure(allocation)) return allocation;
      const { missing } = allocation.next;
      return milliToHours(which === null ? missing.total : missing[which]);
    }),
    as_of,
    invocation,
    logReader(log, profile),
  );
}

/**
 * Checks one row of the log: OK, or its errors with their codes and what to fix.
 * @customfunction STATUS
 * @helpurl https://localhost:3000/help.html#cst-status
 * @param log_row One row of the log's 7 columns Date to Notes, such as MentorshipLog[@[Date]:[Notes]].
 * @param [as_of] The date to check the row as of: a date cell, DATE(2025,12,31) or "2025-12-31". Leave out for today.
 * @param invocation Where Excel takes the answer, and again when the day changes it.
 */
export function STATUS(log_row: unknown[][], as_of?: unknown, invocation?: CustomFunctions.StreamingInvocation<string>) {
  return answer(STATUS_FORMULA, as_of, invocation, log_row);
}

/**
 * How far back from today a row's date keeps its STATUS following the day: 31 days. A row's status
 * changes with the day only on its own date (a row's `day`: a date after the as-of date is the one rule
 * that reads it). A row dated after today changes when its day comes (and its message, which names
 * the as-of date, every day until then); one dated today or before changes only if the clock goes back
 * before its date: a time zone crossed (a day at most) or a clock set back by hand. A row dated more
 * than 31 days ago, or without a date, keeps its status unless the clock goes back that far while Excel
 * is open; such a STATUS does not follow the day. A log of years then makes a follower (an object and
 * the `onCanceled` Excel calls) for its last month's rows only, not for every row.
 */
const FOLLOWED_DAYS_BACK = 31;

/** STATUS: one row's check, OK or its errors. */
class StatusFormula extends Formula<unknown, string> {
  readonly name = "STATUS";
  /**
   * The row answered for last, and its date's day, which the row checks keep (null for a row whose
   * answer no day changes: not a row, empty, or without a date): what `changesWithDay` asks next.
   */
  private lastRow: unknown = undefined;
  private lastDay: number | null = null;

  compute(log_row: unknown, dateSystem: DateSystem, asOf: IsoDate): string | FunctionFailure {
    this.lastRow = log_row;
    this.lastDay = null;
    const cells = readLogRowRange(log_row);
    // Cells, or why there are none: the test that tells them apart costs nothing on an array.
    if (!Array.isArray(cells)) return cells as FunctionFailure;
    if (isEmptyRow(cells)) return "";
    // The whole log's evaluation may have checked this row already (rowChecks.ts).
    const checks = rowChecksFor(asOf, dateSystem);
    const line = checks.status(cells);
    this.lastDay = checks.lastStatusDay();
    return line;
  }

  /** Only a row this formula has just answered for can be known not to change; any other follows the day. */
  override changesWithDay(log_row: unknown, _dateSystem: DateSystem, today: IsoDate): boolean {
    if (log_row !== this.lastRow) return true;
    return this.lastDay !== null && this.lastDay >= asOfDay(today) - FOLLOWED_DAYS_BACK;
  }
}

const STATUS_FORMULA = new StatusFormula();

function activityOf(value: unknown): Activity | FunctionFailure {
  const error = excelErrorCode(value);
  if (error !== null) return passedOnError(error, "Activity");
  const text = cellText(toCellValue(value));
  if (text === "") return failure("notAvailable", runtimeTranslator().t("finding.activity.empty"));
  const activity = findActivity(text);
  if (activity !== null) return activity;
  return failure(
    "notAvailable",
    runtimeTranslator().t("functions.unknownActivity", { cell: describeCell(text), first: "one-on-one", second: "treatment" }),
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
    if (!reading.ok) {
      const tr = runtimeTranslator();
      return failure("invalidValue", findingText(tr, quantityError(reading.problem, cell, found.unit)));
    }
    return milliToHours(creditedHours(found, reading.hundredths).hours);
  });
}
