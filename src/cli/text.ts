/**
 * The command line's human-readable output. What needs the coordinator's
 * attention comes first: a submission edited after export, or whose stored
 * summary differs, says so on the file's first line, with what changed.
 * Then whose it is, one line per finding naming the row and the fix, the
 * credits and the hours each took, the next credit's shortfall in the
 * categories it takes, and the fingerprint.
 */
import {
  type Assessment,
  type ReportRow,
  type VerificationState,
  type VerifiedReport,
  CATEGORIES,
  STATE_HINT,
  STATE_TEXT,
  VERIFICATION_STATES,
  breakdownOf,
  byState,
  editsText,
  categoryHoursText,
  creditRule,
  earnedCreditText,
  findRuleSet,
  nextCreditLine,
  ordinal,
  plural,
  reportRowsOf,
  submissionFieldLabel,
  stateLine,
  unusedText,
  utcTimeText,
  verificationState,
} from "../core";

/** Rows of a report taken from its assessment's results at a time: a long log's report is never made an object per row. */
const ROWS_PER_PIECE = 256;

/**
 * The report's rows: made from the assessment's results a few hundred at a time where it is given (the
 * report's own `rows` is those results made whole, an object per row of the log).
 */
function* reportRows(report: VerifiedReport, assessment?: Assessment): Generator<ReportRow> {
  if (assessment === undefined) {
    yield* report.rows;
    return;
  }
  const results = assessment.rows;
  for (let start = 0; start < results.length; start += ROWS_PER_PIECE) {
    yield* reportRowsOf(results, start, Math.min(results.length, start + ROWS_PER_PIECE));
  }
}

function countFindings(report: VerifiedReport, assessment?: Assessment): { errors: number; warnings: number } {
  let errors = report.profile.errors.length;
  let warnings = report.profile.warnings.length;
  for (const row of reportRows(report, assessment)) {
    errors += row.errors.length;
    warnings += row.warnings.length;
  }
  return { errors, warnings };
}

/** "no errors", "2 errors, 1 warning". `assessment`: the report's, to count its rows' findings without making the report's rows. */
export function findingsSummary(report: VerifiedReport, assessment?: Assessment): string {
  const { errors, warnings } = countFindings(report, assessment);
  const parts = [errors === 0 ? "no errors" : plural(errors, "error")];
  if (warnings > 0) parts.push(plural(warnings, "warning"));
  return parts.join(", ");
}

/** One line per finding: the profile's first, then the rows' in order. */
export function* findingLines(report: VerifiedReport, assessment?: Assessment): Generator<string> {
  for (const error of report.profile.errors) yield `  Profile: error ${error.code}: ${error.message}`;
  for (const warning of report.profile.warnings) yield `  Profile: warning ${warning.code}: ${warning.message}`;
  for (const row of reportRows(report, assessment)) {
    for (const error of row.errors) yield `  row ${row.row}: error ${error.code}: ${error.message}`;
    for (const warning of row.warnings) yield `  row ${row.row}: warning ${warning.code}: ${warning.message}`;
  }
}

/** Whose it is and against what: "Ann Mentee <ann@example.org>; exported 2026-11-25 14:03 UTC; as of 2024-06-01; Current program rules". */
export function whoLine(report: VerifiedReport): string {
  const name = report.mentee.name ?? "(no mentee name)";
  const email = report.mentee.email === null ? "" : ` <${report.mentee.email}>`;
  const exported = report.exportedAt === undefined || report.exportedAt === null ? "" : `; exported ${utcTimeText(report.exportedAt)}`;
  const ruleSet = findRuleSet(report.ruleSet)?.label ?? report.ruleSet;
  return `${name}${email}${exported}; as of ${report.asOf}; rule set: ${ruleSet}`;
}

export function hoursLine(report: VerifiedReport): string {
  return `Hours credited: ${CATEGORIES.map((category) => `${category} ${report.hours[category]} h`).join(", ")}`;
}

/** Which hours went to which credit, and which count toward none (from the same allocation as the credits). */
export function breakdownLines(assessment: Assessment): string[] {
  const breakdown = breakdownOf(assessment);
  const ruleSet = assessment.profile.profile.ruleSet;
  const lines = breakdown.earned.map(
    (entry) => `  ${earnedCreditText(entry, creditRule(ruleSet, entry.credit))}${entry.awarded ? " (awarded from this log already)" : ""}`,
  );
  const nextRule = creditRule(ruleSet, breakdown.next.credit);
  if (CATEGORIES.some((category) => breakdown.next.hours[category] > 0)) {
    lines.push(
      `  Toward the ${ordinal(breakdown.next.credit)} credit so far: ${categoryHoursText(breakdown.next.hours, nextRule.accepts)}`,
    );
  }
  for (const entry of breakdown.unused) lines.push(`  ${unusedText(entry, breakdown.next, nextRule)}`);
  return lines;
}

function valueText(value: string | number | null): string {
  if (value === null) return "(missing)";
  return typeof value === "string" ? JSON.stringify(value) : String(value);
}

export function submissionLines(report: VerifiedReport): string[] {
  if (report.submission === null) return ["Submission: none (a plain log, not an exported submission)"];
  const lines = [
    report.submission === "unchanged"
      ? "Submission: unchanged since export (the fingerprint matches)"
      : `Submission: edited after export: ${editsText(report.edits)}`,
  ];
  const mismatches = report.summaryMismatches ?? [];
  if (mismatches.length === 0) lines.push("  The stored summary matches the recomputed one.");
  for (const mismatch of mismatches) {
    lines.push(
      `  Stored summary differs: ${submissionFieldLabel(mismatch.field)} is ${valueText(mismatch.stored)}, recomputed ${valueText(mismatch.recomputed)}`,
    );
  }
  return lines;
}

/** Credits awarded before this log and from it (docs/rules.md §4), when there are any: where this log's new credits start. */
export function awardedLine(report: VerifiedReport): string | null {
  const { before, fromLog } = report.awarded;
  if (before === 0 && fromLog === 0) return null;
  return `Credits awarded already: ${before} before this log, ${fromLog} from this log; this log's new credits count from the ${ordinal(report.firstNewCredit)}`;
}

/** The full report of one file, line by line; its state first, and what needs attention. */
export function* reportTextLines(file: string, report: VerifiedReport, assessment: Assessment): Generator<string> {
  const awarded = awardedLine(report);
  yield `${file}: ${stateLine(report)} (${findingsSummary(report, assessment)})`;
  yield `Mentee: ${whoLine(report)}`;
  yield* findingLines(report, assessment);
  yield `Credits earned: ${report.credits}`;
  if (awarded !== null) yield awarded;
  yield* breakdownLines(assessment);
  yield hoursLine(report);
  yield nextCreditLine(report);
  yield `Fingerprint: ${report.fingerprint}`;
  yield* submissionLines(report);
}

/** The one line of a file in a batch: its state first. */
export function batchLine(file: string, report: VerifiedReport, assessment?: Assessment): string {
  const state = verificationState(report);
  const first = state === "has-errors" ? `${STATE_TEXT[state]} (${findingsSummary(report, assessment)})` : stateLine(report);
  const name = report.mentee.name ?? "(no mentee name)";
  const exported = report.exportedAt === undefined || report.exportedAt === null ? "" : `; exported ${utcTimeText(report.exportedAt)}`;
  return `${file}: ${first}; ${name}${report.mentee.email === null ? "" : ` <${report.mentee.email}>`}${exported}; ${plural(report.credits, "credit")}; hours ${CATEGORIES.map((category) => `${category} ${report.hours[category]}`).join(" ")}`;
}

/** The batch's closing lines: how many files are in each state (in docs/rules.md §4's order, with its words), and those not ready to award. */
export function batchTotals(results: readonly { file: string; state: VerificationState; credits: number }[]): string[] {
  const counts = VERIFICATION_STATES.flatMap((state) => {
    const files = results.filter((result) => result.state === state);
    if (files.length === 0) return [];
    const credits =
      state === "ready"
        ? ` (${plural(
            files.reduce((sum, result) => sum + result.credits, 0),
            "credit",
          )})`
        : "";
    return [`${files.length} ${STATE_TEXT[state]}${credits}`];
  });
  const lines = [`Total: ${plural(results.length, "file")}: ${counts.join(", ")}`];
  const notReady = byState(
    results.filter((result) => result.state !== "ready"),
    (result) => result.state,
  );
  if (notReady.length > 0) {
    lines.push("Not ready to award:");
    for (const result of notReady) lines.push(`  ${result.file}: ${STATE_TEXT[result.state]}: ${STATE_HINT[result.state]}`);
  }
  return lines;
}
