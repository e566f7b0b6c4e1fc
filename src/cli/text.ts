/**
 * The command line's human-readable output: one line per finding naming the
 * row and the fix, then the credits, the hours, the next credit's shortfall,
 * the fingerprint and the submission state.
 */
import { CATEGORIES, CERTIFICATION_LABELS } from "../core";
import { type VerifiedReport, submissionFieldLabel } from "../core/submission";

const plural = (count: number, one: string, many = `${one}s`): string => `${count} ${count === 1 ? one : many}`;

export function ordinal(n: number): string {
  const tens = n % 100;
  const suffix = tens >= 11 && tens <= 13 ? "th" : (["th", "st", "nd", "rd"][n % 10] ?? "th");
  return `${n}${suffix}`;
}

function countFindings(report: VerifiedReport): { errors: number; warnings: number } {
  let errors = report.profile.errors.length;
  let warnings = report.profile.warnings.length;
  for (const row of report.rows) {
    errors += row.errors.length;
    warnings += row.warnings.length;
  }
  return { errors, warnings };
}

/** "no errors", "2 errors, 1 warning". */
export function findingsSummary(report: VerifiedReport): string {
  const { errors, warnings } = countFindings(report);
  const parts = [errors === 0 ? "no errors" : plural(errors, "error")];
  if (warnings > 0) parts.push(plural(warnings, "warning"));
  return parts.join(", ");
}

/** One line per finding: the profile's first, then the rows' in order. */
export function findingLines(report: VerifiedReport): string[] {
  const lines: string[] = [];
  for (const error of report.profile.errors) lines.push(`  Profile: error ${error.code}: ${error.message}`);
  for (const warning of report.profile.warnings) lines.push(`  Profile: warning ${warning.code}: ${warning.message}`);
  for (const row of report.rows) {
    for (const error of row.errors) lines.push(`  row ${row.row}: error ${error.code}: ${error.message}`);
    for (const warning of row.warnings) lines.push(`  row ${row.row}: warning ${warning.code}: ${warning.message}`);
  }
  return lines;
}

const hoursText = (hours: number): string => `${hours} h`;

export function hoursLine(report: VerifiedReport): string {
  return `Hours credited: ${CATEGORIES.map((category) => `${category} ${hoursText(report.hours[category])}`).join(", ")}`;
}

export function nextCreditLine(report: VerifiedReport): string {
  const { next } = report;
  const missing = CATEGORIES.map((category) => `${category} ${hoursText(next.missing[category])}`).join(", ");
  const blocked =
    next.blockedBy === undefined
      ? ""
      : `; it needs ${next.blockedBy === "technique-certification" ? CERTIFICATION_LABELS.technique : CERTIFICATION_LABELS.diplomate} first (${next.blockedBy})`;
  return `Next credit (${ordinal(next.credit)}): missing ${missing}, ${hoursText(next.missing.total)} in total${blocked}`;
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
      : "Submission: edited after export (the fingerprint does not match the profile and rows)",
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

/** The full report of one file. */
export function reportText(file: string, report: VerifiedReport): string {
  return [
    `${file}: ${findingsSummary(report)}`,
    ...findingLines(report),
    `Credits earned: ${report.credits} (rule set ${report.ruleSet})`,
    hoursLine(report),
    nextCreditLine(report),
    `Fingerprint: ${report.fingerprint}`,
    ...submissionLines(report),
  ].join("\n");
}

/** The one line of a file in a batch. */
export function batchLine(file: string, report: VerifiedReport): string {
  const parts = [
    findingsSummary(report),
    plural(report.credits, "credit"),
    `hours ${CATEGORIES.map((category) => `${category} ${report.hours[category]}`).join(" ")}`,
    `next credit ${ordinal(report.next.credit)} missing ${hoursText(report.next.missing.total)}${report.next.blockedBy === undefined ? "" : ` (${report.next.blockedBy})`}`,
  ];
  if (report.submission !== null) {
    const mismatches = report.summaryMismatches?.length ?? 0;
    parts.push(`submission ${report.submission}${mismatches > 0 ? `, ${plural(mismatches, "summary difference")}` : ""}`);
  }
  return `${file}: ${parts.join("; ")}`;
}
