/**
 * The built command line as a coordinator runs it: a real process, its exit
 * status, stdout and stderr, in several time zones.
 */
import { execFileSync, spawnSync } from "node:child_process";
import { mkdtempSync, readdirSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { runCli } from "../../src/cli/commands";
import { terminalSafe } from "../../src/cli/terminal";
import { buildWorkbook, utcDate } from "../workbook/build";

const ROOT = resolve(__dirname, "..", "..");
const CLI = join(ROOT, "lib", "cli.cjs");

let folder: string;
beforeAll(async () => {
  execFileSync(process.execPath, [join(ROOT, "scripts", "build-cli.mjs"), "--quiet"], { cwd: ROOT });
  folder = mkdtempSync(join(tmpdir(), "cst-process-"));
  writeFileSync(
    join(folder, "log.csv"),
    [
      "\ufeffDate,Activity,Format,Provider,Credential,Quantity,Notes",
      "2024-01-10,treatment,In person,Jane Roe,CST-T,6,",
      '2024-01-11,small-group,Virtual,,,6,"group, online"',
      "2024-01-12,one-on-one,Virtual,Mo Mentor,Mentor,12,",
      "45300,one-on-one,Virtual,Mo Mentor,Mentor,1,serial in text",
    ].join("\r\n"),
  );
  // Dates with a time of day late and early in the UTC day: a time-zone shift would move them.
  for (const [name, date1904] of [
    ["log1900.xlsx", false],
    ["log1904.xlsx", true],
  ] as const) {
    const bytes = await buildWorkbook({
      date1904,
      profile: [
        ["Mentee name", "Ann Mentee"],
        ["Email", "ann@example.org"],
        ["CST-T certified on", new Date("2024-01-01T23:59:00Z")],
        ["CST-D certified on", null],
        ["Credits already awarded", 0],
        ["Rule set", "current"],
      ],
      rows: [
        [new Date("2024-01-10T23:45:00Z"), "treatment", "In person", "Jane Roe", "CST-T", 6, null],
        [new Date("2024-01-11T00:15:00Z"), "small-group", "Virtual", null, null, 6, null],
        [utcDate("2024-01-12"), "one-on-one", "Virtual", "Mo", "Mentor", 12, null],
        [utcDate("2024-01-13"), "treatment", "In person", "Jane Roe", "CST-T", 12, null],
      ],
    });
    writeFileSync(join(folder, name), bytes);
  }
  writeFileSync(join(folder, "fake.xlsx"), "this is not a zip");
}, 60_000);
afterAll(() => rmSync(folder, { recursive: true, force: true }));

function cli(args: readonly string[], tz = "UTC") {
  const result = spawnSync(process.execPath, [CLI, ...args], { cwd: folder, env: { ...process.env, TZ: tz }, encoding: "utf8" });
  return { status: result.status, stdout: result.stdout, stderr: result.stderr };
}

test("the same CSV and the same .xlsx give identical JSON in every time zone", () => {
  for (const file of ["log.csv", "log1900.xlsx", "log1904.xlsx"]) {
    const outputs = ["UTC", "Pacific/Auckland", "America/Los_Angeles"].map((tz) =>
      cli(["verify", file, "--json", "--as-of", "2024-06-01"], tz),
    );
    for (const output of outputs) {
      expect(output.stderr).toBe("");
      expect(output.stdout).toBe(outputs[0]?.stdout);
    }
    const report = JSON.parse(outputs[0]?.stdout ?? "");
    expect(report.rows.length).toBeGreaterThanOrEqual(4);
  }
  const [in1900, in1904] = ["log1900.xlsx", "log1904.xlsx"].map((file) =>
    JSON.parse(cli(["verify", file, "--json", "--as-of", "2024-06-01"]).stdout),
  );
  expect(in1904).toEqual(in1900);
  expect(in1900.credits).toBe(1);
  expect(in1900.next).toEqual({ credit: 2, missing: { A: 0, B: 0, C: 6, total: 12 } });
});

test("export then verify, as processes, under two time zones", () => {
  const exported = cli(["export", "log1904.xlsx", "submission.xlsx", "--as-of", "2024-06-01"], "Pacific/Auckland");
  expect(exported.status).toBe(0);
  const verified = cli(["verify", "submission.xlsx", "--json"], "America/Los_Angeles");
  expect(verified.status).toBe(0);
  expect(JSON.parse(verified.stdout)).toMatchObject({ submission: "unchanged", summaryMismatches: [] });
});

test("export with errors present exits 1, lists them and writes nothing", () => {
  const { status, stdout, stderr } = cli(["export", "log.csv", "refused.xlsx", "--as-of", "2024-06-01"]);
  expect(status).toBe(1);
  expect(stdout).toMatch(/row 5: error ambiguous-date/);
  expect(stdout).toMatch(/Profile: error missing-name/);
  expect(stderr).toBe("");
  expect(readdirSync(folder).filter((name) => name.includes("refused"))).toEqual([]);
});

test.each([
  ["a file that is not a zip", ["verify", "fake.xlsx"], /^cst-mentorship: fake\.xlsx: it is not an Excel workbook/],
  ["a missing file", ["verify", "missing.csv", "--json"], /^cst-mentorship: missing\.csv: no such file$/],
  ["an unknown flag", ["verify", "log.csv", "--colour"], /^cst-mentorship: unknown option --colour \(see cst-mentorship --help\)$/],
  ["a bad date", ["verify", "log.csv", "--cst-d", "2024-13-01"], /^cst-mentorship: --cst-d needs a real date/],
  ["a missing value", ["export", "log.csv", "out.xlsx", "--awarded"], /^cst-mentorship: --awarded needs a value/],
  ["no command", [], /^cst-mentorship: no command given/],
])("%s: exit 2, one line on stderr, no stack trace", (_name, args, message) => {
  const { status, stdout, stderr } = cli(args);
  expect(status).toBe(2);
  expect(stdout).toBe("");
  expect(stderr.trimEnd().split("\n")).toHaveLength(1);
  expect(stderr.trimEnd()).toMatch(message);
  expect(stderr).not.toMatch(/\n\s+at /);
});

test("row errors exit 1; a folder prints one line per file and a total", () => {
  const { status, stdout, stderr } = cli(["verify", ".", "--as-of", "2024-06-01"]);
  expect(status).toBe(2);
  const lines = stdout.trimEnd().split("\n");
  expect(lines.map((line) => line.split(":")[0])).toEqual([
    "fake.xlsx",
    "log.csv",
    "log1900.xlsx",
    "log1904.xlsx",
    "submission.xlsx",
    "Total",
    "Not ready to award",
    "  fake.xlsx",
    "  log.csv",
    "  log1900.xlsx",
    "  log1904.xlsx",
  ]);
  expect(lines[1]).toMatch(/^log\.csv: HAS ERRORS \(1 error/);
  expect(lines[4]).toMatch(/^submission\.xlsx: READY TO AWARD;/);
  expect(stderr).toMatch(/fake\.xlsx: it is not an Excel workbook/);
  expect(cli(["verify", "log.csv", "--as-of", "2024-06-01"]).status).toBe(1);
});

test("npm run --silent cli -- verify FILE --json", () => {
  const result = spawnSync(
    "npm",
    ["run", "--silent", "cli", "--", "verify", join(folder, "log1900.xlsx"), "--json", "--as-of", "2024-06-01"],
    {
      cwd: ROOT,
      encoding: "utf8",
    },
  );
  expect(result.status).toBe(0);
  expect(JSON.parse(result.stdout)).toMatchObject({ ruleSet: "current", credits: 1, submission: null });
});

test("a long report is written in pieces that make exactly the JSON of the report, hostile text made safe alike", async () => {
  // 2,500 rows: the report's rows go out in three pieces; notes hold text a terminal must not obey, and text beyond ASCII.
  const rows = Array.from(
    { length: 2_500 },
    (_, i) => `2024-01-${String((i % 28) + 1).padStart(2, "0")},study-group,Virtual,,,1,"note ${i} \u001b[2J \u202e ünïcødé 📝"`,
  );
  const own = mkdtempSync(join(tmpdir(), "cst-pieces-"));
  writeFileSync(join(own, "long.csv"), ["Date,Activity,Format,Provider,Credential,Quantity,Notes", ...rows].join("\n"));
  const result = spawnSync(process.execPath, [CLI, "verify", "long.csv", "--json", "--as-of", "2024-06-01"], {
    cwd: own,
    encoding: "utf8",
  });
  // The same command in this process, through an output that takes the JSON as one string.
  const lines: string[] = [];
  await runCli(["verify", join(own, "long.csv"), "--json", "--as-of", "2024-06-01"], { out: (text) => lines.push(text), err: () => {} });
  rmSync(own, { recursive: true, force: true });
  expect(result.stderr).toBe("");
  expect(lines).toHaveLength(1);
  expect(result.stdout).toBe(`${terminalSafe(lines[0] as string)}\n`);
  const report = JSON.parse(result.stdout);
  expect(report.rows).toHaveLength(2_500);
  expect(report.rows[2_499].row).toBe(2_501);
});

test("a reader that stops early (| head) is no failure: no stack trace", () => {
  const rows = Array.from(
    { length: 20_000 },
    (_, i) => `2024-01-${String((i % 28) + 1).padStart(2, "0")},study-group,Virtual,,,1,note ${i}`,
  );
  const own = mkdtempSync(join(tmpdir(), "cst-pipe-"));
  writeFileSync(join(own, "long.csv"), ["Date,Activity,Format,Provider,Credential,Quantity,Notes", ...rows].join("\n"));
  const result = spawnSync("sh", ["-c", `"${process.execPath}" "${CLI}" verify long.csv --json --as-of 2024-06-01 | head -c 50`], {
    cwd: own,
    encoding: "utf8",
  });
  expect(result.stdout).toHaveLength(50);
  expect(result.stderr).toBe("");
  rmSync(own, { recursive: true, force: true });
});

test("verify loads exceljs only when it writes an .xlsx record, and the zip readers only for a workbook: a CSV log starts without them", () => {
  // Module loading watched from inside the process: at exit, the packages loaded are noted on stderr.
  const hook = join(folder, "watch-requires.cjs");
  writeFileSync(
    hook,
    `process.on("exit", () => {
  for (const name of ["exceljs", "@zip.js", "fflate"])
    if (Object.keys(require.cache).some((file) => file.includes("/node_modules/" + name + "/"))) process.stderr.write("loaded " + name + "\\n");
});`,
  );
  const run = (...args: string[]) =>
    spawnSync(process.execPath, ["--require", hook, CLI, "verify", ...args], { cwd: folder, encoding: "utf8" });
  const plain = run("log.csv", "--json");
  // Exit 1: the log has a row with an error; the JSON is there either way.
  expect(plain.status).toBe(1);
  expect(JSON.parse(plain.stdout).rows).toHaveLength(4);
  expect(plain.stderr).toBe("");
  const workbook = run("log1900.xlsx", "--json", "--as-of", "2024-06-01");
  expect(workbook.status).toBe(0);
  expect(workbook.stderr).toContain("loaded @zip.js");
  expect(workbook.stderr).not.toContain("loaded exceljs");
  const recorded = run("log.csv", "--record", "record.xlsx");
  expect(recorded.status).toBe(1);
  expect(recorded.stderr).toContain("loaded exceljs");
});
