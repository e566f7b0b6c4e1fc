/**
 * The activity catalog (docs/rules.md §1): one table. The activity fixes the category,
 * the unit its quantity is entered in, and how that quantity converts to
 * credited hours. Adding an activity touches this table only.
 */
import { labelKey } from "./cells";
export type Category = "A" | "B" | "C";
export const CATEGORIES: readonly Category[] = ["A", "B", "C"];

export type QuantityUnit = "hours" | "sessions" | "recordings" | "days";

export interface Activity {
  readonly code: string;
  readonly label: string;
  readonly category: Category;
  readonly unit: QuantityUnit;
  /** Credited hours per unit of quantity. */
  readonly hoursPerUnit: number;
  /** Most credited hours one row may give (one class or conference per row). */
  readonly capHours: number | null;
  /** Whether the row names the provider (therapist, mentor or presenter) and so must. */
  readonly needsProvider: boolean;
  /** Provider credentials accepted (1x1 mentorship: a certified mentor; treatment: CST-T or CST-D); null: any. */
  readonly credentials: readonly ProviderCredential[] | null;
  /** Formats allowed; Category A is in person only. */
  readonly formats: readonly Format[];
}

export type Format = "in-person" | "virtual";
export const FORMATS: readonly Format[] = ["in-person", "virtual"];
export const FORMAT_LABELS: Readonly<Record<Format, string>> = { "in-person": "In person", virtual: "Virtual" };

export type ProviderCredential = "CST-T" | "CST-D" | "Mentor";

const BOTH: readonly Format[] = FORMATS;

export const ACTIVITIES: readonly Activity[] = [
  {
    code: "treatment",
    label: "Treatment received from a CST-T or CST-D",
    category: "A",
    unit: "hours",
    hoursPerUnit: 1,
    capHours: null,
    needsProvider: true,
    credentials: ["CST-T", "CST-D"],
    formats: ["in-person"],
  },
  {
    code: "one-on-one",
    label: "1x1 mentorship with a certified mentor",
    category: "C",
    unit: "hours",
    hoursPerUnit: 1,
    capHours: null,
    needsProvider: true,
    credentials: ["Mentor"],
    formats: BOTH,
  },
  {
    code: "small-group",
    label: "Small group mentorship (4–8 participants)",
    category: "B",
    unit: "hours",
    hoursPerUnit: 1,
    capHours: null,
    needsProvider: false,
    credentials: null,
    formats: BOTH,
  },
  {
    code: "large-group",
    label: "Large group mentorship (more than 8)",
    category: "B",
    unit: "hours",
    hoursPerUnit: 1,
    capHours: null,
    needsProvider: false,
    credentials: null,
    formats: BOTH,
  },
  {
    code: "study-group",
    label: "Study group session (in person or virtual)",
    category: "B",
    unit: "sessions",
    hoursPerUnit: 1,
    capHours: null,
    needsProvider: false,
    credentials: null,
    formats: BOTH,
  },
  {
    code: "clinical-applications",
    label: "CST Clinical Applications class or workshop",
    category: "B",
    unit: "hours",
    hoursPerUnit: 1,
    capHours: 6,
    needsProvider: false,
    credentials: null,
    formats: BOTH,
  },
  {
    code: "empower-recording",
    label: "Empower Your Practice online recording",
    category: "B",
    unit: "recordings",
    hoursPerUnit: 1,
    capHours: null,
    needsProvider: false,
    credentials: null,
    formats: BOTH,
  },
  {
    code: "beyond-the-dura",
    label: "Beyond the Dura conference",
    category: "B",
    unit: "hours",
    hoursPerUnit: 1,
    capHours: 6,
    needsProvider: false,
    credentials: null,
    formats: BOTH,
  },
  {
    code: "precepting",
    label: "Precepting an Advanced CST workshop",
    category: "B",
    unit: "days",
    hoursPerUnit: 1.5,
    capHours: null,
    needsProvider: false,
    credentials: null,
    formats: BOTH,
  },
  {
    code: "intensive-therapist",
    label: "Therapist in an endorsed Intensive Therapy program",
    category: "B",
    unit: "days",
    hoursPerUnit: 1.5,
    capHours: null,
    needsProvider: false,
    credentials: null,
    formats: BOTH,
  },
  {
    code: "csir-call",
    label: "Instructor-led conference call after a CSIR class",
    category: "B",
    unit: "hours",
    hoursPerUnit: 1,
    capHours: null,
    needsProvider: false,
    credentials: null,
    formats: BOTH,
  },
];

/** Earliest date each category's experiences may be counted from (the program began 2014-05-01). */
export const ELIGIBLE_FROM: Readonly<Record<Category, string>> = { A: "2014-01-01", B: "2013-05-01", C: "2014-05-01" };

export const CATEGORY_LABELS: Readonly<Record<Category, string>> = {
  A: "Category A: treatment received",
  B: "Category B: group and class mentorship",
  C: "Category C: 1x1 mentorship",
};

/** Activity input is case-insensitive, surrounding spaces ignored, inner spaces folded. */
const activityKey = labelKey;

const ACTIVITY_BY_KEY: ReadonlyMap<string, Activity> = new Map(
  ACTIVITIES.flatMap((activity) => [
    [activityKey(activity.code), activity] as const,
    [activityKey(activity.label), activity] as const,
    // Labels typed without the en dash ("4-8 participants") are the same label.
    [activityKey(activity.label.replace(/–/g, "-")), activity] as const,
  ]),
);

const LOOKUP_CACHE = new Map<string, Activity | null>();

/** The activity a cell names by its code or its label, or null. */
export function findActivity(text: string): Activity | null {
  const cached = LOOKUP_CACHE.get(text);
  if (cached !== undefined) return cached;
  const found = ACTIVITY_BY_KEY.get(activityKey(text)) ?? null;
  if (LOOKUP_CACHE.size < 10_000) LOOKUP_CACHE.set(text, found);
  return found;
}

export function activityByCode(code: string): Activity | undefined {
  return ACTIVITIES.find((activity) => activity.code === code);
}

/** Units by name: singular and plural, and whether only whole units count (docs/rules.md §1: whole sessions and recordings). */
export const UNIT_LABELS: Readonly<Record<QuantityUnit, { one: string; many: string; whole: boolean }>> = {
  hours: { one: "hour", many: "hours", whole: false },
  sessions: { one: "session", many: "sessions", whole: true },
  recordings: { one: "recording", many: "recordings", whole: true },
  days: { one: "day", many: "days", whole: false },
};
