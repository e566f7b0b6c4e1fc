/**
 * Findings for a person: each with its location (the core's `FindingLocation`), so the list can take the
 * user there (the row in the sheet, or the field of the pane's profile editor) and say where it is
 * ("Row 7", "Profile, Email"), and the CST Status column text of each row.
 */
import type { Translate } from "./i18n";
import { helpPage } from "../i18n/help";
import { type Assessment, type Finding, type FindingLocation, type RowResult, profileLocation, rowLocation, rowStatusText } from "../core";
import type { MarkLevel, RowMark } from "../excel/workbook";
import { profileFieldLabel } from "./words";

export interface ListedFinding {
  readonly key: string;
  readonly level: "error" | "warning";
  readonly code: string;
  /** In English, as the core wrote it. */
  readonly message: string;
  /** The message in the catalogs, for the pane's language. */
  readonly words?: Finding["words"];
  readonly at: FindingLocation;
}

/** Where a finding is, for a person: "Row 7" or "Profile, Email". */
export function placeText(at: FindingLocation, t: Translate): string {
  return t("findings.place", placeValues(at, t));
}

/** The values a message about a finding's place takes: `kind`, `row`, `field` (the profile field's label in the pane's language). */
export function placeValues(at: FindingLocation, t: Translate): { kind: string; row: number; field: string } {
  if (at.kind === "row") return { kind: "row", row: at.row, field: "" };
  return { kind: "profile", row: 0, field: profileFieldLabel(at.field, t) };
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

/** The help page's address, in `language` (English where it has none), for the rule a finding applies, or null. The help pages ship beside every page. */
export function ruleLink(code: string, language: string): string | null {
  const section = RULE_SECTIONS[code];
  return section === undefined ? null : helpPage(language, section);
}

export function listFindings(assessment: Assessment): ListedFinding[] {
  const listed: ListedFinding[] = [];
  assessment.profile.errors.forEach((error, index) => {
    listed.push({
      key: `profile-${index}`,
      level: "error",
      code: error.code,
      message: error.message,
      words: error.words,
      at: profileLocation(error),
    });
  });
  for (const row of assessment.rows) {
    const add = (level: "error" | "warning", finding: RowResult["errors"][number] | RowResult["warnings"][number], index: number) =>
      listed.push({
        key: `${row.row}-${level}-${index}`,
        level,
        code: finding.code,
        message: finding.message,
        words: finding.words,
        at: rowLocation(row.row, finding),
      });
    row.errors.forEach((error, index) => add("error", error, index));
    row.warnings.forEach((warning, index) => add("warning", warning, index));
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
