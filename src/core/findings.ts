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

export interface Finding<Code extends FindingCode = FindingCode> {
  readonly code: Code;
  readonly message: string;
  /** The field the finding is about; null for the row as a whole. */
  readonly field: FieldKey | null;
}

export function finding<Code extends FindingCode>(code: Code, field: FieldKey | null, message: string): Finding<Code> {
  return { code, message, field };
}

/** Findings in one line for a person, as a cell shows them: messages joined by " · ". */
export function findingsLine(findings: readonly Finding[]): string {
  return findings.map((each) => each.message).join(" · ");
}

/** Findings in one line with their codes, as CST.STATUS returns them (docs/rules.md §8): "code: message | code: message". */
export function codedFindingsLine(findings: readonly Finding[]): string {
  return findings.map((each) => `${each.code}: ${each.message}`).join(" | ");
}
