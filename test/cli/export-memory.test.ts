/**
 * Export of a 100,000-row log within 512 MiB (docs/rules.md, performance): the built command line under
 * GNU time, its report to a file and as JSON into a reader that sleeps between reads; the submission it
 * writes verifies unchanged.
 */
import { execFileSync, spawnSync } from "node:child_process";
import { closeSync, mkdtempSync, openSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { generateLog, toCsv } from "../../bench/data";
import { excelSerialToIsoDate } from "../../src/core";
import { runIntoSlowReader } from "../support/slow-reader";

const ROOT = resolve(__dirname, "..", "..");
const CLI = join(ROOT, "lib", "cli.cjs");
const GNU_TIME = "/usr/bin/time";
const MIB = 1024 * 1024;

const hasGnuTime = spawnSync(GNU_TIME, ["-f", "%M", "true"], { stdio: "ignore" }).status === 0;
if (!hasGnuTime && process.env.CI) throw new Error(`GNU time is missing at ${GNU_TIME}: install the Debian package time`);

let folder: string;
beforeAll(() => {
  execFileSync(process.execPath, [join(ROOT, "scripts", "build-cli.mjs"), "--quiet"], { cwd: ROOT });
  folder = mkdtempSync(join(tmpdir(), "cst-export-memory-"));
});
afterAll(() => rmSync(folder, { recursive: true, force: true }));

(hasGnuTime ? describe : describe.skip)("export of a 100,000-row log", () => {
  test("stays within 512 MiB, its report to a file or into a slow reader, and verifies unchanged", () => {
    const log = join(folder, "log.csv");
    writeFileSync(
      log,
      toCsv(generateLog(100_000), (serial) => excelSerialToIsoDate(serial, "1900") ?? ""),
    );
    const exported = join(folder, "export.xlsx");
    const args = ["export", log, exported, "--name", "Bench Mentee", "--as-of", "2024-12-31"];
    const stats = join(folder, "time.txt");
    const report = openSync(join(folder, "report.txt"), "w");
    const toFile = spawnSync(GNU_TIME, ["-f", "%e %M", "-o", stats, process.execPath, CLI, ...args], {
      cwd: folder,
      encoding: "utf8",
      timeout: 300_000,
      stdio: ["ignore", report, "pipe"],
    });
    closeSync(report);
    expect(toFile.stderr).toBe("");
    expect(toFile.status).toBe(0);
    const [seconds, kilobytes] = readFileSync(stats, "utf8").trim().split(/\s+/).slice(-2).map(Number);
    const piped = runIntoSlowReader(CLI, [...args, "--json"], { statsFile: stats, cwd: folder, timeout: 300_000 });
    console.log(
      `export of 100,000 rows: ${seconds} s, ${((kilobytes ?? NaN) / 1024).toFixed(0)} MiB to a file; ` +
        `${piped.seconds} s, ${(piped.peakBytes / MIB).toFixed(0)} MiB as JSON into a slow reader`,
    );
    expect((kilobytes ?? Infinity) * 1024).toBeLessThan(512 * MIB);
    expect(piped.status).toBe(0);
    expect(piped.peakBytes).toBeLessThan(512 * MIB);

    const verified = spawnSync(process.execPath, [CLI, "verify", exported, "--as-of", "2024-12-31"], {
      encoding: "utf8",
      timeout: 300_000,
    });
    expect(verified.stdout).toMatch(/: READY TO AWARD /);
  }, 600_000);
});
