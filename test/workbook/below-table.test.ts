/**
 * Rows typed right below the MentorshipLog table. Excel grows the table over
 * them; LibreOffice Calc and openpyxl do not, so the reader reads them as the
 * log's rows, with a warning on the first that names them all, or, when they
 * hold values outside the table's columns, an error instead: never ignored.
 * The template's table has room for the rows a log will use.
 */
import { execFileSync } from "node:child_process";
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import ExcelJS from "exceljs";
import { runCli } from "../../src/cli/commands";
import { type LogRow, reportLog } from "../../src/core";
import { readWorkbookLog } from "../../src/workbook/read-xlsx";
import { FILL_IN_TABLE_ROWS } from "../../src/workbook/write-form";
import { HEADERS, utcDate } from "./build";
import { LIBREOFFICE, OPENPYXL, PYTHON, PYTHON_UNO, toolsReady, typeWithLibreOffice } from "./tools";

const ROWS: ExcelJS.CellValue[][] = [
  [utcDate("2024-01-10"), "treatment", "In person", "Jane Roe", "CST-T", 6, null],
  [utcDate("2024-01-11"), "small-group", "Virtual", null, null, 6, "group"],
  [utcDate("2024-01-12"), "one-on-one", "Virtual", "Mo Mentor", "Mentor", 12, null],
];

/** A workbook whose table covers the first `inTable` rows, the rest typed below it; `extra` adds cells anywhere. */
async function workbook(inTable: number, extra: Record<string, ExcelJS.CellValue> = {}, totalsRow = false): Promise<Uint8Array> {
  const book = new ExcelJS.Workbook();
  const sheet = book.addWorksheet("Tracking Form");
  sheet.addTable({
    name: "MentorshipLog",
    ref: "A1",
    headerRow: true,
    totalsRow,
    columns: HEADERS.map((name) => ({ name, filterButton: true })),
    rows: ROWS.slice(0, inTable).map((row) => [...row]),
  });
  ROWS.slice(inTable).forEach((row, index) =>
    row.forEach((value, column) => (sheet.getCell(2 + inTable + (totalsRow ? 1 : 0) + index, column + 1).value = value)),
  );
  for (const [reference, value] of Object.entries(extra)) sheet.getCell(reference).value = value;
  return new Uint8Array((await book.xlsx.writeBuffer()) as ArrayBuffer);
}

const findings = (rows: readonly LogRow[]) =>
  rows.map((row) => [
    row.row,
    row.found?.errors.map((error) => `${error.code}: ${error.message}`) ?? [],
    row.found?.warnings.map((warning) => `${warning.code}: ${warning.message}`) ?? [],
  ]);

describe("rows right below the MentorshipLog table", () => {
  test("are read as log rows, the first warning of them all; the log counts as if the table covered them", async () => {
    const { log } = await readWorkbookLog(await workbook(1));
    expect(findings(log.rows)).toEqual([
      [2, [], []],
      [
        3,
        [],
        [
          "below-table: Rows 3–4 are below the MentorshipLog table: they are read as log rows; extend the table to cover them (in Excel: Table Design › Resize Table).",
        ],
      ],
      [4, [], []],
    ]);
    const covered = (await readWorkbookLog(await workbook(3))).log;
    expect(log.rows.map((row) => row.cells)).toEqual(covered.rows.map((row) => row.cells));
    const [below, whole] = await Promise.all([reportLog(log, { asOf: "2024-06-01" }), reportLog(covered, { asOf: "2024-06-01" })]);
    expect(below.report.rows[1]?.warnings.map((warning) => warning.code)).toEqual(["below-table"]);
    expect({ ...below.report, rows: below.report.rows.map((row) => ({ ...row, warnings: [] })) }).toEqual(whole.report);
  });

  test("one row: named alone", async () => {
    const { log } = await readWorkbookLog(await workbook(2));
    expect(log.rows[2]?.found?.warnings[0]?.message).toMatch(/^Row 4 is below the MentorshipLog table: it is read as a log row; extend/);
  });

  test("only the rows up to the first that holds nothing in the table's columns", async () => {
    const { log } = await readWorkbookLog(await workbook(1, { A6: "far below", I4: null }));
    expect(log.rows.map((row) => row.row)).toEqual([2, 3, 4]);
  });

  test("a value outside the table's columns: not the log's rows, an error on the first naming the cell", async () => {
    const { log } = await readWorkbookLog(await workbook(1, { I4: "side note" }));
    expect(findings(log.rows)).toEqual([
      [2, [], []],
      [
        3,
        [
          "below-table: Rows 3–4 are below the MentorshipLog table, but cell I4 is outside its columns: they are not read as log rows. Move what is not the log away from the table, and extend the table to cover the log's rows.",
        ],
        [],
      ],
    ]);
    const { report } = await reportLog(log, { asOf: "2024-06-01" });
    expect(report.valid).toBe(false);
  });

  test("a table with a totals row ends there", async () => {
    const { log } = await readWorkbookLog(await workbook(1, {}, true));
    expect(log.rows.map((row) => row.row)).toEqual([2]);
  });
});

const LINES = [
  "2024-01-10,treatment,In person,Jane Roe,CST-T,6,",
  "2024-01-11,small-group,Virtual,,,6,group",
  "2024-01-12,one-on-one,Virtual,Mo Mentor,Mentor,12,",
];

describe("the template filled in below its table, without resizing it", () => {
  const run = toolsReady(OPENPYXL) ? test : test.skip;
  const runTyping = toolsReady(LIBREOFFICE, PYTHON_UNO) ? test : test.skip;
  let folder: string;
  beforeAll(() => {
    folder = mkdtempSync(join(tmpdir(), "cst-below-"));
  });
  afterAll(() => rmSync(folder, { recursive: true, force: true }));

  async function cli(...argv: string[]): Promise<{ status: number; stdout: string }> {
    const out: string[] = [];
    const status = await runCli(argv, { out: (text) => out.push(text), err: () => undefined });
    return { status, stdout: out.join("\n") };
  }

  run("by openpyxl: verifies to the JSON of the same log as CSV, but for the warning on the first row below", async () => {
    const template = join(folder, "template.xlsx");
    expect((await cli("template", template)).status).toBe(0);
    const script = [
      "import sys, datetime, openpyxl",
      "wb = openpyxl.load_workbook(sys.argv[1])",
      "ws = wb['Tracking Form']",
      "last = int(ws.tables['MentorshipLog'].ref.split(':')[1][1:])",
      "rows = [(datetime.datetime(2024, 1, 10), 'treatment', 'In person', 'Jane Roe', 'CST-T', 6, None),",
      "        (datetime.datetime(2024, 1, 11), 'small-group', 'Virtual', None, None, 6, 'group'),",
      "        (datetime.datetime(2024, 1, 12), 'one-on-one', 'Virtual', 'Mo Mentor', 'Mentor', 12, None)]",
      "for i, row in enumerate(rows):",
      "    for j, value in enumerate(row):",
      "        ws.cell(row=last + 1 + i, column=1 + j).value = value",
      // A CSV log has no profile: the template's defaults (0 credits awarded, rule set current) are cleared, so that the fingerprints compare too.
      "for cell in wb['Profile']['B']:",
      "    cell.value = None",
      "wb.save(sys.argv[2])",
      "print(last)",
    ].join("\n");
    const filled = join(folder, "filled.xlsx");
    const last = Number(execFileSync(PYTHON, ["-c", script, template, filled], { encoding: "utf8" }).trim());
    expect(last).toBeGreaterThanOrEqual(101);
    await expectLikeCsv(filled, last);
  });

  runTyping(
    "LibreOffice Calc typing below it (python3-uno): the same",
    async () => {
      const template = join(folder, "template-lo.xlsx");
      expect((await cli("template", template)).status).toBe(0);
      const last = 1 + FILL_IN_TABLE_ROWS;
      const typed = typeWithLibreOffice(
        template,
        join(folder, "typed.xlsx"),
        folder,
        "Tracking Form",
        last + 1,
        LINES.map((line) => line.split(",")),
      );
      await expectLikeCsv(typed, last);
    },
    180_000,
  );

  /** The workbook, whose table ends at row `last`, verifies as the CSV of LINES at the rows below it but for the warning. */
  async function expectLikeCsv(filled: string, last: number): Promise<void> {
    // The same log as CSV, each row on the line of the same number.
    const csv = join(folder, `log-${last}.csv`);
    const lines = LINES;
    writeFileSync(csv, [HEADERS.join(","), ...Array.from({ length: last - 1 }, () => ""), ...lines].join("\n"));
    expect(readFileSync(csv, "utf8").split("\n")[last]).toBe(lines[0]);

    const fromWorkbook = await cli("verify", filled, "--json", "--as-of", "2024-06-01");
    const fromCsv = await cli("verify", csv, "--json", "--as-of", "2024-06-01");
    const workbookJson = JSON.parse(fromWorkbook.stdout);
    const csvJson = JSON.parse(fromCsv.stdout);
    expect(workbookJson.rows[0].warnings).toEqual([
      {
        code: "below-table",
        field: null,
        message: `Rows ${last + 1}–${last + 3} are below the MentorshipLog table: they are read as log rows; extend the table to cover them (in Excel: Table Design › Resize Table).`,
      },
    ]);
    workbookJson.rows[0].warnings = [];
    expect(workbookJson).toEqual(csvJson);
    expect(csvJson).toMatchObject({ valid: true, hours: { A: 6, B: 6, C: 12 }, rows: [{ row: last + 1 }, {}, {}] });
    expect([fromWorkbook.status, fromCsv.status]).toEqual([0, 0]);
  }
});
