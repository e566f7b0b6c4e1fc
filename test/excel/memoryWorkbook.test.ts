/**
 * The in-memory workbook of the preview and the tests follows Excel's rules
 * as the Office.js workbook meets them (see excelModel.ts): text typed into
 * a General cell is read as Excel reads it, the add-in's writes keep text as
 * text, and the add-in writes only in its own places.
 */
import { LOG_SHEET, PROFILE_FIELDS, PROFILE_SHEET, isoDateToExcelSerial } from "../../src/core";
import { MemoryWorkbook } from "../../src/excel/memoryWorkbook";
import { enteredValue } from "../../src/excel/memorySheets";
import { VERIFICATION_MARK } from "../../src/excel/workbook";

const serial = (iso: string) => isoDateToExcelSerial(iso, "1900");
const row = (date: string, notes = ""): (string | number)[] => [
  serial(date),
  "Treatment received from a CST-T or CST-D",
  "In person",
  "Ilse Brandvold",
  "CST-D",
  2,
  notes,
];

async function form(rows: (string | number)[][] = []): Promise<MemoryWorkbook> {
  const workbook = new MemoryWorkbook();
  await workbook.insertForm();
  await workbook.writeProfile(
    Object.fromEntries(PROFILE_FIELDS.map((field, index) => [field.key, ["Ada Quint", "ada@example.org", "", "", 0, "current"][index]])),
  );
  for (const each of rows) await workbook.appendRow(each);
  return workbook;
}

const cellsOf = (workbook: MemoryWorkbook, sheet: string) => workbook.getSnapshot().sheets.find((each) => each.name === sheet)?.cells ?? [];

describe("what a person types is read as Excel reads it", () => {
  test.each([
    ["+1 session", { formula: "=+1 session" }],
    ["=1+1", { formula: "=1+1" }],
    ["@SUM(A1)", { formula: "=SUM(A1)" }],
    ["-see email", { formula: "=-see email" }],
    ["-5", -5],
    ["007", 7],
    ["2024-05-02", serial("2024-05-02")],
    ["TRUE", true],
    ["a note", "a note"],
  ])("%s in a General cell holds %j", (typed, held) => {
    expect(enteredValue(typed, "General", "1900")).toEqual(held);
  });

  test("a cell formatted as Text keeps what is typed", () => {
    expect(enteredValue("+1 session", "@", "1900")).toBe("+1 session");
    expect(enteredValue("007", "@", "1900")).toBe("007");
  });

  test("typing into the form's Notes column (Text) keeps text; into a column of a form made before, it becomes a formula", async () => {
    const workbook = await form([row("2024-01-10")]);
    workbook.setCell(LOG_SHEET, 2, 6, "+1 session");
    expect(workbook.cell(LOG_SHEET, 2, 6)).toBe("+1 session");
    const before = new MemoryWorkbook({ sheets: [{ name: "Notes", cells: [["x"]] }] });
    before.setCell("Notes", 2, 0, "=see email");
    expect(before.cell("Notes", 2, 0)).toEqual({ formula: "=see email" });
  });

  test("typing in the row right below the table makes it grow, and the row is read", async () => {
    const workbook = await form([row("2024-01-10")]);
    workbook.setCell(LOG_SHEET, 3, 0, "2024-01-11");
    const content = await workbook.readForm();
    expect(content.log.rows.map((each) => each.row)).toEqual([2, 3]);
    expect(content.log.rows[1]?.cells[0]).toBe(serial("2024-01-11"));
  });
});

describe("the add-in's writes keep text as text, even in cells formatted General", () => {
  test("appendRow, writeRow, writeProfile and the verification sheet", async () => {
    const made = await form();
    await made.appendRow([serial("2024-01-10"), "Beyond the Dura conference", "Virtual", '=HYPERLINK("x","y")', "", 6, "+1 session"]);
    expect(made.cell(LOG_SHEET, 2, 3)).toBe('=HYPERLINK("x","y")');
    expect(made.cell(LOG_SHEET, 2, 6)).toBe("+1 session");
    await made.writeProfile({ name: "=1+1" });
    expect(made.cell(PROFILE_SHEET, 1, 1)).toBe("=1+1");
    await made.writeVerification({ rows: [["Profile errors", "-"]], mode: "replace" });
    expect(made.cell("CST Verification", 2, 1)).toBe("-");
  });
});

describe("the add-in writes only in its own places", () => {
  test("the CST Status column goes after the input columns; a user's Status formulas are left alone", async () => {
    const workbook = await form([row("2024-01-10"), row("2024-01-11")]);
    workbook.setCell(LOG_SHEET, 1, 7, "Status");
    workbook.setCell(LOG_SHEET, 2, 7, "=CST.STATUS(A2:G2)");
    await workbook.markRows([{ row: 2, level: "ok", text: "OK" }]);
    expect(cellsOf(workbook, LOG_SHEET).map((cells) => cells.slice(7, 9))).toEqual([
      ["Status", "CST Status"],
      [{ formula: "=CST.STATUS(A2:G2)" }, "OK"],
      ["", ""],
    ]);
  });

  test("marking refuses a formula or a user's value in the CST Status column, naming the cell", async () => {
    const workbook = await form([row("2024-01-10"), row("2024-01-11")]);
    await workbook.markRows([]);
    workbook.setCell(LOG_SHEET, 3, 7, "=1+1");
    await expect(workbook.markRows([])).rejects.toThrow(/Tracking Form!H3 holds a formula \(=1\+1\)/);
    workbook.setCell(LOG_SHEET, 3, 7, "checked by Jo");
    await expect(workbook.markRows([])).rejects.toThrow(/Tracking Form!H3 holds "checked by Jo"/);
  });

  test("a user's CST Verification sheet is refused, naming it; the add-in's own is replaced or appended to", async () => {
    const users = new MemoryWorkbook({ sheets: [{ name: "CST Verification", cells: [["My checks"]] }] });
    await expect(users.writeVerification({ rows: [["a", 1]], mode: "replace" })).rejects.toThrow(/sheet named CST Verification/);
    expect(users.cell("CST Verification", 1, 0)).toBe("My checks");

    const workbook = await form();
    await workbook.writeVerification({
      rows: [
        ["a", 1],
        ["b", 2],
      ],
      mode: "replace",
    });
    await workbook.writeVerification({ rows: [["c", 3]], mode: "replace" });
    await workbook.writeVerification({ rows: [["d", 4]], mode: "append" });
    expect(cellsOf(workbook, "CST Verification")).toEqual([[VERIFICATION_MARK], ["c", 3], ["d", 4]]);
  });

  test("the profile is written field by field, refusing a field whose cell holds a formula", async () => {
    // A Profile sheet made before its values were formatted as Text: a formula typed into it stays a formula.
    const workbook = new MemoryWorkbook({
      sheets: [
        {
          name: PROFILE_SHEET,
          cells: PROFILE_FIELDS.map((field, index) => [field.label, ["", "ada@example.org", "", "", 0, "current"][index]]),
        },
      ],
    });
    workbook.setCell(PROFILE_SHEET, 1, 1, "=Settings!A1");
    await workbook.writeProfile({ email: "ada@example.net" });
    expect(workbook.cell(PROFILE_SHEET, 1, 1)).toEqual({ formula: "=Settings!A1" });
    expect(workbook.cell(PROFILE_SHEET, 2, 1)).toBe("ada@example.net");
    await expect(workbook.writeProfile({ name: "Ben" })).rejects.toThrow(/Profile!B1 holds a formula/);
  });

  test("writeRow and removeRow refuse a row that changed since it was read; removeRow moves the rows below up", async () => {
    const workbook = await form([row("2024-01-10"), row("2024-01-11"), row("2024-01-12")]);
    await expect(workbook.writeRow(3, row("2024-01-11", "x"), row("2024-01-12"))).rejects.toThrow("Row 3 changed in the sheet");
    await workbook.writeRow(3, row("2024-01-11", "checked"), row("2024-01-11"));
    expect(workbook.cell(LOG_SHEET, 3, 6)).toBe("checked");
    await workbook.removeRow(3, row("2024-01-11", "checked"));
    const content = await workbook.readForm();
    expect(content.log.rows.map((each) => each.cells[0])).toEqual([serial("2024-01-10"), serial("2024-01-12")]);
  });

  test("listeners hear cell changes; the selection moving is for the sheet view only", async () => {
    const workbook = await form([row("2024-01-10")]);
    const heard = jest.fn();
    const watched = jest.fn();
    workbook.subscribe(heard);
    workbook.watch(watched);
    await workbook.goTo({ kind: "row", row: 2 });
    expect(heard).not.toHaveBeenCalled();
    expect(watched).toHaveBeenCalledTimes(1);
    workbook.deleteTableRow(2);
    expect(heard).toHaveBeenCalledTimes(1);
  });
});

describe("the sheet view's snapshot", () => {
  test("keeps the values it was taken with while the workbook changes, and shares the rows a change did not touch", async () => {
    const workbook = await form([row("2024-01-05", "first"), row("2024-01-06", "second")]);
    const before = workbook.getSnapshot();
    expect(workbook.getSnapshot()).toBe(before);
    const logBefore = before.sheets.find((sheet) => sheet.name === LOG_SHEET)!;
    const seen = JSON.stringify(logBefore.cells);
    workbook.setCell(LOG_SHEET, 2, 6, "changed");
    await workbook.appendRow(row("2024-01-07", "third"));
    // What the old snapshot showed is what it still shows.
    expect(JSON.stringify(logBefore.cells)).toBe(seen);
    const after = workbook.getSnapshot();
    expect(after).not.toBe(before);
    const logAfter = after.sheets.find((sheet) => sheet.name === LOG_SHEET)!;
    expect(logAfter.cells[1]?.[6]).toBe("changed");
    expect(logAfter.cells.length).toBe(logBefore.cells.length + 1);
    // The header row and the second entry were not written: the new snapshot holds the very same arrays.
    expect(logAfter.cells[0]).toBe(logBefore.cells[0]);
    expect(logAfter.cells[2]).toBe(logBefore.cells[2]);
    expect(logAfter.cells[1]).not.toBe(logBefore.cells[1]);
  });
});
