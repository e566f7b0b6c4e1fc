/**
 * A map from whole numbers (0 ≤ key < 2^53 − 1) to row numbers, in one typed
 * array with open addressing. The duplicate check keys 100,000 rows; a
 * JavaScript Map with keys beyond the small-integer range boxes every key and
 * spends more time than all the other row rules together.
 *
 * Each slot is two numbers side by side, the key plus one (0: empty; a new
 * typed array is all zeros) and its value, so that a look-up reads one cache
 * line: the keys of a log's rows are spread at random over a table of several
 * megabytes, and a second array would cost a second miss.
 */
/** The slots of a hash table for `capacity` keys: a power of two, at least twice as many (half full at most). */
export function tableSize(capacity: number): number {
  let size = 16;
  while (size < capacity * 2) size *= 2;
  return size;
}

/**
 * Where a key made of two 32-bit numbers starts its search in a table of 2^(32 − `shift`) slots.
 * Fibonacci hashing: the top bits of the product depend on every bit of both numbers. (The low bits
 * depend only on the key's low bits: keys that differ above them, such as one day's rows of different
 * providers, would all start at one slot.)
 */
export function firstSlot(low: number, high: number, shift: number): number {
  return Math.imul(low ^ Math.imul(high, 0x85ebca6b), 0x9e3779b1) >>> shift;
}

export class NumberTable {
  private slots: Float64Array;
  private count = 0;
  /** 32 less the bits of the table's size: the hash's top bits index the table. */
  private shift: number;

  /** `capacity`: how many keys to make room for at once (a log's row count), so that the table need not grow. */
  constructor(capacity = 1024) {
    const size = tableSize(capacity);
    this.slots = new Float64Array(size * 2);
    this.shift = 32 - Math.log2(size);
  }

  /** The index (even) of the slot holding `stored`, or of the empty slot where it would go. */
  private slot(stored: number, slots: Float64Array): number {
    const mask = slots.length - 1;
    let index = firstSlot(stored >>> 0, Math.floor(stored / 4_294_967_296), this.shift) * 2;
    while (slots[index] !== 0 && slots[index] !== stored) index = (index + 2) & mask;
    return index;
  }

  get(key: number): number | undefined {
    const index = this.slot(key + 1, this.slots);
    return this.slots[index] === key + 1 ? this.slots[index + 1] : undefined;
  }

  set(key: number, value: number): void {
    if ((this.count + 1) * 4 > this.slots.length) this.grow();
    const index = this.slot(key + 1, this.slots);
    if (this.slots[index] !== key + 1) {
      this.slots[index] = key + 1;
      this.count++;
    }
    this.slots[index + 1] = value;
  }

  /** The value of `key`; if it has none, sets it to `value` and returns undefined. One look-up for both. */
  getOrSet(key: number, value: number): number | undefined {
    if ((this.count + 1) * 4 > this.slots.length) this.grow();
    const stored = key + 1;
    const slots = this.slots;
    const index = this.slot(stored, slots);
    if (slots[index] === stored) return slots[index + 1];
    slots[index] = stored;
    slots[index + 1] = value;
    this.count++;
    return undefined;
  }

  private grow(): void {
    const old = this.slots;
    this.slots = new Float64Array(old.length * 2);
    this.shift--;
    for (let i = 0; i < old.length; i += 2) {
      const stored = old[i] as number;
      if (stored !== 0) {
        const index = this.slot(stored, this.slots);
        this.slots[index] = stored;
        this.slots[index + 1] = old[i + 1] as number;
      }
    }
  }
}
