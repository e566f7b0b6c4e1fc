/**
 * Exact hours. Every amount of hours inside the core is an integer number of
 * thousandths of an hour (`Millihours`): quantities are kept to 0.01 of their
 * unit and the largest conversion rate is 1.5 h per day, so every credited
 * amount is a whole number of thousandths and sums are exact
 * (60 rows of 0.2 h are exactly 12 h).
 */
export type Millihours = number;

export const MILLI_PER_HOUR = 1000;

export function hoursToMilli(hours: number): Millihours {
  return Math.round(hours * MILLI_PER_HOUR);
}

/** Hours as a number rounded to 2 decimals, as the JSON reports them. */
export function milliToHours(milli: Millihours): number {
  // Round half away from zero on the integer, then divide once.
  const hundredths = Math.sign(milli) * Math.round(Math.abs(milli) / 10);
  return hundredths / 100;
}

/** Hours for a person: "6", "1.5", "0.25". */
export function formatHours(milli: Millihours): string {
  return String(milliToHours(milli));
}

/** A quantity in hundredths of its unit (0.01 steps), and whether it had to be rounded. */
export interface Hundredths {
  readonly hundredths: number;
  readonly rounded: boolean;
}

export function toHundredths(quantity: number): Hundredths {
  const scaled = quantity * 100;
  const hundredths = Math.round(scaled);
  // A decimal like 0.29 is not exact in binary: allow for representation error.
  const rounded = Math.abs(scaled - hundredths) > 1e-7 * Math.max(1, Math.abs(scaled));
  return { hundredths, rounded };
}
