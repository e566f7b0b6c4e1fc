/**
 * A reader slower than the command line writes: it takes 64 KiB from stdin, then sleeps 10 ms, until the
 * end (about 6 MB/s), as `| jq` on a long report or a slow network pipe does. bench/memory.ts measures
 * the command line's memory with its output going here.
 *
 *   node lib/cli.cjs verify LOG --json | node lib/bench-slow-reader.cjs
 */
import { readSync } from "node:fs";

const buffer = Buffer.alloc(65_536);
const pause = new Int32Array(new SharedArrayBuffer(4));
for (;;) {
  let read: number;
  try {
    read = readSync(0, buffer, 0, buffer.length, null);
  } catch (error) {
    // stdin may be non-blocking: nothing to read yet is no end.
    if ((error as { code?: unknown }).code === "EAGAIN") {
      Atomics.wait(pause, 0, 0, 1);
      continue;
    }
    throw error;
  }
  if (read === 0) break;
  Atomics.wait(pause, 0, 0, 10);
}
