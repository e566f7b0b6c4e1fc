/**
 * The results in words for people, shared by the pane, the command line's
 * text and the Submission sheet, so that all three say the same thing.
 * Dates here are ISO (files and the command line); the pane shows dates as
 * the user's locale writes them.
 */
import type { CategoryHours, CreditBreakdown, UnusedReason } from "./allocation";
import { CATEGORIES, type Category } from "./catalog";
import { type Millihours, formatHours } from "./hours";
import { type Certification, type CreditRule, CERTIFICATION_LABELS } from "./rulesets";

/** 1st, 2nd, 3rd, 4th, 11th, 21st … */
export function ordinal(n: number): string {
  const tens = n % 100;
  const suffix = tens >= 11 && tens <= 13 ? "th" : (["th", "st", "nd", "rd"][n % 10] ?? "th");
  return `${n}${suffix}`;
}

/** "6 h", "1.5 h". */
export function hoursText(milli: Millihours): string {
  return `${formatHours(milli)} h`;
}

/**
 * "a, b and c", as Intl.ListFormat joins a list in British English (no comma
 * before "and"); the other languages join theirs through src/i18n.
 * https://developer.mozilla.org/docs/Web/JavaScript/Reference/Global_Objects/Intl/ListFormat
 */
const ENGLISH_LIST = new Intl.ListFormat("en-GB", { type: "conjunction" });

export function listText(items: readonly string[]): string {
  return ENGLISH_LIST.format(items);
}

/** Hours per category for the given categories: "A 6 h, B 6 h and C 12 h". */
export function categoryHoursText(hours: Readonly<Record<Category, Millihours>>, categories: readonly Category[] = CATEGORIES): string {
  return listText(categories.map((category) => `${category} ${hoursText(hours[category])}`));
}

/** The categories a credit's rule takes hours from, minimum first. */
export function categoriesOf(rule: CreditRule): readonly Category[] {
  return CATEGORIES.filter((category) => rule.accepts.includes(category));
}

/** "1st credit: A 6 h, B 6 h and C 12 h". */
export function earnedCreditText(entry: { readonly credit: number; readonly hours: CategoryHours }, rule: CreditRule): string {
  return `${ordinal(entry.credit)} credit: ${categoryHoursText(entry.hours, categoriesOf(rule))}`;
}

/** What the next credit still needs: "A 4.5 h and C 6.5 h (11 h in all)", only the categories it takes. */
export function missingText(missing: Readonly<Record<Category | "total", Millihours>>, rule: CreditRule): string {
  const needed = categoriesOf(rule).filter((category) => missing[category] > 0);
  const parts = needed.map((category) => `${category} ${hoursText(missing[category])}`);
  if (parts.length === 0) return `${hoursText(missing.total)} in any of ${listText(categoriesOf(rule))}`;
  const named = needed.reduce((sum, category) => sum + missing[category], 0);
  return named === missing.total ? listText(parts) : `${listText(parts)} (${hoursText(missing.total)} in all)`;
}

/** "Technique Certified (CST-T)". */
export function certificationText(certification: Certification): string {
  return CERTIFICATION_LABELS[certification];
}

/** Why hours count toward no credit, in a sentence that starts with the hours. */
export function unusedText(
  entry: { readonly category: Category; readonly hours: Millihours; readonly reason: UnusedReason },
  next: CreditBreakdown["next"],
  nextRule: CreditRule,
  /** How a date is written: ISO in files and on the command line, the user's locale in the pane. */
  formatDate: (iso: string) => string = (iso) => iso,
): string {
  const amount = `${hoursText(entry.hours)} of category ${entry.category}`;
  const credit = `the ${ordinal(next.credit)} credit`;
  switch (entry.reason) {
    case "not-accepted":
      return `${amount} count toward no credit: ${credit} takes only category ${listText(categoriesOf(nextRule))} hours.`;
    case "before-certification": {
      const certification = next.requires === null ? "" : certificationText(next.requires);
      return next.countsFrom === null
        ? `${amount} cannot count toward ${credit}: it needs you to be ${certification}, and counts only hours from the certification date.`
        : `${amount} are dated before ${formatDate(next.countsFrom)}, when you became ${certification}: ${credit} counts only hours from that date.`;
    }
    case "beyond-next":
      return `${amount} are more than ${credit} can take: they wait for the credit after it.`;
  }
}

/** A moment as people read it in a file: "2026-11-25 14:03 UTC"; the text as given when it is not an ISO 8601 time. */
export function utcTimeText(iso: string): string {
  const time = new Date(iso);
  if (Number.isNaN(time.getTime()) || !/^\d{4}-\d{2}-\d{2}T/.test(iso)) return iso;
  return `${time.toISOString().slice(0, 10)} ${time.toISOString().slice(11, 16)} UTC`;
}

/** A time written by `utcTimeText` (or ISO 8601) back as ISO 8601 UTC at the precision it has; null when it is neither. */
export function utcTimeFromText(text: string): string | null {
  const trimmed = text.trim();
  const readable = /^(\d{4}-\d{2}-\d{2}) (\d{2}:\d{2})(?::(\d{2}))? UTC$/.exec(trimmed);
  if (readable !== null) {
    const iso = `${readable[1]}T${readable[2]}${readable[3] === undefined ? "" : `:${readable[3]}`}Z`;
    return Number.isNaN(new Date(iso).getTime()) ? null : iso;
  }
  if (/^\d{4}-\d{2}-\d{2}T[\d:.]+(Z|[+-]\d{2}:\d{2})$/.test(trimmed) && !Number.isNaN(new Date(trimmed).getTime())) {
    return new Date(trimmed).toISOString();
  }
  return null;
}

/** A checked row's outcome in a few words, for the CST Status column: "OK", "Counts 6 h: …", "Does not count: …". */
export function rowStatusText(row: {
  readonly hours: Millihours;
  readonly errors: readonly { readonly message: string }[];
  readonly warnings: readonly { readonly message: string }[];
}): string {
  if (row.errors.length > 0) return `Does not count: ${row.errors.map((error) => error.message).join(" ")}`;
  if (row.warnings.length > 0) return `Counts ${hoursText(row.hours)}: ${row.warnings.map((warning) => warning.message).join(" ")}`;
  return "OK";
}

/** Whether a cell holds what `rowStatusText` writes (or what earlier versions wrote: "OK, warning: …", "Error: …"). */
export function isRowStatusText(text: string): boolean {
  return text === "OK" || /^(Counts \d+(\.\d+)? h: |Does not count: |OK, |Error: )/.test(text);
}
