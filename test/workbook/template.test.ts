import { execFileSync } from "node:child_process";
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import JSZip from "jszip";
import { ACTIVITIES, LOG_COLUMNS, PROFILE_FIELDS, canonicalForm, reportLog } from "../../src/core";
import { prepareSubmission, readSubmissionSheet, verifyLog } from "../../src/core/submission";
import { parseCsvLog } from "../../src/workbook/csv";
import { readWorkbookLog } from "../../src/workbook/read-xlsx";
import { buildSubmissionWorkbook } from "../../src/workbook/submission";
import { buildTemplateWorkbook } from "../../src/workbook/template";
import { FILL_IN_TABLE_ROWS } from "../../src/workbook/write-form";
import { loadWorkbook } from "./build";

const load = loadWorkbook;

describe("the blank tracking form (template)", () => {
  let bytes: Uint8Array;
  beforeAll(async () => {
    bytes = await buildTemplateWorkbook();
  });

  test("Profile: labels in column A in the form's order, defaults in B, date format on the certification dates, a rule-set dropdown", async () => {
    const sheet = (await load(bytes)).getWorksheet("Profile")!;
    expect(PROFILE_FIELDS.map((_, index) => sheet.getCell(index + 1, 1).value)).toEqual(PROFILE_FIELDS.map((field) => field.label));
    expect(PROFILE_FIELDS.map((_, index) => sheet.getCell(index + 1, 2).value)).toEqual([null, null, null, null, 0, "current", 0]);
    expect(sheet.getCell("B3").numFmt).toBe("yyyy-mm-dd");
    expect(sheet.getCell("B4").numFmt).toBe("yyyy-mm-dd");
    expect(sheet.getCell("B6").dataValidation).toMatchObject({ type: "list", formulae: ["'CST Lists'!$D$2:$D$3"] });
  });

  test("Tracking Form: the MentorshipLog table with exactly the seven headers, date format, column widths", async () => {
    const workbook = await load(bytes);
    expect(workbook.worksheets.map((sheet) => [sheet.name, sheet.state])).toEqual([
      ["Profile", "visible"],
      ["Tracking Form", "visible"],
      ["CST Lists", "hidden"],
    ]);
    const sheet = workbook.getWorksheet("Tracking Form")!;
    const table = (sheet as unknown as { tables: Record<string, { table: { tableRef: string; columns: { name: string }[] } }> }).tables
      .MentorshipLog!;
    expect(table.table.columns.map((column) => column.name)).toEqual([...LOG_COLUMNS]);
    // Room for the rows a log will use: LibreOffice Calc and openpyxl do not grow a table as Excel does.
    expect(table.table.tableRef).toBe(`A1:G${1 + FILL_IN_TABLE_ROWS}`);
    expect(FILL_IN_TABLE_ROWS).toBeGreaterThanOrEqual(100);
    expect(LOG_COLUMNS.map((_, index) => sheet.getCell(1, index + 1).value)).toEqual([...LOG_COLUMNS]);
    expect(sheet.getCell("A2").numFmt).toBe("yyyy-mm-dd");
    expect(sheet.getCell("A1000").numFmt).toBe("yyyy-mm-dd");
    expect(sheet.getColumn(2).width).toBe(48);
  });

  test("Activity, Format and Credential dropdowns cover rows 2 to 1000 and list the hidden Lists sheet's choices", async () => {
    const zip = await JSZip.loadAsync(bytes);
    const xml = await zip.file("xl/worksheets/sheet2.xml")!.async("string");
    const rules = [...xml.matchAll(/<dataValidation ([^>]*)>\s*<formula1>([^<]*)<\/formula1>/g)].map((match) => ({
      sqref: /sqref="([^"]+)"/.exec(match[1]!)?.[1],
      type: /type="([^"]+)"/.exec(match[1]!)?.[1],
      formula: match[2]?.replace(/&apos;/g, "'"),
    }));
    expect(rules).toEqual([
      { sqref: "B2:B1000", type: "list", formula: "'CST Lists'!$A$2:$A$12" },
      { sqref: "C2:C1000", type: "list", formula: "'CST Lists'!$B$2:$B$3" },
      { sqref: "E2:E1000", type: "list", formula: "'CST Lists'!$C$2:$C$4" },
    ]);
    const lists = (await load(bytes)).getWorksheet("CST Lists")!;
    expect(ACTIVITIES.map((_, index) => lists.getCell(index + 2, 1).value)).toEqual(ACTIVITIES.map((activity) => activity.label));
    expect([lists.getCell("B1").value, lists.getCell("B2").value, lists.getCell("B3").value]).toEqual(["Format", "In person", "Virtual"]);
    expect([lists.getCell("C2").value, lists.getCell("C3").value, lists.getCell("C4").value]).toEqual(["CST-T", "CST-D", "Mentor"]);
    expect([lists.getCell("D2").value, lists.getCell("D3").value]).toEqual(["current", "2014"]);
  });

  test("reads back as an empty log with no findings", async () => {
    const { log } = await readWorkbookLog(bytes);
    const { report } = await reportLog(log, { asOf: "2024-06-01" });
    expect(report.rows).toEqual([]);
    expect(report.valid).toBe(true);
    expect(report.profile.errors).toEqual([]);
  });
});

const soffice = ["soffice", "libreoffice"].find((command) => {
  try {
    execFileSync("which", [command], { stdio: "ignore" });
    return true;
  } catch {
    return false;
  }
});

(soffice === undefined ? describe.skip : describe)("LibreOffice (headless) opens the workbooks", () => {
  let folder: string;
  beforeAll(() => {
    folder = mkdtempSync(join(tmpdir(), "cst-libreoffice-"));
  });
  afterAll(() => rmSync(folder, { recursive: true, force: true }));

  function resave(name: string, bytes: Uint8Array): Uint8Array {
    const file = join(folder, name);
    writeFileSync(file, bytes);
    execFileSync(
      soffice as string,
      [
        "--headless",
        "--norestore",
        `-env:UserInstallation=file://${join(folder, "profile")}`,
        "--convert-to",
        "xlsx:Calc MS Excel 2007 XML",
        "--outdir",
        join(folder, "resaved"),
        file,
      ],
      { stdio: "ignore", timeout: 120_000 },
    );
    return new Uint8Array(readFileSync(join(folder, "resaved", name)));
  }

  /** Converts every sheet of the workbook to CSV (LibreOffice 7.2+: sheet -1), returning the CSV text by sheet name. */
  function convert(name: string, bytes: Uint8Array, sheets: readonly string[]): Record<string, string> {
    const file = join(folder, name);
    writeFileSync(file, bytes);
    execFileSync(
      soffice as string,
      [
        "--headless",
        "--norestore",
        `-env:UserInstallation=file://${join(folder, "profile")}`,
        "--convert-to",
        "csv:Text - txt - csv (StarCalc):44,34,76,1,,0,false,true,false,false,false,-1",
        "--outdir",
        join(folder, "out"),
        file,
      ],
      { stdio: "ignore", timeout: 120_000 },
    );
    const base = name.replace(/\.xlsx$/, "");
    return Object.fromEntries(sheets.map((sheet) => [sheet, readFileSync(join(folder, "out", `${base}-${sheet}.csv`), "utf8")]));
  }

  test("the template: the Tracking Form's header row and the Profile's labels", () => {
    return buildTemplateWorkbook().then((bytes) => {
      const csv = convert("template.xlsx", bytes, ["Profile", "Tracking Form"]);
      expect(csv["Tracking Form"]?.trim()).toBe(LOG_COLUMNS.join(","));
      expect(csv.Profile?.split(/\r?\n/).slice(0, 6)).toEqual([
        ...PROFILE_FIELDS.map((field) => field.label)
          .slice(0, 4)
          .map((label) => `${label},`),
        "Credits awarded before this log,0",
        "Rule set,current",
      ]);
    });
  });

  test("a submission: the rows intact and the fingerprint in the Submission sheet", async () => {
    const source = parseCsvLog(
      [
        "Date,Activity,Format,Provider,Credential,Quantity,Notes",
        "2024-01-10,treatment,In person,Jane Roe,CST-T,6,",
        '2024-01-11,small-group,Virtual,,,6.5,"group, online"',
        '2024-01-12,one-on-one,virtual,Mo Mentor,Mentor,12,"two\nlines"',
      ].join("\n"),
    );
    const log = { ...source, profileCells: ["Ann Mentee", "ann@example.org"] };
    const prepared = await prepareSubmission(log, { asOf: "2024-06-01" });
    if (!prepared.ok) throw new Error("unexpected findings");
    const csv = convert("submission.xlsx", await buildSubmissionWorkbook(prepared.submission), ["Tracking Form", "Submission"]);
    const converted = parseCsvLog(csv["Tracking Form"] ?? "");
    const canonicalRows = (rows: typeof source.rows) => canonicalForm({ rows, profileCells: [], dateSystem: "1900", ruleSet: "current" });
    expect(canonicalRows(converted.rows)).toBe(canonicalRows(source.rows));
    expect(csv.Submission).toContain(prepared.report.fingerprint);
  });

  test("a submission opened and saved again by LibreOffice still verifies unchanged", async () => {
    const source = parseCsvLog(
      [
        "Date,Activity,Format,Provider,Credential,Quantity,Notes",
        "2024-01-10,treatment,In person,Jane Roe,CST-T,6,",
        '2024-01-11,small-group,Virtual,,,6.5,"group, online"',
        "2024-01-12,one-on-one,virtual,Mo Mentor,Mentor,12,",
      ].join("\n"),
    );
    const prepared = await prepareSubmission({ ...source, profileCells: ["Ann Mentee", "", "2023-05-06"] }, { asOf: "2024-06-01" });
    if (!prepared.ok) throw new Error("unexpected findings");
    const bytes = resave("resaved.xlsx", await buildSubmissionWorkbook(prepared.submission));
    const { log, submissionRows } = await readWorkbookLog(bytes);
    const { report } = await verifyLog(log, { submission: readSubmissionSheet(submissionRows ?? []) });
    expect(report.submission).toBe("unchanged");
    expect(report.summaryMismatches).toEqual([]);
    expect(report.fingerprint).toBe(prepared.report.fingerprint);
  });
});
