/** The possible-duplicate rule (`rules/duplicates.ts`) over a whole log at once, in typed arrays. */
import { ACTIVITY_SLOTS } from "../rules/activity";
import { ProviderNumbers } from "../rules/duplicates";
import { firstSlot, tableSize } from "./numberTable";
import { borrowInts, giveBackInts } from "./scratchArrays";

/**
 * The possible-duplicate check of a whole log: each row (with a date and an activity) is added in the
 * log's order, and `resolve` then names, for each row repeating an earlier row's date, activity and
 * provider, the first such row. It finds what `DuplicateIndex` finds row by row, without a look-up at
 * random in a table of several megabytes for each row: rows are bucketed by day (a counting sort, in
 * order), and within a day compared through arrays indexed by (activity, provider). A log whose days or
 * providers are too spread out for arrays goes through a hash table of its rows' positions instead.
 */
export class DuplicateCheck {
  /** Let go by `resolve`: a log with a new provider on each of its 1,048,576 rows names them in tens of megabytes. */
  private providers: ProviderNumbers | null = new ProviderNumbers();
  private count = 0;
  private indexes: Int32Array;
  private days: Int32Array;
  private combinations: Int32Array;
  private firstDay = Number.POSITIVE_INFINITY;
  private lastDay = Number.NEGATIVE_INFINITY;

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
    if (this.providers === null) throw new Error("DuplicateCheck.add after resolve");
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
    if (this.providers === null) throw new Error("DuplicateCheck.resolve twice");
    // The providers are numbers in `combinations` now: their names are let go before the comparison's arrays are made.
    const providerCount = this.providers.count;
    this.providers = null;
    try {
      return this.compare(found, providerCount);
    } finally {
      giveBackInts(this.indexes, this.days, this.combinations);
    }
  }

  private compare(found: (index: number, earlierIndex: number) => void, providerCount: number): "by day" | "by table" {
    const count = this.count;
    const span = count === 0 ? 0 : this.lastDay - this.firstDay + 1;
    const combinations = providerCount * ACTIVITY_SLOTS;
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

  /**
   * A hash table of the rows' positions (plus one; 0: empty), twice the rows' count or more, keyed by (day,
   * activity and provider) read from the rows' own arrays: four bytes a slot, where a table holding the keys
   * would take sixteen (32 MB for 1,048,576 rows, beside the log's own arrays).
   */
  private resolveByTable(found: (index: number, earlierIndex: number) => void): void {
    const { count, days, combinations, indexes } = this;
    const size = tableSize(count);
    const mask = size - 1;
    const shift = 32 - Math.log2(size);
    const firsts = borrowInts(size).fill(0);
    for (let at = 0; at < count; at++) {
      const day = days[at] as number;
      const combination = combinations[at] as number;
      let slot = firstSlot(day, combination, shift);
      for (;;) {
        const first = (firsts[slot] as number) - 1;
        if (first < 0) {
          firsts[slot] = at + 1;
          break;
        }
        if (days[first] === day && combinations[first] === combination) {
          found(indexes[at] as number, indexes[first] as number);
          break;
        }
        slot = (slot + 1) & mask;
      }
    }
    giveBackInts(firsts);
  }
}
