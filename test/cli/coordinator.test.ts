/**
 * A coordinator's checks of submissions edited by other tools (docs/rules.md §6, 7):
 * exported by the command line, changed with openpyxl or re-saved by
 * LibreOffice at test time, then verified. What changed is named on the
 * file's first line and in the JSON `edits`; a sorted log is edited but no
 * row changed; a batch separates ready, errors and edited; `--record` keeps
 * one row per fingerprint.
 */
import { execFileSync } from "node:child_process";
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { run } from "./run";
import { RECORD_COLUMNS } from "../../src/core";
import { parseCsv } from "../../src/workbook/csv";
import { loadWorkbook } from "../workbook/build";

const PYTHON = "/usr/bin/python3";
const hasOpenpyxl = (() => {
  try {
    execFileSync(PYTHON, ["-c", "import openpyxl"], { stdio: "ignore" });
    return true;
  } catch {
    return false;
  }
})();
const soffice = ["soffice", "libreoffice"].find((command) => {
  try {
    execFileSync("which", [command], { stdio: "ignore" });
    return true;
  } catch {
    return false;
  }
});
if (process.env.CI && (!hasOpenpyxl || soffice === undefined)) {
  throw new Error("These tests need Debian's python3-openpyxl and libreoffice-calc-nogui: .ci/run installs them.");
}

const HEADER = "Date,Activity,Format,Provider,Credential,Quantity,Notes";
const LOG = [
  HEADER,
  "2024-01-10,treatment,In person,Jane Roe,CST-T,6,",
  "2024-01-11,small-group,Virtual,,,6,",
  "2024-01-12,one-on-one,Virtual,Mo Mentor,Mentor,6,",
  "2024-01-13,one-on-one,Virtual,Mo Mentor,Mentor,6,second session",
  "2024-01-14,csir-call,Virtual,,,2,",
].join("\n");
const INVALID = [HEADER, "03/04/2024,treatment,Virtual,Jane Roe,CST-T,2,"].join("\n");
const PROFILE = ["--name", "Ann Mentee", "--email", "ann@example.org", "--as-of", "2024-06-01"];

let folder: string;
beforeEach(() => {
  folder = mkdtempSync(join(tmpdir(), "cst-coordinator-"));
});
afterEach(() => rmSync(folder, { recursive: true, force: true }));

async function exported(name = "submission.xlsx", log = LOG): Promise<string> {
  const source = join(folder, `${name}.csv`);
  writeFileSync(source, log);
  const path = join(folder, name);
  const result = await run("export", source, path, ...PROFILE);
  expect(result.status).toBe(0);
  return path;
}

/** Runs a few lines of openpyxl on the workbook at `path` (`ws` is the Tracking Form, `profile` the Profile sheet) and saves it. */
function openpyxl(path: string, body: string): void {
  const script = [
    "import sys, datetime, openpyxl",
    "wb = openpyxl.load_workbook(sys.argv[1])",
    "ws = wb['Tracking Form']",
    "profile = wb['Profile']",
    body,
    "wb.save(sys.argv[1])",
  ].join("\n");
  execFileSync(PYTHON, ["-c", script, path], { stdio: "pipe" });
}

const describeWithTools = hasOpenpyxl && soffice !== undefined ? describe : describe.skip;

describeWithTools("what changed after export, found by digest (files changed with openpyxl)", () => {
  test.each([
    ["a Quantity", "ws['F3'] = 7", "row 3 changed", [{ row: 3, change: "changed" }]],
    ["a date", "ws['A4'] = datetime.datetime(2024, 2, 1)", "row 4 changed", [{ row: 4, change: "changed" }]],
    ["a provider", "ws['D2'] = 'Someone Else'", "row 2 changed", [{ row: 2, change: "changed" }]],
    ["the Email", "profile['B2'] = 'other@example.org'", "Email changed", [{ profileField: "Email" }]],
  ])("changing %s: exit 1, the first line names it, edits names it", async (_what, edit, named, edits) => {
    const path = await exported();
    openpyxl(path, edit);
    const human = await run("verify", path);
    expect(human.status).toBe(1);
    expect(human.stdout.split("\n")[0]).toMatch(
      new RegExp(`^${path.replace(/[.*+?^${}()|[\]\\]/g, "\\$&")}: EDITED after export: ${named}`),
    );
    const json = JSON.parse((await run("verify", path, "--json")).stdout);
    expect(json).toMatchObject({
      submission: "edited",
      edits,
      mentee: { name: "Ann Mentee", email: expect.any(String) },
      asOf: "2024-06-01",
    });
    expect(json.exportedAt).toMatch(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}Z$/);
  });

  test("adding a row and deleting another: added and removed on the right rows", async () => {
    const path = await exported();
    openpyxl(
      path,
      [
        // Typed on the row below the log (the printed totals follow further down, beside the computed columns).
        "for column, value in enumerate([datetime.datetime(2024, 1, 20), 'csir-call', 'Virtual', None, None, 1, 'added later'], 1):",
        "    ws.cell(row=7, column=column, value=value)",
        "table = ws.tables['MentorshipLog']",
        "table.ref = 'A1:G7'",
      ].join("\n"),
    );
    let json = JSON.parse((await run("verify", path, "--json")).stdout);
    expect(json.edits).toEqual([{ row: 7, change: "added" }]);
    openpyxl(path, "ws.delete_rows(3)\nws.tables['MentorshipLog'].ref = 'A1:G6'");
    json = JSON.parse((await run("verify", path, "--json")).stdout);
    // Row 3 (the small group) is gone; the rows below moved up but are matched by digest, not by position.
    expect(json.edits).toEqual([
      { row: 3, change: "removed" },
      { row: 6, change: "added" },
    ]);
  });

  test("rows sorted in LibreOffice and saved again: edited (the fingerprint covers order), but no row changed", async () => {
    const path = await exported();
    // Reverse the five data rows in place (the same cells, another order), then let LibreOffice save the workbook.
    openpyxl(
      path,
      [
        "rows = [[c.value for c in r] for r in ws.iter_rows(min_row=2, max_row=6, max_col=7)]",
        "for i, values in enumerate(reversed(rows)):",
        "    for j, v in enumerate(values):",
        // Assigned, not passed to ws.cell(): ws.cell(..., value=None) leaves a cell's old value in place.
        "        ws.cell(row=2 + i, column=1 + j).value = v",
      ].join("\n"),
    );
    const resaved = join(folder, "resaved");
    execFileSync(
      soffice as string,
      [
        "--headless",
        "--norestore",
        `-env:UserInstallation=file://${join(folder, "lo")}`,
        "--convert-to",
        "xlsx",
        "--outdir",
        resaved,
        path,
      ],
      { stdio: "ignore", timeout: 120_000 },
    );
    const { stdout, status } = await run("verify", join(resaved, "submission.xlsx"));
    expect(status).toBe(1);
    expect(stdout.split("\n")[0]).toMatch(/EDITED after export: the rows are in another order; no field or row changed/);
    const json = JSON.parse((await run("verify", join(resaved, "submission.xlsx"), "--json")).stdout);
    expect(json).toMatchObject({ submission: "edited", edits: [] });
  });
});

describe("batches and the record", () => {
  test("an unchanged, an edited and an invalid submission: exit 1, each line right, totals right, the files needing attention listed", async () => {
    const unchanged = await exported("a-unchanged.xlsx");
    const edited = await exported("b-edited.xlsx");
    const workbook = await loadWorkbook(readFileSync(edited));
    workbook.getWorksheet("Tracking Form")!.getCell("F2").value = 9;
    await workbook.xlsx.writeFile(edited);
    const invalid = join(folder, "c-invalid.csv");
    writeFileSync(invalid, INVALID);
    const { status, stdout } = await run("verify", unchanged, edited, invalid);
    expect(status).toBe(1);
    const lines = stdout.split("\n");
    // docs/rules.md §4's order: attention first, whatever the order of the files.
    expect(lines[0]).toMatch(/b-edited\.xlsx: EDITED after export: row 2 changed; Ann Mentee/);
    expect(lines[1]).toMatch(/c-invalid\.csv: HAS ERRORS \(2 errors\); \(no mentee name\); 0 credits/);
    expect(lines[2]).toMatch(
      /a-unchanged\.xlsx: READY TO AWARD; Ann Mentee <ann@example\.org>; exported \d{4}-\d{2}-\d{2} \d{2}:\d{2} UTC; 1 credit/,
    );
    expect(lines[3]).toBe("Total: 3 files: 1 EDITED after export, 1 HAS ERRORS, 1 READY TO AWARD (1 credit)");
    expect(lines.slice(4)).toEqual([
      "Not ready to award:",
      `  ${edited}: EDITED after export: a profile or log cell changed after export`,
      `  ${invalid}: HAS ERRORS: some rows or the profile have errors`,
    ]);
  });

  test("--record appends one row per file, never twice for a fingerprint; CSV and workbook", async () => {
    const first = await exported("a.xlsx");
    const second = await exported("b.xlsx", LOG.replace("second session", "another note"));
    for (const record of [join(folder, "record.csv"), join(folder, "record.xlsx")]) {
      expect((await run("verify", first, "--record", record)).stderr).toMatch(/recorded 1 file in /);
      const again = await run("verify", first, second, "--record", record);
      expect(again.stderr).toMatch(/recorded 1 file in .* \(1 already recorded, by fingerprint\)/);
      expect((await run("verify", first, second, "--record", record)).stderr).toMatch(/recorded 0 files/);
      const rows = await recordRows(record);
      expect(rows[0]).toEqual([...RECORD_COLUMNS]);
      // Both claim Ann's 1st credit: the second, verified after the first was recorded, is ALREADY AWARDED (docs/rules.md §4).
      expect(rows.slice(1).map((row) => [row[0], row[1], row[2], row[6], row[10]])).toEqual([
        [first, "Ann Mentee", "ann@example.org", "1", "READY TO AWARD"],
        [second, "Ann Mentee", "ann@example.org", "1", "ALREADY AWARDED"],
      ]);
      expect(rows.slice(1).every((row) => /^[0-9a-f]{64}$/.test(String(row[11])))).toBe(true);
    }
  });
});

/** The record's rows: a CSV record as written (it is what Excel opens); a workbook record as LibreOffice reads it (converted to CSV). */
async function recordRows(record: string): Promise<string[][]> {
  const rows = (text: string) => parseCsv(text.replace(/^\uFEFF/, "")).map((each) => each.fields);
  if (record.endsWith(".csv") || soffice === undefined) {
    if (record.endsWith(".csv")) return rows(readFileSync(record, "utf8"));
    const workbook = await loadWorkbook(readFileSync(record));
    const values: string[][] = [];
    workbook.getWorksheet("CST Verification")!.eachRow((row) => values.push((row.values as unknown[]).slice(1).map(String)));
    return values;
  }
  const out = join(folder, "record-out");
  execFileSync(
    soffice,
    [
      "--headless",
      "--norestore",
      `-env:UserInstallation=file://${join(folder, "lo")}`,
      "--convert-to",
      "csv:Text - txt - csv (StarCalc):44,34,76,1",
      "--outdir",
      out,
      record,
    ],
    { stdio: "ignore", timeout: 120_000 },
  );
  const csv = join(out, "record.csv");
  expect(existsSync(csv)).toBe(true);
  return rows(readFileSync(csv, "utf8"));
}
