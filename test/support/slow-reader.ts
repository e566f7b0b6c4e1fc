import { spawnSync } from "node:child_process";
import { readFileSync } from "node:fs";

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

/**
 * Runs `node CLI ARGS` under GNU time (`/usr/bin/time`), its stdout piped into SLOW_READER: the exit status,
 * stderr, the seconds and peak resident bytes GNU time measured, and the bytes the reader took.
 */
export function runIntoSlowReader(
  cli: string,
  args: readonly string[],
  options: { readonly statsFile: string; readonly cwd?: string; readonly timeout: number },
): { status: number | null; stderr: string; seconds: number; peakBytes: number; readBytes: number } {
  const result = spawnSync(
    "bash",
    [
      "-o",
      "pipefail",
      "-c",
      `"$@" | "${process.execPath}" -e '${SLOW_READER}'`,
      "bash",
      "/usr/bin/time",
      "-f",
      "%e %M",
      "-o",
      options.statsFile,
      process.execPath,
      cli,
      ...args,
    ],
    { cwd: options.cwd, encoding: "utf8", timeout: options.timeout },
  );
  const [seconds, kilobytes] = readFileSync(options.statsFile, "utf8").trim().split(/\s+/).slice(-2).map(Number);
  return {
    status: result.status,
    stderr: result.stderr,
    seconds: seconds ?? NaN,
    peakBytes: (kilobytes ?? NaN) * 1024,
    readBytes: Number(result.stdout),
  };
}
