/**
 * Calendar dates as ISO `YYYY-MM-DD` text. No JavaScript `Date` in local time
 * is ever used: conversions go through UTC day numbers, so a workbook gives
 * the same dates in every time zone.
 */
export type IsoDate = string;

export type DateSystem = "1900" | "1904";

/** Excel's last row: no sheet, range or log has more rows. */
export const EXCEL_LAST_ROW = 1_048_576;

/** A day number below any day of years 1 to 9999: "no day" in typed arrays of day numbers. */
export const NO_DAY = -2_147_483_648;

/** Day numbers of years 1 to 9999 (days since 1970-01-01) plus this start at 0: an index into arrays by day. */
export const DAY_NUMBER_OFFSET = 720_000;

const ISO_DATE = /^(\d{4})-(\d{2})-(\d{2})$/;
const MS_PER_DAY = 86_400_000;
/** Excel's largest date, 9999-12-31, in the 1900 system. */
const MAX_SERIAL_1900 = 2_958_465;
/** Days from 1970-01-01 back to the 1900 system's day 0 (1899-12-30 for serials after 60). */
const EPOCH_1900 = Date.UTC(1899, 11, 30) / MS_PER_DAY;
const EPOCH_1904 = Date.UTC(1904, 0, 1) / MS_PER_DAY;
const SERIAL_OFFSET_1904 = 1462;

function pad(value: number, width: number): string {
  return String(value).padStart(width, "0");
}

export function dayNumberToIsoDate(dayNumber: number): IsoDate {
  const date = new Date(dayNumber * MS_PER_DAY);
  return `${pad(date.getUTCFullYear(), 4)}-${pad(date.getUTCMonth() + 1, 2)}-${pad(date.getUTCDate(), 2)}`;
}

/** Days since 1970-01-01 of a valid ISO date. */
export function isoDateToDayNumber(iso: IsoDate): number {
  const year = Number(iso.slice(0, 4));
  const month = Number(iso.slice(5, 7)) - 1;
  const day = Number(iso.slice(8, 10));
  if (year >= 100) return Date.UTC(year, month, day) / MS_PER_DAY;
  // Date.UTC reads the years 0 to 99 as 1900 to 1999: 0050-01-01 would be the day of 1950-01-01.
  const date = new Date(0);
  date.setUTCFullYear(year, month, day);
  return date.getTime() / MS_PER_DAY;
}

/** Milliseconds since 1970-01-01 of a valid ISO date's midnight in UTC (for a `Date` that is that day in every time zone read in UTC). */
export function isoDateToUtcMilliseconds(iso: IsoDate): number {
  return isoDateToDayNumber(iso) * MS_PER_DAY;
}

/** Whether the text has the ISO shape `YYYY-MM-DD` (it may still not be a real date). */
export function hasIsoDateShape(text: string): boolean {
  return ISO_DATE.test(text);
}

/** A real calendar date in ISO text, or null (2023-02-29 and 2024-13-01 are null). */
export function parseIsoDate(text: string): IsoDate | null {
  const match = ISO_DATE.exec(text);
  if (!match) return null;
  const year = Number(match[1]);
  const month = Number(match[2]);
  const day = Number(match[3]);
  if (year < 1 || month < 1 || month > 12 || day < 1) return null;
  const date = new Date(0);
  date.setUTCFullYear(year, month - 1, day);
  if (date.getUTCFullYear() !== year || date.getUTCMonth() !== month - 1 || date.getUTCDate() !== day) return null;
  return text;
}

/**
 * An Excel serial number as a calendar date, time of day ignored.
 * 1900 system: serial 1 is 1900-01-01 and serial 60 is Excel's fictitious
 * 1900-02-29 (not a real date: null). 1904 system: serial 0 is 1904-01-01.
 */
export function excelSerialToIsoDate(serial: number, system: DateSystem): IsoDate | null {
  if (!Number.isFinite(serial)) return null;
  const whole = Math.floor(serial);
  if (system === "1904") {
    if (whole < 0 || whole + SERIAL_OFFSET_1904 > MAX_SERIAL_1900) return null;
    return dayNumberToIsoDate(EPOCH_1904 + whole);
  }
  if (whole < 1 || whole > MAX_SERIAL_1900 || whole === 60) return null;
  // Before the fictitious leap day, serials are one day off the 1899-12-30 epoch.
  return dayNumberToIsoDate(EPOCH_1900 + (whole < 60 ? whole + 1 : whole));
}

/** The serial number of a calendar date in a workbook's date system. */
export function isoDateToExcelSerial(iso: IsoDate, system: DateSystem): number {
  const day = isoDateToDayNumber(iso);
  if (system === "1904") return day - EPOCH_1904;
  const serial = day - EPOCH_1900;
  return serial < 61 ? serial - 1 : serial;
}

/** Today's calendar date where the user is (the as-of date when none is given). */
export function todayIsoDate(now: Date = new Date()): IsoDate {
  return `${pad(now.getFullYear(), 4)}-${pad(now.getMonth() + 1, 2)}-${pad(now.getDate(), 2)}`;
}
