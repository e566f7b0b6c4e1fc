/**
 * What a person types into a cell of the sheet view, read as they mean it in
 * their own locale before the workbook reads it as Excel would (docs/rules.md §5's
 * dialects, for typing): a date with the month's name or in the locale's
 * order, a quantity with the locale's decimal mark, an activity by the start
 * of its label. What cannot be read one way only is refused with a message
 * that says what it could be and how to type it; what is typed is never lost.
 */
import { ACTIVITIES, type FieldKind, parseIsoDate } from "../core";

/** How the user's locale writes numbers and dates: from `Intl` in a browser (`localeFormat`). */
export interface LocaleFormat {
  /** The decimal mark: "." or ",". */
  readonly decimal: string;
  /** Month names (long and short, any case, without a closing dot) by month number 1–12; English names are always known. */
  readonly months: ReadonlyMap<string, number>;
  /** How the locale writes a month's name for people, by month number (for messages). */
  readonly monthName: (month: number) => string;
}

/** Why a typed entry cannot be read one way only, for a message in the pane's language. */
export type TypedProblem =
  | {
      readonly kind: "ambiguous-date";
      readonly text: string;
      /** The two dates it could be: ISO, and as the locale writes them with the month's name. */
      readonly dayFirst: string;
      readonly monthFirst: string;
      readonly dayFirstShown: string;
      readonly monthFirstShown: string;
    }
  | { readonly kind: "not-calendar-date"; readonly text: string };

export type TypedEntry =
  { readonly ok: true; readonly text: string } | { readonly ok: false; readonly message: string; readonly problem: TypedProblem };

const ENGLISH = "en-US";

function monthNames(locale: string): Map<string, number> {
  const names = new Map<string, number>();
  for (const each of [ENGLISH, locale]) {
    for (const month of ["long", "short"] as const) {
      const format = new Intl.DateTimeFormat(each, { month, timeZone: "UTC" });
      for (let index = 0; index < 12; index++) {
        names.set(normalName(format.format(new Date(Date.UTC(2024, index, 15)))), index + 1);
      }
    }
  }
  return names;
}

const normalName = (name: string): string => name.toLocaleLowerCase().replace(/\.$/, "").normalize("NFC");

/** The locale's number and date conventions (the browser's language unless given: the sheet view gives the page's). */
export function localeFormat(locale: string = typeof navigator === "undefined" ? ENGLISH : navigator.language): LocaleFormat {
  let decimal = ".";
  try {
    decimal = new Intl.NumberFormat(locale).formatToParts(1.5).find((part) => part.type === "decimal")?.value ?? ".";
  } catch {
    locale = ENGLISH;
  }
  const long = new Intl.DateTimeFormat(locale, { month: "long", timeZone: "UTC" });
  return { decimal, months: monthNames(locale), monthName: (month) => long.format(new Date(Date.UTC(2024, month - 1, 15))) };
}

const iso = (year: number, month: number, day: number): string | null =>
  parseIsoDate(`${String(year).padStart(4, "0")}-${String(month).padStart(2, "0")}-${String(day).padStart(2, "0")}`);

const fullYear = (text: string): number => (text.length === 2 ? 2000 + Number(text) : Number(text));

const notCalendarDate = (text: string): TypedEntry => ({
  ok: false,
  message: `"${text}" is not a real calendar date: check the month and the day.`,
  problem: { kind: "not-calendar-date", text },
});

/** A date typed as people write one: ISO, numbers with / . or -, or with the month's name. */
function readDate(text: string, locale: LocaleFormat): TypedEntry | null {
  const trimmed = text.trim();
  if (parseIsoDate(trimmed) !== null) return { ok: true, text: trimmed };
  const numeric = /^(\d{1,2})[/.-](\d{1,2})[/.-](\d{4}|\d{2})$/.exec(trimmed);
  if (numeric !== null) {
    const first = Number(numeric[1]);
    const second = Number(numeric[2]);
    const year = fullYear(numeric[3] as string);
    const dayFirst = iso(year, second, first);
    const monthFirst = iso(year, first, second);
    if (dayFirst !== null && monthFirst !== null && dayFirst !== monthFirst) {
      const shown = (date: string) => {
        const [y, m, d] = date.split("-").map(Number) as [number, number, number];
        return `${d} ${locale.monthName(m)} ${y}`;
      };
      return {
        ok: false,
        message: `"${trimmed}" could be ${shown(dayFirst)} or ${shown(monthFirst)}: type it as ${dayFirst} or ${monthFirst} (year-month-day), or with the month's name.`,
        problem: {
          kind: "ambiguous-date",
          text: trimmed,
          dayFirst,
          monthFirst,
          dayFirstShown: shown(dayFirst),
          monthFirstShown: shown(monthFirst),
        },
      };
    }
    const date = dayFirst ?? monthFirst;
    return date === null ? notCalendarDate(trimmed) : { ok: true, text: date };
  }
  const words = trimmed
    .replace(/,/g, " ")
    .split(/\s+/)
    .filter((word) => word !== "" && word.toLowerCase() !== "de");
  if (words.length === 3) {
    const numbers = words.filter((word) => /^\d+\.?$/.test(word)).map((word) => word.replace(/\.$/, ""));
    const month = words.map((word) => locale.months.get(normalName(word))).find((found) => found !== undefined);
    const year = numbers.find((number) => number.length === 4);
    const day = numbers.find((number) => number.length <= 2);
    if (month !== undefined && year !== undefined && day !== undefined) {
      const date = iso(Number(year), month, Number(day));
      return date === null ? notCalendarDate(trimmed) : { ok: true, text: date };
    }
  }
  return null;
}

/** A quantity typed with the locale's decimal mark, or with a comma before one or two decimals anywhere. */
function readNumber(text: string, locale: LocaleFormat): string | null {
  const trimmed = text.trim().replace(/[\s\u00a0\u202f]/g, "");
  if (locale.decimal === ",") {
    if (/^-?\d{1,3}(\.\d{3})*(,\d+)?$/.test(trimmed) || /^-?\d+(,\d+)?$/.test(trimmed)) return trimmed.replace(/\./g, "").replace(",", ".");
    return null;
  }
  // Nobody groups thousands by one or two digits: "1,5" is one and a half wherever it is typed.
  if (/^-?\d+,\d{1,2}$/.test(trimmed)) return trimmed.replace(",", ".");
  if (/^-?\d{1,3}(,\d{3})+(\.\d+)?$/.test(trimmed)) return trimmed.replace(/,/g, "");
  return null;
}

/** The activity whose code or label starts with what was typed, when only one does ("Small group" → its label). */
function readActivity(text: string): string | null {
  const key = text.trim().toLowerCase().replace(/\s+/g, " ");
  if (key.length < 3) return null;
  const matches = ACTIVITIES.filter((activity) => activity.label.toLowerCase().startsWith(key) || activity.code.startsWith(key));
  return matches.length === 1 ? (matches[0] as (typeof ACTIVITIES)[number]).label : null;
}

/**
 * What to write for a typed entry in a column of the form (its field's kind and key; null outside the
 * form): the text as the workbook should read it, or why it cannot be read one way only. Anything else is
 * written as typed: the rules then say what is wrong with it, in the findings.
 */
export function readTypedEntry(
  text: string,
  field: { readonly key: string; readonly kind: FieldKind } | null,
  locale: LocaleFormat,
): TypedEntry {
  if (field === null || text.trim() === "") return { ok: true, text };
  if (field.kind === "date") return readDate(text, locale) ?? { ok: true, text };
  if (field.kind === "number" || field.kind === "wholeNumber") {
    const number = readNumber(text, locale);
    return { ok: true, text: number ?? text };
  }
  if (field.key === "activity") return { ok: true, text: readActivity(text) ?? text };
  return { ok: true, text };
}
