/**
 * Findings for a person: each names where it is ("Row 7", "Profile, Email")
 * so the list can take the user there (the row in the sheet, or the field of
 * the pane's profile editor), and the CST Status column text of each row.
 */
import { type Assessment, type ProfileKey, PROFILE_FIELDS, PROFILE_INDEX, type RowResult, rowStatusText } from "../core";
import type { MarkLevel, RowMark } from "../excel/workbook";

/** Where a finding is: a log row (worksheet row number), or a profile field. */
export type FindingPlace = { readonly kind: "row"; readonly row: number } | { readonly kind: "profile"; readonly field: ProfileKey };

export interface ListedFinding {
  readonly key: string;
  readonly level: "error" | "warning";
  readonly code: string;
  /** "Row 7" or "Profile, Email". */
  readonly place: string;
  readonly message: string;
  readonly target: FindingPlace;
}

/** The section of the help page that explains the program's rule a finding applies; null for a finding about typing only. */
const RULE_SECTIONS: Readonly<Record<string, string>> = {
  "before-eligibility": "start-dates",
  "future-date": "start-dates",
  "unknown-activity": "categories",
  "bad-quantity": "categories",
  capped: "categories",
  "virtual-not-allowed": "who-counts",
  "missing-provider": "who-counts",
  "bad-credential": "who-counts",
  "bad-certification-date": "minimums",
  "bad-awarded": "over-the-years",
  "awards-unsupported": "over-the-years",
};

/** The help page's address for the rule a finding applies (help.html ships beside every page), or null. */
export function ruleLink(code: string): string | null {
  const section = RULE_SECTIONS[code];
  return section === undefined ? null : `help.html#${section}`;
}

export function listFindings(assessment: Assessment): ListedFinding[] {
  const listed: ListedFinding[] = [];
  assessment.profile.errors.forEach((error, index) => {
    const field = (error.field ?? "name") as ProfileKey;
    listed.push({
      key: `profile-${index}`,
      level: "error",
      code: error.code,
      place: `Profile, ${PROFILE_FIELDS[PROFILE_INDEX[field]]?.label ?? "value"}`,
      message: error.message,
      target: { kind: "profile", field },
    });
  });
  for (const row of assessment.rows) {
    const add = (level: "error" | "warning", code: string, message: string, index: number) =>
      listed.push({
        key: `${row.row}-${level}-${index}`,
        level,
        code,
        place: `Row ${row.row}`,
        message,
        target: { kind: "row", row: row.row },
      });
    row.errors.forEach((error, index) => add("error", error.code, error.message, index));
    row.warnings.forEach((warning, index) => add("warning", warning.code, warning.message, index));
  }
  return listed;
}

function markOf(row: RowResult): RowMark {
  const level: MarkLevel = row.errors.length > 0 ? "error" : row.warnings.length > 0 ? "warning" : "ok";
  return { row: row.row, level, text: rowStatusText(row) };
}

export function rowMarks(assessment: Assessment): RowMark[] {
  return assessment.rows.map(markOf);
}
