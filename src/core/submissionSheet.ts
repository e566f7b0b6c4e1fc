/**
 * The Submission sheet (docs/rules.md §6): the cover page a person reads (who, how many credits, which
 * hours went to which credit, what the next credit needs, the fingerprint), whose label/value rows a
 * program reads back by their labels, not their positions; below its printed area, the stored values
 * verification compares and the digests. Read back, its stored values are compared one by one with the
 * recomputed ones.
 */
import type { CreditBreakdown } from "./allocation";
import { CANONICAL_VERSION, canonicalFormName } from "./canonical";
import { type CellValue, DECIMAL_TEXT, cellText, isBlankCell } from "./cells";

import { type Assessment, type Report } from "./evaluate";
import { labelKey } from "./form";
import { CATEGORIES, type Category, type QuantityUnit } from "./catalog";
import { type Millihours, hoursToMilli, milliToHours } from "./hours";
import { type Profile } from "./profile";

import { type Certification, type CreditRule, type RuleSetId, CERTIFICATION_BLOCKS, RULE_SETS, creditRule, findRuleSet } from "./rulesets";
import {
  categoriesOf,
  categoryHoursText,
  certificationText,
  earnedCreditText,
  hoursText,
  missingText,
  ordinal,
  rowStatusText,
  utcTimeFromText,
  utcTimeText,
} from "./words";

type FieldKind = "text" | "number";

interface SummaryField {
  readonly key: string;
  /** Column A of the Submission sheet. */
  readonly label: string;
  /** Labels older exports used for the same field. */
  readonly aliases?: readonly string[];
  readonly kind: FieldKind;
}

/** The summary's fields, in the cover page's order; `key` is the JSON name (summaryMismatches). */
export const SUBMISSION_FIELDS = [
  { key: "mentee", label: "Mentee", kind: "text" },
  { key: "email", label: "Email", kind: "text" },
  { key: "ruleSet", label: "Rule set", kind: "text" },
  { key: "exportedAt", label: "Exported", aliases: ["Exported at"], kind: "text" },
  { key: "asOf", label: "As of", kind: "text" },
  { key: "credits", label: "Credits earned", kind: "number" },
  { key: "hoursA", label: "Credited hours, category A", kind: "number" },
  { key: "hoursB", label: "Credited hours, category B", kind: "number" },
  { key: "hoursC", label: "Credited hours, category C", kind: "number" },
  { key: "nextCredit", label: "Next credit", kind: "number" },
  { key: "missingA", label: "Next credit still needs, category A", aliases: ["Next credit: hours missing, category A"], kind: "number" },
  { key: "missingB", label: "Next credit still needs, category B", aliases: ["Next credit: hours missing, category B"], kind: "number" },
  { key: "missingC", label: "Next credit still needs, category C", aliases: ["Next credit: hours missing, category C"], kind: "number" },
  { key: "missingTotal", label: "Next credit still needs in all", aliases: ["Next credit: hours missing in total"], kind: "number" },
  { key: "blockedBy", label: "Next credit needs first", aliases: ["Next credit blocked by"], kind: "text" },
  { key: "fingerprint", label: "Fingerprint (SHA-256)", kind: "text" },
  { key: "canonicalForm", label: "Canonical form", kind: "text" },
] as const satisfies readonly SummaryField[];

type Field = (typeof SUBMISSION_FIELDS)[number];
export type SubmissionFieldKey = Field["key"];
type KeysOfKind<Kind extends FieldKind> = Extract<Field, { kind: Kind }>["key"];

/**
 * The summary an export stores, in the values a program compares: text
 * fields as strings (the rule set by its id, the export time as ISO 8601,
 * the certification the next credit needs by its code), numbers as numbers;
 * null where a field does not apply (the hours still needed in a category
 * the next credit does not take).
 */
export type SubmissionSummary = { readonly [K in KeysOfKind<"text">]: string } & { readonly [K in KeysOfKind<"number">]: number | null };

/** One digest of the Submission sheet: of a profile field (by its label) or of a log row (by its row number). */
export type StoredDigest = { readonly profileField: string; readonly digest: string } | { readonly row: number; readonly digest: string };

/** A Submission sheet as read back: a field may be missing or hold something unexpected; digests are null on exports older than them. */
export interface StoredSubmission {
  readonly fields: { readonly [K in SubmissionFieldKey]?: string | number };
  readonly digests: readonly StoredDigest[] | null;
}

export interface SummaryMismatch {
  readonly field: SubmissionFieldKey;
  /** The stored value, or null when the sheet lacks the field. */
  readonly stored: string | number | null;
  readonly recomputed: string | number;
}

/** What changed since export: a profile field (by its label) or a row (by its row number now, or as exported for a removed row). */
export type Edit = { readonly profileField: string } | { readonly row: number; readonly change: "changed" | "added" | "removed" };

/** Fields that say nothing about the submission's content: the export time cannot be recomputed, the fingerprint is compared on its own. */
const NOT_RECOMPUTED: ReadonlySet<SubmissionFieldKey> = new Set<SubmissionFieldKey>(["exportedAt", "fingerprint"]);

const STORED_HEADING = "Stored for verification (not printed)";
const DIGESTS_HEADING = "Digests (SHA-256 of each profile field and log row, to locate edits after export)";
const DIGEST_ROW_LABEL = "Row";
const DIGEST_FIELD_LABEL = "Profile field";

/** The summary of an evaluated log, as an export stores it and as verification recomputes it. */
export function submissionSummary(
  assessment: Assessment,
  report: Report,
  exportedAt: string,
  /** The canonical form's version the fingerprint is of: a submission is verified under its own. */
  version: number = CANONICAL_VERSION,
): SubmissionSummary {
  const { profile } = assessment.profile;
  const rule = creditRule(profile.ruleSet, report.next.credit);
  const missingIn = (category: "A" | "B" | "C"): number | null => (rule.accepts.includes(category) ? report.next.missing[category] : null);
  return {
    mentee: profile.name,
    email: profile.email,
    ruleSet: report.ruleSet,
    exportedAt,
    asOf: assessment.asOf,
    credits: report.credits,
    hoursA: report.hours.A,
    hoursB: report.hours.B,
    hoursC: report.hours.C,
    nextCredit: report.next.credit,
    missingA: missingIn("A"),
    missingB: missingIn("B"),
    missingC: missingIn("C"),
    missingTotal: report.next.missing.total,
    blockedBy: report.next.blockedBy ?? "",
    fingerprint: report.fingerprint,
    canonicalForm: canonicalFormName(version),
  };
}

const CERTIFICATION_OF_BLOCK: Readonly<Record<string, Certification>> = Object.fromEntries(
  Object.entries(CERTIFICATION_BLOCKS).map(([certification, block]) => [block, certification as Certification]),
);

/** How a summary field is written for people on the cover page. */
function shownValue(key: SubmissionFieldKey, summary: SubmissionSummary): string | number {
  switch (key) {
    case "ruleSet":
      return findRuleSet(summary.ruleSet)?.label ?? summary.ruleSet;
    case "exportedAt":
      return utcTimeText(summary.exportedAt);
    case "nextCredit":
      return summary.nextCredit === null ? "" : `${ordinal(summary.nextCredit)} credit`;
    case "blockedBy": {
      const certification = CERTIFICATION_OF_BLOCK[summary.blockedBy];
      return certification === undefined ? "" : certificationText(certification);
    }
    default:
      return (summary[key] as string | number | null) ?? "";
  }
}

/** A stored cell of a summary field back in the summary's values (see SubmissionSummary). */
function storedValue(key: SubmissionFieldKey, kind: FieldKind, value: CellValue): string | number | undefined {
  if (isBlankCell(value)) return kind === "text" ? "" : undefined;
  const text = cellText(value);
  switch (key) {
    case "ruleSet":
      return findRuleSet(text)?.id ?? text;
    case "exportedAt":
      return utcTimeFromText(text) ?? text;
    case "nextCredit": {
      const number = /^\d+/.exec(text);
      return number === null ? text : Number(number[0]);
    }
    case "blockedBy": {
      const label = Object.entries(CERTIFICATION_BLOCKS).find(
        ([certification]) => labelKey(certificationText(certification as Certification)) === labelKey(text),
      );
      return label === undefined ? text : label[1];
    }
  }
  if (kind === "number") {
    if (typeof value === "number") return value;
    if (DECIMAL_TEXT.test(text)) return Number(text);
  }
  return text;
}

/** One line of the Submission sheet: label in A, value in B; a style for the cover page. */
/**
 * What a printed line's value says, for the cover in another language (src/workbook/coverWords.ts): the
 * hours per category (a credit's, or the log's in all), the next credit and what it still needs, the rule set.
 */
export type SubmissionLineWords =
  | {
      readonly kind: "hours";
      readonly hours: Readonly<Record<Category, Millihours>>;
      readonly categories: readonly Category[];
      readonly inAll: boolean;
    }
  | {
      readonly kind: "next";
      readonly credit: number;
      readonly missing: Readonly<Record<Category | "total", Millihours>>;
      readonly categories: readonly Category[];
      readonly certification: Certification | null;
    }
  | { readonly kind: "ruleSet"; readonly id: RuleSetId };

export interface SubmissionSheetLine {
  readonly label: string;
  readonly value: string | number;
  readonly style: "title" | "field" | "detail" | "note" | "heading" | "digest";
  /** What the value says, where another language words it otherwise. */
  readonly words?: SubmissionLineWords;
}

export interface SubmissionSheet {
  readonly lines: readonly SubmissionSheetLine[];
  /** Lines printed as the cover page (1 … printedLines); the digests below are not printed. */
  readonly printedLines: number;
}

/** The profile values the cover shows besides the summary's (certification dates, credits awarded before). */
export type CoverProfile = Pick<Profile, "techniqueCertifiedOn" | "diplomateCertifiedOn" | "creditsAwarded" | "creditsAwardedFromLog">;

/**
 * The Submission sheet's lines: the cover page (printed), then the stored values verification compares
 * and the digests (not printed). The cover reads as a letter to the coordinator: who, the certification
 * dates and credits awarded before, the rule set, the credits this log earns with the hours each took,
 * the next credit in one sentence, when it was exported, and the fingerprint with what it proves. Every
 * field a program reads back is still a label/value row: those the cover shows for people (mentee, email,
 * rule set, credits, next credit, export time, fingerprint) are written so that they read back as stored,
 * and the rest follow below the printed area.
 */
export function submissionSheetLines(
  summary: SubmissionSummary,
  breakdown: CreditBreakdown,
  digests: readonly StoredDigest[],
  profile?: CoverProfile,
): SubmissionSheet {
  const ruleSet = findRuleSet(summary.ruleSet) ?? RULE_SETS.current;
  const lines: SubmissionSheetLine[] = [{ label: "CST mentorship submission", value: "", style: "title" }];
  const field = (key: SubmissionFieldKey, value: string | number = shownValue(key, summary), words?: SubmissionLineWords) => {
    const definition = SUBMISSION_FIELDS.find((each) => each.key === key) as Field;
    lines.push({ label: definition.label, value, style: "field", ...(words === undefined ? {} : { words }) });
  };
  const detail = (label: string, value: string | number, words?: SubmissionLineWords) =>
    lines.push({ label, value, style: "detail", ...(words === undefined ? {} : { words }) });

  // Section headings are no field's label: a reader takes the first row with a field's label.
  lines.push({ label: "Mentee and certification", value: "", style: "heading" });
  field("mentee");
  field("email");
  if (profile !== undefined) {
    detail("CST-T certified on", profile.techniqueCertifiedOn ?? "not yet");
    detail("CST-D certified on", profile.diplomateCertifiedOn ?? "not yet");
    detail("Credits awarded before this log", profile.creditsAwarded);
    detail("Credits awarded from this log", profile.creditsAwardedFromLog);
  }
  field("ruleSet", undefined, { kind: "ruleSet", id: ruleSet.id });

  lines.push({ label: "Credits from this log", value: "", style: "heading" });
  field("credits");
  for (const entry of breakdown.earned) {
    const rule = creditRule(ruleSet, entry.credit);
    const [label, hours] = earnedCreditText(entry, rule).split(": ");
    const categories = categoriesOf(rule);
    detail(`  ${label}${entry.awarded ? " (awarded already)" : ""}`, hours ?? "", {
      kind: "hours",
      hours: entry.hours,
      categories,
      inAll: false,
    });
  }
  const hours = { A: hoursToMilli(summary.hoursA ?? 0), B: hoursToMilli(summary.hoursB ?? 0), C: hoursToMilli(summary.hoursC ?? 0) };
  detail("Hours credited in this log", `${categoryHoursText(hours)} (${hoursText(hours.A + hours.B + hours.C)} in all)`, {
    kind: "hours",
    hours,
    categories: CATEGORIES,
    inAll: true,
  });
  field("asOf");
  const nextRule = creditRule(ruleSet, summary.nextCredit ?? 1);
  field("nextCredit", nextCreditText(summary, nextRule), {
    kind: "next",
    credit: summary.nextCredit ?? 1,
    missing: {
      A: hoursToMilli(summary.missingA ?? 0),
      B: hoursToMilli(summary.missingB ?? 0),
      C: hoursToMilli(summary.missingC ?? 0),
      total: hoursToMilli(summary.missingTotal ?? 0),
    },
    categories: categoriesOf(nextRule),
    certification: CERTIFICATION_OF_BLOCK[summary.blockedBy] ?? null,
  });

  lines.push({ label: "Export and fingerprint", value: "", style: "heading" });
  field("exportedAt");
  field("fingerprint");
  lines.push({
    label: "",
    value:
      "Verifying this file recomputes the fingerprint from the profile and the log: a different value means a cell was changed after export. It is not a signature.",
    style: "note",
  });
  const printedLines = lines.length;

  // Below the printed area: the stored values verification compares with the recomputed ones.
  lines.push({ label: "", value: "", style: "note" }, { label: STORED_HEADING, value: "", style: "heading" });
  for (const key of ["hoursA", "hoursB", "hoursC"] as const) field(key);
  for (const key of ["missingA", "missingB", "missingC"] as const) if (summary[key] !== null) field(key);
  field("missingTotal");
  if (summary.blockedBy !== "") field("blockedBy");
  field("canonicalForm");
  lines.push({ label: "", value: "", style: "note" }, { label: DIGESTS_HEADING, value: "", style: "heading" });
  for (const digest of digests) {
    lines.push(
      "row" in digest
        ? { label: `${DIGEST_ROW_LABEL} ${digest.row}`, value: digest.digest, style: "digest" }
        : { label: `${DIGEST_FIELD_LABEL}: ${digest.profileField}`, value: digest.digest, style: "digest" },
    );
  }
  return { lines, printedLines };
}

/**
 * The next credit in one sentence, starting with its number (it reads back as the stored number):
 * "2nd credit: still needs A 12 h and C 12 h; it needs the mentee to be Technique Certified (CST-T) first".
 */
function nextCreditText(summary: SubmissionSummary, rule: CreditRule): string {
  const missing = {
    A: hoursToMilli(summary.missingA ?? 0),
    B: hoursToMilli(summary.missingB ?? 0),
    C: hoursToMilli(summary.missingC ?? 0),
    total: hoursToMilli(summary.missingTotal ?? 0),
  };
  const needs = summary.missingTotal === 0 ? "its hours are logged" : `still needs ${missingText(missing, rule)}`;
  const certification = CERTIFICATION_OF_BLOCK[summary.blockedBy];
  const first = certification === undefined ? "" : `; it needs the mentee to be ${certificationText(certification)} first`;
  return `${shownValue("nextCredit", summary)}: ${needs}${first}`;
}

/** One log row as the printed submission shows it beside the input: its category, credited hours, unit and status. */
export interface PrintedRow {
  readonly row: number;
  readonly category: Category | null;
  /** Credited hours (0 for a row with an error). */
  readonly hours: number;
  /** The unit its quantity is in, from its activity. */
  readonly unit: QuantityUnit | null;
  /** The row's findings as the CST Status column says them; null for a row without any. */
  readonly status: string | null;
}

/** The printed rows of an assessed log. */
export function printedRows(assessment: Assessment): PrintedRow[] {
  const rows: PrintedRow[] = [];
  for (const row of assessment.rows) {
    rows.push({
      row: row.row,
      category: row.category,
      hours: milliToHours(row.hours),
      unit: row.activity?.unit ?? null,
      status: row.errors.length + row.warnings.length === 0 ? null : rowStatusText(row),
    });
  }
  return rows;
}

const FIELD_BY_LABEL: ReadonlyMap<string, Field> = new Map(
  SUBMISSION_FIELDS.flatMap((field) =>
    [field.label, ...((field as SummaryField).aliases ?? [])].map((label) => [labelKey(label), field] as const),
  ),
);
const DIGEST_ROW = /^row\s+(\d+)$/i;
const DIGEST_FIELD = /^profile field:\s*(.+)$/i;
const HEX_DIGEST = /^[0-9a-f]{64}$/i;

/**
 * Reads a Submission sheet's rows ([label, value, …] per row, as a workbook
 * reader returns them). Rows whose label is not a field are ignored; the
 * first row with a field's label wins. Digests are read from the rows after
 * the digests heading; without the heading (an older export) they are null.
 */
export function readSubmissionSheet(rows: readonly (readonly CellValue[])[]): StoredSubmission {
  const fields: { [K in SubmissionFieldKey]?: string | number } = {};
  let digests: StoredDigest[] | null = null;
  for (const row of rows) {
    const label = cellText(row[0]);
    if (label === "") continue;
    if (labelKey(label) === labelKey(DIGESTS_HEADING)) {
      digests = [];
      continue;
    }
    if (digests !== null) {
      const digest = cellText(row[1]).toLowerCase();
      if (!HEX_DIGEST.test(digest)) continue;
      const rowNumber = DIGEST_ROW.exec(label);
      const profileField = DIGEST_FIELD.exec(label);
      if (rowNumber !== null) digests.push({ row: Number(rowNumber[1]), digest });
      else if (profileField !== null) digests.push({ profileField: (profileField[1] as string).trim(), digest });
      continue;
    }
    const field = FIELD_BY_LABEL.get(labelKey(label));
    if (field === undefined || field.key in fields) continue;
    const value = storedValue(field.key, field.kind, row[1]);
    if (value !== undefined) fields[field.key] = value;
  }
  return { fields, digests };
}

function sameValue(stored: string | number | undefined, recomputed: string | number): boolean {
  if (stored === undefined) return false;
  if (typeof recomputed === "number") return typeof stored === "number" && Math.abs(stored - recomputed) < 0.005;
  return String(stored) === recomputed;
}

/** Every field of the recomputed summary that the stored one lacks or states differently (the export time aside). */
export function compareSubmissionSummaries(stored: StoredSubmission["fields"], recomputed: SubmissionSummary): SummaryMismatch[] {
  const mismatches: SummaryMismatch[] = [];
  for (const field of SUBMISSION_FIELDS) {
    const recomputedValue = recomputed[field.key];
    if (NOT_RECOMPUTED.has(field.key) || recomputedValue === null) continue;
    const storedValue = stored[field.key];
    // A text field with nothing to say (no certification needed first) may be left out of the sheet.
    if (storedValue === undefined && recomputedValue === "") continue;
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
