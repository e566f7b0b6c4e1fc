/**
 * The Office.js workbook against the Excel model (excelModel.ts): text
 * stays text, the add-in writes only in its own places, it hears changes
 * made by any hand, and large logs go in chunks under Excel on the web's
 * 5 MB limit. Every operation's number of syncs is asserted.
 */
import {
  LISTS_SHEET as FORM_LISTS_SHEET,
  LOG_COLUMNS,
  LOG_FIELD_DEFINITIONS,
  LOG_TABLE,
  NUMBER_FORMATS,
  PROFILE_FIELDS,
  isoDateToExcelSerial,
} from "../../src/core";
import { FIRST_CHUNK_ROWS, OfficeWorkbook } from "../../src/excel/officeWorkbook";
import { VERIFICATION_MARK, WorkbookError, type RowMark } from "../../src/excel/workbook";
import { ExcelModel, PAYLOAD_LIMIT, type Scalar } from "./excelModel";

const LOG = "Tracking Form";
// docs/rules.md §5 names the add-in's own places.
const STATUS_HEADER = "CST Status";
const VERIFICATION_SHEET = "CST Verification";
const PROFILE_VALUES: Scalar[] = ["Ada Quint", "ada@example.org", "", "", 0, "current", 0];

afterEach(() => ExcelModel.uninstall());

function logRow(index: number): Scalar[] {
  return [
    isoDateToExcelSerial("2024-01-01", "1900") + (index % 300),
    index % 2 === 0 ? "Treatment received from a CST-T or CST-D" : "1x1 mentorship with a certified mentor",
    "In person",
    `Provider ${index}`,
    index % 2 === 0 ? "CST-T" : "Mentor",
    1.5,
    "",
  ];
}

interface FormOptions {
  readonly date1904?: boolean;
  readonly apiVersion?: string;
  /** The form as the add-in makes it: text columns formatted as Text. Without it, a form made by hand or by an older version: every cell General. */
  readonly formatted?: boolean;
}

/** A workbook holding the form with `count` rows: the table starts at A1 of Tracking Form. */
function formWith(count: number, options: FormOptions = {}): ExcelModel {
  const model = new ExcelModel(options).install();
  model.addSheet(
    "Profile",
    PROFILE_FIELDS.map((field, index) => [field.label, PROFILE_VALUES[index] as Scalar]),
  );
  model.addSheet(LOG, [[...LOG_COLUMNS], ...Array.from({ length: count }, (_, index) => logRow(index))]);
  model.addTable(LOG, `A1:G${Math.max(count, 1) + 1}`, LOG_TABLE);
  if (options.formatted) {
    LOG_FIELD_DEFINITIONS.forEach((field, column) => {
      const letter = String.fromCharCode(65 + column);
      model.setFormat(LOG, `${letter}2:${letter}${Math.max(count, 1) + 1}`, NUMBER_FORMATS[field.kind]);
    });
    PROFILE_FIELDS.forEach((field, index) => model.setFormat("Profile", `B${index + 1}`, NUMBER_FORMATS[field.kind]));
  }
  return model;
}

const workbook = () => new OfficeWorkbook();

/** Cells the syncs after the first `skip` moved: every row read or written once, never cell by cell. */
const cellsMoved = (model: ExcelModel, skip: number) => model.requests.slice(skip).map((record) => record.cells);

describe("reading the form", () => {
  test("reads the table's size with its first rows, then any rest in chunks: 10 rows in 2 syncs", async () => {
    const model = formWith(10);
    const content = await workbook().readForm();
    expect(model.syncs).toBe(2);
    expect(content.log.rows).toHaveLength(10);
    expect(content.log.rows[0]).toEqual({ row: 2, cells: logRow(0) });
    expect(content.log.rows[9]?.row).toBe(11);
    expect(content.log.profileCells).toEqual(PROFILE_VALUES);
    expect(content.hasLog && content.hasProfile).toBe(true);
    expect(content.submissionRows).toBeNull();
  });

  test("a 100,000-row log reads in chunks, every request and response well under 5 MB, one sync per chunk", async () => {
    const model = formWith(100_000);
    const content = await workbook().readForm();
    expect(content.log.rows).toHaveLength(100_000);
    expect(content.log.rows[99_999]).toEqual({ row: 100_001, cells: logRow(99_999) });
    expect(model.largestPayload).toBeLessThan(PAYLOAD_LIMIT / 2);
    const chunks = cellsMoved(model, 2);
    // The second sync read the table's size with its first 2,000 rows; each later sync a block of rows: each cell once.
    expect(chunks.every((cells) => cells > 0 && cells % 7 === 0)).toBe(true);
    expect(chunks.reduce((sum, cells) => sum + cells, 0)).toBe(700_000 - FIRST_CHUNK_ROWS * 7);
    expect(model.syncs).toBe(2 + chunks.length);
    // docs/rules.md §9: 2 syncs plus one per chunk of about 1 MB of the log.
    const megabytes = Math.ceil(JSON.stringify(model.values(LOG, "A1:G100001")).length / 1_000_000);
    expect(model.syncs).toBeLessThanOrEqual(2 + megabytes);
  });

  test("first rows too large for one response (long notes): the size alone, then chunks that fit; every row read once", async () => {
    const model = new ExcelModel().install();
    model.addSheet(
      "Profile",
      PROFILE_FIELDS.map((field, index) => [field.label, PROFILE_VALUES[index] as Scalar]),
    );
    const long = "n".repeat(3_000);
    model.addSheet(LOG, [
      [...LOG_COLUMNS],
      ...Array.from({ length: 2_100 }, (_, index) => [...logRow(index).slice(0, 6), `${index} ${long}`]),
    ]);
    model.addTable(LOG, "A1:G2101", LOG_TABLE);
    const content = await workbook().readForm();
    expect(content.log.rows).toHaveLength(2_100);
    expect(content.log.rows[2_099]?.cells[6]).toBe(`2099 ${long}`);
    // Excel refused the responses over 5 MB: the first rows with the size, then a first chunk of 2,000 rows, halved.
    const refused = model.requests.filter((record) => record.responseBytes > PAYLOAD_LIMIT);
    expect(refused.map((record) => record.cells)).toEqual([14 + 2_000 * 7, 2_000 * 7]);
  });

  test("reads the date system from the workbook's DATE function: 1904", async () => {
    formWith(1, { date1904: true });
    await expect(workbook().readForm()).resolves.toMatchObject({ log: { dateSystem: "1904" } });
  });

  test("falls back to the 1900 date system where ExcelApi 1.2 is missing", async () => {
    formWith(1, { date1904: true, apiVersion: "1.1" });
    await expect(workbook().readForm()).resolves.toMatchObject({ log: { dateSystem: "1900" } });
  });

  test("a workbook without the form reads as empty in 1 sync", async () => {
    const model = new ExcelModel().install();
    model.addSheet("Budget", [["Rent", 1200]]);
    const content = await workbook().readForm();
    expect(model.syncs).toBe(1);
    expect(content).toMatchObject({ hasLog: false, hasProfile: false, log: { rows: [] }, submissionRows: null });
  });

  test("reads the input columns by header, whatever columns follow Notes", async () => {
    const model = formWith(2);
    model.type(LOG, "H1", STATUS_HEADER);
    model.type(LOG, "H3", "OK");
    expect(model.table(LOG_TABLE)?.width).toBe(8);
    const content = await workbook().readForm();
    expect(content.log.rows[1]?.cells).toEqual(logRow(1));
  });

  test("reads a Submission sheet from A1", async () => {
    const model = formWith(1);
    model.addSheet("Submission", [
      ["Mentee", "Ada Quint"],
      ["Credits earned", 0],
    ]);
    const content = await workbook().readForm();
    expect(content.submissionRows).toEqual([
      ["Mentee", "Ada Quint"],
      ["Credits earned", 0],
    ]);
  });
});

describe("text stays text (Range.values reads '+', '-', '=' as the start of a formula)", () => {
  const odd: Scalar[] = [45500, "Beyond the Dura conference", "Virtual", '=HYPERLINK("x","y")', "", 6, "+1 session"];

  test.each([
    ["a form made before, every cell General", false],
    ["a form as the add-in makes it", true],
  ])("appendRow in %s: a note '+1 session' and a provider =HYPERLINK read back as typed", async (_, formatted) => {
    const model = formWith(2, { formatted });
    await workbook().appendRow(odd);
    expect(model.cell(LOG, "D4")).toMatchObject({ value: '=HYPERLINK("x","y")', formula: null });
    expect(model.cell(LOG, "G4")).toMatchObject({ value: "+1 session", formula: null, numberFormat: "@" });
    const content = await workbook().readForm();
    expect(content.log.rows[2]?.cells).toEqual(odd);
  });

  test.each(["=see email", "+1 session", "-2 h, see notes", "@home visit"])(
    "a note %s appended to a form made before reads back as typed (Excel would take it as a formula)",
    async (note) => {
      const model = formWith(1);
      await workbook().appendRow([45500, "Beyond the Dura conference", "Virtual", "", "", 6, note]);
      expect(model.cell(LOG, "G3")).toMatchObject({ value: note, formula: null });
    },
  );

  test("a note that looks like a number stays the text it is", async () => {
    const model = formWith(1);
    await workbook().appendRow([45500, "Beyond the Dura conference", "Virtual", "", "", 6, "007"]);
    expect(model.cell(LOG, "G3").value).toBe("007");
  });

  test("a profile name =1+1 and a note -see email are written as text", async () => {
    const model = formWith(1);
    await workbook().writeProfile({ name: "=1+1" });
    await workbook().writeRow(2, [...logRow(0).slice(0, 6), "-see email"], logRow(0));
    expect(model.cell("Profile", "B1")).toMatchObject({ value: "=1+1", formula: null });
    expect(model.cell(LOG, "G2")).toMatchObject({ value: "-see email", formula: null });
  });
});

describe("appending a row", () => {
  const newRow: Scalar[] = [45500, "Beyond the Dura conference", "Virtual", "", "", 6, "Day 1"];

  test("grows the table below the last row, in 2 syncs", async () => {
    const model = formWith(3);
    await expect(workbook().appendRow(newRow)).resolves.toBe(5);
    expect(model.syncs).toBe(2);
    expect(model.values(LOG, "A5:G5")).toEqual([newRow]);
    expect(model.table(LOG_TABLE)?.rowCount).toBe(4);
  });

  test("fills the first blank row after the last non-empty one, never a filled row", async () => {
    const model = formWith(2);
    model.insertTableRow(LOG_TABLE, 2);
    model.insertTableRow(LOG_TABLE, 3);
    await expect(workbook().appendRow(newRow)).resolves.toBe(4);
    expect(model.values(LOG, "A4:G4")).toEqual([newRow]);
    expect(model.values(LOG, "A2:G2")).toEqual([logRow(0)]);
    expect(model.table(LOG_TABLE)?.rowCount).toBe(4);
  });

  test("a blank-looking row whose cell holds a formula is not free: the table grows instead", async () => {
    const model = formWith(1);
    model.insertTableRow(LOG_TABLE, 1);
    model.typeFormula(LOG, "G3", '=IF(A3="","",A3)', "");
    await expect(workbook().appendRow(newRow)).resolves.toBe(4);
    expect(model.cell(LOG, "G3").formula).toBe('=IF(A3="","",A3)');
  });

  test("refuses to grow the table over a filled cell below it", async () => {
    const model = formWith(2);
    // Put there without growing the table (a totals row the user keeps below the log).
    model.sheet(LOG)?.put(3, 0, "Totals", null);
    await expect(workbook().appendRow(newRow)).rejects.toThrow("Row 4 below the MentorshipLog table is not empty");
    expect(model.cell(LOG, "A4").value).toBe("Totals");
    expect(model.table(LOG_TABLE)?.rowCount).toBe(2);
  });

  test("says to insert the form when there is none", async () => {
    new ExcelModel().install();
    const failure = workbook().appendRow(newRow);
    await expect(failure).rejects.toBeInstanceOf(WorkbookError);
    await expect(failure).rejects.toThrow("Insert tracking form");
  });
});

describe("correcting a row from the pane", () => {
  test("writeRow writes that row's input cells only, in 2 syncs; a computed column's formula survives", async () => {
    const model = formWith(3);
    model.type(LOG, "H1", "Hours");
    model.typeFormula(LOG, "H3", "=CST.CREDITED(B3,F3)", 1.5);
    const corrected = [...logRow(1).slice(0, 5), 2, "corrected"];
    await workbook().writeRow(3, corrected, logRow(1));
    expect(model.syncs).toBe(2);
    expect(model.values(LOG, "A3:G3")).toEqual([corrected]);
    expect(model.cell(LOG, "H3").formula).toBe("=CST.CREDITED(B3,F3)");
    expect(model.values(LOG, "A2:G2")).toEqual([logRow(0)]);
  });

  test("writeRow refuses when the row changed in the sheet since the pane read it", async () => {
    const model = formWith(3);
    model.type(LOG, "F3", "4");
    await expect(workbook().writeRow(3, [...logRow(1).slice(0, 6), "x"], logRow(1))).rejects.toThrow(
      "Row 3 changed in the sheet since the pane read it",
    );
    expect(model.cell(LOG, "G3").value).toBe("");
  });

  test("writeRow refuses to write over a formula, naming the cell", async () => {
    const model = formWith(3);
    model.typeFormula(LOG, "F3", "=2*0.75", 1.5);
    await expect(workbook().writeRow(3, [...logRow(1).slice(0, 5), 2, ""], logRow(1))).rejects.toThrow(
      /Tracking Form!F3 holds a formula \(=2\*0\.75\)/,
    );
    expect(model.cell(LOG, "F3").formula).toBe("=2*0.75");
  });

  test("removeRow deletes that table row in 2 syncs; the rows below move up", async () => {
    const model = formWith(3);
    await workbook().removeRow(3, logRow(1));
    expect(model.syncs).toBe(2);
    expect(model.table(LOG_TABLE)?.rowCount).toBe(2);
    expect(model.values(LOG, "A2:G3")).toEqual([logRow(0), logRow(2)]);
  });

  test("removeRow refuses when the row is no longer the one the pane read (a row was inserted above it)", async () => {
    const model = formWith(3);
    model.insertTableRow(LOG_TABLE, 0);
    await expect(workbook().removeRow(3, logRow(1))).rejects.toThrow("Row 3 changed in the sheet");
    expect(model.table(LOG_TABLE)?.rowCount).toBe(4);
  });
});

describe("the profile is written field by field", () => {
  test("only the changed field is written, in 2 syncs; a formula in another Profile cell survives", async () => {
    const model = formWith(1);
    model.typeFormula("Profile", "B1", "=Settings!A1", "Ada Quint");
    await workbook().writeProfile({ email: "ada@example.net", creditsAwarded: 1 });
    expect(model.syncs).toBe(2);
    expect(model.cell("Profile", "B1")).toMatchObject({ formula: "=Settings!A1", value: "Ada Quint" });
    expect(model.values("Profile", "B1:B6")).toEqual([["Ada Quint"], ["ada@example.net"], [""], [""], [1], ["current"]]);
  });

  test("refuses a field whose cell holds a formula, naming the cell, and writes nothing", async () => {
    const model = formWith(1);
    model.typeFormula("Profile", "B1", "=Settings!A1", "Ada Quint");
    await expect(workbook().writeProfile({ name: "Ben", email: "ben@example.org" })).rejects.toThrow(/Profile!B1 holds a formula/);
    expect(model.cell("Profile", "B2").value).toBe("ada@example.org");
  });

  test("says to insert the form when the Profile sheet is missing", async () => {
    new ExcelModel().install();
    await expect(workbook().writeProfile({ name: "Ben" })).rejects.toThrow("The Profile sheet is not in this workbook");
  });
});

describe("the CST Status column", () => {
  const marks = (count: number, text = (index: number): string => (index === 3 ? "Error: x" : "OK")): RowMark[] =>
    Array.from({ length: count }, (_, index) => ({ row: index + 2, level: "ok" as const, text: text(index) }));

  test("is added after the input columns, headed exactly CST Status, in 2 syncs; input untouched", async () => {
    const model = formWith(10);
    await workbook().markRows(marks(10));
    expect(model.syncs).toBe(2);
    expect(model.cell(LOG, "H1").value).toBe("CST Status");
    expect(model.cell(LOG, "H5").value).toBe("Error: x");
    expect(model.cell(LOG, "H11").value).toBe("OK");
    expect(model.values(LOG, "A6:G6")).toEqual([logRow(4)]);
  });

  test("marking again reuses the column (3 syncs: look, check, write) and clears rows without a mark", async () => {
    const model = formWith(10);
    await workbook().markRows(marks(10));
    const before = model.syncs;
    await workbook().markRows([]);
    expect(model.syncs - before).toBe(3);
    expect(model.table(LOG_TABLE)?.width).toBe(8);
    expect(model.cell(LOG, "H5").value).toBe("");
  });

  test("a user's Status column with =CST.STATUS formulas is left alone; CST Status goes after it", async () => {
    const model = formWith(3);
    model.type(LOG, "H1", "Status");
    model.typeFormula(LOG, "H2", "=CST.STATUS(A2:G2)", "OK");
    await workbook().markRows(marks(3));
    expect(model.cell(LOG, "H2")).toMatchObject({ formula: "=CST.STATUS(A2:G2)", value: "OK" });
    expect(model.cell(LOG, "I1").value).toBe(STATUS_HEADER);
    expect(model.cell(LOG, "I2").value).toBe("OK");
  });

  test("refuses when a CST Status cell holds a formula, naming it, and writes nothing", async () => {
    const model = formWith(3);
    model.type(LOG, "H1", STATUS_HEADER);
    model.typeFormula(LOG, "H3", "=CST.STATUS(A3:G3)", "OK");
    await expect(workbook().markRows(marks(3, () => "Error: y"))).rejects.toThrow(/Tracking Form!H3 holds a formula/);
    expect(model.cell(LOG, "H2").value).toBe("");
    expect(model.cell(LOG, "H3").formula).toBe("=CST.STATUS(A3:G3)");
  });

  test("refuses when a CST Status cell holds a value the add-in did not write, naming it", async () => {
    const model = formWith(3);
    model.type(LOG, "H1", STATUS_HEADER);
    model.type(LOG, "H4", "checked by Jo");
    await expect(workbook().markRows(marks(3))).rejects.toThrow(/Tracking Form!H4 holds "checked by Jo", which the add-in did not write/);
    expect(model.cell(LOG, "H4").value).toBe("checked by Jo");
  });

  test("refuses to add the column over a cell right of the table, naming it", async () => {
    const model = formWith(3);
    model.sheet(LOG)?.put(2, 7, "my own note", null);
    await expect(workbook().markRows([])).rejects.toThrow(/Tracking Form!H3 holds "my own note"/);
    expect(model.cell(LOG, "H3").value).toBe("my own note");
    expect(model.table(LOG_TABLE)?.width).toBe(7);
  });

  test("status text is written as text", async () => {
    const model = formWith(1);
    await workbook().markRows([{ row: 2, level: "error", text: "Error: -5 is not a quantity" }]);
    expect(model.cell(LOG, "H2")).toMatchObject({ value: "Error: -5 is not a quantity", formula: null });
  });

  test("100,000 rows are marked in chunks under 5 MB per request, one sync per chunk to check and one to write", async () => {
    const model = formWith(100_000);
    // Findings as the pane words them: about 90 bytes a row, 9 MB in all.
    const all = marks(
      100_000,
      (index) => `OK, warning: Same date, activity and provider as row ${index + 1}: check it was not entered twice.`,
    );
    await workbook().markRows(all);
    expect(model.cell(LOG, "H100001").value).toBe(
      "OK, warning: Same date, activity and provider as row 100000: check it was not entered twice.",
    );
    expect(model.cell(LOG, "H11").value).toBe("OK, warning: Same date, activity and provider as row 10: check it was not entered twice.");
    expect(model.largestPayload).toBeLessThan(PAYLOAD_LIMIT / 2);
    // A new column: nothing to check; each write sync sends one chunk's number formats and values.
    const writes = cellsMoved(model, 1);
    expect(writes.reduce((sum, cells) => sum + cells, 0)).toBe(200_000);
    expect(model.syncs).toBe(1 + writes.length);

    const before = model.syncs;
    await workbook().markRows(all);
    const again = cellsMoved(model, before + 1);
    // Checking reads values and formulas, writing sends number formats and values: 2 cells' worth per row each.
    expect(again.reduce((sum, cells) => sum + cells, 0)).toBe(400_000);
    expect(model.largestPayload).toBeLessThan(PAYLOAD_LIMIT / 2);
    expect(again.length).toBeLessThanOrEqual(100);
  });
});

describe("the CST Verification sheet", () => {
  const rows = [
    ["Verified at", "2025-01-15T10:00:00.000Z"],
    ["Credits earned", 1],
  ];

  test("is made with its mark in A1 and the rows below, in 2 syncs", async () => {
    const model = formWith(1);
    await workbook().writeVerification({ rows, mode: "replace" });
    expect(model.syncs).toBe(2);
    expect(model.values(VERIFICATION_SHEET, "A1:B3")).toEqual([[VERIFICATION_MARK, ""], ...rows]);
    expect(model.activeSheet).toBe(VERIFICATION_SHEET);
  });

  test("replace writes over the add-in's own rows (3 syncs); append adds below them", async () => {
    const model = formWith(1);
    await workbook().writeVerification({ rows: [...rows, ["Old", "line"]], mode: "replace" });
    const before = model.syncs;
    await workbook().writeVerification({ rows, mode: "replace" });
    expect(model.syncs - before).toBe(3);
    expect(model.values(VERIFICATION_SHEET, "A2:B4")).toEqual([...rows, ["", ""]]);
    await workbook().writeVerification({ rows: [["Next", "record"]], mode: "append" });
    expect(model.values(VERIFICATION_SHEET, "A4:B4")).toEqual([["Next", "record"]]);
  });

  test("refuses a user's sheet named CST Verification, naming it, and leaves it as it is", async () => {
    const model = formWith(1);
    model.addSheet(VERIFICATION_SHEET, [["My checks"], ["row 1", "ok"]]);
    await expect(workbook().writeVerification({ rows, mode: "replace" })).rejects.toThrow(
      /sheet named CST Verification.*not made by the add-in/,
    );
    expect(model.values(VERIFICATION_SHEET, "A1:B2")).toEqual([
      ["My checks", ""],
      ["row 1", "ok"],
    ]);
  });

  test("a user's sheet named Verification is not the add-in's: it stays as it is", async () => {
    const model = formWith(1);
    model.addSheet("Verification", [["Old", "line"]]);
    await workbook().writeVerification({ rows, mode: "replace" });
    expect(model.values("Verification", "A1:B1")).toEqual([["Old", "line"]]);
  });

  test("refuses to replace when a formula was put on the add-in's sheet, naming the cell", async () => {
    const model = formWith(1);
    await workbook().writeVerification({ rows, mode: "replace" });
    model.typeFormula(VERIFICATION_SHEET, "C3", "=B3*2", 2);
    await expect(workbook().writeVerification({ rows, mode: "replace" })).rejects.toThrow(/CST Verification!C3 holds a formula/);
    expect(model.cell(VERIFICATION_SHEET, "C3").formula).toBe("=B3*2");
  });

  test("text is written as text", async () => {
    const model = formWith(1);
    await workbook().writeVerification({ rows: [["Profile errors", "-"]], mode: "replace" });
    expect(model.cell(VERIFICATION_SHEET, "B2")).toMatchObject({ value: "-", formula: null });
  });
});

describe("following the workbook (change events)", () => {
  test("a row typed into the table, a row deleted and a Profile edit each reach the listener; the add-in's own writes do not", async () => {
    const model = formWith(2);
    const heard = jest.fn();
    const stop = workbook().subscribe(heard);
    await model.settle();
    await new Promise((resolve) => setTimeout(resolve, 0));
    model.type(LOG, "A4", "2024-02-01");
    await model.settle();
    expect(heard).toHaveBeenCalledTimes(1);
    model.deleteTableRowByHand(LOG_TABLE, 0);
    model.type("Profile", "B2", "ada@example.net");
    await model.settle();
    expect(heard).toHaveBeenCalledTimes(3);
    await workbook().appendRow([45500, "Beyond the Dura conference", "Virtual", "", "", 6, ""]);
    await workbook().markRows([{ row: 2, level: "ok", text: "OK" }]);
    await model.settle();
    expect(heard).toHaveBeenCalledTimes(3);

    stop();
    await new Promise((resolve) => setTimeout(resolve, 0));
    await model.settle();
    expect(model.handlerCount).toBe(0);
    const calls = heard.mock.calls.length;
    model.type(LOG, "G2", "later");
    await model.settle();
    expect(heard).toHaveBeenCalledTimes(calls);
  });

  test("an edit outside the form (another sheet, beside the table) is not heard; a sheet that makes the form is", async () => {
    const model = formWith(2);
    model.addSheet("Budget", [["Rent", 1200]]);
    const heard = jest.fn();
    workbook().subscribe(heard);
    await new Promise((resolve) => setTimeout(resolve, 0));
    model.type("Budget", "B1", "1300");
    model.type(LOG, "K5", "scratch");
    await model.settle();
    expect(heard).not.toHaveBeenCalled();
    model.addSheet("Scratch");
    await model.settle();
    await new Promise((resolve) => setTimeout(resolve, 0));
    expect(heard).not.toHaveBeenCalled();
    model.addSheet("Submission", [["Mentee", "Ada"]]);
    await model.settle();
    await new Promise((resolve) => setTimeout(resolve, 0));
    expect(heard).toHaveBeenCalledTimes(1);
    model.type("Submission", "B1", "Ada Quint");
    await model.settle();
    expect(heard).toHaveBeenCalledTimes(2);
  });

  test("before ExcelApi 1.14 Excel does not say who wrote: the add-in's own writes are heard as any change", async () => {
    const model = formWith(2, { apiVersion: "1.13" });
    const heard = jest.fn();
    workbook().subscribe(heard);
    await new Promise((resolve) => setTimeout(resolve, 0));
    await workbook().appendRow([45500, "Beyond the Dura conference", "Virtual", "", "", 6, ""]);
    await model.settle();
    expect(heard).toHaveBeenCalled();
  });

  test("registers its handlers in 1 sync", async () => {
    const model = formWith(1);
    workbook().subscribe(() => undefined);
    await new Promise((resolve) => setTimeout(resolve, 0));
    expect(model.syncs).toBe(1);
    expect(model.handlerCount).toBeGreaterThan(0);
  });

  test("a host without ExcelApi 1.9 is not asked for events it lacks: nothing fails, nothing is heard", async () => {
    const model = formWith(1, { apiVersion: "1.8" });
    const heard = jest.fn();
    workbook().subscribe(heard);
    await new Promise((resolve) => setTimeout(resolve, 0));
    model.type(LOG, "G2", "typed");
    await model.settle();
    expect(heard).not.toHaveBeenCalled();
    expect(model.syncs).toBe(0);
  });
});

describe("inserting the form", () => {
  test("adds Profile, Tracking Form and the table with dropdowns, Text and date formats, in 2 syncs, leaving other sheets alone", async () => {
    const model = new ExcelModel().install();
    model.addSheet("Budget", [["Rent", 1200]]);
    await expect(workbook().insertForm()).resolves.toEqual({ inserted: true });
    expect(model.syncs).toBe(2);
    expect(model.values("Budget", "A1:B1")).toEqual([["Rent", 1200]]);
    expect(model.values("Profile", "A1:A7").map((row) => row[0])).toEqual(PROFILE_FIELDS.map((field) => field.label));
    expect(model.values(LOG, "A1:G1")).toEqual([[...LOG_COLUMNS]]);
    expect(model.table(LOG_TABLE)).toMatchObject({ headerRow: 0, width: 7, rowCount: 1 });
    expect(model.cell(LOG, "A2").numberFormat).toBe("yyyy-mm-dd");
    expect(model.cell(LOG, "G2").numberFormat).toBe("@");
    expect(model.cell("Profile", "B1").numberFormat).toBe("@");
    expect(model.cell("Profile", "B6")).toMatchObject({ value: "current", numberFormat: "@" });
    const log = model.sheet(LOG);
    expect(log?.validations.get("B2")).toEqual({ list: { inCellDropDown: true, source: `='${FORM_LISTS_SHEET}'!$A$2:$A$12` } });
    expect(model.sheet(FORM_LISTS_SHEET)?.visibility).toBe("Hidden");
    expect(model.cell(FORM_LISTS_SHEET, "A3").value).toBe("1x1 mentorship with a certified mentor");
    // Documented zoom values only: the Profile fits one page; the log, of any length, keeps Excel's scale.
    expect(model.sheet("Profile")?.page.zoom).toEqual({ horizontalFitToPages: 1, verticalFitToPages: 1 });
    expect(model.sheet(LOG)?.page.zoom).toBeUndefined();
    expect(model.sheet(LOG)?.page.orientation).toBe("Landscape");
  });

  test("does nothing and says so when the form is already there", async () => {
    const model = formWith(2);
    const before = JSON.stringify(model.values(LOG, "A1:H4"));
    const result = await workbook().insertForm();
    expect(result).toMatchObject({
      inserted: false,
      reason: expect.stringContaining("already here (Profile, Tracking Form, MentorshipLog)"),
    });
    expect(JSON.stringify(model.values(LOG, "A1:H4"))).toBe(before);
  });
});

test("goes to a log row in 1 sync: the row of the table is selected on its sheet", async () => {
  const model = formWith(10);
  await workbook().goTo({ kind: "row", row: 7 });
  expect(model.syncs).toBe(1);
  expect(model.activeSheet).toBe(LOG);
  expect(model.selected).toBe("'Tracking Form'!A7:G7");
});

describe("a cell being edited (Excel fails a batch then, unless it asks to wait)", () => {
  test("reading the form waits for the edit to end, then reads what was typed", async () => {
    const model = formWith(2);
    model.startCellEdit();
    const read = workbook().readForm();
    await new Promise((resolve) => setTimeout(resolve, 10));
    model.type(LOG, "G3", "typed note");
    model.endCellEdit();
    const content = await read;
    expect(content.log.rows[1]?.cells[6]).toBe("typed note");
  });

  test("every batch of the workbook asks to wait: read, add, correct, remove, profile, status, verification, go to, events", async () => {
    const model = formWith(3);
    const book = workbook();
    const content = await book.readForm();
    const second = content.log.rows[1]?.cells ?? [];
    await book.appendRow([45500, "Beyond the Dura conference", "Virtual", "", "", 6, ""]);
    await book.writeRow(3, [...second.slice(0, 6), "note"], second);
    await book.removeRow(2, content.log.rows[0]?.cells ?? []);
    await book.writeProfile({ email: "ada@example.net" });
    await book.markRows([{ row: 2, level: "ok", text: "OK" }]);
    await book.writeVerification({ mode: "replace", rows: [["checked"]] });
    await book.readVerification();
    await book.goTo({ kind: "row", row: 2 });
    const stop = book.subscribe(() => undefined);
    await new Promise((resolve) => setTimeout(resolve, 0));
    stop();
    expect(model.runs.length).toBeGreaterThanOrEqual(10);
    expect(model.runs.filter((run) => !run.delayForCellEdit)).toEqual([]);
  });
});

describe.each([20, 2_000])("round trips at %i rows: each action within 2 syncs plus one per chunk of about 1 MB", (count) => {
  /** Syncs an action takes, with the most bytes one of them carried. */
  async function measure(model: ExcelModel, action: () => Promise<unknown>): Promise<{ syncs: number; chunks: number }> {
    const before = model.requests.length;
    await action();
    const records = model.requests.slice(before);
    const bytes = records.reduce((sum, record) => sum + record.requestBytes + record.responseBytes, 0);
    return { syncs: records.length, chunks: Math.max(1, Math.ceil(bytes / 1_000_000)) };
  }

  test("read, add, correct, remove, profile save, status write (first and again)", async () => {
    const model = formWith(count, { formatted: true });
    const book = workbook();
    const content = await book.readForm();
    const first = content.log.rows[0]?.cells ?? [];
    const second = content.log.rows[1]?.cells ?? [];
    const marks = content.log.rows.map((row) => ({ row: row.row, level: "ok" as const, text: "OK" }));
    const measured = {
      read: await measure(model, () => book.readForm()),
      add: await measure(model, () => book.appendRow([45500, "Beyond the Dura conference", "Virtual", "", "", 6, ""])),
      correct: await measure(model, () => book.writeRow(3, [...second.slice(0, 6), "note"], second)),
      remove: await measure(model, () => book.removeRow(2, first)),
      profile: await measure(model, () => book.writeProfile({ email: "ada@example.net" })),
      statusFirst: await measure(model, () => book.markRows(marks)),
      statusAgain: await measure(model, () => book.markRows(marks)),
    };
    // A read and a first status write move the rows once; marking again checks the column and writes it: twice.
    const passes = { read: 1, add: 0, correct: 0, remove: 0, profile: 0, statusFirst: 1, statusAgain: 2 };
    for (const [action, { syncs, chunks }] of Object.entries(measured)) {
      expect(syncs).toBeLessThanOrEqual(2 + passes[action as keyof typeof passes] * chunks);
    }
    expect(Object.fromEntries(Object.entries(measured).map(([action, { syncs }]) => [action, syncs]))).toEqual({
      read: 2,
      add: 2,
      correct: 2,
      remove: 2,
      profile: 2,
      statusFirst: 2,
      statusAgain: 3,
    });
  });
});
