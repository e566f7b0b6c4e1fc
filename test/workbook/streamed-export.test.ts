/**
 * A submission whose rows are streamed (streamed-rows.ts) reads, in every reader, as the one exceljs writes
 * whole: exceljs, openpyxl and LibreOffice see the same cells (values, number formats, fonts, alignment,
 * borders), row heights, tables, dropdowns, defined names and print areas; and it verifies the same.
 */
import { execFileSync, spawnSync } from "node:child_process";
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import ExcelJS from "exceljs";
import { unzipSync, strFromU8 } from "fflate";
import { generateLog, toCsv } from "../../bench/data";
import { excelSerialToIsoDate } from "../../src/core";
import { type Submission, prepareSubmission, readSubmissionSheet, verifyLog } from "../../src/core/submission";
import { parseCsvLog } from "../../src/workbook/csv";
import { readWorkbookLog } from "../../src/workbook/read-xlsx";
import { buildSubmissionWorkbook } from "../../src/workbook/submission";
import { LIBREOFFICE, OPENPYXL, PYTHON } from "./tools";

const AS_OF = "2024-12-31";

/** Notes a writer must carry exactly: markup, quotes, spaces at the ends, line breaks, control characters, escapes, long text. */
const NOTES = [
  "<b>Tom & \"Jerry\"</b> 'quoted'",
  " leading space",
  "trailing space ",
  "two\nlines",
  "control\u0001character and DEL\u007f",
  "_x0041_ looks like an escape",
  "Ibáñez 🙂",
  "a long note that wraps over several printed lines of the Notes column, so its row is given a height of its own ".repeat(2),
];

/** A generated log of `rows` rows, with special notes and a few blank lines (rows the table keeps empty). */
async function submissionOf(rows: number, seed: number): Promise<Submission> {
  const grid = generateLog(rows, seed);
  grid.forEach((row, index) => {
    if (index > 0 && index % 7 === 0) row[6] = NOTES[(index / 7) % NOTES.length] as string;
  });
  const lines = toCsv(grid, (serial) => excelSerialToIsoDate(serial, "1900") ?? "").split("\n");
  // Blank lines leave rows of the table empty (source row numbers are kept).
  const csv = lines.flatMap((line, index) => (index > 0 && index % 11 === 0 ? ["", line] : [line])).join("\n");
  const log = { ...parseCsvLog(csv), profileCells: ["Ann & Bo <Mentee>", "ann@example.org", "2014-01-02"] };
  const prepared = await prepareSubmission(log, { asOf: AS_OF, exportedAt: "2024-12-31T12:00:00.000Z" });
  if (!prepared.ok) throw new Error(`unexpected findings: ${JSON.stringify(prepared.report.rows.slice(0, 3))}`);
  return prepared.submission;
}

interface Pair {
  readonly whole: Uint8Array;
  readonly streamed: Uint8Array;
}

const pairs = new Map<number, Pair>();
const SIZES = [3, 40, 1_500];

beforeAll(async () => {
  for (const [index, rows] of SIZES.entries()) {
    const submission = await submissionOf(rows, index + 5);
    pairs.set(rows, {
      whole: await buildSubmissionWorkbook(submission, { whole: true }),
      streamed: await buildSubmissionWorkbook(submission),
    });
  }
}, 120_000);

const pair = (rows: number): Pair => pairs.get(rows) as Pair;

/** Everything exceljs reads of a workbook, cell by cell. */
async function exceljsView(bytes: Uint8Array): Promise<unknown[]> {
  const workbook = new ExcelJS.Workbook();
  await workbook.xlsx.load(bytes as unknown as ArrayBuffer);
  const view: unknown[] = [workbook.definedNames.model];
  for (const sheet of workbook.worksheets) {
    const tables = Object.values((sheet as unknown as { tables: Record<string, { table: unknown }> }).tables).map((table) => table.table);
    view.push([
      sheet.name,
      sheet.state,
      (sheet.dimensions as unknown as { model: unknown }).model,
      sheet.views,
      sheet.pageSetup,
      sheet.headerFooter,
      tables,
    ]);
    view.push([
      sheet.columns?.map((column) => column.width) ?? [],
      (sheet as unknown as { dataValidations: { model: unknown } }).dataValidations.model,
    ]);
    sheet.eachRow({ includeEmpty: true }, (row, number) => {
      view.push([number, row.height]);
      row.eachCell({ includeEmpty: true }, (cell) => {
        view.push([cell.address, cell.type, cell.value, cell.formula, cell.numFmt, cell.font, cell.alignment, cell.border, cell.fill]);
      });
    });
  }
  return view;
}

describe("a submission written as a stream reads as exceljs's whole write", () => {
  test.each(SIZES)("%i rows: exceljs reads the same cells, formats, heights, tables, dropdowns and names", async (rows) => {
    const { whole, streamed } = pair(rows);
    expect(await exceljsView(streamed)).toEqual(await exceljsView(whole));
  });

  test("a long log's rows are streamed: exceljs wrote only a few of them", () => {
    const { streamed } = pair(1_500);
    const parts = unzipSync(streamed);
    const tables = Object.keys(parts).filter((name) => name.startsWith("xl/tables/"));
    expect(tables).toHaveLength(1);
    const table = strFromU8(parts[tables[0] as string] as Uint8Array);
    expect(table).toMatch(/ ref="A1:[A-Z]\d{4}"/);
  });

  test.each(SIZES)("%i rows: the streamed submission verifies unchanged, with the whole write's report", async (rows) => {
    const report = async (bytes: Uint8Array) => {
      const { log, submissionRows } = await readWorkbookLog(bytes);
      const { report: verified } = await verifyLog(log, { asOf: AS_OF, submission: readSubmissionSheet(submissionRows ?? []) });
      return verified;
    };
    const { whole, streamed } = pair(rows);
    const streamedReport = await report(streamed);
    expect(streamedReport.submission).toBe("unchanged");
    expect(streamedReport).toEqual(await report(whole));
  });
});

/** What openpyxl reads of every cell, row, table, dropdown, name and page setup, as JSON. */
const OPENPYXL_VIEW = `
import json, sys, openpyxl
wb = openpyxl.load_workbook(sys.argv[1])
names = wb.defined_names
names = names.items() if hasattr(names, "items") else [(d.name, d) for d in names.definedName]
out = [sorted((n, d.attr_text, d.localSheetId) for n, d in names)]
for ws in wb.worksheets:
    out.append([ws.title, ws.sheet_state, ws.dimensions, ws.freeze_panes, str(ws.print_area), str(ws.print_title_rows),
                ws.page_setup.orientation, ws.page_setup.fitToWidth, ws.page_setup.fitToHeight, ws.print_options.gridLines,
                ws.oddFooter.center.text if ws.oddFooter else None])
    out.append(sorted((k, v.width) for k, v in ws.column_dimensions.items()))
    out.append(sorted((k, v.height) for k, v in ws.row_dimensions.items() if v.height))
    for t in ws.tables.values():
        out.append([t.name, t.ref, t.autoFilter.ref if t.autoFilter else None, t.tableStyleInfo.name, [c.name for c in t.tableColumns]])
    for dv in ws.data_validations.dataValidation:
        out.append([dv.type, str(dv.sqref), dv.formula1, dv.errorStyle, dv.prompt, dv.error])
    for row in ws.iter_rows():
        for c in row:
            if c.value is None and not c.has_style: continue
            out.append([c.coordinate, repr(c.value), c.data_type, c.number_format, c.font.name, c.font.sz, c.font.b, c.font.i,
                        c.alignment.wrap_text, c.alignment.vertical, c.alignment.horizontal,
                        c.border.top.style, c.border.left.style, c.fill.fgColor.rgb if c.fill and c.fill.fill_type else None])
print(json.dumps(out))
`;

const soffice = LIBREOFFICE.available() ? "soffice" : undefined;

describe("openpyxl and LibreOffice read the streamed submission as the whole one", () => {
  let folder: string;
  beforeAll(() => {
    folder = mkdtempSync(join(tmpdir(), "cst-streamed-"));
  });
  afterAll(() => rmSync(folder, { recursive: true, force: true }));

  const save = (name: string, bytes: Uint8Array): string => {
    const file = join(folder, name);
    writeFileSync(file, bytes);
    return file;
  };

  (OPENPYXL.available() ? test.each : test.skip.each)(SIZES)("%i rows: openpyxl reads the same", (rows) => {
    const script = save("view.py", new TextEncoder().encode(OPENPYXL_VIEW));
    const view = (bytes: Uint8Array, name: string) =>
      JSON.parse(execFileSync(PYTHON, [script, save(name, bytes)], { maxBuffer: 256 * 1024 * 1024 }).toString()) as unknown;
    const { whole, streamed } = pair(rows);
    expect(view(streamed, `streamed-${rows}.xlsx`)).toEqual(view(whole, `whole-${rows}.xlsx`));
  });

  /** Every sheet as LibreOffice shows it (formatted values: the units of the quantities), as CSV. */
  function shown(name: string, bytes: Uint8Array): string[] {
    const file = save(name, bytes);
    const out = join(folder, name.replace(/\.xlsx$/, ""));
    const result = spawnSync(
      soffice as string,
      [
        "--headless",
        "--norestore",
        `-env:UserInstallation=file://${join(folder, "profile")}`,
        "--convert-to",
        "csv:Text - txt - csv (StarCalc):44,34,76,1,,0,false,true,true,false,false,-1",
        "--outdir",
        out,
        file,
      ],
      { stdio: "ignore", timeout: 180_000 },
    );
    expect(result.status).toBe(0);
    const base = name.replace(/\.xlsx$/, "");
    return ["Submission", "Profile", "Tracking Form", "CST Lists"].map((sheet) => readFileSync(join(out, `${base}-${sheet}.csv`), "utf8"));
  }

  (soffice === undefined ? test.skip : test)(
    "LibreOffice shows the same sheets, quantities with their units",
    () => {
      const { whole, streamed } = pair(1_500);
      const sheets = shown("streamed.xlsx", streamed);
      expect(sheets[2]).toMatch(/ session/);
      expect(sheets).toEqual(shown("whole.xlsx", whole));
    },
    240_000,
  );
});
