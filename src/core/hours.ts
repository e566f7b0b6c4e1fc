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
  /** The decimal value had more than two decimals (trailing zeros aside). */
  readonly rounded: boolean;
}

const DECIMAL_PARTS = /^([+-]?)(\d*)(?:\.(\d*))?(?:[eE]([+-]?\d+))?$/;

/**
 * A decimal number's text rounded to hundredths, half away from zero, on
 * its decimal digits (docs/rules.md §2): 1.005 is 1.01 and 2.155 is 2.16, as Excel's
 * ROUND and a person give, although the binary doubles nearest to them lie
 * just below. Null when the text is not a decimal number or its magnitude
 * is beyond `limit` hundredths (the caller refuses such quantities anyway).
 */
export function decimalTextToHundredths(text: string, limit = Number.MAX_SAFE_INTEGER): Hundredths | null {
  const match = DECIMAL_PARTS.exec(text.trim());
  if (match === null) return null;
  const whole = match[2] ?? "";
  const fraction = match[3] ?? "";
  if (whole === "" && fraction === "") return null;
  const exponent = match[4] === undefined ? 0 : Number(match[4]);
  // value = digits × 10^(scale), with digits an integer written without a point.
  const digits = (whole + fraction).replace(/^0+(?=\d)/, "");
  const scale = exponent - fraction.length + 2;
  const negative = match[1] === "-";
  let hundredths: number;
  let rounded = false;
  if (scale >= 0) {
    if (digits.replace(/^0+/, "").length + scale > 16) return null;
    hundredths = Number(digits) * 10 ** scale;
  } else {
    const cut = digits.length + scale;
    const kept = cut <= 0 ? "0" : digits.slice(0, cut);
    const dropped = cut <= 0 ? "0".repeat(-cut) + digits : digits.slice(cut);
    rounded = /[1-9]/.test(dropped);
    if (kept.replace(/^0+/, "").length > 16) return null;
    hundredths = Number(kept) + (dropped.charCodeAt(0) >= 53 /* "5" */ ? 1 : 0);
  }
  if (!Number.isSafeInteger(hundredths) || hundredths > limit) return null;
  return { hundredths: negative && hundredths !== 0 ? -hundredths : hundredths, rounded };
}

/**
 * A number rounded to hundredths on its decimal value: the shortest decimal
 * text that reads back as the same number (`String(n)`), rounded as above.
 * Most quantities have at most two decimals and take the quick path.
 */
export function toHundredths(quantity: number): Hundredths {
  const scaled = Math.round(quantity * 100);
  if (scaled / 100 === quantity) return { hundredths: scaled, rounded: false };
  return decimalTextToHundredths(String(quantity)) ?? { hundredths: scaled, rounded: true };
}
