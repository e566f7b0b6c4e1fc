import { existsSync, mkdirSync, mkdtempSync, readFileSync, readdirSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { run } from "./run";
import { reportLog } from "../../src/core";
import { parseCsvLog } from "../../src/workbook/csv";
import { loadWorkbook } from "../workbook/build";

const HEADER = "Date,Activity,Format,Provider,Credential,Quantity,Notes";
const VALID_CSV = [
  HEADER,
  "2024-01-10,treatment,In person,Jane Roe,CST-T,6,",
  '2024-01-11,small-group,Virtual,,,6,"group, online"',
  "2024-01-12,one-on-one,Virtual,Mo Mentor,Mentor,12,",
  "2024-01-13,Beyond the Dura conference,In person,,,8,",
].join("\n");
const INVALID_CSV = [HEADER, "03/04/2024,treatment,Virtual,Jane Roe,CST-T,2,", "2024-01-10,one-on-one,In person,,,1,"].join("\n");

let folder: string;
beforeEach(() => {
  folder = mkdtempSync(join(tmpdir(), "cst-cli-"));
});
afterEach(() => rmSync(folder, { recursive: true, force: true }));

function file(name: string, content: string | Uint8Array): string {
  const path = join(folder, name);
  writeFileSync(path, content);
  return path;
}

describe("verify one file", () => {
  test("--json prints exactly the core's report of docs/rules.md §7", async () => {
    const path = file("log.csv", VALID_CSV);
    const { status, stdout, stderr } = await run("verify", path, "--json", "--as-of", "2024-06-01");
    const expected = (await reportLog(parseCsvLog(VALID_CSV), { asOf: "2024-06-01" })).report;
    // docs/rules.md §4: the state first, then the core's report as it is.
    expect(JSON.parse(stdout)).toEqual({ state: "not-a-submission", ...JSON.parse(JSON.stringify(expected)) });
    expect(Object.keys(JSON.parse(stdout))[0]).toBe("state");
    expect(JSON.parse(stdout)).toMatchObject({ credits: 1, hours: { A: 6, B: 12, C: 12 }, valid: true, submission: null });
    expect(stderr).toBe("");
    expect(status).toBe(0);
  });

  test("a record with more fields than the header row is a row error naming the extra text; its neighbours count", async () => {
    const semicolons = [
      HEADER.replace(/,/g, ";"),
      "2024-01-10;treatment;In person;Jane Roe;CST-T;6;first; unquoted extra field",
      "2024-01-11;treatment;In person;Jane Roe;CST-T;2",
      ";;;;;;;stray",
    ].join("\r\n");
    const { status, stdout, stderr } = await run("verify", file("extra.csv", semicolons), "--json", "--as-of", "2024-06-01");
    const report = JSON.parse(stdout) as {
      valid: boolean;
      hours: object;
      rows: { row: number; hours: number; errors: { code: string; message: string }[] }[];
    };
    expect(report.rows.map((row) => [row.row, row.hours, row.errors.map((error) => error.code)])).toEqual([
      [2, 0, ["extra-fields"]],
      [3, 2, []],
      [4, 0, ["extra-fields", "missing-date", "unknown-activity", "missing-format", "bad-quantity"]],
    ]);
    expect(report.rows[0]?.errors[0]?.message).toContain('"; unquoted extra field"');
    expect(report.rows[2]?.errors[0]?.message).toContain('";stray"');
    expect(report).toMatchObject({ valid: false, hours: { A: 2, B: 0, C: 0 } });
    expect(stderr).toBe("");
    expect(status).toBe(1);
  });

  test("flags override the profile", async () => {
    const path = file("log.csv", VALID_CSV);
    const { stdout } = await run(
      "verify",
      path,
      "--json",
      "--as-of",
      "2024-06-01",
      "--rules",
      "2014",
      "--awarded",
      "2",
      "--cst-t",
      "2023-01-01",
    );
    const report = JSON.parse(stdout);
    expect(report.ruleSet).toBe("2014");
    expect(report.next.credit).toBe(4);
  });

  test("human output names each finding's row and fix, then credits, hours, next credit, fingerprint and submission state", async () => {
    const path = file("bad.csv", INVALID_CSV);
    const { status, stdout } = await run("verify", path, "--as-of", "2024-06-01");
    const lines = stdout.split("\n");
    expect(lines[0]).toBe(`${path}: HAS ERRORS (4 errors)`);
    expect(lines).toContain(
      '  row 2: error ambiguous-date: Date "03/04/2024" can be read more than one way: enter an Excel date or ISO text YYYY-MM-DD.',
    );
    expect(lines.some((line) => line.startsWith("  row 2: error virtual-not-allowed: "))).toBe(true);
    expect(lines.some((line) => line.startsWith("  row 3: error missing-provider: Provider is empty: enter the name of the mentor"))).toBe(
      true,
    );
    expect(lines[1]).toBe("Mentee: (no mentee name); as of 2024-06-01; rule set: Current program rules (first, second and third 24 hours)");
    expect(lines).toContain("Credits earned: 0");
    expect(lines).toContain("Hours credited: A 0 h, B 0 h, C 0 h");
    expect(lines).toContain("Next credit (the 1st): still needs A 6 h, B 6 h and C 6 h (24 h in all)");
    expect(lines.some((line) => /^Fingerprint: [0-9a-f]{64}$/.test(line))).toBe(true);
    expect(lines).toContain("Submission: none (a plain log, not an exported submission)");
    expect(status).toBe(1);
  });

  test("the next credit's certification block is spelled out", async () => {
    const { stdout } = await run("verify", file("log.csv", VALID_CSV), "--as-of", "2024-06-01");
    expect(stdout).toContain("Next credit (the 2nd): still needs A 12 h and C 12 h; it needs you to be Technique Certified (CST-T) first");
    // Only the categories the credit takes: the 2nd credit takes no B hours.
    expect(stdout).not.toMatch(/Next credit.*B 0 h/);
    expect(stdout).toContain("  1st credit: A 6 h, B 12 h and C 6 h");
  });
});

describe("unreadable files and wrong arguments: one line on stderr, exit 2", () => {
  test.each([
    ["a missing file", () => join(folder, "missing.csv"), /missing\.csv: no such file$/],
    ["a .txt file", () => file("notes.txt", "hello"), /notes\.txt: expected a \.csv log or an \.xlsx tracking form, not a \.txt file$/],
    ["an .xlsx that is not a zip", () => file("fake.xlsx", "Date,Activity\n"), /fake\.xlsx: it is not an Excel workbook/],
    ["a CSV without the headers", () => file("plain.csv", "a,b,c\n1,2,3\n"), /plain\.csv: line 1: the header row must be Date,Activity/],
    ["an old .xls", () => file("old.xls", "x"), /old\.xls: the old \.xls format is not read/],
  ])("%s", async (_name, path, message) => {
    const { status, stdout, stderr } = await run("verify", path(), "--json");
    expect(status).toBe(2);
    expect(stdout).toBe("");
    expect(stderr.split("\n")).toHaveLength(1);
    expect(stderr).toMatch(message);
  });

  test("a wrong flag", async () => {
    const { status, stderr } = await run("verify", file("log.csv", VALID_CSV), "--as-of", "yesterday");
    expect(status).toBe(2);
    expect(stderr).toBe("cst-mentorship: --as-of needs a real date as YYYY-MM-DD, such as 2024-03-15 (see cst-mentorship --help)");
  });

  test("an empty folder", async () => {
    mkdirSync(join(folder, "empty"));
    const { status, stderr } = await run("verify", join(folder, "empty"));
    expect(status).toBe(2);
    expect(stderr).toMatch(/the folder has no \.csv or \.xlsx file/);
  });
});

describe("batch verify", () => {
  beforeEach(() => {
    mkdirSync(join(folder, "inbox"));
    writeFileSync(join(folder, "inbox", "b-valid.csv"), VALID_CSV);
    writeFileSync(join(folder, "inbox", "a-invalid.csv"), INVALID_CSV);
    writeFileSync(join(folder, "inbox", "notes.txt"), "not a log");
    writeFileSync(join(folder, "inbox", "~$lock.xlsx"), "Excel's lock file");
  });

  test("a folder: one line per .csv/.xlsx file, sorted, plus a total; exit status the worst", async () => {
    const { status, stdout } = await run("verify", join(folder, "inbox"), "--as-of", "2024-06-01");
    const lines = stdout.split("\n");
    // docs/rules.md §4: a plain log is not a submission, however many credits its rows earn; nothing here is ready to award.
    expect(lines).toEqual([
      `${join(folder, "inbox", "a-invalid.csv")}: HAS ERRORS (4 errors); (no mentee name); 0 credits; hours A 0 B 0 C 0`,
      `${join(folder, "inbox", "b-valid.csv")}: NOT A SUBMISSION: a log or form never exported: ask for the exported file; (no mentee name); 1 credit; hours A 6 B 12 C 12`,
      "Total: 2 files: 1 HAS ERRORS, 1 NOT A SUBMISSION",
      "Not ready to award:",
      `  ${join(folder, "inbox", "a-invalid.csv")}: HAS ERRORS: some rows or the profile have errors`,
      `  ${join(folder, "inbox", "b-valid.csv")}: NOT A SUBMISSION: a log or form never exported: ask for the exported file`,
    ]);
    expect(status).toBe(1);
  });

  test("--json: an array of reports, each with its file", async () => {
    const { status, stdout } = await run("verify", join(folder, "inbox"), "--json", "--as-of", "2024-06-01");
    const reports = JSON.parse(stdout);
    expect(reports.map((report: { file: string }) => report.file)).toEqual([
      join(folder, "inbox", "a-invalid.csv"),
      join(folder, "inbox", "b-valid.csv"),
    ]);
    expect(Object.keys(reports[1])[0]).toBe("file");
    expect(reports[1]).toMatchObject({ credits: 1, valid: true, submission: null });
    expect(status).toBe(1);
  });

  test("several files with an unreadable one: it is named on stderr and in the output, and the status is 2", async () => {
    const valid = join(folder, "inbox", "b-valid.csv");
    const missing = join(folder, "gone.csv");
    const { status, stdout, stderr } = await run("verify", valid, missing, "--json", "--as-of", "2024-06-01");
    // The unreadable file first: docs/rules.md §4's order of attention.
    expect(JSON.parse(stdout)).toEqual([
      { file: missing, state: "unreadable", error: `${missing}: no such file` },
      expect.objectContaining({ file: valid, state: "not-a-submission", valid: true }),
    ]);
    expect(stderr).toBe(`cst-mentorship: ${missing}: no such file`);
    expect(status).toBe(2);
    const human = await run("verify", valid, missing, "--as-of", "2024-06-01");
    expect(human.stdout.split("\n")).toEqual([
      `${missing}: CANNOT BE READ`,
      expect.stringMatching(/b-valid\.csv: NOT A SUBMISSION/),
      "Total: 2 files: 1 CANNOT BE READ, 1 NOT A SUBMISSION",
      "Not ready to award:",
      `  ${missing}: CANNOT BE READ: the file cannot be read`,
      expect.stringMatching(/b-valid\.csv: NOT A SUBMISSION: a log or form never exported/),
    ]);
  });
});

describe("export", () => {
  test("refuses while errors remain: prints the findings, exits 1, writes nothing", async () => {
    const out = join(folder, "out.xlsx");
    const { status, stdout } = await run("export", file("bad.csv", INVALID_CSV), out, "--name", "Ann", "--as-of", "2024-06-01");
    expect(status).toBe(1);
    expect(stdout).toMatch(/not exported; fix these errors and export again \(nothing was written\)/);
    expect(stdout).toMatch(/row 2: error ambiguous-date/);
    expect(existsSync(out)).toBe(false);
    expect(readdirSync(folder)).toEqual(["bad.csv"]);
  });

  test("a CSV log needs the mentee's name, and says how to give it", async () => {
    const out = join(folder, "out.xlsx");
    const { status, stdout } = await run("export", file("log.csv", VALID_CSV), out, "--as-of", "2024-06-01");
    expect(status).toBe(1);
    expect(stdout).toMatch(/Profile: error missing-name/);
    expect(stdout).toMatch(/give the mentee's name with --name/);
    expect(existsSync(out)).toBe(false);
  });

  test("export then verify: unchanged, and the same JSON as verifying the source log", async () => {
    const source = file("log.csv", VALID_CSV);
    const out = join(folder, "submission.xlsx");
    const flags = ["--as-of", "2024-06-01", "--name", "Ann Mentee", "--email", "ann@example.org", "--cst-t", "2024-01-01"];
    const exported = await run("export", source, out, ...flags);
    expect(exported.status).toBe(0);
    expect(exported.stdout).toMatch(/exported to .*submission\.xlsx/);
    const verified = await run("verify", out, "--json");
    const { submission, summaryMismatches, edits, exportedAt, state, ...rest } = JSON.parse(verified.stdout);
    expect(submission).toBe("unchanged");
    expect(state).toBe("ready");
    expect(summaryMismatches).toEqual([]);
    expect(edits).toEqual([]);
    expect(exportedAt).toMatch(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}Z$/);
    const plain = JSON.parse((await run("verify", source, "--json", ...flags)).stdout);
    expect(plain.submission).toBeNull();
    expect(plain.state).toBe("not-a-submission");
    delete plain.submission;
    delete plain.state;
    expect(rest).toEqual(plain);
    expect(verified.status).toBe(0);
  });

  test("verify lists a stored summary that differs from the recomputed one", async () => {
    const out = join(folder, "submission.xlsx");
    await run("export", file("log.csv", VALID_CSV), out, "--as-of", "2024-06-01", "--name", "Ann");
    const workbook = await loadWorkbook(readFileSync(out));
    const cover = workbook.getWorksheet("Submission")!;
    const row = cover.getColumn(1).values.findIndex((value) => value === "Credits earned");
    cover.getCell(row, 2).value = 2;
    workbook.getWorksheet("Tracking Form")!.getCell("F2").value = 7;
    await workbook.xlsx.writeFile(out);
    const { stdout, status } = await run("verify", out);
    expect(status).toBe(1);
    expect(stdout.split("\n")[0]).toBe(`${out}: EDITED after export: row 2 changed (no errors, 1 warning)`);
    expect(stdout).toMatch(/Submission: edited after export: row 2 changed/);
    expect(stdout).toMatch(/Stored summary differs: Credits earned is 2, recomputed 1/);
    expect(stdout).toMatch(/Stored summary differs: Credited hours, category A is 6, recomputed 7/);
    const json = JSON.parse((await run("verify", out, "--json")).stdout);
    expect(json.summaryMismatches).toEqual([
      { field: "credits", stored: 2, recomputed: 1 },
      { field: "hoursA", stored: 6, recomputed: 7 },
    ]);
    expect(json.edits).toEqual([{ row: 2, change: "changed" }]);
  });

  test("the output may not be the input", async () => {
    const path = file("log.xlsx", "x");
    const { status, stderr } = await run("export", path, path);
    expect(status).toBe(2);
    expect(stderr).toMatch(/the export's output is its input file/);
  });

  test("a folder that does not exist for the output", async () => {
    const { status, stderr } = await run("export", file("log.csv", VALID_CSV), join(folder, "no", "out.xlsx"), "--name", "Ann");
    expect(status).toBe(2);
    expect(stderr).toMatch(/cannot be written: its folder does not exist/);
  });
});

test("template writes the blank form", async () => {
  const out = join(folder, "form.xlsx");
  const { status, stdout } = await run("template", out);
  expect(status).toBe(0);
  expect(stdout).toBe(`Wrote the blank tracking form to ${out}`);
  const verified = await run("verify", out, "--json");
  expect(JSON.parse(verified.stdout)).toMatchObject({ rows: [], valid: true, credits: 0 });
});

test("--help prints the usage and exits 0", async () => {
  const { status, stdout } = await run("--help");
  expect(status).toBe(0);
  expect(stdout).toMatch(/^Usage:\n {2}cst-mentorship verify FILE\.\.\./);
});
