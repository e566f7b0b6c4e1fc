/**
 * Where a finding is, in one shape for every view: a log row (its worksheet row or CSV line, and the
 * column when the finding is about one cell), or a Profile field. The pane's findings list, the sheet's
 * selection (`TrackingWorkbook.goTo`) and the coordinator's desk all take it as it is.
 */
import type { Finding } from "./findings";
import { type LogFieldKey, type ProfileKey, LOG_INDEX, PROFILE_INDEX } from "./form";

export type FindingLocation =
  { readonly kind: "row"; readonly row: number; readonly field?: LogFieldKey } | { readonly kind: "profile"; readonly field: ProfileKey };

const isLogField = (key: string | null): key is LogFieldKey => key !== null && Object.hasOwn(LOG_INDEX, key);
const isProfileField = (key: string | null): key is ProfileKey => key !== null && Object.hasOwn(PROFILE_INDEX, key);

/** Where a row's finding is: the row, and its cell when the finding names one. */
export function rowLocation(row: number, finding?: Pick<Finding, "field">): FindingLocation {
  const field = finding?.field ?? null;
  return isLogField(field) ? { kind: "row", row, field } : { kind: "row", row };
}

/** Where a profile finding is: its field (the mentee's name for a finding about the profile as a whole). */
export function profileLocation(finding: Pick<Finding, "field">): Extract<FindingLocation, { kind: "profile" }> {
  return { kind: "profile", field: isProfileField(finding.field) ? finding.field : "name" };
}

/** Two locations are the same place. */
export function sameLocation(a: FindingLocation, b: FindingLocation): boolean {
  if (a.kind === "row") return b.kind === "row" && a.row === b.row && a.field === b.field;
  return b.kind === "profile" && a.field === b.field;
}
