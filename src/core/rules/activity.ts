/**
 * The activity rules (docs/rules.md §2.1): the activity is in the program's list, and dated on or
 * after the first day its category counts.
 */
import { ACTIVITIES, type Activity, ELIGIBLE_FROM, UNIT_LABELS, findActivity } from "../catalog";
import { type CellValue, describeCell } from "../cells";
import type { DateReading } from "./date";
import { isoDateToDayNumber } from "../dates";
import { type Finding, finding } from "../findings";

/** Activities by their index in the catalog, which is below 16. */
export const ACTIVITY_SLOTS = 16;
export const ACTIVITY_INDEX: ReadonlyMap<Activity, number> = new Map(ACTIVITIES.map((activity, index) => [activity, index]));

/**
 * What the row rules read of an activity, found once per row by the Activity cell's text: the activity,
 * its index in the catalog (the possible-duplicate check's key), the first day its category counts, and
 * whether only whole units count. Read through one look-up by text, not three by the activity and its
 * category and unit: this runs for every row.
 */
export interface ActivityFacts {
  readonly activity: Activity;
  readonly index: number;
  readonly eligibleFromDay: number;
  readonly wholeUnits: boolean;
}

const FACTS_BY_TEXT = new Map<string, ActivityFacts | null>();

export function activityFacts(text: string): ActivityFacts | null {
  let facts = FACTS_BY_TEXT.get(text);
  if (facts === undefined) {
    const activity = findActivity(text);
    facts =
      activity === null
        ? null
        : {
            activity,
            index: ACTIVITY_INDEX.get(activity) ?? ACTIVITY_SLOTS - 1,
            eligibleFromDay: isoDateToDayNumber(ELIGIBLE_FROM[activity.category]),
            wholeUnits: UNIT_LABELS[activity.unit].whole,
          };
    if (FACTS_BY_TEXT.size < 10_000) FACTS_BY_TEXT.set(text, facts);
  }
  return facts;
}

/** The error of an Activity cell (`text`: its text) that names no activity of the program's list. */
export function unknownActivityError(text: string, cell: CellValue): Finding<"unknown-activity"> {
  return finding(
    "unknown-activity",
    "activity",
    text === ""
      ? "Activity is empty: choose an activity from the list."
      : `Activity ${describeCell(cell)} is not in the program's list: choose an activity from the list.`,
    text === "" ? "finding.activity.empty" : "finding.activity.unknown",
    { cell: describeCell(cell) },
  );
}

/** Whether an activity is dated before its category counts. */
export function beforeEligibility(facts: ActivityFacts, date: DateReading): date is Extract<DateReading, { ok: true }> {
  return date.ok && date.day < facts.eligibleFromDay;
}

/** The error of an activity dated before its category counts (`beforeEligibility`). */
export function eligibilityError(facts: ActivityFacts, date: Extract<DateReading, { ok: true }>): Finding<"before-eligibility"> {
  const { category } = facts.activity;
  return finding(
    "before-eligibility",
    "date",
    `Category ${category} counts from ${ELIGIBLE_FROM[category]}; this activity is dated ${date.date}: remove it or correct the date.`,
    "finding.activity.beforeEligibility",
    { category, from: ELIGIBLE_FROM[category], date: date.date },
  );
}
