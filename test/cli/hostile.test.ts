/**
 * docs/rules.md §7, "bounded on any input": the built command line (lib/cli.cjs) on
 * files built to hurt it. Each is refused with exit status 2 and one plain
 * line on stderr, within 10 s and 1 GiB. A genuine log of Excel's 1,048,576
 * rows, as a CSV and as a workbook, still verifies, within docs/rules.md §9's memory
 * whether its report goes to a file or into a reader slower than the report.
 *
 * Time and peak memory are measured around the process by GNU time
 * (`/usr/bin/time -f "%e %M %U %S"`, Debian package `time`): %e is the
 * elapsed time, %M the child's peak resident set size, %U and %S its
 * processor time. A bound of "soon" is on processor time, which other work
 * on a busy machine does not lengthen as it does the elapsed time.
 */
import { execFileSync, spawnSync } from "node:child_process";
import { appendFileSync, mkdtempSync, readFileSync, rmSync, symlinkSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import {
  wholeLogHours,
  writeDuplicatedSheet,
  writeEntityBomb,
  writeFarRow,
  writeTripledGigabytePart,
  writeWholeCsv,
  writeWholeWorkbook,
  writeZipBomb,
} from "../support/hostile-files";
import { runIntoSlowReader } from "../support/slow-reader";

const ROOT = resolve(__dirname, "..", "..");
const CLI = join(ROOT, "lib", "cli.cjs");
const GNU_TIME = "/usr/bin/time";
const MIB = 1024 * 1024;
const GIB = 1024 * MIB;

const hasGnuTime = spawnSync(GNU_TIME, ["-f", "%M", "true"], { stdio: "ignore" }).status === 0;
if (!hasGnuTime && process.env.CI) throw new Error(`GNU time is missing at ${GNU_TIME}: install the Debian package time`);
const describeMeasured = hasGnuTime ? describe : describe.skip;

let folder: string;
beforeAll(() => {
  execFileSync(process.execPath, [join(ROOT, "scripts", "build-cli.mjs"), "--quiet"], { cwd: ROOT });
  folder = mkdtempSync(join(tmpdir(), "cst-hostile-"));
});
afterAll(() => rmSync(folder, { recursive: true, force: true }));

interface Run {
  readonly status: number | null;
  readonly stdout: string;
  readonly stderr: string;
  readonly seconds: number;
  /** Processor time, user and system. */
  readonly cpuSeconds: number;
  readonly peakBytes: number;
}

/** Runs the built command line under GNU time. */
function measured(args: readonly string[], timeoutMs = 60_000): Run {
  const stats = join(folder, `time-${process.hrtime.bigint()}.txt`);
  const result = spawnSync(GNU_TIME, ["-f", "%e %M %U %S", "-o", stats, process.execPath, CLI, ...args], {
    cwd: folder,
    encoding: "utf8",
    timeout: timeoutMs,
    maxBuffer: 64 * 1024 * 1024,
  });
  // GNU time writes "Command exited with non-zero status 2" on a line before the figures.
  const [seconds, kilobytes, user, system] = readFileSync(stats, "utf8").trim().split(/\s+/).slice(-4).map(Number);
  return {
    status: result.status,
    stdout: result.stdout,
    stderr: result.stderr,
    seconds: seconds ?? NaN,
    cpuSeconds: (user ?? NaN) + (system ?? NaN),
    peakBytes: (kilobytes ?? NaN) * 1024,
  };
}

const figures: string[] = [];
afterAll(() => {
  if (figures.length > 0) console.log(`Hostile files (time, peak resident memory):\n${figures.join("\n")}`);
});

interface Bound {
  readonly seconds: number;
  readonly bytes: number;
  /** Processor seconds, for a refusal that must come before the file's parts are inflated. */
  readonly cpuSeconds?: number;
}

function expectRefused(name: string, file: string, message: RegExp, within: Bound = { seconds: 10, bytes: GIB }): void {
  const run = measured(["verify", file]);
  figures.push(
    `  ${name}: ${run.seconds.toFixed(2)} s (${run.cpuSeconds.toFixed(2)} s processor), ${(run.peakBytes / 1024 / 1024).toFixed(0)} MiB`,
  );
  expect(run.stdout).toBe("");
  const lines = run.stderr.trimEnd().split("\n");
  expect(lines).toHaveLength(1);
  expect(lines[0]).toMatch(/^cst-mentorship: /);
  expect(lines[0]).toMatch(message);
  expect(run.stderr).not.toMatch(/\n\s+at |Cannot read properties|unexpected failure/);
  expect(run.status).toBe(2);
  expect(run.seconds).toBeLessThan(within.seconds);
  if (within.cpuSeconds !== undefined) expect(run.cpuSeconds).toBeLessThan(within.cpuSeconds);
  expect(run.peakBytes).toBeLessThan(within.bytes);
}

describeMeasured("hostile files: exit 2, one plain line, under 10 s and 1 GiB", () => {
  test("a zip bomb: 1.4 MB of zip holding 0.45 GB of worksheet XML", () => {
    const file = join(folder, "bomb.xlsx");
    writeZipBomb(file);
    expectRefused("zip bomb", file, /bomb\.xlsx: its part xl\/worksheets\/sheet1\.xml inflates \d+ times .* as a zip bomb does/);
  }, 120_000);

  // Which copy of a part a reader takes decides what it counts: one row, two, or a bomb that was never checked.
  // Refused before any copy is inflated: inflating one 1 GB part takes this machine 1.7 s of processor
  // time; the refusal takes 0.1 s. (Its elapsed time, on a machine running other tests, once took 1.4 s.)
  const soon: Bound = { seconds: 10, cpuSeconds: 1, bytes: 100 * MIB };
  test.each([
    ["a second spelling of its name", "twice.xlsx", (name: string) => `/${name.toUpperCase()}`],
    ["the same name", "same.xlsx", (name: string) => name],
  ])("a workbook whose worksheet part is in the zip twice, under %s", async (_how, base, copy) => {
    const file = join(folder, base);
    await writeDuplicatedSheet(file, copy);
    expectRefused(`sheet part twice (${base})`, file, /: the workbook holds two copies of its part xl\/worksheets\/sheet1\.xml \(/, soon);
  });

  test("3 MB of zip holding three copies of a 1 GB worksheet part", () => {
    const file = join(folder, "thrice.xlsx");
    writeTripledGigabytePart(file);
    expectRefused(
      "1 GB sheet part three times",
      file,
      /thrice\.xlsx: the workbook holds two copies of its part xl\/worksheets\/sheet1\.xml \(/,
      soon,
    );
  }, 60_000);

  test("an XML entity-expansion bomb (billion laughs) in the shared strings", () => {
    const file = join(folder, "laughs.xlsx");
    writeEntityBomb(file);
    expectRefused("XML entity bomb", file, /laughs\.xlsx: its part xl\/sharedStrings\.xml declares a document type \(XML entities\)/);
  });

  test("a row beyond 1,048,576 (row 2,000,000,000 in a 6 KB workbook)", async () => {
    const file = join(folder, "far.xlsx");
    await writeFarRow(file);
    expectRefused(
      "row 2,000,000,000",
      file,
      /far\.xlsx: sheet "Tracking Form" has a row numbered 2,000,000,000, beyond Excel's last row 1,048,576/,
    );
  });

  test("a sparse 10 GB file", () => {
    const file = join(folder, "huge.xlsx");
    execFileSync("truncate", ["-s", "10G", file]);
    expectRefused("sparse 10 GB .xlsx", file, /huge\.xlsx: it is 10(\.0)? GiB, more than a workbook of 1,048,576 rows takes/);
  });

  test("a 600 MB CSV", () => {
    const file = join(folder, "huge.csv");
    writeFileSync(file, "Date,Activity,Format,Provider,Credential,Quantity,Notes\n");
    execFileSync("truncate", ["-s", "600M", file]);
    expectRefused("600 MB CSV", file, /huge\.csv: it is 600(\.0)? MiB, more than a CSV log of 1,048,576 rows takes/);
  });

  test("a 250 MB CSV whose quoted field never closes (a record as long as the file)", () => {
    const file = join(folder, "open.csv");
    const lines = "o\n".repeat(1 << 20);
    writeFileSync(file, 'Date,Activity,Format,Provider,Credential,Quantity,Notes\n2024-01-02,treatment,In person,A,CST-T,1,"');
    for (let index = 0; index < 120; index++) appendFileSync(file, lines);
    expectRefused("250 MB CSV, quote never closed", file, /open\.csv: line 2: a quoted field is never closed/);
  }, 120_000);

  test("a FIFO named log.csv", () => {
    const file = join(folder, "fifo.csv");
    execFileSync("mkfifo", [file]);
    expectRefused("FIFO", file, /fifo\.csv: it is a named pipe \(FIFO\), not a file/);
  });

  test("/dev/zero through a symbolic link", () => {
    const file = join(folder, "zero.csv");
    symlinkSync("/dev/zero", file);
    expectRefused("/dev/zero", file, /zero\.csv: it is a device \(such as \/dev\/zero\), not a file/);
  });

  test("a symbolic-link loop", () => {
    const file = join(folder, "loop.xlsx");
    symlinkSync(file, file);
    expectRefused("symlink loop", file, /loop\.xlsx: it is a symbolic link that leads back to itself \(a loop\), not a file/);
  });
});

/** Runs the built command line's `verify --json` under GNU time, its report piped into a reader that sleeps between reads. */
function measuredIntoSlowReader(file: string): Omit<Run, "cpuSeconds"> & { readBytes: number } {
  const run = runIntoSlowReader(CLI, ["verify", file, "--json", "--as-of", "2024-12-31"], {
    statsFile: join(folder, `time-${process.hrtime.bigint()}.txt`),
    cwd: folder,
    timeout: 300_000,
  });
  return { ...run, stdout: "" };
}

/**
 * What verify prints for the whole log: no errors, one credit (no certification for more), every hour
 * credited; within docs/rules.md §9's memory (and time) whatever reads the output: the report as text, and as JSON
 * into a reader that sleeps between reads.
 */
function expectWholeLogVerified(name: string, file: string, within: { bytes: number; seconds?: number }): void {
  const run = measured(["verify", file, "--as-of", "2024-12-31"], 300_000);
  figures.push(`  ${name}: ${run.seconds.toFixed(2)} s, ${(run.peakBytes / 1024 / 1024).toFixed(0)} MiB`);
  expect(run.stderr).toBe("");
  expect(run.status).toBe(0);
  const hours = wholeLogHours();
  expect(run.stdout).toMatch(/: NOT A SUBMISSION: .*\(no errors\)/);
  expect(run.stdout).toMatch(/^Credits earned: 1$/m);
  expect(run.stdout).toContain(`Hours credited: A ${hours.A} h, B ${hours.B} h, C ${hours.C} h`);
  expect(run.peakBytes).toBeLessThan(within.bytes);
  if (within.seconds !== undefined) expect(run.seconds).toBeLessThan(within.seconds);

  const json = measuredIntoSlowReader(file);
  figures.push(`  ${name}, --json into a slow reader: ${json.seconds.toFixed(2)} s, ${(json.peakBytes / 1024 / 1024).toFixed(0)} MiB`);
  expect(json.stderr).toBe("");
  expect(json.status).toBe(0);
  expect(json.readBytes).toBeGreaterThan(60 * 1024 * 1024);
  expect(json.peakBytes).toBeLessThan(within.bytes);
}

describeMeasured("a genuine log of 1,048,576 rows still verifies, within docs/rules.md §9's memory", () => {
  test("as a CSV, within 256 MiB and 10 s", () => {
    const file = join(folder, "million.csv");
    writeWholeCsv(file);
    expectWholeLogVerified("1,048,576-row CSV", file, { bytes: 256 * MIB, seconds: 10 });
  }, 300_000);

  test("as a workbook, within 512 MiB", () => {
    const file = join(folder, "million.xlsx");
    writeWholeWorkbook(file);
    expectWholeLogVerified("1,048,576-row workbook", file, { bytes: 512 * MIB });
  }, 300_000);
});
