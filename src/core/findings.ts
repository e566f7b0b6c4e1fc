/**
 * Findings are values, not exceptions: a code from docs/rules.md §2 or §3, a
 * message that tells a person what to fix, and the field it is about (a log
 * column or a profile field; null when it is about the row as a whole), so
 * that a form can put the message beside its field and a sheet can select
 * the cell without reading the message.
 */
import type { FieldKey } from "./form";

export const ROW_ERROR_CODES = [
  "missing-date",
  "bad-date",
  "ambiguous-date",
  "future-date",
  "before-eligibility",
  "unknown-activity",
  "virtual-not-allowed",
  "missing-format",
  "bad-quantity",
  "missing-provider",
  "bad-credential",
  "cell-error",
  "extra-fields",
  "below-table",
] as const;
export type RowErrorCode = (typeof ROW_ERROR_CODES)[number];

export const ROW_WARNING_CODES = ["capped", "possible-duplicate", "rounded", "long-row", "cell-error", "below-table"] as const;
export type RowWarningCode = (typeof ROW_WARNING_CODES)[number];

export const PROFILE_ERROR_CODES = [
  "bad-email",
  "bad-certification-date",
  "bad-awarded",
  "unknown-rule-set",
  "missing-name",
  "awards-unsupported",
] as const;
export type ProfileErrorCode = (typeof PROFILE_ERROR_CODES)[number];

export type FindingCode = RowErrorCode | RowWarningCode | ProfileErrorCode;

/**
 * The message of each finding in the catalogs (src/i18n/messages): a surface that speaks another language
 * formats `words` (docs/rules.md §11); `message` is the same text in English, what `--json`, the cells
 * and every reader keep. A test formats every finding's words with the English catalog and compares.
 */
export const FINDING_MESSAGE_IDS = [
  "finding.date.missing",
  "finding.date.notCalendarDate",
  "finding.date.ambiguous",
  "finding.date.notDate",
  "finding.date.future",
  "finding.activity.empty",
  "finding.activity.unknown",
  "finding.activity.beforeEligibility",
  "finding.format.empty",
  "finding.format.unknown",
  "finding.format.inPersonOnly",
  "finding.provider.missing",
  "finding.credential.empty",
  "finding.credential.notCounted",
  "finding.quantity.missing",
  "finding.quantity.notNumber",
  "finding.quantity.notPositive",
  "finding.quantity.tooLarge",
  "finding.quantity.roundsToZero",
  "finding.quantity.notWhole",
  "finding.quantity.rounded",
  "finding.quantity.capped",
  "finding.quantity.longRow",
  "finding.duplicate",
  "finding.cell.excelError",
  "finding.cell.noResult",
  "finding.extraFields",
  "finding.belowTable.read",
  "finding.belowTable.outside",
  "finding.profile.missingName",
  "finding.profile.badEmail",
  "finding.profile.certification.notCalendarDate",
  "finding.profile.certification.ambiguous",
  "finding.profile.certification.notDate",
  "finding.profile.certification.future",
  "finding.profile.certification.order",
  "finding.profile.badAwarded",
  "finding.profile.unknownRuleSet",
  "finding.profile.awardsUnsupported",
] as const;
export type FindingMessageId = (typeof FINDING_MESSAGE_IDS)[number];

/**
 * A finding's message as the catalogs hold it. Values are what the message names, language-free: a cell as
 * `describeCell` shows it, numbers, keys that each language words in its own way (`activity`: an
 * activity's code, worded as the catalog's `activity.<code>`; `field` and `…Field`: a Profile field's key,
 * worded as `profileField.<key>`; `unit`, `format`, `category`, `column`: chosen among in the message), and lists of alternatives (joined as the language joins them).
 */
export interface FindingWords {
  readonly id: FindingMessageId;
  readonly values?: Readonly<Record<string, string | number | readonly string[]>>;
}

export interface Finding<Code extends FindingCode = FindingCode> {
  readonly code: Code;
  /** In English: the JSON's, the cells' and every reader's. */
  readonly message: string;
  /** The field the finding is about; null for the row as a whole. */
  readonly field: FieldKey | null;
  /** The message in the catalogs, for a surface that speaks the user's language (not part of the JSON). */
  readonly words: FindingWords;
}

/**
 * A finding as the rules make it. Its words are kept in a private field: `JSON.stringify` writes the code,
 * the message and the field, in that order, as the JSON of docs/rules.md §7 always had them.
 */
class RuleFinding<Code extends FindingCode> implements Finding<Code> {
  readonly #words: FindingWords;

  constructor(
    readonly code: Code,
    readonly message: string,
    readonly field: FieldKey | null,
    words: FindingWords,
  ) {
    this.#words = words;
  }

  get words(): FindingWords {
    return this.#words;
  }
}

export function finding<Code extends FindingCode>(
  code: Code,
  field: FieldKey | null,
  message: string,
  id: FindingMessageId,
  values?: FindingWords["values"],
): Finding<Code> {
  return new RuleFinding(code, message, field, values === undefined ? { id } : { id, values });
}

/** Findings in one line for a person, as a cell shows them: messages joined by " · ". */
export function findingsLine(findings: readonly Finding[]): string {
  return findings.map((each) => each.message).join(" · ");
}

/** Findings in one line with their codes, as CST.STATUS returns them (docs/rules.md §8): "code: message | code: message". */
export function codedFindingsLine(findings: readonly Finding[]): string {
  return findings.map((each) => `${each.code}: ${each.message}`).join(" | ");
}
