/**
 * One layout, three writers (issue of the form's one definition): the
 * tracking form as exceljs writes it (the template file), as the add-in
 * inserts it through Office.js (on the model of Excel), and as the preview's
 * memory workbook makes it, each described the same way and compared: sheets
 * and their order, the table, the Text and date formats, the dropdowns and
 * the ranges they take their choices from, widths, frozen rows, page setup.
 */
import JSZip from "jszip";
import { FORM, NUMBER_FORMATS, columnLetter, formLayout } from "../../src/core";
import { MemoryWorkbook } from "../../src/excel/memoryWorkbook";
import { OfficeWorkbook } from "../../src/excel/officeWorkbook";
import { buildTemplateWorkbook } from "../../src/workbook/template";
import { ExcelModel } from "../excel/excelModel";
import { loadWorkbook } from "./build";

interface Described {
  sheets: { name: string; hidden: boolean }[];
  table: { name: string; sheet: string; headers: string[] };
  /** Number format of each cell the form formats, by "Sheet!A2"; the log's table columns at their first data row. */
  formats: Record<string, string>;
  /** The list a dropdown takes its choices from, by "Sheet!B2". */
  lists: Record<string, string>;
  /** Column widths in characters, rounded, by "Sheet!A". */
  widths: Record<string, number>;
  frozen: Record<string, number>;
}

/** The cells whose formats and dropdowns the layout sets: each Profile value, each log column's first data row, each list's cells. */
function layoutCells(): { sheet: string; address: string }[] {
  const cells: { sheet: string; address: string }[] = [];
  for (const sheet of formLayout().sheets) {
    for (const format of sheet.formats) {
      if (format.range.kind === "tableColumn") cells.push({ sheet: sheet.name, address: `${columnLetter(format.range.column)}2` });
      else
        for (let row = format.range.top; row <= format.range.bottom; row++)
          for (let column = format.range.left; column <= format.range.right; column++)
            cells.push({ sheet: sheet.name, address: `${columnLetter(column)}${row}` });
    }
  }
  return cells;
}

async function describeExceljs(): Promise<Described> {
  const bytes = await buildTemplateWorkbook();
  const workbook = await loadWorkbook(bytes);
  const zip = await JSZip.loadAsync(bytes);
  const described: Described = { sheets: [], table: { name: "", sheet: "", headers: [] }, formats: {}, lists: {}, widths: {}, frozen: {} };
  for (const [index, sheet] of workbook.worksheets.entries()) {
    described.sheets.push({ name: sheet.name, hidden: sheet.state !== "visible" });
    const tables = (sheet as unknown as { tables: Record<string, { table: { name: string; columns: { name: string }[] } }> }).tables;
    for (const table of Object.values(tables)) {
      described.table = { name: table.table.name, sheet: sheet.name, headers: table.table.columns.map((column) => column.name) };
    }
    for (const [column, width] of (sheet.columns ?? []).map((each, i) => [i + 1, each.width] as const)) {
      if (width !== undefined) described.widths[`${sheet.name}!${columnLetter(column)}`] = Math.round(width);
    }
    const frozen = (sheet.views ?? []).find((view) => view.state === "frozen") as { ySplit?: number } | undefined;
    described.frozen[sheet.name] = frozen?.ySplit ?? 0;
    // Dropdowns as written in the sheet's XML: one rule per range.
    const xml = await zip.file(`xl/worksheets/sheet${index + 1}.xml`)!.async("string");
    for (const match of xml.matchAll(/<dataValidation ([^>]*)>\s*<formula1>([^<]*)<\/formula1>/g)) {
      const first = /sqref="([A-Z]+\d+)/.exec(match[1]!)?.[1] as string;
      described.lists[`${sheet.name}!${first}`] = `=${match[2]!.replace(/&apos;/g, "'")}`;
    }
  }
  for (const { sheet, address } of layoutCells())
    described.formats[`${sheet}!${address}`] = workbook.getWorksheet(sheet)!.getCell(address).numFmt;
  return described;
}

async function describeOffice(): Promise<Described> {
  const model = new ExcelModel().install();
  try {
    await new OfficeWorkbook().insertForm();
    const table = model.tables[0]!;
    const described: Described = {
      sheets: model.sheets.map((sheet) => ({ name: sheet.name, hidden: sheet.visibility !== "Visible" })),
      table: {
        name: table.name,
        sheet: table.sheet.name,
        headers: FORM.log.map((_, column) => String(table.sheet.value(table.headerRow, column))),
      },
      formats: {},
      lists: {},
      widths: {},
      frozen: Object.fromEntries(model.sheets.map((sheet) => [sheet.name, sheet.frozenRows])),
    };
    for (const sheet of model.sheets) {
      for (const [column, points] of sheet.columnWidths)
        described.widths[`${sheet.name}!${columnLetter(column + 1)}`] = Math.round(points / 7);
      for (const [address, rule] of sheet.validations) {
        described.lists[`${sheet.name}!${address.split(":")[0]}`] = (rule as { list: { source: string } }).list.source;
      }
    }
    for (const { sheet, address } of layoutCells()) {
      const match = /^([A-Z]+)(\d+)$/.exec(address)!;
      const column = [...match[1]!].reduce((sum, letter) => sum * 26 + letter.charCodeAt(0) - 64, 0) - 1;
      described.formats[`${sheet}!${address}`] = model.sheets
        .find((each) => each.name === sheet)!
        .numberFormat(Number(match[2]) - 1, column);
    }
    return described;
  } finally {
    ExcelModel.uninstall();
  }
}

async function describeMemory(): Promise<Described> {
  const workbook = new MemoryWorkbook();
  await workbook.insertForm();
  const snapshot = workbook.getSnapshot();
  const table = snapshot.tables[0]!;
  const described: Described = {
    sheets: snapshot.sheets.map((sheet) => ({ name: sheet.name, hidden: sheet.hidden })),
    table: { name: table.name, sheet: table.sheet, headers: [...table.headers] },
    formats: {},
    lists: {},
    widths: {},
    frozen: Object.fromEntries(snapshot.sheets.map((sheet) => [sheet.name, sheet.frozenRows])),
  };
  for (const sheet of snapshot.sheets) {
    for (const [column, width] of Object.entries(sheet.widths))
      described.widths[`${sheet.name}!${columnLetter(Number(column) + 1)}`] = Math.round(width);
    for (const [key, source] of Object.entries(sheet.validations)) {
      const address = key.includes(",")
        ? `${columnLetter(Number(key.split(",")[1]) + 1)}${key.split(",")[0]}`
        : `${columnLetter(Number(key) + 1)}2`;
      described.lists[`${sheet.name}!${address}`] = source;
    }
  }
  for (const { sheet, address } of layoutCells()) {
    const match = /^([A-Z]+)(\d+)$/.exec(address)!;
    const column = [...match[1]!].reduce((sum, letter) => sum * 26 + letter.charCodeAt(0) - 64, 0) - 1;
    const memorySheet = snapshot.sheets.find((each) => each.name === sheet)!;
    const isTable = sheet === table.sheet && Number(match[2]) > table.headerRow;
    described.formats[`${sheet}!${address}`] =
      (isTable ? memorySheet.columnFormats[column] : memorySheet.cellFormats[`${match[2]},${column}`]) ?? "General";
  }
  return described;
}

describe("one layout, three writers", () => {
  test("exceljs, Office.js and the memory workbook make the same form from the one definition", async () => {
    const [exceljs, office, memory] = await Promise.all([describeExceljs(), describeOffice(), describeMemory()]);
    expect(office).toEqual(exceljs);
    expect(memory).toEqual(exceljs);
  });

  test("the described layout is the definition's: Text on the text columns, dates on Date, every dropdown over the lists sheet", async () => {
    const exceljs = await describeExceljs();
    expect(exceljs.sheets).toEqual([
      { name: "Profile", hidden: false },
      { name: "Tracking Form", hidden: false },
      { name: "CST Lists", hidden: true },
    ]);
    expect(exceljs.table).toEqual({ name: "MentorshipLog", sheet: "Tracking Form", headers: FORM.log.map((column) => column.label) });
    FORM.log.forEach((column, index) =>
      expect(exceljs.formats[`Tracking Form!${columnLetter(index + 1)}2`]).toBe(NUMBER_FORMATS[column.kind]),
    );
    expect(exceljs.formats["Tracking Form!D2"]).toBe("@");
    expect(exceljs.formats["Profile!B1"]).toBe("@");
    expect(exceljs.formats["Profile!B3"]).toBe("yyyy-mm-dd");
    expect(exceljs.lists).toEqual({
      "Tracking Form!B2": "='CST Lists'!$A$2:$A$12",
      "Tracking Form!C2": "='CST Lists'!$B$2:$B$3",
      "Tracking Form!E2": "='CST Lists'!$C$2:$C$4",
      "Profile!B6": "='CST Lists'!$D$2:$D$3",
    });
    expect(exceljs.frozen).toEqual({ Profile: 0, "Tracking Form": 1, "CST Lists": 0 });
  });

  test("the add-in sets the printed page where Excel has ExcelApi 1.9: the log landscape, its header on every page", async () => {
    const model = new ExcelModel().install();
    try {
      await new OfficeWorkbook().insertForm();
      const log = model.sheets.find((sheet) => sheet.name === "Tracking Form")!;
      // "As many pages tall as needed" (0) is no documented Office.js zoom value: the log keeps Excel's own scale.
      expect(log.page).toEqual({
        orientation: "Landscape",
        printGridlines: true,
        centerHorizontally: true,
        printTitleRows: "$1:$1",
        "footer.centerFooter": "&A · page &P of &N",
      });
      expect(model.sheets.find((sheet) => sheet.name === "Profile")!.page).toMatchObject({ orientation: "Portrait" });
      expect(model.tables[0]?.style).toBe("TableStyleMedium2");
    } finally {
      ExcelModel.uninstall();
    }
    const older = new ExcelModel({ apiVersion: "1.8" }).install();
    try {
      await new OfficeWorkbook().insertForm();
      expect(older.sheets.find((sheet) => sheet.name === "Tracking Form")!.page).toEqual({});
    } finally {
      ExcelModel.uninstall();
    }
  });
});
