/**
 * The quantity rule (docs/rules.md §1 and §2.3): a number of the activity's unit, more
 * than 0 and at most 1,000, whole for sessions and recordings; converted to hours at the activity's rate
 * and capped per row where the catalog caps it.
 */
import { type Activity, type QuantityUnit, UNIT_LABELS } from "../catalog";
import { type CellValue, DECIMAL_TEXT, describeCell, isBlankCell } from "../cells";
import { type Finding, type FindingMessageId, finding } from "../findings";
import { type Hundredths, type Millihours, MILLI_PER_HOUR, decimalTextToHundredths, formatHours, toHundredths } from "../hours";

export const MAX_QUANTITY = 1000;

/** Why a quantity does not count; each caller says it in its own words. */
export type QuantityProblem = "missing" | "not-number" | "not-positive" | "too-large" | "rounds-to-zero" | "not-whole";

export type QuantityReading =
  { readonly ok: true; readonly hundredths: number; readonly rounded: boolean } | { readonly ok: false; readonly problem: QuantityProblem };

/**
 * A Quantity cell in hundredths of its unit: a number, or text holding a
 * plain decimal number, rounded on its decimal value (docs/rules.md §2). `whole`:
 * only whole units count (sessions and recordings, docs/rules.md §1), judged after rounding.
 */
export function readQuantityCell(value: CellValue, whole = false): QuantityReading {
  let reading: Hundredths | null;
  let quantity: number;
  if (typeof value === "number") {
    if (!Number.isFinite(value)) return { ok: false, problem: "not-number" };
    quantity = value;
    reading = quantity > 0 && quantity <= MAX_QUANTITY ? toHundredths(quantity) : null;
  } else if (typeof value === "string" && DECIMAL_TEXT.test(value)) {
    quantity = Number(value);
    if (!Number.isFinite(quantity)) return { ok: false, problem: "not-number" };
    reading = quantity > 0 && quantity <= MAX_QUANTITY ? decimalTextToHundredths(value) : null;
  } else if (isBlankCell(value)) return { ok: false, problem: "missing" };
  else return { ok: false, problem: "not-number" };
  if (quantity <= 0) return { ok: false, problem: "not-positive" };
  if (quantity > MAX_QUANTITY || reading === null) return { ok: false, problem: "too-large" };
  // Whole on the rounded quantity (docs/rules.md §1): 5.9999999 sessions, a formula's float noise, are 6.
  if (whole && reading.hundredths % 100 !== 0) return { ok: false, problem: "not-whole" };
  if (reading.hundredths === 0) return { ok: false, problem: "rounds-to-zero" };
  return { ok: true, hundredths: reading.hundredths, rounded: reading.rounded };
}

/** What to do about a quantity that does not count, for a message: "Quantity 0 must be more than 0: …". */
export function quantityProblemText(problem: QuantityProblem, value: CellValue, unit: QuantityUnit): string {
  const units = UNIT_LABELS[unit];
  switch (problem) {
    case "missing":
      return `Quantity is empty: enter the number of ${units.many}.`;
    case "not-number":
      return `Quantity ${describeCell(value)} is not a number: enter the number of ${units.many}, such as ${units.whole ? "2" : "1.5"}.`;
    case "not-positive":
      return `Quantity ${describeCell(value)} must be more than 0: enter the number of ${units.many}.`;
    case "too-large":
      return `Quantity ${describeCell(value)} is over ${MAX_QUANTITY}: enter one activity per row.`;
    case "rounds-to-zero":
      return `Quantity ${describeCell(value)} rounds to 0: enter at least 0.01 ${units.many}.`;
    case "not-whole":
      return `Quantity ${describeCell(value)} is not a whole number: ${units.many} count whole; enter the number of ${units.many}, such as 2.`;
  }
}

/** Hours of a quantity of an activity at its rate (docs/rules.md §1's conversions), before its cap. */
export function uncappedHours(activity: Activity, hundredths: number): Millihours {
  // hundredths of a unit × 10 = thousandths; × rate (at most 1.5) stays whole.
  return Math.round(hundredths * 10 * activity.hoursPerUnit);
}

/** Hours after the activity's cap per row (docs/rules.md §1: clinical applications and Beyond the Dura count at most 6 h). */
export function capHours(activity: Activity, hours: Millihours): Millihours {
  return activity.capHours !== null && hours > activity.capHours * MILLI_PER_HOUR ? activity.capHours * MILLI_PER_HOUR : hours;
}

/** Credited hours of a quantity of an activity (conversions and caps of docs/rules.md §1). */
export function creditedHours(activity: Activity, hundredths: number): { hours: Millihours; capped: boolean } {
  const uncapped = uncappedHours(activity, hundredths);
  const hours = capHours(activity, uncapped);
  return { hours, capped: hours < uncapped };
}

/** A quantity that is a number of at most two decimals in range: read without the general path's objects (most rows). */
export function plainQuantity(value: CellValue, whole: boolean): number | null {
  if (typeof value !== "number" || !(value > 0 && value <= MAX_QUANTITY)) return null;
  const hundredths = Math.round(value * 100);
  if (hundredths / 100 !== value || (whole && hundredths % 100 !== 0)) return null;
  return hundredths;
}

const LONG_ROW_HUNDREDTHS = 1200;

const QUANTITY_WORDS: Readonly<Record<QuantityProblem, FindingMessageId>> = {
  missing: "finding.quantity.missing",
  "not-number": "finding.quantity.notNumber",
  "not-positive": "finding.quantity.notPositive",
  "too-large": "finding.quantity.tooLarge",
  "rounds-to-zero": "finding.quantity.roundsToZero",
  "not-whole": "finding.quantity.notWhole",
};

/** The error of a quantity that does not count. */
export function quantityError(problem: QuantityProblem, cell: CellValue, unit: QuantityUnit): Finding<"bad-quantity"> {
  return finding("bad-quantity", "quantity", quantityProblemText(problem, cell, unit), QUANTITY_WORDS[problem], {
    cell: describeCell(cell),
    unit,
    max: MAX_QUANTITY,
  });
}

/** The warning of a quantity with more than two decimals, counted rounded to `hundredths`. */
export function roundedWarning(cell: CellValue, hundredths: number): Finding<"rounded"> {
  return finding(
    "rounded",
    "quantity",
    `Quantity ${describeCell(cell)} has more than 2 decimals: counted as ${hundredths / 100}.`,
    "finding.quantity.rounded",
    {
      cell: describeCell(cell),
      counted: hundredths / 100,
    },
  );
}

/** The warning of a row whose hours the activity's cap cut to `credited` (`capHours`). */
export function cappedWarning(activity: Activity, hundredths: number, credited: Millihours): Finding<"capped"> {
  return finding(
    "capped",
    "quantity",
    `${activity.label} counts at most ${activity.capHours} h per row: only ${formatHours(credited)} of ${hundredths / 100} h count.`,
    "finding.quantity.capped",
    { activity: activity.code, cap: activity.capHours ?? 0, credited: Number(formatHours(credited)), quantity: hundredths / 100 },
  );
}

/** The warning of more than 12 hours in one row, or null. */
export function longRowWarning(activity: Activity, hundredths: number): Finding<"long-row"> | null {
  if (activity.unit !== "hours" || hundredths <= LONG_ROW_HUNDREDTHS) return null;
  return finding(
    "long-row",
    "quantity",
    `${hundredths / 100} hours in one row is more than 12: check the quantity, or split the activity by day.`,
    "finding.quantity.longRow",
    { hours: hundredths / 100 },
  );
}
