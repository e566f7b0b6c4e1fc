/**
 * Row rules (SPEC 3): one log row in, its category, credited hours, errors
 * and warnings out. A row with any error credits 0 hours.
 */
import { ACTIVITIES, type Activity, type Category, type Format, ELIGIBLE_FROM, FORMAT_LABELS, findActivity, UNIT_LABELS } from "./catalog";
import { type CellValue, DECIMAL_TEXT, cellText, describeCell, isBlankCell, isDecodedDate } from "./cells";
import { type DateSystem, type IsoDate, excelSerialToIsoDate, hasIsoDateShape, isoDateToDayNumber, parseIsoDate } from "./dates";
import { type Finding, type RowErrorCode, type RowWarningCode, finding } from "./findings";
import { type Millihours, formatHours, toHundredths } from "./hours";
import { NumberTable } from "./numberTable";

/** The seven input columns of the tracking form, in order (SPEC 5). */
export const LOG_COLUMNS = ["Date", "Activity", "Format", "Provider", "Credential", "Quantity", "Notes"] as const;
export type LogColumn = (typeof LOG_COLUMNS)[number];

export interface LogRow {
  /** Row number in the source: CSV line number or worksheet row number. */
  readonly row: number;
  /** The seven input cells in the order of LOG_COLUMNS (missing cells are blank). */
  readonly cells: readonly CellValue[];
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

/** A row is skipped when every one of its cells is blank. */
export function isEmptyRow(cells: readonly CellValue[]): boolean {
  // Only the input columns: computed columns after Notes (a status, say) do not make a row.
  const width = Math.min(cells.length, LOG_COLUMNS.length);
  for (let i = 0; i < width; i++) if (!isBlankCell(cells[i])) return false;
  return true;
}

// ---- Dates -------------------------------------------------------------

export type DateReading =
  | { readonly ok: true; readonly date: IsoDate; /** Days since 1970-01-01. */ readonly day: number }
  | { readonly ok: false; readonly error: Finding<RowErrorCode> };

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
    if (!(day >= 0 && day <= 3_000_000)) return serialReading(serial, this.system, "Date");
    const chunk = (this.chunks[day >> 10] ??= new Array<DateReading | undefined>(1024).fill(undefined));
    return (chunk[day & 1023] ??= serialReading(day, this.system, "Date"));
  }
}

const SERIAL_READINGS: Readonly<Record<DateSystem, SerialReadings>> = {
  "1900": new SerialReadings("1900"),
  "1904": new SerialReadings("1904"),
};

function serialReading(serial: number, system: DateSystem, what: string): DateReading {
  const date = excelSerialToIsoDate(serial, system);
  return date !== null
    ? { ok: true, date, day: isoDateToDayNumber(date) }
    : { ok: false, error: finding("bad-date", `${what} ${describeCell(serial)} is not a calendar date: enter a date such as 2024-03-15.`) };
}

/**
 * A date cell as a calendar date: an Excel date (serial number in the
 * workbook's date system, time of day ignored), a date a reader decoded, or
 * ISO `YYYY-MM-DD` text. Other text is refused as ambiguous: 03/04/2024 is
 * March 4 in one country and April 3 in another.
 */
export function readDateCell(value: CellValue, system: DateSystem, what = "Date"): DateReading {
  if (typeof value === "string" && what === "Date") {
    // CSV logs repeat the same date texts: read each once.
    let reading = TEXT_READINGS.get(value);
    if (reading === undefined) {
      reading = readDateText(value, what);
      if (TEXT_READINGS.size >= 100_000) TEXT_READINGS.clear();
      TEXT_READINGS.set(value, reading);
    }
    return reading;
  }
  if (isBlankCell(value)) {
    return { ok: false, error: finding("missing-date", `${what} is empty: enter the date of the activity.`) };
  }
  if (typeof value === "number") return what === "Date" ? SERIAL_READINGS[system].read(value) : serialReading(value, system, what);
  if (isDecodedDate(value)) {
    const date = parseIsoDate(value.isoDate);
    if (date !== null) return { ok: true, date, day: isoDateToDayNumber(date) };
    return { ok: false, error: finding("bad-date", `${what} ${value.isoDate} is not a calendar date: enter a real date.`) };
  }
  if (typeof value === "string") return readDateText(value, what);
  return { ok: false, error: finding("bad-date", `${what} ${describeCell(value)} is not a date: enter a date such as 2024-03-15.`) };
}

const TEXT_READINGS = new Map<string, DateReading>();

function readDateText(value: string, what: string): DateReading {
  const text = value.trim();
  if (text === "") return { ok: false, error: finding("missing-date", `${what} is empty: enter the date of the activity.`) };
  if (hasIsoDateShape(text)) {
    const date = parseIsoDate(text);
    if (date !== null) return { ok: true, date, day: isoDateToDayNumber(date) };
    return { ok: false, error: finding("bad-date", `${what} ${text} is not a real calendar date: check the month and the day.`) };
  }
  if (/\d/.test(text)) {
    return {
      ok: false,
      error: finding(
        "ambiguous-date",
        `${what} ${describeCell(value)} can be read more than one way: enter an Excel date or ISO text YYYY-MM-DD.`,
      ),
    };
  }
  return { ok: false, error: finding("bad-date", `${what} ${describeCell(value)} is not a date: enter a date such as 2024-03-15.`) };
}

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

/** A provider credential: "CST" is read as CST-T; case, spaces and hyphens do not matter. */
const CREDENTIAL_CACHE = new Map<string, string>();

export function readCredential(text: string): string {
  let credential = CREDENTIAL_CACHE.get(text);
  if (credential === undefined) {
    const key = text.toUpperCase().replace(/[\s_-]+/g, "");
    credential = key === "CST" || key === "CSTT" ? "CST-T" : key === "CSTD" ? "CST-D" : text;
    if (CREDENTIAL_CACHE.size < 1000) CREDENTIAL_CACHE.set(text, credential);
  }
  return credential;
}

// ---- Quantity ----------------------------------------------------------

export const MAX_QUANTITY = 1000;

export type QuantityReading =
  { readonly ok: true; readonly hundredths: number; readonly rounded: boolean } | { readonly ok: false; readonly message: string };

export function readQuantityCell(value: CellValue, unit: string): QuantityReading {
  let quantity: number;
  if (typeof value === "number") quantity = value;
  else if (typeof value === "string" && DECIMAL_TEXT.test(value)) quantity = Number(value);
  else if (isBlankCell(value)) return { ok: false, message: `Quantity is empty: enter the number of ${unit}.` };
  else return { ok: false, message: `Quantity ${describeCell(value)} is not a number: enter the number of ${unit}, such as 1.5.` };
  if (!Number.isFinite(quantity))
    return { ok: false, message: `Quantity ${describeCell(value)} is not a number: enter the number of ${unit}.` };
  if (quantity <= 0) return { ok: false, message: `Quantity ${quantity} must be more than 0: enter the number of ${unit}.` };
  if (quantity > MAX_QUANTITY) return { ok: false, message: `Quantity ${quantity} is over ${MAX_QUANTITY}: enter one activity per row.` };
  const { hundredths, rounded } = toHundredths(quantity);
  if (hundredths === 0) return { ok: false, message: `Quantity ${quantity} rounds to 0: enter at least 0.01 ${unit}.` };
  return { ok: true, hundredths, rounded };
}

/** Credited hours of a quantity of an activity (conversions and caps of SPEC 2). */
export function creditedHours(activity: Activity, hundredths: number): { hours: Millihours; capped: boolean } {
  // hundredths of a unit × 10 = thousandths; × rate (at most 1.5) stays whole.
  const uncapped = Math.round(hundredths * 10 * activity.hoursPerUnit);
  if (activity.capHours !== null && uncapped > activity.capHours * 1000) return { hours: activity.capHours * 1000, capped: true };
  return { hours: uncapped, capped: false };
}

// ---- One row -----------------------------------------------------------

const LONG_ROW_HUNDREDTHS = 1200;
const NONE: readonly never[] = [];
const ACTIVITY_INDEX: ReadonlyMap<Activity, number> = new Map(ACTIVITIES.map((activity, index) => [activity, index]));

/**
 * Remembers (date, activity, provider) of the rows seen so far for the
 * possible-duplicate warning. Keys are numbers built from small indexes:
 * string keys for 100,000 rows cost more than the rest of the row rules.
 */
export class DuplicateIndex {
  private readonly providers = new Map<string, number>();
  private readonly providersFolded = new Map<string, number>();
  private readonly firstRows = new NumberTable();

  private indexOf<K>(map: Map<K, number>, key: K): number {
    let index = map.get(key);
    if (index === undefined) {
      index = map.size;
      map.set(key, index);
    }
    return index;
  }

  private providerIndex(provider: string): number {
    let index = this.providers.get(provider);
    if (index === undefined) {
      // Provider names match whatever their case.
      index = this.indexOf(this.providersFolded, provider.toLowerCase());
      this.providers.set(provider, index);
    }
    return index;
  }

  /** The earlier row with the same date, activity and provider; otherwise remembers this row and returns undefined. */
  earlierRow(day: number, activity: Activity, provider: string, row: number): number | undefined {
    // Days of years 1 to 9999 shifted to 0 … 2^22, activity index < 2^4, provider index < 2^27: exact in a double.
    const key = (this.providerIndex(provider) * 16 + (ACTIVITY_INDEX.get(activity) ?? 15)) * 4_194_304 + (day + 720_000);
    const earlier = this.firstRows.get(key);
    if (earlier === undefined) this.firstRows.set(key, row);
    return earlier;
  }
}

/** Validates one row; with `duplicates`, also warns of a possible duplicate of an earlier row. */
export function validateRow(row: LogRow, options: RowOptions, duplicates?: DuplicateIndex): RowResult {
  return validateCells(row.cells, row.row, options, duplicates);
}

/** `validateRow` for the cells of one row and its row number in the source. */
export function validateCells(cells: readonly CellValue[], rowNumber: number, options: RowOptions, duplicates?: DuplicateIndex): RowResult {
  // Most rows have no finding: their lists share one empty array.
  let errors: Finding<RowErrorCode>[] | undefined;
  let warnings: Finding<RowWarningCode>[] | undefined;

  const dateReading = readDateCell(cells[0], options.dateSystem);
  const date = dateReading.ok ? dateReading.date : null;
  if (!dateReading.ok) (errors ??= []).push(dateReading.error);
  else if (date !== null && date > options.asOf) {
    (errors ??= []).push(finding("future-date", `Date ${date} is after ${options.asOf}: log an activity once it has taken place.`));
  }

  const activityText = cellText(cells[1]);
  const activity = activityText === "" ? null : findActivity(activityText);
  if (activity === null) {
    (errors ??= []).push(
      finding(
        "unknown-activity",
        activityText === ""
          ? "Activity is empty: choose an activity from the list."
          : `Activity ${describeCell(cells[1])} is not in the program's list: choose an activity from the list.`,
      ),
    );
  }
  const category = activity?.category ?? null;

  if (activity !== null && date !== null && date < ELIGIBLE_FROM[activity.category]) {
    (errors ??= []).push(
      finding(
        "before-eligibility",
        `Category ${activity.category} counts from ${ELIGIBLE_FROM[activity.category]}; this row is dated ${date}: remove it or correct the date.`,
      ),
    );
  }

  const formatText = cellText(cells[2]);
  const format = formatText === "" ? null : readFormat(formatText);
  if (format === null) {
    (errors ??= []).push(
      finding(
        "missing-format",
        formatText === ""
          ? "Format is empty: choose In person or Virtual."
          : `Format ${describeCell(cells[2])} is neither In person nor Virtual: choose one of them.`,
      ),
    );
  } else if (activity !== null && !activity.formats.includes(format)) {
    (errors ??= []).push(
      finding(
        "virtual-not-allowed",
        `Category ${activity.category} (${activity.label}) counts in person only: change Format to ${FORMAT_LABELS[activity.formats[0] ?? "in-person"]} or remove the row.`,
      ),
    );
  }

  const provider = cellText(cells[3]);
  if (activity !== null && activity.needsProvider && provider === "") {
    (errors ??= []).push(
      finding(
        "missing-provider",
        `Provider is empty: enter the name of the ${activity.category === "A" ? "treating therapist" : "mentor"}.`,
      ),
    );
  }

  if (activity !== null && activity.credentials !== null) {
    const credentialText = cellText(cells[4]);
    const credential = readCredential(credentialText);
    if (!(activity.credentials as readonly string[]).includes(credential)) {
      (errors ??= []).push(
        finding(
          "bad-credential",
          credentialText === ""
            ? `Credential is empty: Category ${activity.category} treatment counts only from a ${activity.credentials.join(" or ")}; enter the provider's credential.`
            : `Credential ${describeCell(cells[4])} does not count: Category ${activity.category} treatment must come from a ${activity.credentials.join(" or ")}.`,
        ),
      );
    }
  }

  const unit = activity === null ? "hours" : UNIT_LABELS[activity.unit].many;
  const quantity = readQuantityCell(cells[5], unit);
  // A 100,000-row report keeps one result per row: the result holds only what the report and the totals use.
  let credited = 0;
  if (!quantity.ok) {
    (errors ??= []).push(finding("bad-quantity", quantity.message));
  } else {
    if (quantity.rounded) {
      (warnings ??= []).push(
        finding("rounded", `Quantity ${describeCell(cells[5])} has more than 2 decimals: counted as ${quantity.hundredths / 100}.`),
      );
    }
    if (activity !== null) {
      const conversion = creditedHours(activity, quantity.hundredths);
      credited = conversion.hours;
      if (conversion.capped) {
        (warnings ??= []).push(
          finding(
            "capped",
            `${activity.label} counts at most ${activity.capHours} h per row: only ${formatHours(conversion.hours)} of ${quantity.hundredths / 100} h count.`,
          ),
        );
      }
      if (activity.unit === "hours" && quantity.hundredths > LONG_ROW_HUNDREDTHS) {
        (warnings ??= []).push(
          finding(
            "long-row",
            `${quantity.hundredths / 100} hours in one row is more than 12: check the quantity, or split the activity by day.`,
          ),
        );
      }
    }
  }

  if (duplicates !== undefined && dateReading.ok && activity !== null) {
    const earlier = duplicates.earlierRow(dateReading.day, activity, provider, rowNumber);
    if (earlier !== undefined) {
      (warnings ??= []).push(
        finding("possible-duplicate", `Same date, activity and provider as row ${earlier}: remove one if the activity was logged twice.`),
      );
    }
  }

  return {
    row: rowNumber,
    activity,
    category,
    date,
    day: dateReading.ok ? dateReading.day : null,
    hours: errors === undefined ? credited : 0,
    errors: errors ?? NONE,
    warnings: warnings ?? NONE,
  };
}

/** Validates the non-empty rows of a log, in order. */
export function validateRows(rows: readonly LogRow[], options: RowOptions): RowResult[] {
  const duplicates = new DuplicateIndex();
  const results: RowResult[] = [];
  for (const row of rows) {
    if (isEmptyRow(row.cells)) continue;
    results.push(validateRow(row, options, duplicates));
  }
  return results;
}
