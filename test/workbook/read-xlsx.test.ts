import { execFileSync } from "node:child_process";
import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import ExcelJS from "exceljs";
import { reportLog } from "../../src/core";
import { readWorkbookLog } from "../../src/workbook/read-xlsx";
import { resolveTarget } from "../../src/workbook/ooxml";
import { buildWorkbook, utcDate, withAbsoluteTargets, loadWorkbook, refusal } from "./build";

const PROFILE: [string, ExcelJS.CellValue][] = [
  ["Mentee name", "Ann Mentee"],
  ["Email", "ann@example.org"],
  ["CST-T certified on", utcDate("2020-02-03")],
  ["CST-D certified on", null],
  ["Credits already awarded", 1],
  ["Rule set", "current"],
];

describe("the MentorshipLog table", () => {
  test("is found on any sheet at any position; row numbers are worksheet rows", async () => {
    const bytes = await buildWorkbook({
      extraSheets: ["Notes", "Summary"],
      sheet: "My log",
      ref: "C3",
      profile: PROFILE,
      rows: [
        [utcDate("2024-01-10"), "treatment", "In person", "Jane Roe", "CST-T", 6, "first"],
        [utcDate("2024-01-11"), "one-on-one", "Virtual", "Mo", "Mentor", 2.5, null],
      ],
    });
    const { log, submissionRows } = await readWorkbookLog(bytes);
    expect(log.rows).toEqual([
      { row: 4, cells: [{ isoDate: "2024-01-10" }, "treatment", "In person", "Jane Roe", "CST-T", 6, "first"] },
      { row: 5, cells: [{ isoDate: "2024-01-11" }, "one-on-one", "Virtual", "Mo", "Mentor", 2.5, null] },
    ]);
    expect(log.dateSystem).toBe("1900");
    expect(submissionRows).toBeNull();
  });

  test("formula cells give their cached result, rich text and links their text, errors their error", async () => {
    const bytes = await buildWorkbook({
      rows: [
        [
          { formula: "DATE(2024,1,10)", result: utcDate("2024-01-10") } as ExcelJS.CellValue,
          { richText: [{ text: "treat" }, { text: "ment", font: { bold: true } }] },
          "In person",
          { text: "Jane Roe", hyperlink: "mailto:jane@example.org" },
          "CST-T",
          { formula: "2*3", result: 6 } as ExcelJS.CellValue,
          { error: "#N/A" } as ExcelJS.CellValue,
        ],
      ],
    });
    const { log } = await readWorkbookLog(bytes);
    expect(log.rows[0]?.cells).toEqual([
      { isoDate: "2024-01-10" },
      "treatment",
      "In person",
      "Jane Roe",
      "CST-T",
      6,
      { excelError: "#N/A" },
    ]);
  });

  test("a date with a time of day is that calendar date", async () => {
    const bytes = await buildWorkbook({ rows: [[new Date("2024-03-15T23:30:00.000Z"), "treatment", "In person", "J", "CST-T", 1, null]] });
    expect((await readWorkbookLog(bytes)).log.rows[0]?.cells[0]).toEqual({ isoDate: "2024-03-15" });
  });

  test("a totals row is not a log row", async () => {
    const workbook = new ExcelJS.Workbook();
    workbook.addWorksheet("Tracking Form").addTable({
      name: "MentorshipLog",
      ref: "A1",
      headerRow: true,
      totalsRow: true,
      columns: ["Date", "Activity", "Format", "Provider", "Credential", "Quantity", "Notes"].map((name) => ({ name })),
      rows: [[utcDate("2024-01-10"), "treatment", "In person", "J", "CST-T", 1, null]],
    });
    const bytes = new Uint8Array((await workbook.xlsx.writeBuffer()) as ArrayBuffer);
    expect((await readWorkbookLog(bytes)).log.rows.map((row) => row.row)).toEqual([2]);
  });

  test("without the table, a Tracking Form sheet whose first row has the headers is read", async () => {
    const bytes = await buildWorkbook({ noTable: true, rows: [["2024-01-10", "treatment", "In person", "J", "CST-T", "2", null]] });
    const { log } = await readWorkbookLog(bytes);
    expect(log.rows).toEqual([{ row: 2, cells: ["2024-01-10", "treatment", "In person", "J", "CST-T", "2", null] }]);
  });

  test("without the table or a Tracking Form sheet, another sheet whose first row has the headers is read (a CSV saved as a workbook)", async () => {
    const bytes = await buildWorkbook({
      sheet: "log-2024",
      noTable: true,
      rows: [["2024-01-10", "treatment", "In person", "J", "CST-T", 2, null]],
    });
    expect((await readWorkbookLog(bytes)).log.rows).toEqual([
      { row: 2, cells: ["2024-01-10", "treatment", "In person", "J", "CST-T", 2, null] },
    ]);
  });

  test("a workbook with neither is refused naming what is missing", async () => {
    const workbook = new ExcelJS.Workbook();
    workbook.addWorksheet("Tracking Form").getCell("A1").value = "Date";
    workbook.addWorksheet("Other").getCell("A1").value = "Something else";
    const bytes = new Uint8Array((await workbook.xlsx.writeBuffer()) as ArrayBuffer);
    expect(await refusal(bytes)).toMatch(
      /no MentorshipLog table and no sheet \("Tracking Form" or another\) whose first row has the headers Date, Activity, Format, Provider, Credential, Quantity, Notes/,
    );
  });

  test("a table of another name is not the log", async () => {
    const bytes = await buildWorkbook({ tableName: "Expenses", sheet: "Costs", ref: "B3", rows: [] });
    expect(await refusal(bytes)).toMatch(/no MentorshipLog table/);
  });
});

describe("the Profile sheet", () => {
  test("values are found by their labels, in any order and case", async () => {
    const shuffled: [string, ExcelJS.CellValue][] = [
      ["RULE SET", "2014"],
      ["Email", "ann@example.org"],
      ["Mentee name", "Ann Mentee"],
      ["Credits already awarded", 2],
      ["CST-D certified on", "2021-05-06"],
      ["CST-T certified on", utcDate("2020-02-03")],
    ];
    const { log } = await readWorkbookLog(await buildWorkbook({ profile: shuffled, rows: [] }));
    // "Credits already awarded" is the old label of Credits awarded before this log; a form without row 7 has no W (blank: 0).
    expect(log.profileCells).toEqual(["Ann Mentee", "ann@example.org", { isoDate: "2020-02-03" }, "2021-05-06", 2, "2014", null]);
  });

  test("without labels, the values are read from B1:B7 (a form without row 7: W blank); without the sheet, the profile is blank", async () => {
    const unlabelled = PROFILE.map(([, value]) => ["", value] as [string, ExcelJS.CellValue]);
    expect((await readWorkbookLog(await buildWorkbook({ profile: unlabelled, rows: [] }))).log.profileCells).toEqual([
      "Ann Mentee",
      "ann@example.org",
      { isoDate: "2020-02-03" },
      null,
      1,
      "current",
      null,
    ]);
    expect((await readWorkbookLog(await buildWorkbook({ rows: [] }))).log.profileCells).toEqual(["", "", "", "", "", "", ""]);
  });
});

describe("date systems", () => {
  const rows: ExcelJS.CellValue[][] = [[utcDate("2024-02-29"), "treatment", "In person", "J", "CST-T", 1, null]];

  test("1900 and 1904 workbooks give the same calendar dates", async () => {
    const in1900 = await readWorkbookLog(await buildWorkbook({ profile: PROFILE, rows }));
    const in1904 = await readWorkbookLog(await buildWorkbook({ date1904: true, profile: PROFILE, rows }));
    expect(in1904.log.dateSystem).toBe("1904");
    expect(in1904.log.rows).toEqual(in1900.log.rows);
    expect(in1904.log.profileCells).toEqual(in1900.log.profileCells);
    const asOf = "2024-06-01";
    const [a, b] = await Promise.all([reportLog(in1900.log, { asOf }), reportLog(in1904.log, { asOf })]);
    expect(b.report).toEqual(a.report);
  });

  test("a bare serial number in a 1904 workbook is read in the 1904 system", async () => {
    // 43_699 in the 1904 system is 2023-08-23 (45_161 in the 1900 system).
    const { log } = await readWorkbookLog(
      await buildWorkbook({ date1904: true, rows: [[43_699, "treatment", "In person", "J", "CST-T", 1, null]] }),
    );
    expect(log.rows[0]?.cells[0]).toBe(43_699);
    const { report } = await reportLog(log, { asOf: "2024-01-01" });
    expect(report.rows[0]?.errors).toEqual([]);
    const { assessment } = await reportLog(log, { asOf: "2024-01-01" });
    expect(assessment.rows.at(0).date).toBe("2023-08-23");
  });

  test("Excel's dates before 1900-03-01 and its fictitious 1900-02-29 are read as Excel shows them", async () => {
    const workbook = new ExcelJS.Workbook();
    const sheet = workbook.addWorksheet("Tracking Form");
    ["Date", "Activity", "Format", "Provider", "Credential", "Quantity", "Notes"].forEach(
      (header, index) => (sheet.getCell(1, index + 1).value = header),
    );
    [59, 60, 61].forEach((serial, index) => {
      const cell = sheet.getCell(index + 2, 1);
      cell.value = serial;
      cell.numFmt = "yyyy-mm-dd";
    });
    const { log } = await readWorkbookLog(new Uint8Array((await workbook.xlsx.writeBuffer()) as ArrayBuffer));
    expect(log.rows.map((row) => row.cells[0])).toEqual([{ isoDate: "1900-02-28" }, 60, { isoDate: "1900-03-01" }]);
  });
});

describe("workbooks from other tools", () => {
  test("absolute relationship targets (as openpyxl writes them) are read", async () => {
    const bytes = await withAbsoluteTargets(
      await buildWorkbook({ profile: PROFILE, rows: [[utcDate("2024-01-10"), "treatment", "In person", "J", "CST-T", 6, null]] }),
    );
    // exceljs alone cannot load such a file: the test would prove nothing otherwise.
    await expect(loadWorkbook(bytes)).rejects.toThrow();
    const { log } = await readWorkbookLog(bytes);
    expect(log.rows).toEqual([{ row: 2, cells: [{ isoDate: "2024-01-10" }, "treatment", "In person", "J", "CST-T", 6, null] }]);
    expect(log.profileCells[0]).toBe("Ann Mentee");
  });

  test("relationship targets are resolved from the part's folder, or from the root when absolute", () => {
    expect(resolveTarget("xl/worksheets/sheet1.xml", "../tables/table1.xml")).toBe("xl/tables/table1.xml");
    expect(resolveTarget("xl/worksheets/sheet1.xml", "/xl/tables/table1.xml")).toBe("xl/tables/table1.xml");
    expect(resolveTarget("xl/workbook.xml", "worksheets/sheet2.xml")).toBe("xl/worksheets/sheet2.xml");
    expect(resolveTarget("", "xl/workbook.xml")).toBe("xl/workbook.xml");
  });

  test("a workbook from exceljs's streaming writer, whose zip entries end with data descriptors", async () => {
    const folder = mkdtempSync(join(tmpdir(), "cst-stream-"));
    try {
      const file = join(folder, "streamed.xlsx");
      const writer = new ExcelJS.stream.xlsx.WorkbookWriter({ filename: file, useSharedStrings: true, useStyles: true });
      const sheet = writer.addWorksheet("Tracking Form");
      sheet.addRow(["Date", "Activity", "Format", "Provider", "Credential", "Quantity", "Notes"]).commit();
      sheet.addRow([utcDate("2024-01-10"), "treatment", "In person", "Jane Roe", "CST-T", 6, "streamed"]).commit();
      sheet.commit();
      await writer.commit();
      const bytes = new Uint8Array(readFileSync(file));
      // The case this test is for: bit 3 of a local header's flags (sizes follow the data).
      const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
      let descriptors = 0;
      for (let offset = 0; offset < bytes.length - 8; offset++)
        if (view.getUint32(offset, true) === 0x04034b50 && (view.getUint16(offset + 6, true) & 8) !== 0) descriptors++;
      expect(descriptors).toBeGreaterThan(0);
      const { log } = await readWorkbookLog(bytes);
      expect(log.rows).toEqual([
        { row: 2, cells: [{ isoDate: "2024-01-10" }, "treatment", "In person", "Jane Roe", "CST-T", 6, "streamed"] },
      ]);
    } finally {
      rmSync(folder, { recursive: true, force: true });
    }
  });

  // Debian's python3-openpyxl lives in the system Python, which another Python on the PATH may hide.
  const python = ["python3", "/usr/bin/python3"].find((candidate) => {
    try {
      execFileSync(candidate, ["-c", "import openpyxl"], { stdio: "ignore" });
      return true;
    } catch {
      return false;
    }
  });
  const hasOpenpyxl = python !== undefined;

  (hasOpenpyxl ? test : test.skip)("a workbook written by openpyxl (python3-openpyxl)", async () => {
    const folder = mkdtempSync(join(tmpdir(), "cst-openpyxl-"));
    try {
      const file = join(folder, "openpyxl.xlsx");
      const script = `
import datetime, sys
from openpyxl import Workbook
from openpyxl.worksheet.table import Table
wb = Workbook()
profile = wb.active
profile.title = "Profile"
for label, value in [("Mentee name", "Ann Mentee"), ("Email", "ann@example.org"), ("CST-T certified on", datetime.date(2020, 2, 3)),
                     ("CST-D certified on", None), ("Credits already awarded", 0), ("Rule set", "current")]:
    profile.append([label, value])
log = wb.create_sheet("Tracking Form")
log.append(["Date", "Activity", "Format", "Provider", "Credential", "Quantity", "Notes"])
log.append([datetime.datetime(2024, 1, 10, 18, 30), "treatment", "In person", "Jane Roe", "CST-T", 6, "note"])
log.append([datetime.date(2024, 1, 11), "one-on-one", "Virtual", "Mo", "Mentor", 2.5, None])
log.add_table(Table(displayName="MentorshipLog", ref="A1:G3"))
wb.save(sys.argv[1])
`;
      execFileSync(python as string, ["-c", script, file]);
      const JSZip = (await import("jszip")).default;
      const zip = await JSZip.loadAsync(readFileSync(file));
      const rels = await zip.file("xl/worksheets/_rels/sheet2.xml.rels")?.async("string");
      // The case this test is for: openpyxl's absolute table target.
      expect(rels).toContain('Target="/xl/tables/table1.xml"');
      const { log } = await readWorkbookLog(new Uint8Array(readFileSync(file)));
      expect(log.rows).toEqual([
        { row: 2, cells: [{ isoDate: "2024-01-10" }, "treatment", "In person", "Jane Roe", "CST-T", 6, "note"] },
        { row: 3, cells: [{ isoDate: "2024-01-11" }, "one-on-one", "Virtual", "Mo", "Mentor", 2.5, null] },
      ]);
      expect(log.profileCells.slice(0, 3)).toEqual(["Ann Mentee", "ann@example.org", { isoDate: "2020-02-03" }]);
    } finally {
      rmSync(folder, { recursive: true, force: true });
    }
  });
});

describe("unreadable files", () => {
  test("bytes that are not a zip", async () => {
    expect(await refusal(new TextEncoder().encode("Date,Activity\n"))).toMatch(/zip container is damaged/);
  });

  test("a zip that is not a workbook", async () => {
    const JSZip = (await import("jszip")).default;
    const zip = new JSZip();
    zip.file("hello.txt", "hi");
    expect(await refusal(await zip.generateAsync({ type: "uint8array" }))).toMatch(/a zip file but not an Excel workbook/);
  });
});
