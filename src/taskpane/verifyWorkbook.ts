/**
 * The coordinator's check of the open workbook: recompute everything from its
 * rows, compare a submission's stored fingerprint and summary, and write the
 * results beside the input (the CST Status column and the CST Verification sheet).
 */
import type { Assessment, IsoDate } from "../core";
import { type VerifiedReport, ordinal, readSubmissionSheet, submissionFieldLabel, verifyLog } from "../core";
import { type TrackingWorkbook, WorkbookError } from "../excel/workbook";
import { type ListedFinding, listFindings, rowMarks } from "./findings";

/** One line of the verification sheet: label in column A, value in column B. */
export type VerificationLine = readonly [string, string | number];

export interface Verification {
  readonly report: VerifiedReport;
  readonly assessment: Assessment;
  readonly findings: readonly ListedFinding[];
  readonly lines: readonly VerificationLine[];
}

export function submissionStateText(report: VerifiedReport): string {
  if (report.submission === null) return "Not a submission (no Submission sheet)";
  return report.submission === "unchanged" ? "Unchanged since export" : "Edited after export";
}

export function verificationLines(report: VerifiedReport, assessment: Assessment, checkedAt: string): VerificationLine[] {
  const errorRows = assessment.rows.filter((row) => row.errors.length > 0).length;
  const lines: VerificationLine[] = [
    ["Verified at", checkedAt],
    ["As of", assessment.asOf],
    ["Rule set", report.ruleSet],
    ["Submission", submissionStateText(report)],
    ["Valid", report.valid ? "Yes" : "No"],
    ["Rows checked", assessment.rows.length],
    ["Rows with errors", errorRows],
    ["Profile errors", report.profile.errors.map((error) => error.message).join(" | ")],
    ["Credited hours, category A", report.hours.A],
    ["Credited hours, category B", report.hours.B],
    ["Credited hours, category C", report.hours.C],
    ["Credits earned", report.credits],
    ["Next credit", ordinal(report.next.credit)],
    ["Next credit: hours missing in total", report.next.missing.total],
    ["Next credit blocked by", report.next.blockedBy ?? ""],
    ["Fingerprint (recomputed)", report.fingerprint],
  ];
  for (const mismatch of report.summaryMismatches ?? []) {
    lines.push([
      `Mismatch: ${submissionFieldLabel(mismatch.field)}`,
      `stored ${mismatch.stored ?? "(missing)"}, recomputed ${mismatch.recomputed}`,
    ]);
  }
  return lines;
}

export async function verifyOpenWorkbook(
  workbook: TrackingWorkbook,
  asOf?: IsoDate,
  now: () => Date = () => new Date(),
): Promise<Verification> {
  const content = await workbook.readForm();
  if (!content.hasLog) throw new WorkbookError("This workbook has no MentorshipLog table: open a tracking form or a submission to verify.");
  const stored = content.submissionRows === null ? null : readSubmissionSheet(content.submissionRows);
  const { assessment, report } = await verifyLog(content.log, { asOf, submission: stored });
  const lines = verificationLines(report, assessment, now().toISOString());
  await workbook.markRows(rowMarks(assessment));
  await workbook.writeVerification({ rows: lines, mode: "replace" });
  return { report, assessment, findings: listFindings(assessment), lines };
}
