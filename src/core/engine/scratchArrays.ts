/**
 * Int32 arrays lent to work that ends before its caller returns (the
 * possible-duplicate check of a log). A new typed array of a few megabytes
 * costs more than the work done in it: its pages are new to the process, and
 * each is faulted in by its first write. The pane checks the whole log after
 * every change, and a coordinator's batch checks a thousand logs: each check
 * borrows what the last one gave back.
 */
const spares: Int32Array[] = [];
const MAX_SPARES = 8;
/** Arrays over 16 MB are not kept. */
const MAX_SPARE_LENGTH = 4 * 1024 * 1024;

/** An array of `length` numbers, of unspecified content (fill it before reading). */
export function borrowInts(length: number): Int32Array {
  for (let i = spares.length - 1; i >= 0; i--) {
    const spare = spares[i] as Int32Array;
    // Not one much larger than needed: a small log would keep a large array busy.
    if (spare.length >= length && spare.length <= 4 * length + 65_536) {
      spares.splice(i, 1);
      return spare.length === length ? spare : spare.subarray(0, length);
    }
  }
  return new Int32Array(length);
}

/** Gives back arrays from `borrowInts`; they must not be used after. */
export function giveBackInts(...arrays: Int32Array[]): void {
  for (const array of arrays) {
    const whole = new Int32Array(array.buffer as ArrayBuffer);
    if (whole.length <= MAX_SPARE_LENGTH && !spares.some((spare) => spare.buffer === whole.buffer)) {
      if (spares.length === MAX_SPARES) spares.shift();
      spares.push(whole);
    }
  }
}
