/**
 * Dates in the pane as the user's locale writes them (ISO only in files and
 * messages that name a cell's text).
 */
import { type IsoDate, isoDateToUtcMilliseconds, parseIsoDate } from "../core";

/** "12 Mar 2024", "Mar 12, 2024"…: an ISO date in the user's locale, in UTC so no time zone shifts it. */
export function localDate(iso: IsoDate, locale?: string): string {
  if (parseIsoDate(iso) === null) return iso;
  return new Intl.DateTimeFormat(locale, { dateStyle: "medium", timeZone: "UTC" }).format(new Date(isoDateToUtcMilliseconds(iso)));
}

/** The decimal mark of the user's locale: "." or ",". */
export function localeDecimalMark(locale?: string): string {
  return new Intl.NumberFormat(locale).formatToParts(1.5).find((part) => part.type === "decimal")?.value ?? ".";
}
