/**
 * A coordinator's record of verified submissions: one row per file, the same
 * from the command line (`verify --record`) and from the pane's Coordinator
 * tab (the `CST Verification` sheet), never twice for one fingerprint.
 *
 * The record is also the coordinator's ledger of awards (docs/rules.md §4): an earlier
 * row of the same mentee whose state was READY TO AWARD and whose Decision is
 * not `returned` is an award of its credits (First credit … First credit +
 * Credits − 1), made from the rows whose digests it lists. A submission that
 * claims a credit already awarded, or whose rows were in an award it counts
 * as made before its log, is caught; one that claims the same hours under
 * another email or name is not (the record cannot tell two people apart from
 * one person with two addresses).
 */
import type { Category } from "./catalog";
import { type Millihours, hoursToMilli } from "./hours";
import { type CreditRule, RULE_SETS, creditRule, findRuleSet } from "./rulesets";
import { type Edit, type VerifiedReport, submissionFieldLabel } from "./submission";
import { certificationText, listText, missingText, ordinal, utcTimeText } from "./words";

/**
 * What a verified file needs, in the order a coordinator looks at them (docs/rules.md §4): a batch lists its
 * results in this order. Only `ready` is an award to make.
 */
export const VERIFICATION_STATES = [
  "unreadable",
  "edited",
  "summary-differs",
  "claimed-twice",
  "already-awarded",
  "has-errors",
  "not-a-submission",
  "nothing-to-award",
  "ready",
] as const;
export type VerificationState = (typeof VERIFICATION_STATES)[number];

/** The first word of a result, everywhere it is shown (the command line, the pane, the record). */
export const STATE_TEXT: Readonly<Record<VerificationState, string>> = {
  unreadable: "CANNOT BE READ",
  edited: "EDITED after export",
  "summary-differs": "SUMMARY DIFFERS",
  "claimed-twice": "HOURS CLAIMED TWICE",
  "already-awarded": "ALREADY AWARDED",
  "has-errors": "HAS ERRORS",
  "not-a-submission": "NOT A SUBMISSION",
  "nothing-to-award": "NOTHING TO AWARD",
  ready: "READY TO AWARD",
};

/** What each state asks of the coordinator, after its first word. */
export const STATE_HINT: Readonly<Record<VerificationState, string>> = {
  unreadable: "the file cannot be read",
  edited: "a profile or log cell changed after export",
  "summary-differs": "the stored summary differs from the recomputed one",
  "claimed-twice": "hours of an earlier award are claimed again",
  "already-awarded": "the credit it claims was already awarded",
  "has-errors": "some rows or the profile have errors",
  "not-a-submission": "a log or form never exported: ask for the exported file",
  "nothing-to-award": "an unchanged submission that earns no credit",
  ready: "unchanged, valid, earns at least one credit",
};

/** Whether a state needs the coordinator's attention before anything else (exit status 1, first line). */
export const ATTENTION_STATES: ReadonlySet<VerificationState> = new Set(["edited", "summary-differs", "claimed-twice", "already-awarded"]);

/** A claim the record shows was already settled: the credit awarded before, or hours an award used. */
export interface AwardClash {
  readonly kind: "already-awarded" | "claimed-twice";
  /** The earlier award: its file, when it was verified, and the credits it earned. */
  readonly file: string;
  readonly verified: string;
  readonly firstCredit: number;
  readonly credits: number;
  /** already-awarded: the credit claimed again. */
  readonly credit?: number;
  /** claimed-twice: this submission's rows whose hours were in the award. */
  readonly rows?: readonly number[];
}

/** The state of a verified report: attention first, in docs/rules.md §4's order. */
export function verificationState(report: VerifiedReport): VerificationState {
  if (report.submission === "edited") return "edited";
  if ((report.summaryMismatches?.length ?? 0) > 0) return "summary-differs";
  if (report.awardClash?.kind === "claimed-twice") return "claimed-twice";
  if (report.awardClash?.kind === "already-awarded") return "already-awarded";
  if (!report.valid) return "has-errors";
  if (report.submission === null) return "not-a-submission";
  return report.credits === 0 ? "nothing-to-award" : "ready";
}

/** Whether a verified report needs the coordinator's attention beyond row errors (exit status 1 with them). */
export function needsAttention(report: VerifiedReport): boolean {
  return ATTENTION_STATES.has(verificationState(report));
}

/** Orders results by state, attention first; results of one state keep their order. */
export function byState<T>(results: readonly T[], stateOf: (result: T) => VerificationState): T[] {
  const rank = (result: T) => VERIFICATION_STATES.indexOf(stateOf(result));
  return results
    .map((result, index) => ({ result, index }))
    .sort((a, b) => rank(a.result) - rank(b.result) || a.index - b.index)
    .map(({ result }) => result);
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
  "First credit",
  "Decision",
  "Row digests",
] as const;

type RecordColumn = (typeof RECORD_COLUMNS)[number];
const column = (name: RecordColumn): number => RECORD_COLUMNS.indexOf(name);

/** What a coordinator writes in Decision for a submission sent back: it is then no award. */
export const RETURNED_DECISION = "returned";

export type RecordRow = readonly (string | number)[];

/** Hex digits of a row's digest (docs/rules.md §6) the record keeps: enough to tell rows apart, short enough for a cell. */
export const RECORD_DIGEST_LENGTH = 16;

/** One record row, in the order of RECORD_COLUMNS; `rowDigests` are the log rows' digests (a submission's; none for a plain log). */
export function recordRow(file: string, report: VerifiedReport, verifiedAt: string, rowDigests: readonly string[] = []): RecordRow {
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
    report.firstNewCredit,
    "",
    rowDigests.map((digest) => digest.slice(0, RECORD_DIGEST_LENGTH).toLowerCase()).join(" "),
  ];
}

const FINGERPRINT_COLUMN = column("Fingerprint");

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

/** Whether a record's header row lacks columns this version writes (a record begun before them): it is rewritten whole. */
export function recordHeaderIsOld(header: readonly unknown[]): boolean {
  return RECORD_COLUMNS.some((name, index) => String(header[index] ?? "").trim() !== name);
}

interface Award {
  readonly file: string;
  readonly email: string;
  readonly name: string;
  readonly verified: string;
  readonly firstCredit: number;
  readonly credits: number;
  readonly digests: ReadonlySet<string>;
}

const text = (value: unknown): string => (value === null || value === undefined ? "" : String(value).trim());
const wholeNumber = (value: unknown): number | null => {
  const number = typeof value === "number" ? value : /^\d+$/.test(text(value)) ? Number(text(value)) : NaN;
  return Number.isInteger(number) && number >= 0 ? number : null;
};

/** A record row as an award, or null when it is none: not ready to award, returned, or without the credits' numbers. */
function awardOf(row: readonly unknown[]): Award | null {
  if (text(row[column("State")]).toLowerCase() !== STATE_TEXT.ready.toLowerCase()) return null;
  if (text(row[column("Decision")]).toLowerCase() === RETURNED_DECISION) return null;
  const firstCredit = wholeNumber(row[column("First credit")]);
  const credits = wholeNumber(row[column("Credits")]);
  if (firstCredit === null || firstCredit < 1 || credits === null || credits < 1) return null;
  return {
    file: text(row[column("File")]),
    email: text(row[column("Email")]).toLowerCase(),
    name: text(row[column("Mentee")]).toLowerCase(),
    verified: text(row[column("Verified")]),
    firstCredit,
    credits,
    digests: new Set(
      text(row[column("Row digests")])
        .toLowerCase()
        .split(/\s+/)
        .filter((digest) => digest !== ""),
    ),
  };
}

/** "the 1st credit", "the 2nd and 3rd credits". */
function creditsText(first: number, count: number): string {
  const numbers = Array.from({ length: count }, (_, index) => ordinal(first + index));
  return `the ${listText(numbers)} ${count === 1 ? "credit" : "credits"}`;
}

/** ["2–14", "20"]: row numbers in order, each run of consecutive rows as one range. */
export function rowRanges(rows: readonly number[]): string[] {
  const sorted = [...new Set(rows)].sort((a, b) => a - b);
  const parts: string[] = [];
  for (let start = 0; start < sorted.length;) {
    let end = start;
    while (end + 1 < sorted.length && (sorted[end + 1] as number) === (sorted[end] as number) + 1) end++;
    parts.push(end === start ? String(sorted[start]) : `${sorted[start]}–${sorted[end]}`);
    start = end + 1;
  }
  return parts;
}

/** "2–14 and 20": row numbers with runs joined. */
export function rowRangesText(rows: readonly number[]): string {
  return listText(rowRanges(rows));
}

/** The day of a record's Verified text ("2026-11-25 14:03 UTC" → 2026-11-25), or the text as it is. */
const dayOf = (verified: string): string => /^\d{4}-\d{2}-\d{2}/.exec(verified)?.[0] ?? verified;

/**
 * The awards a record holds (docs/rules.md §4), and the check of a new submission against them. Rows
 * added while a batch is verified join it: two files of one batch are checked against each other.
 */
export class AwardLedger {
  private readonly awards: Award[] = [];

  constructor(rows: readonly (readonly unknown[])[] = []) {
    for (const row of rows) this.add(row);
  }

  /** Adds a record row; it counts when it is an award. */
  add(row: readonly unknown[]): void {
    const award = awardOf(row);
    if (award !== null) this.awards.push(award);
  }

  /**
   * What the record shows of a verified submission's claim: hours of an award it counts as made before
   * its log (its rows, by digest, in an award of credit ≤ P), or a credit it claims already awarded.
   * `rowDigests` are its log rows' digests with their row numbers. Null when neither, and for a plain log.
   */
  check(report: VerifiedReport, rowDigests: readonly { readonly row: number; readonly digest: string }[]): AwardClash | null {
    if (report.submission === null) return null;
    const email = (report.mentee.email ?? "").trim().toLowerCase();
    const name = (report.mentee.name ?? "").trim().toLowerCase();
    // The same mentee: by email, or by name where either has no email.
    const mine = this.awards.filter((award) =>
      email !== "" && award.email !== "" ? award.email === email : name !== "" && award.name === name,
    );
    const before = report.awarded.before;
    for (const award of mine) {
      if (award.firstCredit > before) continue;
      const rows = rowDigests
        .filter(({ digest }) => award.digests.has(digest.slice(0, RECORD_DIGEST_LENGTH).toLowerCase()))
        .map(({ row }) => row);
      if (rows.length > 0) return { kind: "claimed-twice", ...awardFields(award), rows };
    }
    if (report.credits > 0) {
      const first = report.firstNewCredit;
      const last = first + report.credits - 1;
      for (const award of mine) {
        const awardLast = award.firstCredit + award.credits - 1;
        if (award.firstCredit <= last && awardLast >= first) {
          return { kind: "already-awarded", ...awardFields(award), credit: Math.max(first, award.firstCredit) };
        }
      }
    }
    return null;
  }
}

function awardFields(award: Award): Pick<AwardClash, "file" | "verified" | "firstCredit" | "credits"> {
  return { file: award.file, verified: award.verified, firstCredit: award.firstCredit, credits: award.credits };
}

/** The clash in words, after the state's first word. */
export function awardClashText(clash: AwardClash): string {
  const where = `${clash.file}, ${dayOf(clash.verified)}`;
  if (clash.kind === "already-awarded") {
    return `claims the ${ordinal(clash.credit ?? clash.firstCredit)} credit, awarded from ${clash.file} on ${dayOf(clash.verified)}`;
  }
  const rows = clash.rows ?? [];
  return `${rows.length === 1 ? "row" : "rows"} ${rowRangesText(rows)} ${rows.length === 1 ? "was" : "were"} in the submission that earned ${creditsText(clash.firstCredit, clash.credits)} (${where})`;
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
  if (state === "edited") return `${STATE_TEXT.edited}: ${editsText(report.edits)}`;
  if (state === "summary-differs") {
    const fields = (report.summaryMismatches ?? []).map((mismatch) => submissionFieldLabel(mismatch.field));
    return `${STATE_TEXT["summary-differs"]} from the recomputed one: ${listText(fields)}`;
  }
  if ((state === "claimed-twice" || state === "already-awarded") && report.awardClash !== undefined && report.awardClash !== null) {
    return `${STATE_TEXT[state]}: ${awardClashText(report.awardClash)}`;
  }
  return null;
}

/** The result's first words: its state, and for attention what it is about ("EDITED after export: row 7 changed"). */
export function stateLine(report: VerifiedReport): string {
  const state = verificationState(report);
  return attentionText(report) ?? (state === "not-a-submission" ? `${STATE_TEXT[state]}: ${STATE_HINT[state]}` : STATE_TEXT[state]);
}

/** A report's next credit for a sentence: its rule, and its missing hours in thousandths. */
export function nextCreditOf(report: VerifiedReport): { rule: CreditRule; missing: Record<Category | "total", Millihours> } {
  const { next } = report;
  return {
    rule: creditRule(findRuleSet(report.ruleSet) ?? RULE_SETS.current, next.credit),
    missing: {
      A: hoursToMilli(next.missing.A),
      B: hoursToMilli(next.missing.B),
      C: hoursToMilli(next.missing.C),
      total: hoursToMilli(next.missing.total),
    },
  };
}

/** The next credit and what it still needs, in the categories it takes. */
export function nextCreditLine(report: VerifiedReport): string {
  const { next } = report;
  const { rule, missing } = nextCreditOf(report);
  const blocked =
    next.blockedBy === undefined
      ? ""
      : `; it needs you to be ${certificationText(next.blockedBy === "technique-certification" ? "technique" : "diplomate")} first`;
  return `Next credit (the ${ordinal(next.credit)}): still needs ${missingText(missing, rule)}${blocked}`;
}
