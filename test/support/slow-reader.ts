/**
 * A reader slower than the command line writes, as a program for `node -e`: it takes 64 KiB from stdin,
 * then sleeps 10 ms, until the end (about 6 MB/s), and prints how many bytes it read. The tests of output
 * with backpressure pipe the command line's report into it.
 */
export const SLOW_READER = `
const fs = require("node:fs");
const buffer = Buffer.alloc(65536);
const pause = new Int32Array(new SharedArrayBuffer(4));
let total = 0;
for (;;) {
  let read;
  try { read = fs.readSync(0, buffer, 0, buffer.length, null); }
  catch (error) { if (error.code === "EAGAIN") { Atomics.wait(pause, 0, 0, 1); continue; } throw error; }
  if (read === 0) break;
  total += read;
  Atomics.wait(pause, 0, 0, 10);
}
process.stdout.write(String(total));
`;
