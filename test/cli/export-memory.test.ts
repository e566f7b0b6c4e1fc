/**
 * SPEC 9: `export` of a 100,000-row log within 512 MiB (exceljs holding the
 * whole workbook took 1.4–1.7 GB), its submission still verifying unchanged.
 * Peak memory is GNU time's (`/usr/bin/time -f %M`, Debian package `time`).
 */
import { execFileSync, spawnSync } from "node:child_process";
import { closeSync, mkdtempSync, openSync, readFileSync, rmSync, writeSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";

const ROOT = resolve(__dirname, "..", "..");
const CLI = join(ROOT, "lib", "cli.cjs");
const GNU_TIME = "/usr/bin/time";
const MIB = 1024 * 1024;
const ROWS = 100_000;

const hasGnuTime = spawnSync(GNU_TIME, ["-f", "%M", "true"], { stdio: "ignore" }).status === 0;
if (!hasGnuTime && process.env.CI) throw new Error(`GNU time is missing at ${GNU_TIME}: install the Debian package time`);
const testMeasured = hasGnuTime ? test : test.skip;

let folder: string;
beforeAll(() => {
  execFileSync(process.execPath, [join(ROOT, "scripts", "build-cli.mjs"), "--quiet"], { cwd: ROOT });
  folder = mkdtempSync(join(tmpdir(), "cst-export-memory-"));
});
afterAll(() => rmSync(folder, { recursive: true, force: true }));

testMeasured(
  "export of a 100,000-row log peaks under 512 MiB, and its submission verifies unchanged",
  () => {
    const log = join(folder, "log.csv");
    const fd = openSync(log, "w");
    writeSync(fd, "Date,Activity,Format,Provider,Credential,Quantity,Notes\n");
    let chunk = "";
    const firstDay = Date.UTC(2015, 0, 1);
    for (let index = 0; index < ROWS; index++) {
      const day = new Date(firstDay + (index % 3_000) * 86_400_000).toISOString().slice(0, 10);
      chunk +=
        index % 2 === 0
          ? `${day},treatment,In person,Provider ${Math.floor(index / 3_000)},CST-T,${1 + (index % 4) / 4},note ${index} & <more>\n`
          : `${day},study-group,Virtual,,,1,\n`;
    }
    writeSync(fd, chunk);
    closeSync(fd);
    const stats = join(folder, "time.txt");
    const output = join(folder, "submission.xlsx");
    const exported = spawnSync(
      GNU_TIME,
      ["-f", "%e %M", "-o", stats, process.execPath, CLI, "export", log, output, "--name", "Ann Mentee", "--as-of", "2024-12-31"],
      { encoding: "utf8", timeout: 120_000, maxBuffer: 64 * MIB },
    );
    expect(exported.stderr).toBe("");
    expect(exported.status).toBe(0);
    const [seconds, kilobytes] = readFileSync(stats, "utf8").trim().split(/\s+/).slice(-2).map(Number);
    console.log(`export of ${ROWS.toLocaleString("en")} rows: ${seconds} s, peak ${((kilobytes ?? NaN) / 1024).toFixed(0)} MiB`);
    expect((kilobytes ?? Infinity) * 1024).toBeLessThan(512 * MIB);

    const verified = spawnSync(process.execPath, [CLI, "verify", output, "--json", "--as-of", "2024-12-31"], {
      encoding: "utf8",
      maxBuffer: 256 * MIB,
    });
    const report = JSON.parse(verified.stdout);
    expect(report.submission).toBe("unchanged");
    expect(report.summaryMismatches).toEqual([]);
    expect(report.rows).toHaveLength(ROWS);
  },
  240_000,
);
