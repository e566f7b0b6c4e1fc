/**
 * A whole log, evaluated: rows checked, profile read, credits allocated, and
 * the report of docs/rules.md §7 (the command line's JSON; the functions and the
 * taskpane show parts of the same object). Two entry points:
 * `summarizeLog` (what credits need, for the custom functions) and
 * `checkLog` (the same with each row's result, for the pane and reports).
 * Verifying and exporting a submission are in submission.ts.
 */
import { CATEGORIES, type Category } from "./catalog";
import { type CanonicalInput, type Sha256Stream, CanonicalWriter, sha256Pieces } from "./canonical";
import type { CellValue } from "./cells";
import { type DateSystem, type IsoDate, todayIsoDate } from "./dates";
import { type Finding, finding } from "./findings";
import { type Allocation, type BlockedBy, type CreditBreakdown, HoursLedger, allocateCredits, creditBreakdown } from "./allocation";
import { type Millihours, milliToHours } from "./hours";
import { type Profile, type ProfileCells, type ProfileOverrides, type ProfileResult, readProfile } from "./profile";
import { type LogRow, isEmptyRow } from "./rows";
import { checkRowInto, newRowResult } from "./engine/rowCheck";
import { RowResults } from "./engine/rowResults";
import type { RuleSetId } from "./rulesets";

/** A log as every reader gives it: a CSV file, a workbook file, the open workbook. */
export interface LogInput {
  readonly rows: readonly LogRow[];
  /** The Profile sheet's value cells; none for a CSV log. */
  readonly profileCells: ProfileCells;
  readonly dateSystem: DateSystem;
}

/**
 * A log whose rows come a batch at a time, once (a CSV file read a piece at a
 * time, by the command line): checking it keeps no row after its batch.
 */
export interface StreamedLogInput {
  readonly batches: Iterable<readonly LogRow[]>;
  readonly profileCells: ProfileCells;
  readonly dateSystem: DateSystem;
}

/** What a workbook holds for the tracker: the log and, for an exported submission, the Submission sheet's rows. */
export interface WorkbookContent {
  readonly log: LogInput;
  /** Whether the log table (or a sheet with the log's headers) exists. */
  readonly hasLog: boolean;
  /** Whether the Profile sheet exists. */
  readonly hasProfile: boolean;
  /** The Submission sheet's rows from A1 when the workbook is an exported submission, else null. */
  readonly submissionRows: readonly (readonly CellValue[])[] | null;
}

/**
 * A log as the rows of a range, the way Excel hands it to a custom function:
 * row `i` is row number `i + rowNumberOffset`. Reading it makes no object per
 * row, which for 100,000 rows costs as much as checking them.
 */
export interface GridLogInput {
  readonly grid: readonly (readonly CellValue[])[];
  /** Index of the first data row (after a header row). */
  readonly firstIndex: number;
  readonly rowNumberOffset: number;
  /** The Profile sheet's value cells; none for a CSV log. */
  readonly profileCells: ProfileCells;
  readonly dateSystem: DateSystem;
}

export interface EvaluateOptions {
  /** Rows dated after it are errors; the next credit's hours are dated on it. Default: today. */
  readonly asOf?: IsoDate;
  readonly overrides?: ProfileOverrides;
  /** Export also needs the mentee's name. */
  readonly forExport?: boolean;
  /** Hashes the fingerprint piece by piece (Node's crypto, on the command line); else Web Crypto. */
  readonly sha256?: () => Sha256Stream;
  /** The canonical form's version to fingerprint under (`reportLog`); the current one unless given. */
  readonly canonicalVersion?: number;
  /** Called with each non-empty row's cells, in order, as the row is checked (the fingerprint, in the same pass). */
  readonly onRow?: (cells: readonly CellValue[]) => void;
}

/** What credits need: hours, allocation and validity, without a result kept per row. */
export interface Summary {
  readonly asOf: IsoDate;
  readonly profile: ProfileResult;
  /** Credited hours per category over rows without errors, before allocation. */
  readonly hours: Readonly<Record<Category, Millihours>>;
  readonly allocation: Allocation;
  /** Credited hours of rows without errors, per category and day: what the allocation and the breakdown work on. */
  readonly ledger: HoursLedger;
  readonly valid: boolean;
  /** Non-empty rows, and those with at least one error. */
  readonly rowCount: number;
  readonly rowsWithErrors: number;
}

export interface Assessment extends Summary {
  /** Each non-empty row's result, in order (kept column by column: `RowResults`). */
  readonly rows: RowResults;
}

/** Any of the three forms of a log. */
export type AnyLogInput = LogInput | GridLogInput | StreamedLogInput;

function isGrid(input: AnyLogInput): input is GridLogInput {
  return "grid" in input;
}

export function isStreamed(input: AnyLogInput): input is StreamedLogInput {
  return "batches" in input;
}

/** A summary before the allocation: what the rows give (HOURS, for one, needs nothing more). */
export type Tally = Omit<Summary, "allocation">;

function tally(input: AnyLogInput, options: EvaluateOptions, keepRows: RowResults | null): Tally {
  const asOf = options.asOf ?? todayIsoDate();
  const profile = readProfile(input.profileCells, { asOf, dateSystem: input.dateSystem, forExport: options.forExport }, options.overrides);
  const rowOptions = { asOf, dateSystem: input.dateSystem };
  const ledger = new HoursLedger();
  // Three sums in locals, not an object indexed by the category: this runs for every row.
  let hoursA: Millihours = 0;
  let hoursB: Millihours = 0;
  let hoursC: Millihours = 0;
  let rowCount = 0;
  let rowsWithErrors = 0;
  const onRow = options.onRow;
  // Each row's result is read at once (and kept column by column): one result object for all of them.
  const scratch = newRowResult();
  // One loop for every input (the rows of a log, one batch; a grid, read in place; a stream's batches), its sums
  // in locals: a closure per row would keep them in a context object.
  const grid = isGrid(input) ? input : null;
  const batches: Iterable<readonly LogRow[] | null> =
    grid !== null ? [null] : isStreamed(input) ? input.batches : [(input as LogInput).rows];
  for (const batch of batches) {
    const first = batch === null ? (grid as GridLogInput).firstIndex : 0;
    const end = batch === null ? (grid as GridLogInput).grid.length : batch.length;
    for (let i = first; i < end; i++) {
      let cells: readonly CellValue[];
      let rowNumber: number;
      let found: LogRow["found"];
      if (batch === null) {
        cells = (grid as GridLogInput).grid[i] as readonly CellValue[];
        rowNumber = i + (grid as GridLogInput).rowNumberOffset;
      } else {
        const row = batch[i] as LogRow;
        cells = row.cells;
        rowNumber = row.row;
        found = row.found;
      }
      if (found === undefined && isEmptyRow(cells)) continue;
      onRow?.(cells);
      checkRowInto(scratch, cells, rowNumber, rowOptions, found);
      // Duplicates only warn: credits never need the check, so a summary, keeping no rows, skips it.
      keepRows?.push(scratch);
      rowCount++;
      if (scratch.errors.length > 0) rowsWithErrors++;
      else if (scratch.category !== null && scratch.day !== null) {
        if (scratch.category === "A") hoursA += scratch.hours;
        else if (scratch.category === "B") hoursB += scratch.hours;
        else hoursC += scratch.hours;
        ledger.add(scratch.category, scratch.day, scratch.hours);
      }
    }
  }
  keepRows?.finish();
  const hours: Record<Category, Millihours> = { A: hoursA, B: hoursB, C: hoursC };
  return tallyWithProfile(asOf, profile, { hours, ledger, rowCount, rowsWithErrors });
}

/** What a tally adds up of a log's rows (`tally` above): each non-empty row counted, and the hours of those without errors. */
export interface RowSums {
  readonly hours: Readonly<Record<Category, Millihours>>;
  /** The same hours by category and day. */
  readonly ledger: HoursLedger;
  readonly rowCount: number;
  readonly rowsWithErrors: number;
}

function tallyWithProfile(asOf: IsoDate, profile: ProfileResult, rows: RowSums): Tally {
  const valid = profile.errors.length === 0 && rows.rowsWithErrors === 0;
  return { asOf, profile, hours: rows.hours, ledger: rows.ledger, valid, rowCount: rows.rowCount, rowsWithErrors: rows.rowsWithErrors };
}

/**
 * A tally of rows checked and added up elsewhere, as `tallyLog` adds them up: a row with errors counts
 * toward nothing, the hours of the others by category and day. The custom functions keep each row's
 * check across formulas (src/functions/rowChecks.ts) and add up a log's rows from it.
 */
export function tallyOfCheckedRows(input: Pick<GridLogInput, "profileCells" | "dateSystem">, asOf: IsoDate, rows: RowSums): Tally {
  return tallyWithProfile(asOf, readProfile(input.profileCells, { asOf, dateSystem: input.dateSystem }), rows);
}

function evaluate(input: AnyLogInput, options: EvaluateOptions, keepRows: RowResults | null): Summary {
  const counted = tally(input, options, keepRows);
  const allocation = allocateCredits(counted.ledger, counted.profile.profile, { asOf: counted.asOf });
  const unsupported = awardsUnsupported(counted.profile.profile, allocation);
  if (unsupported === null) return { ...counted, allocation };
  const profile: ProfileResult = { ...counted.profile, errors: [...counted.profile.errors, unsupported] };
  return { ...counted, profile, valid: false, allocation };
}

/**
 * docs/rules.md §4: the log no longer meets every credit awarded from it (K < W): a row those credits used was
 * changed or removed. An error of the profile's W, naming how many of them the log still supports.
 */
export function awardsUnsupported(profile: Profile, allocation: Allocation): Finding<"awards-unsupported"> | null {
  const fromLog = profile.creditsAwardedFromLog;
  if (allocation.supported >= fromLog) return null;
  const still = allocation.supported === 0 ? "none of them" : `only ${allocation.supported} of them`;
  return finding(
    "awards-unsupported",
    "creditsAwardedFromLog",
    `Credits awarded from this log is ${fromLog}, but the log's rows now support ${still}: a row those credits used was changed or removed. Put the row back as it was awarded (never delete rows after an award), or correct Credits awarded from this log.`,
    "finding.profile.awardsUnsupported",
    { fromLog, supported: allocation.supported },
  );
}

/** What the rows of a log give, without the allocation: `summarizeLog` is this and `allocateCredits` on its ledger. */
export function tallyLog(input: LogInput | GridLogInput, options: EvaluateOptions = {}): Tally {
  return tally(input, options, null);
}

/** Credits, hours and the next credit of a log (what the custom functions and the progress view need). */
export function summarizeLog(input: LogInput | GridLogInput, options: EvaluateOptions = {}): Summary {
  return evaluate(input, options, null);
}

/** Which hours went to which credit, and which count toward none and why (allocation.ts). */
export function breakdownOf(summary: Summary): CreditBreakdown {
  return creditBreakdown(summary.ledger, summary.profile.profile, summary.allocation, summary.asOf);
}

/** Checks a log: the summary, with each row's result and findings (duplicates included). */
export function checkLog(input: LogInput | StreamedLogInput, options: EvaluateOptions = {}): Assessment {
  const rows = new RowResults(isStreamed(input) ? undefined : input.rows.length);
  return { ...evaluate(input, options, rows), rows };
}

export type SubmissionState = "unchanged" | "edited";

export type ReportFinding = Finding;

export interface ReportRow {
  readonly row: number;
  readonly category: Category | null;
  readonly hours: number;
  readonly errors: readonly ReportFinding[];
  readonly warnings: readonly ReportFinding[];
}

export interface Report {
  /** Whose log it is, from the Profile (null where absent, as in a CSV log). */
  readonly mentee: { readonly name: string | null; readonly email: string | null };
  /** The as-of date the log was checked against. */
  readonly asOf: IsoDate;
  readonly ruleSet: RuleSetId;
  /** Credits newly earned by this log (docs/rules.md §4: not those awarded before it or from it). */
  readonly credits: number;
  /** P and W of docs/rules.md §4: credits awarded before this log, and from earlier submissions of it. */
  readonly awarded: { readonly before: number; readonly fromLog: number };
  /** The number of the first credit this log newly earns (P+W+1). */
  readonly firstNewCredit: number;
  readonly hours: Readonly<Record<Category, number>>;
  readonly valid: boolean;
  readonly profile: { readonly errors: readonly ReportFinding[]; readonly warnings: readonly ReportFinding[] };
  readonly rows: readonly ReportRow[];
  readonly next: {
    readonly credit: number;
    readonly missing: Readonly<Record<Category | "total", number>>;
    readonly blockedBy?: BlockedBy;
  };
  readonly fingerprint: string;
  readonly submission: SubmissionState | null;
}

export function hoursByCategory(milli: Readonly<Record<Category, Millihours>>): Record<Category, number> {
  return { A: milliToHours(milli.A), B: milliToHours(milli.B), C: milliToHours(milli.C) };
}

export function canonicalInputOf(input: LogInput, ruleSet: RuleSetId, overrides?: ProfileOverrides): CanonicalInput {
  return { rows: input.rows, profileCells: input.profileCells, overrides, dateSystem: input.dateSystem, ruleSet };
}

/** The report's rows from `start` to `end` (all by default), from a log's row results. */
export function reportRowsOf(results: RowResults, start = 0, end = results.length): ReportRow[] {
  const rows = new Array<ReportRow>(Math.max(0, end - start));
  for (let index = start; index < end; index++) {
    rows[index - start] = {
      row: results.rowNumber(index),
      category: results.category(index),
      hours: milliToHours(results.hours(index)),
      errors: results.errors(index),
      warnings: results.warnings(index),
    };
  }
  return rows;
}

export function buildReport(assessment: Assessment, logFingerprint: string, submission: SubmissionState | null): Report {
  const { next } = assessment.allocation;
  const missing: Record<Category | "total", number> = { A: 0, B: 0, C: 0, total: milliToHours(next.missing.total) };
  for (const category of CATEGORIES) missing[category] = milliToHours(next.missing[category]);
  const { name, email } = assessment.profile.profile;
  const report: Report = {
    mentee: { name: name === "" ? null : name, email: email === "" ? null : email },
    asOf: assessment.asOf,
    ruleSet: assessment.profile.profile.ruleSet.id,
    credits: assessment.allocation.credits,
    awarded: { before: assessment.profile.profile.creditsAwarded, fromLog: assessment.profile.profile.creditsAwardedFromLog },
    firstNewCredit: assessment.allocation.firstNewCredit,
    hours: hoursByCategory(assessment.hours),
    valid: assessment.valid,
    profile: { errors: assessment.profile.errors, warnings: assessment.profile.warnings },
    rows: [],
    next: { credit: next.credit, missing, ...(next.blockedBy === null ? {} : { blockedBy: next.blockedBy }) },
    fingerprint: logFingerprint,
    submission,
  };
  // The rows are made when read: a report of 100,000 rows written as JSON (`reportRowsOf`, a few hundred at
  // a time) need not keep an object per row as well as the row results.
  let rows: ReportRow[] | undefined;
  Object.defineProperty(report, "rows", { enumerable: true, configurable: true, get: () => (rows ??= reportRowsOf(assessment.rows)) });
  return report;
}

/**
 * Checks a log and reports it as docs/rules.md §7's JSON object (without the submission check). The rows are read
 * once: each goes to the fingerprint's canonical form as it is checked.
 */
export async function reportLog(
  input: LogInput | StreamedLogInput,
  options: EvaluateOptions = {},
): Promise<{ assessment: Assessment; report: Report }> {
  const asOf = options.asOf ?? todayIsoDate();
  // The canonical form opens with the rule set, which the profile gives before any row is read.
  const { ruleSet } = readProfile(input.profileCells, { asOf, dateSystem: input.dateSystem }, options.overrides).profile;
  const hash = sha256Pieces(options.sha256);
  const writer = new CanonicalWriter(
    {
      ...canonicalInputOf({ rows: [], profileCells: input.profileCells, dateSystem: input.dateSystem }, ruleSet.id, options.overrides),
      version: options.canonicalVersion,
    },
    (piece) => hash.update(piece),
  );
  const onRow = options.onRow;
  const assessment = checkLog(input, {
    ...options,
    asOf,
    onRow: (cells) => {
      writer.addNonEmptyRow(cells);
      onRow?.(cells);
    },
  });
  writer.finish();
  return { assessment, report: buildReport(assessment, await hash.hex(), null) };
}
