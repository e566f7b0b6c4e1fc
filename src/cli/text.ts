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
  type VerificationState,
  type VerifiedReport,
  CATEGORIES,
  RULE_SETS,
  STATE_TEXT,
  attentionText,
  breakdownOf,
  editsText,
  categoryHoursText,
  certificationText,
  creditRule,
  earnedCreditText,
  findRuleSet,
  hoursToMilli,
  missingText,
  ordinal,
  plural,
  submissionFieldLabel,
  unusedText,
  utcTimeText,
  verificationState,
} from "../core";

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

/** Whose it is and against what: "Ann Mentee <ann@example.org>; exported 2026-11-25 14:03 UTC; as of 2024-06-01; Current program rules". */
export function whoLine(report: VerifiedReport): string {
  const name = report.mentee.name ?? "(no mentee name)";
  const email = report.mentee.email === null ? "" : ` <${report.mentee.email}>`;
  const exported = report.exportedAt === undefined || report.exportedAt === null ? "" : `; exported ${utcTimeText(report.exportedAt)}`;
  const ruleSet = findRuleSet(report.ruleSet)?.label ?? report.ruleSet;
  return `${name}${email}${exported}; as of ${report.asOf}; rule set: ${ruleSet}`;
}

/** The next credit and what it still needs, in the categories it takes. */
export function nextCreditLine(report: VerifiedReport): string {
  const { next } = report;
  const rule = creditRule(findRuleSet(report.ruleSet) ?? RULE_SETS.current, next.credit);
  const missing = {
    A: hoursToMilli(next.missing.A),
    B: hoursToMilli(next.missing.B),
    C: hoursToMilli(next.missing.C),
    total: hoursToMilli(next.missing.total),
  };
  const blocked =
    next.blockedBy === undefined
      ? ""
      : `; it needs you to be ${certificationText(next.blockedBy === "technique-certification" ? "technique" : "diplomate")} first`;
  return `Next credit (the ${ordinal(next.credit)}): still needs ${missingText(missing, rule)}${blocked}`;
}

export function hoursLine(report: VerifiedReport): string {
  return `Hours credited: ${CATEGORIES.map((category) => `${category} ${report.hours[category]} h`).join(", ")}`;
}

/** Which hours went to which credit, and which count toward none (from the same allocation as the credits). */
export function breakdownLines(assessment: Assessment): string[] {
  const breakdown = breakdownOf(assessment);
  const ruleSet = assessment.profile.profile.ruleSet;
  const lines = breakdown.earned.map((entry) => `  ${earnedCreditText(entry, creditRule(ruleSet, entry.credit))}`);
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

/** The full report of one file; attention first. */
export function reportText(file: string, report: VerifiedReport, assessment: Assessment): string {
  const attention = attentionText(report);
  return [
    `${file}: ${attention === null ? findingsSummary(report) : `${attention} (${findingsSummary(report)})`}`,
    `Mentee: ${whoLine(report)}`,
    ...findingLines(report),
    `Credits earned: ${report.credits}`,
    ...breakdownLines(assessment),
    hoursLine(report),
    nextCreditLine(report),
    `Fingerprint: ${report.fingerprint}`,
    ...submissionLines(report),
  ].join("\n");
}

/** The one line of a file in a batch: its state first. */
export function batchLine(file: string, report: VerifiedReport): string {
  const state = verificationState(report);
  const attention = attentionText(report);
  const first = attention ?? (state === "errors" ? `HAS ERRORS (${findingsSummary(report)})` : STATE_TEXT.ready.toUpperCase());
  const name = report.mentee.name ?? "(no mentee name)";
  const exported = report.exportedAt === undefined || report.exportedAt === null ? "" : `; exported ${utcTimeText(report.exportedAt)}`;
  return `${file}: ${first}; ${name}${report.mentee.email === null ? "" : ` <${report.mentee.email}>`}${exported}; ${plural(report.credits, "credit")}; hours ${CATEGORIES.map((category) => `${category} ${report.hours[category]}`).join(" ")}`;
}

/** The batch's closing lines: totals that separate ready, errors and edited, and the files that need attention. */
export function batchTotals(results: readonly { file: string; state: VerificationState | "unreadable"; credits: number }[]): string[] {
  const count = (state: VerificationState | "unreadable") => results.filter((result) => result.state === state).length;
  const readyCredits = results.filter((result) => result.state === "ready").reduce((sum, result) => sum + result.credits, 0);
  const attention = results.filter((result) => result.state !== "ready");
  const lines = [
    `Total: ${plural(results.length, "file")}: ${count("ready")} ready to award (${plural(readyCredits, "credit")}), ${count("errors")} with errors, ${count("edited") + count("mismatched")} edited or with a differing summary, ${count("unreadable")} unreadable`,
  ];
  if (attention.length > 0) {
    lines.push("Need attention:");
    const why = {
      errors: "has errors",
      edited: "edited after export",
      mismatched: "summary differs",
      unreadable: "cannot be read",
    } as const;
    for (const result of attention) lines.push(`  ${result.file}: ${why[result.state as keyof typeof why]}`);
  }
  return lines;
}
