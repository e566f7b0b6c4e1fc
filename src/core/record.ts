/**
 * A coordinator's record of verified submissions: one row per file, the same
 * from the command line (`verify --record`) and from the pane's Coordinator
 * tab (the `CST Verification` sheet), never twice for one fingerprint.
 */
import { findRuleSet } from "./rulesets";
import { type Edit, type VerifiedReport, submissionFieldLabel } from "./submission";
import { listText, utcTimeText } from "./words";

/** What a verified file needs: nothing (ready to award), its errors fixed, or a look at what changed after export. */
export type VerificationState = "ready" | "errors" | "edited" | "mismatched";

export const STATE_TEXT: Readonly<Record<VerificationState, string>> = {
  ready: "Ready to award",
  errors: "Has errors",
  edited: "Edited after export",
  mismatched: "Summary differs",
};

/** The state of a verified report; an edit or a differing summary comes before errors, as it needs a question to the mentee first. */
export function verificationState(report: VerifiedReport): VerificationState {
  if (report.submission === "edited") return "edited";
  if ((report.summaryMismatches?.length ?? 0) > 0) return "mismatched";
  return report.valid ? "ready" : "errors";
}

export const RECORD_COLUMNS = [
  "File",
  "Mentee",
  "Email",
  "Exported",
  "Verified",
  "Rule set",
  "Credits",
  "Hours A",
  "Hours B",
  "Hours C",
  "State",
  "Fingerprint",
] as const;

export type RecordRow = readonly (string | number)[];

/** One record row, in the order of RECORD_COLUMNS. */
export function recordRow(file: string, report: VerifiedReport, verifiedAt: string): RecordRow {
  return [
    file,
    report.mentee.name ?? "",
    report.mentee.email ?? "",
    report.exportedAt === undefined || report.exportedAt === null ? "" : utcTimeText(report.exportedAt),
    utcTimeText(verifiedAt),
    findRuleSet(report.ruleSet)?.label ?? report.ruleSet,
    report.credits,
    report.hours.A,
    report.hours.B,
    report.hours.C,
    STATE_TEXT[verificationState(report)],
    report.fingerprint,
  ];
}

const FINGERPRINT_COLUMN = RECORD_COLUMNS.indexOf("Fingerprint");

/** The fingerprints a record already holds (its rows after the header). */
export function recordedFingerprints(rows: readonly (readonly unknown[])[]): Set<string> {
  const fingerprints = new Set<string>();
  for (const row of rows) {
    const value = row[FINGERPRINT_COLUMN];
    if (typeof value === "string" && /^[0-9a-f]{64}$/i.test(value.trim())) fingerprints.add(value.trim().toLowerCase());
  }
  return fingerprints;
}

/** The rows to append to a record: those whose fingerprint it lacks, each once. */
export function newRecordRows(existing: readonly (readonly unknown[])[], rows: readonly RecordRow[]): RecordRow[] {
  const seen = recordedFingerprints(existing);
  const added: RecordRow[] = [];
  for (const row of rows) {
    const fingerprint = String(row[FINGERPRINT_COLUMN]).toLowerCase();
    if (seen.has(fingerprint)) continue;
    seen.add(fingerprint);
    added.push(row);
  }
  return added;
}

/** "Email changed; rows 3 and 7 changed; row 9 added". */
export function editsText(edits: readonly Edit[] | null | undefined): string {
  if (edits === null || edits === undefined) return "what changed cannot be located: this submission was exported before per-row digests";
  if (edits.length === 0) return "the rows are in another order; no field or row changed";
  const fields = edits.flatMap((edit) => ("profileField" in edit ? [edit.profileField] : []));
  const parts = fields.length === 0 ? [] : [`${listText(fields)} changed`];
  for (const change of ["changed", "added", "removed"] as const) {
    const rows = edits.flatMap((edit) => ("row" in edit && edit.change === change ? [String(edit.row)] : []));
    if (rows.length > 0) parts.push(`${rows.length === 1 ? "row" : "rows"} ${listText(rows)} ${change}`);
  }
  return parts.join("; ");
}

/** What needs attention, as the file's first line says it; null when nothing does beyond row errors. */
export function attentionText(report: VerifiedReport): string | null {
  const state = verificationState(report);
  if (state === "edited") return `EDITED after export: ${editsText(report.edits)}`;
  if (state === "mismatched") {
    const fields = (report.summaryMismatches ?? []).map((mismatch) => submissionFieldLabel(mismatch.field));
    return `SUMMARY DIFFERS from the recomputed one: ${listText(fields)}`;
  }
  return null;
}
