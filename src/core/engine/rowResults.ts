/**
 * The results of a log's rows, kept column by column. A report of 100,000
 * rows keeps every row's result: as objects (eight fields, two lists, and a
 * possible-duplicate warning whose text names another row), keeping them
 * cost more than checking the rows. Here a row's result is a few numbers in
 * typed arrays and two references to finding lists most rows share (the
 * empty list); the possible-duplicate warning is kept as the earlier row's
 * number (found by `finish`, once every row is in) and worded when the row
 * is read. Reading a row (`at`) gives the same `RowResult` that
 * `validateRow` gives for it.
 */
import { ACTIVITIES, type Activity, type Category } from "../catalog";
import { type IsoDate, NO_DAY, dayNumberToIsoDate } from "../dates";
import type { Finding, RowErrorCode, RowWarningCode } from "../findings";
import type { Millihours } from "../hours";
import type { RowResult } from "../rows";
import { withDuplicateWarning } from "../rules/duplicates";
import { DuplicateCheck } from "./duplicateCheck";
import type { RowResultSlot } from "./rowCheck";

const NONE: readonly never[] = [];

export class RowResults implements Iterable<RowResult> {
  private count = 0;
  // Row numbers and hours are whole numbers well within 32 bits (a sheet has 1,048,576 rows; a row credits at
  // most 1,500 h, in thousandths): 32-bit columns, widened to doubles should a value not fit.
  private rowNumbers: Int32Array | Float64Array;
  /** The activity's index in the catalog; -1 for none. */
  private activities: Int8Array;
  /** Days since 1970-01-01; NO_DAY for none. */
  private days: Int32Array;
  private credited: Int32Array | Float64Array;
  /** The earlier row a row repeats (possible duplicate); 0 for none. */
  private earlierRows: Int32Array | Float64Array;
  /** For a row with findings, the index of its errors and warnings in `findingLists` plus one; 0 for none. */
  private findings: Int32Array;
  private readonly findingLists: (readonly [readonly Finding<RowErrorCode>[], readonly Finding<RowWarningCode>[]])[] = [];
  /**
   * The possible-duplicate warning alone, for the earlier row read last: rows that repeat one row, read one
   * after the other, share it. Only the last is kept: a report of 100,000 rows reads each row once, and a
   * list kept for every earlier row would stand in memory until the end.
   */
  private lastDuplicate: { readonly earlier: number; readonly list: readonly Finding<RowWarningCode>[] } | null = null;
  /** The rows with a date and an activity, compared by `finish`. */
  private readonly duplicates: DuplicateCheck;

  /** `capacity`: how many rows to make room for at once (the log's row count), so that the columns need not grow. */
  constructor(capacity = 16) {
    const size = Math.max(16, capacity);
    this.rowNumbers = new Int32Array(size);
    this.activities = new Int8Array(size);
    this.days = new Int32Array(size);
    this.credited = new Int32Array(size);
    this.earlierRows = new Int32Array(size);
    this.findings = new Int32Array(size);
    this.duplicates = new DuplicateCheck(size);
  }

  get length(): number {
    return this.count;
  }

  /** Adds a row's result as `checkRowInto` filled it (its possible-duplicate warning, if any, comes with `finish`). */
  push(result: RowResultSlot): void {
    if (this.count === this.rowNumbers.length) this.grow();
    const index = this.count++;
    if ((result.row | 0) !== result.row && this.rowNumbers instanceof Int32Array) {
      this.rowNumbers = Float64Array.from(this.rowNumbers);
      this.earlierRows = Float64Array.from(this.earlierRows);
    }
    if ((result.hours | 0) !== result.hours && this.credited instanceof Int32Array) this.credited = Float64Array.from(this.credited);
    this.rowNumbers[index] = result.row;
    const activity = result.activity;
    const activityIndex =
      activity === null ? -1 : ACTIVITIES[result.activityIndex] === activity ? result.activityIndex : ACTIVITIES.indexOf(activity);
    this.activities[index] = activityIndex;
    this.days[index] = result.day ?? NO_DAY;
    this.credited[index] = result.hours;
    // The earlier row and the findings stay 0 (none) unless set: the columns start zeroed, and are
    // written only for the rows that have them, so that their pages are touched only then.
    if (result.errors.length > 0 || result.warnings.length > 0)
      this.findings[index] = this.findingLists.push([result.errors, result.warnings]);
    if (result.day !== null && activityIndex >= 0) this.duplicates.add(index, result.day, activityIndex, result.provider);
  }

  /**
   * After the last row: finds the rows that repeat an earlier row's date, activity and provider (possible
   * duplicates). No row can be added after.
   */
  finish(): void {
    this.duplicates.resolve((index, earlierIndex) => {
      this.earlierRows[index] = this.rowNumbers[earlierIndex] as number;
    });
  }

  private grow(): void {
    const size = this.rowNumbers.length * 2;
    const larger = <T extends Float64Array | Int32Array | Int8Array>(old: T): T => {
      const next = (
        old instanceof Int32Array ? new Int32Array(size) : old instanceof Int8Array ? new Int8Array(size) : new Float64Array(size)
      ) as T;
      next.set(old);
      return next;
    };
    this.rowNumbers = larger(this.rowNumbers);
    this.activities = larger(this.activities);
    this.days = larger(this.days);
    this.credited = larger(this.credited);
    this.earlierRows = larger(this.earlierRows);
    this.findings = larger(this.findings);
  }

  private check(index: number): void {
    if (!(Number.isInteger(index) && index >= 0 && index < this.count)) throw new RangeError(`no row result ${index}`);
  }

  /** The row number in the source of the `index`-th result. */
  rowNumber(index: number): number {
    this.check(index);
    return this.rowNumbers[index] as number;
  }

  activity(index: number): Activity | null {
    this.check(index);
    return ACTIVITIES[this.activities[index] as number] ?? null;
  }

  category(index: number): Category | null {
    return this.activity(index)?.category ?? null;
  }

  /** Credited hours; 0 when the row has an error. */
  hours(index: number): Millihours {
    this.check(index);
    return this.credited[index] as number;
  }

  /** Days since 1970-01-01 of the row's date; null when it has none. */
  day(index: number): number | null {
    this.check(index);
    const day = this.days[index] as number;
    return day === NO_DAY ? null : day;
  }

  date(index: number): IsoDate | null {
    const day = this.day(index);
    return day === null ? null : dayNumberToIsoDate(day);
  }

  errors(index: number): readonly Finding<RowErrorCode>[] {
    this.check(index);
    const at = this.findings[index] as number;
    return at === 0 ? NONE : (this.findingLists[at - 1] as (typeof this.findingLists)[number])[0];
  }

  /** The row's warnings, the possible-duplicate warning last. */
  warnings(index: number): readonly Finding<RowWarningCode>[] {
    this.check(index);
    const at = this.findings[index] as number;
    const warnings = at === 0 ? NONE : (this.findingLists[at - 1] as (typeof this.findingLists)[number])[1];
    const earlier = this.earlierRows[index] as number;
    if (earlier === 0) return warnings;
    if (warnings.length > 0) return withDuplicateWarning(warnings, earlier);
    if (this.lastDuplicate?.earlier !== earlier) this.lastDuplicate = { earlier, list: withDuplicateWarning(warnings, earlier) };
    return this.lastDuplicate.list;
  }

  /** The `index`-th result as an object, as `validateRow` gives it. */
  at(index: number): RowResult {
    const activity = this.activity(index);
    return {
      row: this.rowNumbers[index] as number,
      activity,
      category: activity?.category ?? null,
      date: this.date(index),
      day: this.day(index),
      hours: this.credited[index] as number,
      errors: this.errors(index),
      warnings: this.warnings(index),
    };
  }

  *[Symbol.iterator](): Iterator<RowResult> {
    for (let index = 0; index < this.count; index++) yield this.at(index);
  }

  map<T>(each: (row: RowResult, index: number) => T): T[] {
    const out = new Array<T>(this.count);
    for (let index = 0; index < this.count; index++) out[index] = each(this.at(index), index);
    return out;
  }
}
