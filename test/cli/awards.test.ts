/**
 * docs/rules.md §4 end to end on the command line: one log for the whole path (P and
 * W), the states in their order, and the coordinator's record as the ledger
 * of awards that catches a credit claimed again and hours claimed twice.
 */
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { run } from "./run";
import { RECORD_COLUMNS, STATE_TEXT, VERIFICATION_STATES } from "../../src/core";
import { parseCsv } from "../../src/workbook/csv";
import { RECORD_CSV_HEADER, recordCsvLine } from "../../src/workbook/record-csv";

const HEADER = "Date,Activity,Format,Provider,Credential,Quantity,Notes";
/** 30 hours that meet the 1st credit (A 6, B 6, C 18), all after the CST-T date below. */
const FIRST = [
  "2024-01-10,treatment,In person,Jane Roe,CST-T,6,",
  "2024-01-11,small-group,Virtual,,,6,",
  "2024-01-12,one-on-one,Virtual,Mo Mentor,Mentor,6,",
  "2024-01-13,one-on-one,Virtual,Mo Mentor,Mentor,6,second session",
  "2024-01-14,one-on-one,Virtual,Mo Mentor,Mentor,6,third session",
];
/** Logged after the 1st credit: with it, A 12 and C 12 after CST-T meet the 2nd (A 18, B 6, C 24 in all). */
const MORE = [
  "2024-03-10,treatment,In person,Jane Roe,CST-T,6,",
  "2024-03-11,treatment,In person,Jane Roe,CST-T,6,",
  "2024-03-12,one-on-one,Virtual,Mo Mentor,Mentor,6,",
];
const PROFILE = ["--name", "Ann Mentee", "--email", "ann@example.org", "--cst-t", "2023-06-01", "--as-of", "2024-06-01"];

let folder: string;
beforeEach(() => {
  folder = mkdtempSync(join(tmpdir(), "cst-awards-"));
});
afterEach(() => rmSync(folder, { recursive: true, force: true }));

function csv(name: string, rows: readonly string[]): string {
  const path = join(folder, name);
  writeFileSync(path, [HEADER, ...rows].join("\n"));
  return path;
}

async function exported(name: string, rows: readonly string[], ...flags: string[]): Promise<string> {
  const path = join(folder, name);
  const result = await run("export", csv(`${name}.csv`, rows), path, ...PROFILE, ...flags);
  expect(result.stdout + result.stderr).toMatch(/exported to/);
  return path;
}

async function json(...argv: string[]) {
  const result = await run("verify", ...argv, "--json");
  return { status: result.status, report: JSON.parse(result.stdout), stderr: result.stderr };
}

const recordRows = (path: string): string[][] => parseCsv(readFileSync(path, "utf8").replace(/^\uFEFF/, "")).map((each) => each.fields);

describe("docs/rules.md §4 on the command line: one log, P and W", () => {
  test("the 1st credit awarded from this log (--awarded-from-log 1): the same log earns nothing more; the JSON says so", async () => {
    const { report, status } = await json(csv("log.csv", FIRST), ...PROFILE, "--awarded-from-log", "1");
    expect(status).toBe(0);
    expect(report).toMatchObject({ credits: 0, awarded: { before: 0, fromLog: 1 }, firstNewCredit: 2, next: { credit: 2 } });
    expect(report.state).toBe("not-a-submission");
  });

  test("more hours after CST-T earn exactly the 2nd credit, numbered 2", async () => {
    const { report } = await json(csv("log.csv", [...FIRST, ...MORE]), ...PROFILE, "--awarded-from-log", "1");
    expect(report).toMatchObject({ credits: 1, firstNewCredit: 2, next: { credit: 3 } });
    const text = await run("verify", csv("log2.csv", [...FIRST, ...MORE]), ...PROFILE, "--awarded-from-log", "1");
    expect(text.stdout).toMatch(/1st credit: .*\(awarded from this log already\)/);
    expect(text.stdout).toMatch(/2nd credit: A 12 h and C 12 h/);
  });

  test("W larger than the log supports is awards-unsupported: exit 1, and export refuses", async () => {
    const { report, status } = await json(csv("log.csv", FIRST), ...PROFILE, "--awarded-from-log", "2");
    expect(status).toBe(1);
    expect(report.profile.errors.map((error: { code: string }) => error.code)).toEqual(["awards-unsupported"]);
    expect(report.state).toBe("has-errors");
    const refused = await run("export", csv("log2.csv", FIRST), join(folder, "out.xlsx"), ...PROFILE, "--awarded-from-log", "2");
    expect(refused.status).toBe(1);
    expect(refused.stdout).toMatch(/awards-unsupported/);
  });
});

describe("docs/rules.md §4 states", () => {
  test("a 0-credit submission is NOTHING TO AWARD; a plain log is NOT A SUBMISSION; neither is green nor counted ready", async () => {
    const nothing = await exported("nothing.xlsx", FIRST.slice(0, 2));
    const plain = csv("plain.csv", FIRST);
    const ready = await exported("ready.xlsx", FIRST);
    expect((await run("verify", nothing)).stdout.split("\n")[0]).toBe(`${nothing}: NOTHING TO AWARD (no errors)`);
    expect((await run("verify", plain)).stdout.split("\n")[0]).toMatch(
      /: NOT A SUBMISSION: a log or form never exported: ask for the exported file/,
    );
    expect((await json(nothing)).report.state).toBe("nothing-to-award");
    expect((await json(ready)).report.state).toBe("ready");
    const batch = await run("verify", ready, plain, nothing);
    const lines = batch.stdout.split("\n");
    // Attention first: the order of the states, whatever the order of the files.
    expect(lines.slice(0, 3).map((line) => line.split(": ")[1]?.split(";")[0])).toEqual([
      "NOT A SUBMISSION",
      "NOTHING TO AWARD",
      "READY TO AWARD",
    ]);
    expect(lines).toContain("Total: 3 files: 1 NOT A SUBMISSION, 1 NOTHING TO AWARD, 1 READY TO AWARD (1 credit)");
    const array = JSON.parse((await run("verify", ready, plain, nothing, "--json")).stdout);
    expect(array.map((each: { state: string }) => each.state)).toEqual(["not-a-submission", "nothing-to-award", "ready"]);
  });

  test("the states are docs/rules.md §4's, in its order", () => {
    expect(VERIFICATION_STATES.map((state) => STATE_TEXT[state])).toEqual([
      "CANNOT BE READ",
      "EDITED after export",
      "SUMMARY DIFFERS",
      "HOURS CLAIMED TWICE",
      "ALREADY AWARDED",
      "HAS ERRORS",
      "NOT A SUBMISSION",
      "NOTHING TO AWARD",
      "READY TO AWARD",
    ]);
  });
});

describe("docs/rules.md §4: the coordinator's record is the ledger of awards", () => {
  test("the record keeps First credit, Decision and Row digests", async () => {
    const first = await exported("first.xlsx", FIRST);
    const record = join(folder, "record.csv");
    expect((await run("verify", first, "--record", record)).status).toBe(0);
    const rows = recordRows(record);
    expect(rows[0]).toEqual([...RECORD_COLUMNS]);
    const row = rows[1] as string[];
    expect(row[RECORD_COLUMNS.indexOf("State")]).toBe("READY TO AWARD");
    expect(row[RECORD_COLUMNS.indexOf("First credit")]).toBe("1");
    expect(row[RECORD_COLUMNS.indexOf("Decision")]).toBe("");
    expect(row[RECORD_COLUMNS.indexOf("Row digests")]).toMatch(/^[0-9a-f]{16}( [0-9a-f]{16}){4}$/);
  });

  test("the same 1st credit submitted again is ALREADY AWARDED, naming the file and date; it is no award", async () => {
    const first = await exported("first.xlsx", FIRST);
    const record = join(folder, "record.csv");
    await run("verify", first, "--record", record);
    const again = await exported("again.xlsx", [...FIRST.slice(0, 4), "2024-01-14,one-on-one,Virtual,Mo Mentor,Mentor,6,the third"]);
    const result = await run("verify", again, "--record", record);
    expect(result.status).toBe(1);
    expect(result.stdout.split("\n")[0]).toMatch(
      new RegExp(
        `^${again.replace(/[.*+?^${}()|[\]\\]/g, "\\$&")}: ALREADY AWARDED: claims the 1st credit, awarded from .*first\\.xlsx on \\d{4}-\\d{2}-\\d{2}`,
      ),
    );
    expect((await json(again, "--record", record)).report).toMatchObject({
      state: "already-awarded",
      awardClash: { kind: "already-awarded", credit: 1 },
    });
    const rows = recordRows(record);
    expect(rows.map((row) => row[RECORD_COLUMNS.indexOf("State")])).toEqual(["State", "READY TO AWARD", "ALREADY AWARDED"]);
    // The very file verified again says so too.
    expect((await run("verify", first, "--record", record)).stdout).toMatch(/^.*: ALREADY AWARDED: claims the 1st credit/);
  });

  test("the 1st credit's rows exported again with --awarded 1 are HOURS CLAIMED TWICE, naming the rows, the file and the date", async () => {
    const first = await exported("first.xlsx", FIRST);
    const record = join(folder, "record.csv");
    const verified = await json(first, "--record", record);
    expect(verified.report).toMatchObject({ state: "ready", credits: 1, firstNewCredit: 1 });
    // The mistake docs/rules.md §4 measured: the same log kept, more hours added, the award put in P (before this log).
    const twice = await exported("twice.xlsx", [...FIRST, ...MORE], "--awarded", "1");
    const result = await run("verify", twice, "--record", record);
    expect(result.status).toBe(1);
    expect(result.stdout.split("\n")[0]).toMatch(
      /: HOURS CLAIMED TWICE: rows 2–6 were in the submission that earned the 1st credit \(.*first\.xlsx, \d{4}-\d{2}-\d{2}\)/,
    );
    expect(recordRows(record).map((row) => row[RECORD_COLUMNS.indexOf("State")])).toEqual([
      "State",
      "READY TO AWARD",
      "HOURS CLAIMED TWICE",
    ]);
    // Without the record the file alone looks ready: the record is what catches it.
    expect((await json(twice)).report.state).toBe("ready");
  });

  test("the same path done right (W = 1, more hours) is READY TO AWARD the 2nd credit", async () => {
    const first = await exported("first.xlsx", FIRST);
    const record = join(folder, "record.csv");
    await run("verify", first, "--record", record);
    const second = await exported("second.xlsx", [...FIRST, ...MORE], "--awarded-from-log", "1");
    const { report, status } = await json(second, "--record", record);
    expect(status).toBe(0);
    expect(report).toMatchObject({ state: "ready", credits: 1, firstNewCredit: 2 });
  });

  test("'returned' in Decision releases a submission: the credit may be claimed again", async () => {
    const first = await exported("first.xlsx", FIRST);
    const record = join(folder, "record.csv");
    await run("verify", first, "--record", record);
    const rows = recordRows(record);
    (rows[1] as string[])[RECORD_COLUMNS.indexOf("Decision")] = "Returned";
    writeFileSync(record, RECORD_CSV_HEADER + rows.slice(1).map(recordCsvLine).join(""));
    const again = await exported("again.xlsx", [...FIRST.slice(0, 4), "2024-01-14,one-on-one,Virtual,Mo Mentor,Mentor,6,corrected"]);
    expect((await json(again, "--record", record)).report.state).toBe("ready");
  });

  test("two submissions of one credit in one batch: the second is ALREADY AWARDED, and the batch lists it first", async () => {
    const a = await exported("a.xlsx", FIRST);
    const b = await exported("b.xlsx", [...FIRST.slice(0, 4), "2024-01-14,one-on-one,Virtual,Mo Mentor,Mentor,6,other"]);
    const result = await run("verify", a, b);
    const lines = result.stdout.split("\n");
    expect(lines[0]).toMatch(/b\.xlsx: ALREADY AWARDED: claims the 1st credit, awarded from .*a\.xlsx/);
    expect(lines[1]).toMatch(/a\.xlsx: READY TO AWARD/);
    expect(lines).toContain("Total: 2 files: 1 ALREADY AWARDED, 1 READY TO AWARD (1 credit)");
  });

  test("a record begun before the new columns is written again under today's header, its rows kept", async () => {
    const record = join(folder, "record.csv");
    const old = RECORD_COLUMNS.slice(0, 12);
    const oldRow = [
      "old.xlsx",
      "Bo",
      "bo@example.org",
      "",
      "2025-01-01 10:00 UTC",
      "Current",
      "1",
      "6",
      "6",
      "12",
      "Ready to award",
      "a".repeat(64),
    ];
    writeFileSync(record, `\uFEFF${old.join(",")}\r\n${oldRow.join(",")}\r\n`);
    const first = await exported("first.xlsx", FIRST);
    await run("verify", first, "--record", record);
    const rows = recordRows(record);
    expect(rows[0]).toEqual([...RECORD_COLUMNS]);
    expect(rows[1]?.slice(0, 12)).toEqual(oldRow);
    expect(rows).toHaveLength(3);
  });
});
