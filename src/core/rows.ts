/**
 * Row rules (SPEC 3): one log row in, its category, credited hours, errors
 * and warnings out. A row with any error credits 0 hours.
 */
import {
  ACTIVITIES,
  type Activity,
  type Category,
  type Format,
  type QuantityUnit,
  ELIGIBLE_FROM,
  FORMAT_LABELS,
  findActivity,
  UNIT_LABELS,
} from "./catalog";
import {
  type CellValue,
  type UnreadableCell,
  DECIMAL_TEXT,
  cellText,
  describeCell,
  isBlankCell,
  isDecodedDate,
  isUnreadableCell,
} from "./cells";
import { type DateSystem, type IsoDate, excelSerialToIsoDate, hasIsoDateShape, isoDateToDayNumber, parseIsoDate } from "./dates";
import { type Finding, type RowErrorCode, type RowWarningCode, finding } from "./findings";
import { FORM, INPUT_COLUMN_COUNT, LOG_INDEX } from "./form";
import { type Hundredths, type Millihours, MILLI_PER_HOUR, decimalTextToHundredths, formatHours, toHundredths } from "./hours";
import { CERTIFIED_MENTOR, CST_MEANS_CST_T } from "./interpretations";
import { NumberTable } from "./numberTable";
import { borrowInts, giveBackInts } from "./scratchArrays";

export interface LogRow {
  /** Row number in the source: CSV line number or worksheet row number. */
  readonly row: number;
  /** The seven input cells in the order of the form's log columns (missing cells are blank). */
  readonly cells: readonly CellValue[];
  /**
   * What the reader found about the row that its cells do not show (a CSV record's fields beyond the
   * header row, a row below the log's table): the row's first findings. A row with them is never skipped.
   */
  readonly found?: RowFindings;
}

export interface RowFindings {
  readonly errors: readonly Finding<RowErrorCode>[];
  readonly warnings: readonly Finding<RowWarningCode>[];
}

export interface RowOptions {
  readonly asOf: IsoDate;
  readonly dateSystem: DateSystem;
}

export interface RowResult {
  readonly row: number;
  readonly activity: Activity | null;
  readonly category: Category | null;
  readonly date: IsoDate | null;
  /** The date as days since 1970-01-01, for sums per day. */
  readonly day: number | null;
  /** Credited hours; 0 when the row has an error. */
  readonly hours: Millihours;
  readonly errors: readonly Finding<RowErrorCode>[];
  readonly warnings: readonly Finding<RowWarningCode>[];
}

/** A row is skipped when every one of its input cells is blank. */
export function isEmptyRow(cells: readonly CellValue[]): boolean {
  // Only the input columns: computed columns after Notes (a status, say) do not make a row.
  const width = Math.min(cells.length, INPUT_COLUMN_COUNT);
  for (let i = 0; i < width; i++) if (!isBlankCell(cells[i])) return false;
  return true;
}

// ---- Dates -------------------------------------------------------------

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

const DATE_CODES: Readonly<Record<DateProblem, RowErrorCode>> = {
  missing: "missing-date",
  "not-calendar-date": "bad-date",
  ambiguous: "ambiguous-date",
  "not-date": "bad-date",
};

// ---- Format and credential --------------------------------------------

const FORMAT_CACHE = new Map<string, Format | null>();

/** A format: "In person", "In-person", "in_person", "Virtual", any case. */
export function readFormat(text: string): Format | null {
  let format = FORMAT_CACHE.get(text);
  if (format === undefined) {
    const key = text.toLowerCase().replace(/[\s_-]+/g, "");
    format = key === "inperson" ? "in-person" : key === "virtual" ? "virtual" : null;
    if (FORMAT_CACHE.size < 1000) FORMAT_CACHE.set(text, format);
  }
  return format;
}

const CREDENTIAL_CACHE = new Map<string, string>();
const MENTOR_SPELLINGS: ReadonlySet<string> = new Set(CERTIFIED_MENTOR.aliases);

/**
 * A provider credential in its form of SPEC 3: CST-T (also "CST"), CST-D,
 * Mentor (also "Certified mentor", "CST mentor"); case, spaces, hyphens and
 * underscores do not matter. Anything else is returned as typed.
 */
export function readCredential(text: string): string {
  let credential = CREDENTIAL_CACHE.get(text);
  if (credential === undefined) {
    const key = text.toUpperCase().replace(/[\s_-]+/g, "");
    credential = CST_MEANS_CST_T.aliases[key] ?? (MENTOR_SPELLINGS.has(key) ? "Mentor" : text);
    if (CREDENTIAL_CACHE.size < 1000) CREDENTIAL_CACHE.set(text, credential);
  }
  return credential;
}

// ---- Quantity ----------------------------------------------------------

export const MAX_QUANTITY = 1000;

/** Why a quantity does not count; each caller says it in its own words. */
export type QuantityProblem = "missing" | "not-number" | "not-positive" | "too-large" | "rounds-to-zero" | "not-whole";

export type QuantityReading =
  { readonly ok: true; readonly hundredths: number; readonly rounded: boolean } | { readonly ok: false; readonly problem: QuantityProblem };

/**
 * A Quantity cell in hundredths of its unit: a number, or text holding a
 * plain decimal number, rounded on its decimal value (SPEC 3). `whole`:
 * only whole units count (sessions and recordings, SPEC 2), judged after rounding.
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
  // Whole on the rounded quantity (SPEC 2): 5.9999999 sessions, a formula's float noise, are 6.
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

/** Hours of a quantity of an activity at its rate (SPEC 2's conversions), before its cap. */
function uncappedHours(activity: Activity, hundredths: number): Millihours {
  // hundredths of a unit × 10 = thousandths; × rate (at most 1.5) stays whole.
  return Math.round(hundredths * 10 * activity.hoursPerUnit);
}

/** Hours after the activity's cap per row (SPEC 2: clinical applications and Beyond the Dura count at most 6 h). */
function capHours(activity: Activity, hours: Millihours): Millihours {
  return activity.capHours !== null && hours > activity.capHours * MILLI_PER_HOUR ? activity.capHours * MILLI_PER_HOUR : hours;
}

/** Credited hours of a quantity of an activity (conversions and caps of SPEC 2). */
export function creditedHours(activity: Activity, hundredths: number): { hours: Millihours; capped: boolean } {
  const uncapped = uncappedHours(activity, hundredths);
  const hours = capHours(activity, uncapped);
  return { hours, capped: hours < uncapped };
}

// ---- One row -----------------------------------------------------------

const LONG_ROW_HUNDREDTHS = 1200;
const NONE: readonly never[] = [];
const ACTIVITY_INDEX: ReadonlyMap<Activity, number> = new Map(ACTIVITIES.map((activity, index) => [activity, index]));
const COLUMN = LOG_INDEX;

/**
 * Provider names the text cache of `ProviderNumbers` keeps: a real log names a few dozen. Past that, each
 * name is folded again, and a log that names a new provider on each of its 1,048,576 rows keeps one map of
 * names, not two.
 */
const PROVIDER_TEXTS_CACHED = 4_096;

/**
 * A copy of a text that holds on to nothing else. A cell read from a CSV piece is a slice of the piece's
 * text, and keeping it keeps the whole piece: the names of a log with a new provider on each row would
 * keep the whole file. (A slice of a joined text, the short way to copy, is again a slice; JSON.parse
 * makes a text of its own.)
 */
const ownCopy = (text: string): string => JSON.parse(JSON.stringify(text)) as string;

/** Provider names as small numbers, whatever their case (the possible-duplicate check matches them so). */
class ProviderNumbers {
  private readonly byText = new Map<string, number>();
  private readonly byFolded = new Map<string, number>();

  get count(): number {
    return this.byFolded.size;
  }

  of(provider: string): number {
    let number = this.byText.get(provider);
    if (number === undefined) {
      const folded = provider.toLowerCase();
      number = this.byFolded.get(folded);
      if (number === undefined) {
        number = this.byFolded.size;
        // toLowerCase makes a new text where it changes one, and gives back the same one otherwise.
        this.byFolded.set(folded === provider ? ownCopy(folded) : folded, number);
      }
      if (this.byText.size < PROVIDER_TEXTS_CACHED) this.byText.set(ownCopy(provider), number);
    }
    return number;
  }
}

/** Activities by their index in the catalog, which is below 16. */
const ACTIVITY_SLOTS = 16;

/**
 * The possible-duplicate key of (date, activity, provider) as one number. Days of years 1 to 9999 shift to
 * 0 … 2^22, the activity index is below 2^4 and provider numbers below 2^27: exact in a double.
 */
function duplicateKey(day: number, combination: number): number {
  return combination * 4_194_304 + (day + 720_000);
}

/**
 * Remembers (date, activity, provider) of the rows seen so far for the possible-duplicate warning, one row
 * at a time (the pane's form checks a would-be row against the log). Keys are numbers built from small
 * indexes: string keys for 100,000 rows cost more than the rest of the row rules. A whole log's check
 * uses `DuplicateCheck`, which finds the same rows.
 */
export class DuplicateIndex {
  private readonly providers = new ProviderNumbers();
  private readonly firstRows: NumberTable;

  /** `rows`: how many rows the log has, if known, so that the index is made once at its size. */
  constructor(rows?: number) {
    this.firstRows = new NumberTable(rows);
  }

  /** The earlier row with the same date, activity and provider; otherwise remembers this row and returns undefined. */
  earlierRow(day: number, activity: Activity, provider: string, row: number): number | undefined {
    const combination = this.providers.of(provider) * ACTIVITY_SLOTS + (ACTIVITY_INDEX.get(activity) ?? ACTIVITY_SLOTS - 1);
    return this.firstRows.getOrSet(duplicateKey(day, combination), row);
  }
}

/**
 * The possible-duplicate check of a whole log: each row (with a date and an activity) is added in the
 * log's order, and `resolve` then names, for each row repeating an earlier row's date, activity and
 * provider, the first such row. It finds what `DuplicateIndex` finds row by row, without a look-up at
 * random in a table of several megabytes for each row: rows are bucketed by day (a counting sort, in
 * order), and within a day compared through arrays indexed by (activity, provider). A log whose days or
 * providers are too spread out for arrays goes through `DuplicateIndex`'s table instead.
 */
export class DuplicateCheck {
  private readonly providers = new ProviderNumbers();
  private count = 0;
  private indexes: Int32Array;
  private days: Int32Array;
  private combinations: Int32Array;
  private firstDay = Number.POSITIVE_INFINITY;
  private lastDay = Number.NEGATIVE_INFINITY;

  private resolved = false;

  /**
   * `rows`: how many rows the log has, so that the arrays are made once at their size. The arrays are
   * borrowed (`borrowInts`) and given back by `resolve`, after which the check takes no more rows.
   */
  constructor(rows = 16) {
    const size = Math.max(16, rows);
    this.indexes = borrowInts(size);
    this.days = borrowInts(size);
    this.combinations = borrowInts(size);
  }

  /** Adds the row whose result has index `index` (increasing from one call to the next); `activityIndex`: its activity's in the catalog. */
  add(index: number, day: number, activityIndex: number, provider: string): void {
    if (this.resolved) throw new Error("DuplicateCheck.add after resolve");
    if (this.count === this.indexes.length) this.grow();
    const at = this.count++;
    this.indexes[at] = index;
    this.days[at] = day;
    this.combinations[at] = this.providers.of(provider) * ACTIVITY_SLOTS + activityIndex;
    if (day < this.firstDay) this.firstDay = day;
    if (day > this.lastDay) this.lastDay = day;
  }

  private grow(): void {
    const larger = (old: Int32Array): Int32Array => {
      const next = borrowInts(old.length * 2);
      next.set(old);
      giveBackInts(old);
      return next;
    };
    this.indexes = larger(this.indexes);
    this.days = larger(this.days);
    this.combinations = larger(this.combinations);
  }

  /**
   * Calls `found(index, earlierIndex)` for each added row that repeats an earlier one, with the first such
   * row's index; returns how the rows were compared.
   */
  resolve(found: (index: number, earlierIndex: number) => void): "by day" | "by table" {
    if (this.resolved) throw new Error("DuplicateCheck.resolve twice");
    this.resolved = true;
    try {
      return this.compare(found);
    } finally {
      giveBackInts(this.indexes, this.days, this.combinations);
    }
  }

  private compare(found: (index: number, earlierIndex: number) => void): "by day" | "by table" {
    const count = this.count;
    const span = count === 0 ? 0 : this.lastDay - this.firstDay + 1;
    const combinations = this.providers.count * ACTIVITY_SLOTS;
    // Arrays of days and of (activity, provider) pairs no larger than the log's own arrays, or 256 KB.
    const arrayLimit = Math.max(4 * count, 65_536);
    if (span <= arrayLimit && combinations <= arrayLimit) {
      this.resolveByDay(span, combinations, found);
      return "by day";
    }
    this.resolveByTable(found);
    return "by table";
  }

  private resolveByDay(span: number, combinationCount: number, found: (index: number, earlierIndex: number) => void): void {
    const { count, days, combinations, indexes, firstDay } = this;
    // Counting sort by day, stable: within a day, rows keep the log's order.
    const starts = borrowInts(span + 1).fill(0);
    for (let at = 0; at < count; at++) {
      const bucket = (days[at] as number) - firstDay + 1;
      starts[bucket] = (starts[bucket] as number) + 1;
    }
    for (let day = 1; day <= span; day++) starts[day] = (starts[day] as number) + (starts[day - 1] as number);
    const next = borrowInts(span);
    next.set(starts.subarray(0, span));
    // The rows' (activity, provider) and index in day order, so that the scan below reads them in sequence.
    const sortedCombinations = borrowInts(count);
    const sortedIndexes = borrowInts(count);
    for (let at = 0; at < count; at++) {
      const bucket = (days[at] as number) - firstDay;
      const place = next[bucket] as number;
      sortedCombinations[place] = combinations[at] as number;
      sortedIndexes[place] = indexes[at] as number;
      next[bucket] = place + 1;
    }
    // Per (activity, provider): the day it was last seen on (plus one) and its first row's index that day.
    const seenOn = borrowInts(combinationCount).fill(0);
    const firstOf = borrowInts(combinationCount);
    for (let day = 0; day < span; day++) {
      const end = starts[day + 1] as number;
      for (let sorted = starts[day] as number; sorted < end; sorted++) {
        const combination = sortedCombinations[sorted] as number;
        if (seenOn[combination] === day + 1) found(sortedIndexes[sorted] as number, firstOf[combination] as number);
        else {
          seenOn[combination] = day + 1;
          firstOf[combination] = sortedIndexes[sorted] as number;
        }
      }
    }
    giveBackInts(starts, next, sortedCombinations, sortedIndexes, seenOn, firstOf);
  }

  private resolveByTable(found: (index: number, earlierIndex: number) => void): void {
    const table = new NumberTable(this.count);
    for (let at = 0; at < this.count; at++) {
      const earlier = table.getOrSet(duplicateKey(this.days[at] as number, this.combinations[at] as number), at);
      if (earlier !== undefined) found(this.indexes[at] as number, this.indexes[earlier] as number);
    }
  }
}

/** The possible-duplicate warning of a row that repeats an earlier row's date, activity and provider. */
export function duplicateWarning(earlier: number): Finding<"possible-duplicate"> {
  return finding(
    "possible-duplicate",
    null,
    `Same date, activity and provider as row ${earlier}: remove one if the activity was logged twice.`,
  );
}

/** A row's warnings with the possible-duplicate warning, which comes last. */
export function withDuplicateWarning(warnings: readonly Finding<RowWarningCode>[], earlier: number): readonly Finding<RowWarningCode>[] {
  return [...warnings, duplicateWarning(earlier)];
}

/** The finding of a cell that holds no readable value (an Excel error, a formula without its result). */
function unreadableCellFinding(column: number, value: UnreadableCell): Finding<"cell-error"> {
  const definition = FORM.log[column] as (typeof FORM.log)[number];
  const message =
    "excelError" in value
      ? `${definition.label} holds Excel's error ${value.excelError}: correct the cell, or the formula behind it.`
      : `${definition.label} is a formula saved without its result: open the file in Excel or LibreOffice and save it, so that the result is stored, or type the value.`;
  return finding("cell-error", definition.key, message);
}

/**
 * What the row rules read of an activity, found once per row by the Activity cell's text: the activity,
 * its index in the catalog (the possible-duplicate check's key), the first day its category counts, and
 * whether only whole units count. Read through one look-up by text, not three by the activity and its
 * category and unit: this runs for every row.
 */
interface ActivityFacts {
  readonly activity: Activity;
  readonly index: number;
  readonly eligibleFromDay: number;
  readonly wholeUnits: boolean;
}

const FACTS_BY_TEXT = new Map<string, ActivityFacts | null>();

function activityFacts(text: string): ActivityFacts | null {
  let facts = FACTS_BY_TEXT.get(text);
  if (facts === undefined) {
    const activity = findActivity(text);
    facts =
      activity === null
        ? null
        : {
            activity,
            index: ACTIVITY_INDEX.get(activity) ?? ACTIVITY_SLOTS - 1,
            eligibleFromDay: isoDateToDayNumber(ELIGIBLE_FROM[activity.category]),
            wholeUnits: UNIT_LABELS[activity.unit].whole,
          };
    if (FACTS_BY_TEXT.size < 10_000) FACTS_BY_TEXT.set(text, facts);
  }
  return facts;
}

let lastAsOf: IsoDate | null = null;
let lastAsOfDay = 0;

/** The as-of date's day number; a log's rows all ask for the same one. */
function asOfDay(asOf: IsoDate): number {
  if (asOf !== lastAsOf) {
    lastAsOfDay = isoDateToDayNumber(asOf);
    lastAsOf = asOf;
  }
  return lastAsOfDay;
}

/**
 * The error of a CSV record with more fields than the header row, naming the text left over (from the
 * separator that starts it: ";late"), never dropped: a field holding the separator lost its quotes, so the
 * row's fields may be shifted.
 */
export function extraFieldsFinding(extraFields: string): Finding<"extra-fields"> {
  return finding(
    "extra-fields",
    null,
    `This line has more fields than the header row: ${describeCell(extraFields)} is left over after its last column. A field whose text holds the separator must be in double quotes: quote that field, or remove the extra text.`,
  );
}

/** "Rows 3–40 are" / "Row 3 is". */
const rowSpan = (first: number, last: number): string => (first === last ? `Row ${first} is` : `Rows ${first}–${last} are`);

/**
 * The warning on the first of the rows read below the log's table: Excel grows a table when a row is typed
 * right below it, LibreOffice Calc and openpyxl do not, so rows typed there are the log's all the same.
 */
export function belowTableWarning(table: string, first: number, last: number): Finding<"below-table"> {
  const they =
    first === last ? "it is read as a log row; extend the table to cover it" : "they are read as log rows; extend the table to cover them";
  return finding("below-table", null, `${rowSpan(first, last)} below the ${table} table: ${they} (in Excel: Table Design › Resize Table).`);
}

/** The error of rows below the log's table whose cells are not in the log's columns: not read as log rows, never ignored. */
export function belowTableError(table: string, first: number, last: number, outsideCell: string): Finding<"below-table"> {
  return finding(
    "below-table",
    null,
    `${rowSpan(first, last)} below the ${table} table, but cell ${outsideCell} is outside its columns: they are not read as log rows. Move what is not the log away from the table, and extend the table to cover the log's rows.`,
  );
}

/** A placeholder for a cell already reported as unreadable: the rule of its column then says nothing more. */
const REPORTED = Symbol("reported");

type CheckedCells = readonly (CellValue | typeof REPORTED)[];

/** A cell's value for its column's rule: nothing more to say about a cell already reported as unreadable. */
function cellOf(row: CheckedCells, column: number): CellValue {
  const value = row[column];
  return value === REPORTED ? "" : value;
}

function isReported(row: CheckedCells, column: number): boolean {
  return row[column] === REPORTED;
}

/** A quantity that is a number of at most two decimals in range: read without the general path's objects (most rows). */
function plainQuantity(value: CellValue, whole: boolean): number | null {
  if (typeof value !== "number" || !(value > 0 && value <= MAX_QUANTITY)) return null;
  const hundredths = Math.round(value * 100);
  if (hundredths / 100 !== value || (whole && hundredths % 100 !== 0)) return null;
  return hundredths;
}

/**
 * Checks one row (the seven input cells and its row number in the source).
 * With `duplicates`, also warns of a possible duplicate of an earlier row.
 */
export function validateRow(
  cells: readonly CellValue[],
  rowNumber: number,
  options: RowOptions,
  duplicates?: DuplicateIndex,
  found?: RowFindings,
): RowResult {
  const result = newRowResult();
  checkRowInto(result, cells, rowNumber, options, found);
  const { provider, activityIndex: _index, ...row } = result;
  const earlier =
    duplicates !== undefined && row.day !== null && row.activity !== null
      ? duplicates.earlierRow(row.day, row.activity, provider, rowNumber)
      : undefined;
  return earlier === undefined ? row : { ...row, warnings: withDuplicateWarning(row.warnings, earlier) };
}

/**
 * A row's result as `checkRowInto` fills it, with the provider as read and the activity's index in the
 * catalog (-1 for none): the possible-duplicate check (`DuplicateIndex`, `DuplicateCheck`) compares rows
 * by them, and adds its warning after the row's own.
 */
export type RowResultSlot = { -readonly [K in keyof RowResult]: RowResult[K] } & { provider: string; activityIndex: number };

/** A result to fill: every field present from the start, so that every result has one shape. */
export function newRowResult(): RowResultSlot {
  return {
    row: 0,
    activity: null,
    category: null,
    date: null,
    day: null,
    hours: 0,
    errors: NONE,
    warnings: NONE,
    provider: "",
    activityIndex: -1,
  };
}

/**
 * `validateRow`, writing the result into `out` (every field) instead of a new object: for a summary,
 * which reads each row's result once, a result per row would cost more to make and collect than the
 * rules cost to check.
 */
export function checkRowInto(
  out: RowResultSlot,
  cells: readonly CellValue[],
  rowNumber: number,
  options: RowOptions,
  found?: RowFindings,
): void {
  // Most rows have no finding: their lists share one empty array.
  let errors: Finding<RowErrorCode>[] | undefined;
  let warnings: Finding<RowWarningCode>[] | undefined;
  // First: what the reader found may explain the rest (fields shifted by a misquoted one).
  if (found !== undefined) {
    if (found.errors.length > 0) errors = [...found.errors];
    if (found.warnings.length > 0) warnings = [...found.warnings];
  }

  let row: CheckedCells = cells;
  for (let column = 0; column < INPUT_COLUMN_COUNT; column++) {
    const value = cells[column];
    if (typeof value === "object" && value !== null && isUnreadableCell(value)) {
      // No rule reads Notes (SPEC 8): there the cell is worth a word, not the row's hours.
      if (column === COLUMN.notes) {
        (warnings ??= []).push(unreadableCellFinding(column, value));
        continue;
      }
      (errors ??= []).push(unreadableCellFinding(column, value));
      if (row === cells) row = [...cells];
      (row as (CellValue | typeof REPORTED)[])[column] = REPORTED;
    }
  }

  const dateCell = cellOf(row, COLUMN.date);
  const dateReading = isReported(row, COLUMN.date) ? null : readDateCell(dateCell, options.dateSystem);
  const date = dateReading?.ok ? dateReading.date : null;
  if (dateReading !== null && !dateReading.ok) {
    (errors ??= []).push(
      finding(
        DATE_CODES[dateReading.problem],
        "date",
        `Date ${dateProblemText(dateReading.problem, dateCell, "the date of the activity")}`,
      ),
    );
  } else if (dateReading !== null && dateReading.ok && dateReading.day > asOfDay(options.asOf)) {
    (errors ??= []).push(finding("future-date", "date", `Date ${date} is after ${options.asOf}: log an activity once it has taken place.`));
  }

  const activityText = cellText(cellOf(row, COLUMN.activity));
  const facts = activityText === "" ? null : activityFacts(activityText);
  const activity = facts === null ? null : facts.activity;
  if (activity === null && !isReported(row, COLUMN.activity)) {
    (errors ??= []).push(
      finding(
        "unknown-activity",
        "activity",
        activityText === ""
          ? "Activity is empty: choose an activity from the list."
          : `Activity ${describeCell(cellOf(row, COLUMN.activity))} is not in the program's list: choose an activity from the list.`,
      ),
    );
  }
  const category = activity?.category ?? null;

  if (facts !== null && dateReading !== null && dateReading.ok && dateReading.day < facts.eligibleFromDay) {
    (errors ??= []).push(
      finding(
        "before-eligibility",
        "date",
        `Category ${facts.activity.category} counts from ${ELIGIBLE_FROM[facts.activity.category]}; this activity is dated ${date}: remove it or correct the date.`,
      ),
    );
  }

  const formatText = cellText(cellOf(row, COLUMN.format));
  const format = formatText === "" ? null : readFormat(formatText);
  if (format === null) {
    if (!isReported(row, COLUMN.format)) {
      (errors ??= []).push(
        finding(
          "missing-format",
          "format",
          formatText === ""
            ? "Format is empty: choose In person or Virtual."
            : `Format ${describeCell(cellOf(row, COLUMN.format))} is neither In person nor Virtual: choose one of them.`,
        ),
      );
    }
  } else if (activity !== null && !activity.formats.includes(format)) {
    (errors ??= []).push(
      finding(
        "virtual-not-allowed",
        "format",
        `Category ${activity.category} (${activity.label}) counts in person only: change Format to ${FORMAT_LABELS[activity.formats[0] ?? "in-person"]} or remove the row.`,
      ),
    );
  }

  const provider = cellText(cellOf(row, COLUMN.provider));
  if (activity !== null && activity.needsProvider && provider === "" && !isReported(row, COLUMN.provider)) {
    (errors ??= []).push(
      finding(
        "missing-provider",
        "provider",
        `Provider is empty: enter the name of the ${activity.category === "A" ? "treating therapist" : "mentor"}.`,
      ),
    );
  }

  if (activity !== null && activity.credentials !== null && !isReported(row, COLUMN.credential)) {
    const credentialText = cellText(cellOf(row, COLUMN.credential));
    const credential = readCredential(credentialText);
    if (!(activity.credentials as readonly string[]).includes(credential)) {
      const who = activity.category === "A" ? "treatment received from" : "1x1 mentorship with";
      const accepted = activity.credentials
        .map((each) => (each === "Mentor" ? "a certified CST mentor (Mentor)" : `a ${each}`))
        .join(" or ");
      (errors ??= []).push(
        finding(
          "bad-credential",
          "credential",
          credentialText === ""
            ? `Credential is empty: Category ${activity.category} counts only ${who} ${accepted}; enter the provider's credential.`
            : `Credential ${describeCell(cellOf(row, COLUMN.credential))} does not count: Category ${activity.category} counts only ${who} ${accepted}.`,
        ),
      );
    }
  }

  const unit = activity?.unit ?? "hours";
  const quantityCell = cellOf(row, COLUMN.quantity);
  const whole = facts === null ? UNIT_LABELS.hours.whole : facts.wholeUnits;
  // Most quantities are plain numbers: read without the general reading's object.
  let hundredths = plainQuantity(quantityCell, whole);
  let rounded = false;
  if (hundredths === null && !isReported(row, COLUMN.quantity)) {
    const quantity = readQuantityCell(quantityCell, whole);
    if (quantity.ok) {
      hundredths = quantity.hundredths;
      rounded = quantity.rounded;
    } else {
      (errors ??= []).push(finding("bad-quantity", "quantity", quantityProblemText(quantity.problem, quantityCell, unit)));
    }
  }
  // A 100,000-row report keeps one result per row: the result holds only what the report and the totals use.
  let credited = 0;
  if (hundredths !== null) {
    if (rounded) {
      (warnings ??= []).push(
        finding("rounded", "quantity", `Quantity ${describeCell(quantityCell)} has more than 2 decimals: counted as ${hundredths / 100}.`),
      );
    }
    if (activity !== null) {
      const uncapped = uncappedHours(activity, hundredths);
      credited = capHours(activity, uncapped);
      if (credited < uncapped) {
        (warnings ??= []).push(
          finding(
            "capped",
            "quantity",
            `${activity.label} counts at most ${activity.capHours} h per row: only ${formatHours(credited)} of ${hundredths / 100} h count.`,
          ),
        );
      }
      if (activity.unit === "hours" && hundredths > LONG_ROW_HUNDREDTHS) {
        (warnings ??= []).push(
          finding(
            "long-row",
            "quantity",
            `${hundredths / 100} hours in one row is more than 12: check the quantity, or split the activity by day.`,
          ),
        );
      }
    }
  }

  out.row = rowNumber;
  out.activity = activity;
  out.category = category;
  out.date = date;
  out.day = dateReading?.ok === true ? dateReading.day : null;
  out.hours = errors === undefined ? credited : 0;
  out.errors = errors ?? NONE;
  out.warnings = warnings ?? NONE;
  out.provider = provider;
  out.activityIndex = facts === null ? -1 : facts.index;
}

/** Checks the non-empty rows of a log, in order, with the duplicate check. */
export function validateRows(rows: readonly LogRow[], options: RowOptions): RowResult[] {
  const duplicates = new DuplicateIndex();
  const results: RowResult[] = [];
  for (const row of rows) {
    if (row.found === undefined && isEmptyRow(row.cells)) continue;
    results.push(validateRow(row.cells, row.row, options, duplicates, row.found));
  }
  return results;
}
