/**
 * Exported submissions (docs/rules.md §6): what an export stores beside the profile
 * and the rows, read back on the coordinator's side and compared with what
 * the rows give now.
 *
 * The Submission sheet is a cover page for a person (who, how many credits,
 * which hours went to which credit, what the next credit needs, the
 * fingerprint) whose label/value rows a program reads back by their labels,
 * not their positions; below its printed area it keeps a digest of each
 * profile field and of each log row.
 *
 * What the comparison proves: the stored fingerprint covers the profile, the
 * rows and the rule set (see canonical.ts); a different recomputed
 * fingerprint means a profile or log cell was edited after export, and the
 * digests say which fields and rows (a row is matched by its digest, so a
 * sorted or re-saved log is not every row changed). The other stored values
 * (credits, hours, shortfall) are not covered by the fingerprint: they are
 * compared one by one with the recomputed ones and every difference is
 * listed. None of this is a signature: whoever edits a submission can also
 * rewrite its Submission sheet consistently.
 */

import {
  type CanonicalInput,
  type Sha256Stream,
  CANONICAL_VERSION,
  canonicalProfile,
  canonicalProfileFields,
  canonicalRow,
  canonicalVersionOf,
  fingerprint,
  sha256Hex,
} from "./canonical";
import { cellText } from "./cells";
import { type IsoDate, parseIsoDate, todayIsoDate } from "./dates";
import { type Assessment, type LogInput, type Report, breakdownOf, canonicalInputOf, reportLog } from "./evaluate";
import { type FormDefinition, FORM, PROFILE_INDEX, labelKey, profileLabels } from "./form";

import { type ProfileOverrides, applyProfileOverrides } from "./profile";
import type { AwardClash } from "./record";
import { isEmptyRow } from "./rows";
import { RULE_SETS, findRuleSet } from "./rulesets";

import {
  type StoredDigest,
  type Edit,
  type SubmissionSummary,
  type StoredSubmission,
  type SummaryMismatch,
  type PrintedRow,
  type SubmissionSheet,
  compareSubmissionSummaries,
  printedRows,
  submissionSheetLines,
  submissionSummary,
} from "./submissionSheet";

export * from "./submissionSheet";

/** The digests an export stores: each profile field's (the rule set aside, as in the fingerprint) and each non-empty row's. */
export async function submissionDigests(input: CanonicalInput, form: FormDefinition = FORM): Promise<StoredDigest[]> {
  const profileTexts = canonicalProfile(input, form);
  const fields = canonicalProfileFields(form, input.version);
  const digests: StoredDigest[] = await Promise.all(
    fields.map(async (field, index) => ({
      profileField: field.label,
      digest: await sha256Hex(JSON.stringify([field.key, profileTexts[index]])),
    })),
  );
  return [...digests, ...(await logRowDigests(input))];
}

/**
 * Each non-empty log row's digest (docs/rules.md §6: as the Submission sheet stores it), with its row number: what
 * the coordinator's record keeps to recognise the rows of an award. `sha256` hashes a text to hex at once
 * (Node's crypto); without it, Web Crypto.
 */
export async function logRowDigests(
  log: LogInput,
  sha256?: (text: string) => string,
): Promise<{ readonly row: number; readonly digest: string }[]> {
  const digests: { row: number; digest: string }[] = [];
  for (const row of log.rows) {
    if (isEmptyRow(row.cells)) continue;
    const text = JSON.stringify(canonicalRow(row.cells, log.dateSystem));
    digests.push({ row: row.row, digest: sha256 === undefined ? await sha256Hex(text) : sha256(text) });
  }
  return digests;
}

/**
 * What changed, from the stored digests and the ones of the cells now.
 * Profile fields are compared by label. Rows are matched by digest whatever
 * their position (a sorted log changes none); a row left over on both sides
 * at the same row number is changed, else added (now) or removed (stored).
 */
export async function locateEdits(log: LogInput, stored: readonly StoredDigest[], version: number = CANONICAL_VERSION): Promise<Edit[]> {
  const input = { ...canonicalInputOf(log, "current"), version };
  const now = await submissionDigests(input);
  const edits: Edit[] = [];
  const storedFields = new Map(
    stored.flatMap((digest) => ("profileField" in digest ? [[labelKey(digest.profileField), digest.digest] as const] : [])),
  );
  // A field is found under its label or a label earlier forms gave it (the digest is of its key and value, not its label).
  const storedDigestOf = (label: string): string | undefined => {
    const field = FORM.profile.find((each) => each.label === label);
    for (const each of field === undefined ? [label] : profileLabels(field)) {
      const digest = storedFields.get(labelKey(each));
      if (digest !== undefined) return digest;
    }
    return undefined;
  };
  for (const digest of now) {
    if ("profileField" in digest && storedDigestOf(digest.profileField) !== digest.digest) {
      edits.push({ profileField: digest.profileField });
    }
  }
  const unmatched = new Map<string, number[]>();
  for (const digest of stored) if ("row" in digest) unmatched.set(digest.digest, [...(unmatched.get(digest.digest) ?? []), digest.row]);
  const extraNow: number[] = [];
  for (const digest of now) {
    if (!("row" in digest)) continue;
    const rows = unmatched.get(digest.digest);
    if (rows !== undefined && rows.length > 0) rows.shift();
    else extraNow.push(digest.row);
  }
  const extraStored = new Set([...unmatched.values()].flat());
  const rowEdits: Edit[] = [];
  for (const row of extraNow) {
    if (extraStored.delete(row)) rowEdits.push({ row, change: "changed" });
    else rowEdits.push({ row, change: "added" });
  }
  for (const row of extraStored) rowEdits.push({ row, change: "removed" });
  rowEdits.sort((a, b) => ("row" in a && "row" in b ? a.row - b.row : 0));
  return [...edits, ...rowEdits];
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

/** What an export writes: the log (overrides folded into its profile cells), the summary and the Submission sheet. */
export interface Submission {
  readonly log: LogInput;
  readonly summary: SubmissionSummary;
  readonly sheet: SubmissionSheet;
  /** Each row's computed columns for the printed log (none: the log prints its input only). */
  readonly rows?: readonly PrintedRow[];
}

export type PreparedSubmission =
  | { readonly ok: true; readonly submission: Submission; readonly report: Report; readonly assessment: Assessment }
  /** Export refused: the report's rows and profile carry the errors to fix (the profile also needs the mentee's name). */
  | { readonly ok: false; readonly report: Report; readonly assessment: Assessment };

/**
 * Checks a log for export (docs/rules.md §6) and, when it has no error, returns the
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
  const exported: LogInput = { ...log, profileCells };
  const summary = submissionSummary(assessment, report, exportedAt);
  const digests = await submissionDigests(canonicalInputOf(exported, report.ruleSet));
  return {
    ok: true,
    submission: {
      log: exported,
      summary,
      sheet: submissionSheetLines(summary, breakdownOf(assessment), digests, assessment.profile.profile),
      rows: printedRows(assessment),
    },
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
  /** Hashes fingerprints piece by piece (`EvaluateOptions.sha256`). */
  readonly sha256?: () => Sha256Stream;
}

/** docs/rules.md §7's report, with what a submission adds: when it was exported, the stored summary's differences and the edits. */
export type VerifiedReport = Report & {
  readonly exportedAt?: string | null;
  readonly summaryMismatches?: readonly SummaryMismatch[];
  /** What changed since export; null when the submission predates the digests that locate edits. */
  readonly edits?: readonly Edit[] | null;
  /** What the coordinator's record shows of its claim (docs/rules.md §4): a credit already awarded, or hours of an award again. */
  readonly awardClash?: AwardClash | null;
};

/**
 * Verifies a log (docs/rules.md §6, 7): recomputes everything from its rows and, for a
 * submission, sets `submission` to "unchanged" when the stored fingerprint is
 * that of the cells as they are now, else "edited", lists the stored
 * summary's differences from the recomputed one, and locates the edits.
 */
export async function verifyLog(log: LogInput, options: VerifyOptions = {}): Promise<{ assessment: Assessment; report: VerifiedReport }> {
  const stored = options.submission ?? null;
  const storedAsOf = typeof stored?.fields.asOf === "string" ? parseIsoDate(stored.fields.asOf.trim()) : null;
  const asOf = options.asOf ?? storedAsOf ?? todayIsoDate();
  // A submission is fingerprinted under the canonical form it was exported with (an unknown one: the current).
  const storedForm = stored?.fields.canonicalForm;
  const version = (typeof storedForm === "string" ? canonicalVersionOf(storedForm) : null) ?? CANONICAL_VERSION;
  const { assessment, report } = await reportLog(log, {
    asOf,
    overrides: options.overrides,
    sha256: options.sha256,
    canonicalVersion: version,
    // A submission names its mentee: export refuses without the name, so one without it was not made by export.
    forExport: stored !== null,
  });
  if (stored === null) return { assessment, report };

  // Whether the submission was edited is a question about its cells, not about the flags a coordinator tries on it.
  let cellsFingerprint = report.fingerprint;
  if (hasOverrides(options.overrides)) {
    const storedRuleSet = findRuleSet(cellText(log.profileCells[PROFILE_INDEX.ruleSet])) ?? RULE_SETS.current;
    cellsFingerprint = await fingerprint({ ...canonicalInputOf(log, storedRuleSet.id), version }, undefined, options.sha256);
  }
  const storedFingerprint = stored.fields.fingerprint;
  const state =
    typeof storedFingerprint === "string" && storedFingerprint.trim().toLowerCase() === cellsFingerprint ? "unchanged" : "edited";
  const exportedAt = typeof stored.fields.exportedAt === "string" && stored.fields.exportedAt !== "" ? stored.fields.exportedAt : null;
  const mismatches = compareSubmissionSummaries(stored.fields, submissionSummary(assessment, report, exportedAt ?? "", version));
  const edits = state === "unchanged" ? [] : stored.digests === null ? null : await locateEdits(log, stored.digests, version);
  return { assessment, report: { ...report, submission: state, exportedAt, summaryMismatches: mismatches, edits } };
}
