/**
 * The Submission sheet (SPEC 6): the summary an export stores beside the
 * profile and the rows, read back on the coordinator's side and compared
 * with the summary recomputed from those rows.
 *
 * The sheet is plain label/value rows (column A the label, column B the
 * value), so a person can read it and any tool can write it. The reader finds
 * each field by its label, not by its position.
 *
 * What the comparison proves: the stored fingerprint covers the profile, the
 * rows and the rule set (see canonical.ts); a different recomputed fingerprint
 * means a profile or log cell was edited after export. The other stored
 * values (credits, hours, shortfall) are not covered by the fingerprint: they
 * are compared one by one with the recomputed ones and every difference is
 * listed. None of this is a signature: whoever edits a submission can also
 * rewrite its Submission sheet consistently.
 */
import { z } from "zod";
import { CANONICAL_FORM, fingerprint } from "./canonical";
import { type CellValue, DECIMAL_TEXT, cellText, isBlankCell } from "./cells";
import { RULE_SETS, findRuleSet } from "./rulesets";
import { type IsoDate, parseIsoDate, todayIsoDate } from "./dates";
import { type Assessment, type LogInput, type Report, canonicalInputOf, reportLog } from "./evaluate";
import { PROFILE_INDEX } from "./form";
import { type ProfileOverrides, applyProfileOverrides } from "./profile";

type FieldKind = "text" | "number";

/** The Submission sheet's rows, in order: key (JSON and code), label (column A), kind of value. */
export const SUBMISSION_FIELDS = [
  { key: "mentee", label: "Mentee", kind: "text" },
  { key: "email", label: "Email", kind: "text" },
  { key: "ruleSet", label: "Rule set", kind: "text" },
  { key: "exportedAt", label: "Exported at", kind: "text" },
  { key: "asOf", label: "As of", kind: "text" },
  { key: "hoursA", label: "Credited hours, category A", kind: "number" },
  { key: "hoursB", label: "Credited hours, category B", kind: "number" },
  { key: "hoursC", label: "Credited hours, category C", kind: "number" },
  { key: "credits", label: "Credits earned", kind: "number" },
  { key: "nextCredit", label: "Next credit", kind: "number" },
  { key: "missingA", label: "Next credit: hours missing, category A", kind: "number" },
  { key: "missingB", label: "Next credit: hours missing, category B", kind: "number" },
  { key: "missingC", label: "Next credit: hours missing, category C", kind: "number" },
  { key: "missingTotal", label: "Next credit: hours missing in total", kind: "number" },
  { key: "blockedBy", label: "Next credit blocked by", kind: "text" },
  { key: "fingerprint", label: "Fingerprint (SHA-256)", kind: "text" },
  { key: "canonicalForm", label: "Canonical form", kind: "text" },
] as const satisfies readonly { key: string; label: string; kind: FieldKind }[];

type Field = (typeof SUBMISSION_FIELDS)[number];
export type SubmissionFieldKey = Field["key"];
type KeysOfKind<Kind extends FieldKind> = Extract<Field, { kind: Kind }>["key"];

/** The summary an export stores: text fields as strings, hours and credit numbers as numbers. */
export type SubmissionSummary = { readonly [K in KeysOfKind<"text">]: string } & { readonly [K in KeysOfKind<"number">]: number };

/** A summary as read back from a sheet: a field may be missing or hold something unexpected. */
export type StoredSubmission = { readonly [K in SubmissionFieldKey]?: string | number };

export interface SummaryMismatch {
  readonly field: SubmissionFieldKey;
  /** The stored value, or null when the sheet lacks the field. */
  readonly stored: string | number | null;
  readonly recomputed: string | number;
}

/** Differences that say nothing about the submission's content: the export time cannot be recomputed. */
const NOT_RECOMPUTED: ReadonlySet<SubmissionFieldKey> = new Set<SubmissionFieldKey>(["exportedAt", "fingerprint"]);

/** The summary of an evaluated log, as an export stores it and as verification recomputes it. */
export function submissionSummary(assessment: Assessment, report: Report, exportedAt: string): SubmissionSummary {
  const { profile } = assessment.profile;
  return {
    mentee: profile.name,
    email: profile.email,
    ruleSet: report.ruleSet,
    exportedAt,
    asOf: assessment.asOf,
    hoursA: report.hours.A,
    hoursB: report.hours.B,
    hoursC: report.hours.C,
    credits: report.credits,
    nextCredit: report.next.credit,
    missingA: report.next.missing.A,
    missingB: report.next.missing.B,
    missingC: report.next.missing.C,
    missingTotal: report.next.missing.total,
    blockedBy: report.next.blockedBy ?? "",
    fingerprint: report.fingerprint,
    canonicalForm: CANONICAL_FORM,
  };
}

/** The Submission sheet's rows: [label, value] pairs in the order of SUBMISSION_FIELDS. */
export function submissionSheetRows(summary: SubmissionSummary): Array<readonly [string, string | number]> {
  return SUBMISSION_FIELDS.map((field) => [field.label, summary[field.key]] as const);
}

const labelKey = (text: string): string => text.trim().replace(/\s+/g, " ").toLowerCase();
const FIELD_BY_LABEL: ReadonlyMap<string, Field> = new Map(SUBMISSION_FIELDS.map((field) => [labelKey(field.label), field]));

const storedNumberSchema = z.union([z.number(), z.string().regex(DECIMAL_TEXT).transform(Number)]);

function storedValue(value: CellValue, kind: FieldKind): string | number | undefined {
  if (isBlankCell(value)) return kind === "text" ? "" : undefined;
  if (kind === "number") {
    const parsed = storedNumberSchema.safeParse(value);
    if (parsed.success) return parsed.data;
  }
  return cellText(value);
}

/**
 * Reads a Submission sheet's rows ([label, value, …] per row, as a workbook
 * reader returns them) into the stored summary. Rows whose label is not a
 * field are ignored; the first row with a field's label wins.
 */
export function readSubmissionSheet(rows: readonly (readonly CellValue[])[]): StoredSubmission {
  const stored: { [K in SubmissionFieldKey]?: string | number } = {};
  for (const row of rows) {
    const label = cellText(row[0]);
    if (label === "") continue;
    const field = FIELD_BY_LABEL.get(labelKey(label));
    if (field === undefined || field.key in stored) continue;
    const value = storedValue(row[1], field.kind);
    if (value !== undefined) stored[field.key] = value;
  }
  return stored;
}

function sameValue(stored: string | number | undefined, recomputed: string | number): boolean {
  if (stored === undefined) return false;
  if (typeof recomputed === "number") return typeof stored === "number" && Math.abs(stored - recomputed) < 0.005;
  return String(stored) === recomputed;
}

/** Every field of the recomputed summary that the stored one lacks or states differently (the export time aside). */
export function compareSubmissionSummaries(stored: StoredSubmission, recomputed: SubmissionSummary): SummaryMismatch[] {
  const mismatches: SummaryMismatch[] = [];
  for (const field of SUBMISSION_FIELDS) {
    if (NOT_RECOMPUTED.has(field.key)) continue;
    const storedValue = stored[field.key];
    const recomputedValue = recomputed[field.key];
    if (!sameValue(storedValue, recomputedValue)) {
      mismatches.push({ field: field.key, stored: storedValue ?? null, recomputed: recomputedValue });
    }
  }
  return mismatches;
}

/** The label a person sees for a summary field. */
export function submissionFieldLabel(key: SubmissionFieldKey): string {
  return SUBMISSION_FIELDS.find((field) => field.key === key)?.label ?? key;
}

function hasOverrides(overrides: ProfileOverrides | undefined): boolean {
  return overrides !== undefined && Object.values(overrides).some((value) => value !== undefined);
}

export interface ExportOptions {
  /** As-of date of the export (today unless given): stored, so that verification later computes the same way. */
  readonly asOf?: IsoDate;
  /** Values typed on the command line or in the pane; they become the exported Profile sheet's values. */
  readonly overrides?: ProfileOverrides;
  /** Export time, ISO 8601 (now unless given). */
  readonly exportedAt?: string;
}

/** What an export writes: the log (overrides folded into its profile cells) and the summary. */
export interface Submission {
  readonly log: LogInput;
  readonly summary: SubmissionSummary;
}

export type PreparedSubmission =
  | { readonly ok: true; readonly submission: Submission; readonly report: Report; readonly assessment: Assessment }
  /** Export refused: the report's rows and profile carry the errors to fix (the profile also needs the mentee's name). */
  | { readonly ok: false; readonly report: Report; readonly assessment: Assessment };

/**
 * Checks a log for export (SPEC 6) and, when it has no error, returns the
 * submission to write. The profile is checked as for export, so a missing
 * mentee name refuses it too.
 */
export async function prepareSubmission(log: LogInput, options: ExportOptions = {}): Promise<PreparedSubmission> {
  const asOf = options.asOf ?? todayIsoDate();
  const { assessment, report } = await reportLog(log, { asOf, overrides: options.overrides, forExport: true });
  if (!report.valid) return { ok: false, report, assessment };
  const profileCells = applyProfileOverrides(log.profileCells, options.overrides);
  // The rule set is written as the one computed with, so the sheet names it even when the source left it blank.
  profileCells[PROFILE_INDEX.ruleSet] = report.ruleSet;
  const exportedAt = options.exportedAt ?? new Date().toISOString();
  return {
    ok: true,
    submission: { log: { ...log, profileCells }, summary: submissionSummary(assessment, report, exportedAt) },
    report,
    assessment,
  };
}

export interface VerifyOptions {
  /** As-of date; for a submission, the stored one unless given, so it verifies the same way later. */
  readonly asOf?: IsoDate;
  readonly overrides?: ProfileOverrides;
  /** The stored summary when the workbook is a submission (has a Submission sheet); null or absent for a plain log. */
  readonly submission?: StoredSubmission | null;
}

/** SPEC 7's report, with the summary differences for a submission. */
export type VerifiedReport = Report & { readonly summaryMismatches?: readonly SummaryMismatch[] };

/**
 * Verifies a log (SPEC 6, 7): recomputes everything from its rows and, for a
 * submission, sets `submission` to "unchanged" when the stored fingerprint is
 * that of the cells as they are now, else "edited", and lists the stored
 * summary's differences from the recomputed one.
 */
export async function verifyLog(log: LogInput, options: VerifyOptions = {}): Promise<{ assessment: Assessment; report: VerifiedReport }> {
  const stored = options.submission ?? null;
  const storedAsOf = typeof stored?.asOf === "string" ? parseIsoDate(stored.asOf.trim()) : null;
  const asOf = options.asOf ?? storedAsOf ?? todayIsoDate();
  const { assessment, report } = await reportLog(log, { asOf, overrides: options.overrides });
  if (stored === null) return { assessment, report };

  // Whether the submission was edited is a question about its cells, not about the flags a coordinator tries on it.
  let cellsFingerprint = report.fingerprint;
  if (hasOverrides(options.overrides)) {
    const storedRuleSet = findRuleSet(cellText(log.profileCells[PROFILE_INDEX.ruleSet])) ?? RULE_SETS.current;
    cellsFingerprint = await fingerprint(canonicalInputOf(log, storedRuleSet.id));
  }
  const state =
    typeof stored.fingerprint === "string" && stored.fingerprint.trim().toLowerCase() === cellsFingerprint ? "unchanged" : "edited";
  const exportedAt = typeof stored.exportedAt === "string" ? stored.exportedAt : "";
  const mismatches = compareSubmissionSummaries(stored, submissionSummary(assessment, report, exportedAt));
  return { assessment, report: { ...report, submission: state, summaryMismatches: mismatches } };
}
