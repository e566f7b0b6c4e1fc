/**
 * A map from whole numbers (0 ≤ key < 2^53) to row numbers, in typed arrays
 * with open addressing. The duplicate check keys 100,000 rows; a JavaScript
 * Map with keys beyond the small-integer range boxes every key and spends
 * more time than all the other row rules together.
 */
export class NumberTable {
  private keys: Float64Array;
  private values: Int32Array;
  private count = 0;

  constructor(capacity = 1024) {
    let size = 16;
    while (size < capacity * 2) size *= 2;
    this.keys = new Float64Array(size).fill(-1);
    this.values = new Int32Array(size);
  }

  private slot(key: number, keys: Float64Array): number {
    const mask = keys.length - 1;
    const high = Math.floor(key / 4_294_967_296);
    let index = (Math.imul(key >>> 0, 0x9e3779b1) ^ Math.imul(high, 0x85ebca6b)) & mask;
    while (keys[index] !== -1 && keys[index] !== key) index = (index + 1) & mask;
    return index;
  }

  get(key: number): number | undefined {
    const index = this.slot(key, this.keys);
    return this.keys[index] === key ? this.values[index] : undefined;
  }

  set(key: number, value: number): void {
    if ((this.count + 1) * 2 > this.keys.length) this.grow();
    const index = this.slot(key, this.keys);
    if (this.keys[index] !== key) {
      this.keys[index] = key;
      this.count++;
    }
    this.values[index] = value;
  }

  private grow(): void {
    const oldKeys = this.keys;
    const oldValues = this.values;
    this.keys = new Float64Array(oldKeys.length * 2).fill(-1);
    this.values = new Int32Array(oldKeys.length * 2);
    for (let i = 0; i < oldKeys.length; i++) {
      const key = oldKeys[i] as number;
      if (key !== -1) {
        const index = this.slot(key, this.keys);
        this.keys[index] = key;
        this.values[index] = oldValues[i] as number;
      }
    }
  }
}
