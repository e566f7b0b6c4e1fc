/**
 * Findings are values, not exceptions: a code from SPEC 3 or SPEC 4 and a
 * message that tells a person what to fix.
 */
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
] as const;
export type RowErrorCode = (typeof ROW_ERROR_CODES)[number];

export const ROW_WARNING_CODES = ["capped", "possible-duplicate", "rounded", "long-row"] as const;
export type RowWarningCode = (typeof ROW_WARNING_CODES)[number];

export const PROFILE_ERROR_CODES = ["bad-email", "bad-certification-date", "bad-awarded", "unknown-rule-set", "missing-name"] as const;
export type ProfileErrorCode = (typeof PROFILE_ERROR_CODES)[number];

export type FindingCode = RowErrorCode | RowWarningCode | ProfileErrorCode;

export interface Finding<Code extends FindingCode = FindingCode> {
  readonly code: Code;
  readonly message: string;
}

/** Findings in one line, as a cell shows them: "code: message | code: message". */
export function findingsLine(findings: readonly Finding[]): string {
  return findings.map((each) => `${each.code}: ${each.message}`).join(" | ");
}

export function finding<Code extends FindingCode>(code: Code, message: string): Finding<Code> {
  return { code, message };
}
