/**
 * docs/rules.md §9, output with backpressure: the built command line writes a long
 * report no faster than its reader takes it. `verify --json` of a
 * 300,000-row log (about 20 MB of JSON) piped into a reader that sleeps
 * between reads must peak near what the same command takes writing to a
 * file: a report that ignored the stream's backpressure piles its whole
 * output up in memory while the reader sleeps.
 *
 * Peak memory is GNU time's (`/usr/bin/time -f %M`, Debian package `time`),
 * around the command line's process alone, not the reader's.
 */
import { execFileSync, spawnSync } from "node:child_process";
import { closeSync, mkdtempSync, openSync, readFileSync, rmSync, statSync, writeSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { runIntoSlowReader } from "../support/slow-reader";

const ROOT = resolve(__dirname, "..", "..");
const CLI = join(ROOT, "lib", "cli.cjs");
const GNU_TIME = "/usr/bin/time";
const MIB = 1024 * 1024;
const ROWS = 300_000;

const hasGnuTime = spawnSync(GNU_TIME, ["-f", "%M", "true"], { stdio: "ignore" }).status === 0;
if (!hasGnuTime && process.env.CI) throw new Error(`GNU time is missing at ${GNU_TIME}: install the Debian package time`);
const testMeasured = hasGnuTime ? test : test.skip;

let folder: string;
let log: string;
beforeAll(() => {
  execFileSync(process.execPath, [join(ROOT, "scripts", "build-cli.mjs"), "--quiet"], { cwd: ROOT });
  folder = mkdtempSync(join(tmpdir(), "cst-backpressure-"));
  log = join(folder, "log.csv");
  const fd = openSync(log, "w");
  writeSync(fd, "Date,Activity,Format,Provider,Credential,Quantity,Notes\n");
  let chunk = "";
  // Each (day, provider) once: no row repeats another, so the report has no warnings.
  const firstDay = Date.UTC(2014, 0, 1);
  for (let index = 0; index < ROWS; index++) {
    const day = new Date(firstDay + (index % 3_900) * 86_400_000).toISOString().slice(0, 10);
    chunk += `${day},treatment,In person,Provider ${Math.floor(index / 3_900)},CST-T,1,\n`;
    if (chunk.length > MIB) {
      writeSync(fd, chunk);
      chunk = "";
    }
  }
  writeSync(fd, chunk);
  closeSync(fd);
});
afterAll(() => rmSync(folder, { recursive: true, force: true }));

/** Peak resident memory of the command line's process, in bytes, from GNU time's file. */
const peakOf = (stats: string): number => Number(readFileSync(stats, "utf8").trim().split(/\s+/).pop()) * 1024;

testMeasured(
  "verify --json of a 300,000-row log into a reader that sleeps between reads peaks as it does writing to a file",
  () => {
    const args = ["verify", log, "--json", "--as-of", "2024-12-31"];
    const fileStats = join(folder, "file.txt");
    const output = join(folder, "report.json");
    const toFile = spawnSync("bash", [
      "-c",
      `"$@" > "${output}"`,
      "bash",
      GNU_TIME,
      "-f",
      "%M",
      "-o",
      fileStats,
      process.execPath,
      CLI,
      ...args,
    ]);
    expect(toFile.status).toBe(0);
    const size = statSync(output).size;
    expect(size).toBeGreaterThan(15 * MIB);

    const toReader = runIntoSlowReader(CLI, args, { statsFile: join(folder, "pipe.txt"), timeout: 60_000 });
    // The reader took the whole report.
    expect(toReader.readBytes).toBe(size);
    const filePeak = peakOf(fileStats);
    const pipePeak = toReader.peakBytes;
    console.log(
      `verify --json, ${ROWS.toLocaleString("en")} rows, ${(size / MIB).toFixed(1)} MiB of JSON: peak ${(filePeak / MIB).toFixed(0)} MiB to a file, ${(pipePeak / MIB).toFixed(0)} MiB into a slow reader`,
    );
    // Generous: the report's own size above the file's peak. Written without waiting, the report piles up
    // into the pipe's queue as strings and their bytes: 149–152 MiB against 100–101 MiB to a file.
    expect(pipePeak).toBeLessThan(filePeak + size);
  },
  120_000,
);
