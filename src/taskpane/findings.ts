/**
 * Findings for a person: each names where it is ("Row 7", "Profile") so the
 * list can take the user there, and the Status column text of each row.
 */
import { type Assessment, PROFILE_FIELDS, type RowResult, findingsLine } from "../core";
import type { GoToTarget, MarkLevel, RowMark } from "../excel/workbook";

export interface ListedFinding {
  readonly key: string;
  readonly level: "error" | "warning";
  readonly code: string;
  /** "Row 7" or "Profile, Email". */
  readonly place: string;
  readonly message: string;
  readonly target: GoToTarget;
}

export function listFindings(assessment: Assessment): ListedFinding[] {
  const listed: ListedFinding[] = [];
  assessment.profile.errors.forEach((error, index) => {
    const field = PROFILE_FIELDS.findIndex((each) => each.key === error.field);
    listed.push({
      key: `profile-${index}`,
      level: "error",
      code: error.code,
      place: `Profile, ${PROFILE_FIELDS[field]?.label ?? "value"}`,
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
  let level: MarkLevel = "ok";
  let text = "OK";
  if (row.errors.length > 0) {
    level = "error";
    text = `Error: ${findingsLine(row.errors)}`;
  } else if (row.warnings.length > 0) {
    level = "warning";
    text = `OK, warning: ${findingsLine(row.warnings)}`;
  }
  return { row: row.row, level, text };
}

export function rowMarks(assessment: Assessment): RowMark[] {
  return assessment.rows.map(markOf);
}
