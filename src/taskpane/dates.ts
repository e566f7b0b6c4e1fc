/**
 * Dates in the pane as the user's locale writes them (ISO only in files and
 * messages that name a cell's text).
 */
import { type IsoDate, isoDateToUtcMilliseconds, parseIsoDate } from "../core";

// Making an Intl formatter loads the locale's data: one per locale, made once, not one per date shown.
const dateFormats = new Map<string, Intl.DateTimeFormat>();
const decimalMarks = new Map<string, string>();

/** "12 Mar 2024", "Mar 12, 2024"…: an ISO date in the user's locale, in UTC so no time zone shifts it. */
export function localDate(iso: IsoDate, locale?: string): string {
  if (parseIsoDate(iso) === null) return iso;
  let format = dateFormats.get(locale ?? "");
  if (format === undefined) {
    format = new Intl.DateTimeFormat(locale, { dateStyle: "medium", timeZone: "UTC" });
    dateFormats.set(locale ?? "", format);
  }
  return format.format(new Date(isoDateToUtcMilliseconds(iso)));
}

/** The decimal mark of the user's locale: "." or ",". */
export function localeDecimalMark(locale?: string): string {
  let mark = decimalMarks.get(locale ?? "");
  if (mark === undefined) {
    mark = new Intl.NumberFormat(locale).formatToParts(1.5).find((part) => part.type === "decimal")?.value ?? ".";
    decimalMarks.set(locale ?? "", mark);
  }
  return mark;
}
