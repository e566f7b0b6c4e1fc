/**
 * The date rule (docs/rules.md §2.1): a row's date is a calendar date, read from an Excel date,
 * a date a reader decoded, or ISO text; not after the as-of date.
 */
import { type CellValue, describeCell, isDecodedDate } from "../cells";
import { type DateSystem, type IsoDate, excelSerialToIsoDate, hasIsoDateShape, isoDateToDayNumber, parseIsoDate } from "../dates";
import { type Finding, type FindingMessageId, type RowErrorCode, finding } from "../findings";

/** Why a cell is not a calendar date; each caller says it in its own words. */
export type DateProblem = "missing" | "not-calendar-date" | "ambiguous" | "not-date";

export type DateReading =
  | { readonly ok: true; readonly date: IsoDate; /** Days since 1970-01-01. */ readonly day: number }
  | { readonly ok: false; readonly problem: DateProblem };

const MISSING_DATE: DateReading = { ok: false, problem: "missing" };
const NOT_CALENDAR_DATE: DateReading = { ok: false, problem: "not-calendar-date" };
const AMBIGUOUS_DATE: DateReading = { ok: false, problem: "ambiguous" };
const NOT_DATE: DateReading = { ok: false, problem: "not-date" };

function isoReading(date: IsoDate): DateReading {
  return { ok: true, date, day: isoDateToDayNumber(date) };
}

/**
 * Logs repeat dates: one reading per day serves every row dated that day.
 * Readings are kept in chunks of 1024 days indexed by the whole serial,
 * which is several times faster than a Map for 100,000 rows.
 */
class SerialReadings {
  private readonly chunks: (DateReading | undefined)[][] = [];

  constructor(private readonly system: DateSystem) {}

  read(serial: number): DateReading {
    const day = Math.floor(serial);
    if (!(day >= 0 && day <= 3_000_000)) return serialReading(serial, this.system);
    const chunk = (this.chunks[day >> 10] ??= new Array<DateReading | undefined>(1024).fill(undefined));
    return (chunk[day & 1023] ??= serialReading(day, this.system));
  }
}

// Two constants, not an object keyed by the system: "1900" and "1904" are array-index keys, which V8
// keeps as a dictionary of elements, and every date cell would pay for a look-up in it.
const READINGS_1900 = new SerialReadings("1900");
const READINGS_1904 = new SerialReadings("1904");

function serialReading(serial: number, system: DateSystem): DateReading {
  const date = excelSerialToIsoDate(serial, system);
  return date !== null ? isoReading(date) : NOT_CALENDAR_DATE;
}

/** CSV logs repeat the same date texts: each is read once. */
const TEXT_READINGS = new Map<string, DateReading>();
/** The text `readDateCell` read last, and its reading. */
let lastDateText: string | null = null;
let lastTextReading: DateReading = MISSING_DATE;

function readDateText(value: string): DateReading {
  const text = value.trim();
  if (text === "") return MISSING_DATE;
  if (hasIsoDateShape(text)) {
    const date = parseIsoDate(text);
    return date !== null ? isoReading(date) : NOT_CALENDAR_DATE;
  }
  return /\d/.test(text) ? AMBIGUOUS_DATE : NOT_DATE;
}

/**
 * A date cell as a calendar date: an Excel date (serial number in the
 * workbook's date system, time of day ignored), a date a reader decoded, or
 * ISO `YYYY-MM-DD` text. Other text is refused as ambiguous: 03/04/2024 is
 * March 4 in one country and April 3 in another.
 */
export function readDateCell(value: CellValue, system: DateSystem): DateReading {
  if (typeof value === "number") return (system === "1904" ? READINGS_1904 : READINGS_1900).read(value);
  if (typeof value === "string") {
    // The last text read first: a row's date is read by its check and by the fingerprint, one after the
    // other, and neighbouring rows often share a date (a text read from a file is a new string each time,
    // whose hash the map would compute again).
    if (value === lastDateText) return lastTextReading;
    let reading = TEXT_READINGS.get(value);
    if (reading === undefined) {
      reading = readDateText(value);
      if (TEXT_READINGS.size >= 100_000) TEXT_READINGS.clear();
      TEXT_READINGS.set(value, reading);
    }
    lastDateText = value;
    lastTextReading = reading;
    return reading;
  }
  if (value === null || value === undefined) return MISSING_DATE;
  if (isDecodedDate(value)) {
    const date = parseIsoDate(value.isoDate);
    return date !== null ? isoReading(date) : NOT_CALENDAR_DATE;
  }
  return NOT_DATE;
}

/** What to do about a date cell that is not a calendar date, for a message: "is empty: …". */
export function dateProblemText(problem: DateProblem, value: CellValue, whatItIs: string): string {
  switch (problem) {
    case "missing":
      return `is empty: enter ${whatItIs}.`;
    case "not-calendar-date":
      return `${describeCell(value)} is not a real calendar date: check the month and the day.`;
    case "ambiguous":
      return `${describeCell(value)} can be read more than one way: enter an Excel date or ISO text YYYY-MM-DD.`;
    case "not-date":
      return `${describeCell(value)} is not a date: enter a date such as 2024-03-15.`;
  }
}

/** The message of each date problem, for a row's date and for a certification date. */
export const DATE_PROBLEM_WORDS: {
  readonly row: Readonly<Record<DateProblem, FindingMessageId>>;
  /** A blank certification date is no date, not a problem. */
  readonly certification: Readonly<Record<Exclude<DateProblem, "missing">, FindingMessageId>>;
} = {
  row: {
    missing: "finding.date.missing",
    "not-calendar-date": "finding.date.notCalendarDate",
    ambiguous: "finding.date.ambiguous",
    "not-date": "finding.date.notDate",
  },
  certification: {
    "not-calendar-date": "finding.profile.certification.notCalendarDate",
    ambiguous: "finding.profile.certification.ambiguous",
    "not-date": "finding.profile.certification.notDate",
  },
};

const DATE_CODES: Readonly<Record<DateProblem, RowErrorCode>> = {
  missing: "missing-date",
  "not-calendar-date": "bad-date",
  ambiguous: "ambiguous-date",
  "not-date": "bad-date",
};

let lastAsOf: IsoDate | null = null;
let lastAsOfDay = 0;

/** The as-of date's day number; a log's rows all ask for the same one. */
export function asOfDay(asOf: IsoDate): number {
  if (asOf !== lastAsOf) {
    lastAsOfDay = isoDateToDayNumber(asOf);
    lastAsOf = asOf;
  }
  return lastAsOfDay;
}

/** Whether a row's date breaks the rule: not a calendar date, or after the as-of date. */
export function dateBroken(reading: DateReading, asOf: IsoDate): boolean {
  return !reading.ok || reading.day > asOfDay(asOf);
}

/** The error of a row's date that breaks the rule (`dateBroken`). */
export function dateError(reading: DateReading, cell: CellValue, asOf: IsoDate): Finding<RowErrorCode> {
  if (!reading.ok)
    return finding(
      DATE_CODES[reading.problem],
      "date",
      `Date ${dateProblemText(reading.problem, cell, "the date of the activity")}`,
      DATE_PROBLEM_WORDS.row[reading.problem],
      { cell: describeCell(cell) },
    );
  return finding(
    "future-date",
    "date",
    `Date ${reading.date} is after ${asOf}: log an activity once it has taken place.`,
    "finding.date.future",
    {
      date: reading.date,
      asOf,
    },
  );
}
