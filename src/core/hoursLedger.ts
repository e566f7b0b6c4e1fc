/** The logged hours the allocation works on (docs/rules.md §3.2): credited hours of valid rows, per category and day. */
import type { Category } from "./catalog";
import { type IsoDate, DAY_NUMBER_OFFSET, isoDateToDayNumber } from "./dates";
import type { Millihours } from "./hours";

const CHUNK_BITS = 10;
const CHUNK_DAYS = 1 << CHUNK_BITS;

/**
 * Credited hours of valid rows, summed per category and day. Totals live in
 * chunks of 1024 days indexed by the day: adding a row is two array reads,
 * where a Map cost more than the rest of the summary.
 */
export class HoursLedger {
  // One field per category, not an object keyed by it: `add` runs for every row, and a look-up by a
  // variable key costs more than the addition.
  private readonly chunksA: (Float64Array | undefined)[] = [];
  private readonly chunksB: (Float64Array | undefined)[] = [];
  private readonly chunksC: (Float64Array | undefined)[] = [];

  private chunksOf(category: Category): (Float64Array | undefined)[] {
    return category === "A" ? this.chunksA : category === "B" ? this.chunksB : this.chunksC;
  }

  private suffix: Record<Category, { days: number[]; from: Millihours[] }> | null = null;

  /** Adds hours on a day (days since 1970-01-01, as `isoDateToDayNumber` gives). */
  add(category: Category, day: number, hours: Millihours): void {
    if (hours <= 0) return;
    // Days of years 1 to 9999 shifted to 0 … 2^22: whole, non-negative and within 32 bits.
    const index = day + DAY_NUMBER_OFFSET;
    if (index >>> 0 !== index) throw new RangeError(`not a day of years 1 to 9999: ${day}`);
    const chunks = this.chunksOf(category);
    const chunk = (chunks[index >>> CHUNK_BITS] ??= new Float64Array(CHUNK_DAYS));
    chunk[index & (CHUNK_DAYS - 1)] = (chunk[index & (CHUNK_DAYS - 1)] as number) + hours;
    this.suffix = null;
  }

  total(category: Category): Millihours {
    return this.hoursFrom(category, null);
  }

  /** Hours of a category dated on or after `date` (all of them for null). */
  hoursFrom(category: Category, date: IsoDate | null): Millihours {
    const table = this.sums()[category];
    if (date === null) return table.from[0] ?? 0;
    const day = isoDateToDayNumber(date);
    // First index whose day is on or after `day`.
    let low = 0;
    let high = table.days.length;
    while (low < high) {
      const middle = (low + high) >>> 1;
      if ((table.days[middle] as number) < day) low = middle + 1;
      else high = middle;
    }
    return table.from[low] ?? 0;
  }

  private sums(): Record<Category, { days: number[]; from: Millihours[] }> {
    if (this.suffix === null) {
      const build = (category: Category) => {
        const days: number[] = [];
        const hours: Millihours[] = [];
        const chunks = this.chunksOf(category);
        // Plain loops: the allocation reads these sums once per evaluation, over every day of every chunk.
        for (let chunkIndex = 0; chunkIndex < chunks.length; chunkIndex++) {
          const chunk = chunks[chunkIndex];
          if (chunk === undefined) continue;
          for (let offset = 0; offset < CHUNK_DAYS; offset++) {
            const total = chunk[offset] as number;
            if (total > 0) {
              days.push(chunkIndex * CHUNK_DAYS + offset - DAY_NUMBER_OFFSET);
              hours.push(total);
            }
          }
        }
        const from = new Array<Millihours>(days.length + 1).fill(0);
        for (let i = days.length - 1; i >= 0; i--) from[i] = (from[i + 1] as number) + (hours[i] as number);
        return { days, from };
      };
      this.suffix = { A: build("A"), B: build("B"), C: build("C") };
    }
    return this.suffix;
  }
}
