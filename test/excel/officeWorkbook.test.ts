import { LOG_COLUMNS, LOG_TABLE, PROFILE_FIELDS, isoDateToExcelSerial } from "../../src/core";
import { OfficeWorkbook } from "../../src/excel/officeWorkbook";
import { FORM_LISTS_SHEET, STATUS_HEADER, WorkbookError } from "../../src/excel/workbook";
import { type Cell, FakeExcel } from "./fakeExcel";

const globals = globalThis as unknown as { Excel: unknown; Office: unknown };

function install(fake: FakeExcel, apiVersions: readonly string[] = ["1.2", "1.8"]) {
  globals.Excel = fake.mock;
  globals.Office = { context: { requirements: { isSetSupported: (_set: string, version: string) => apiVersions.includes(version) } } };
  return jest.spyOn(fake.requestContext, "sync");
}

afterEach(() => {
  delete (globalThis as Record<string, unknown>).Excel;
  delete (globalThis as Record<string, unknown>).Office;
});

function logRow(index: number): Cell[] {
  return [
    isoDateToExcelSerial("2024-01-01", "1900") + (index % 300),
    index % 2 === 0 ? "Treatment received from a CST-T or CST-D" : "1x1 mentorship with a certified mentor",
    "In person",
    `Provider ${index}`,
    "CST-T",
    1.5,
    "",
  ];
}

/** A workbook holding the form with `count` rows: the table starts at A1 of Tracking Form. */
function formWith(count: number, options: { date1904?: boolean } = {}): FakeExcel {
  const fake = new FakeExcel(options);
  fake.addSheet(
    "Profile",
    PROFILE_FIELDS.map((field, index) => [field.label, ["Ada Quint", "ada@example.org", "", "", 0, "current"][index] as Cell]),
  );
  fake.addSheet("Tracking Form", [[...LOG_COLUMNS], ...Array.from({ length: count }, (_, index) => logRow(index))]);
  fake.addTable(LOG_TABLE, "Tracking Form", 0, LOG_COLUMNS.length, count);
  return fake;
}

describe("reading the form", () => {
  test.each([10, 10_000])("reads %i rows with their worksheet rows in 2 syncs", async (count) => {
    const fake = formWith(count);
    const sync = install(fake);
    const content = await new OfficeWorkbook().readForm();
    expect(sync).toHaveBeenCalledTimes(2);
    expect(content.log.rows).toHaveLength(count);
    expect(content.log.rows[0]).toEqual({ row: 2, cells: logRow(0) });
    expect(content.log.rows[count - 1]?.row).toBe(count + 1);
    expect(content.log.profileCells[0]).toBe("Ada Quint");
    expect(content.hasLog && content.hasProfile).toBe(true);
    expect(content.submissionRows).toBeNull();
  });

  test("reads the date system from the workbook's DATE function: 1904", async () => {
    install(formWith(1, { date1904: true }));
    await expect(new OfficeWorkbook().readForm()).resolves.toMatchObject({ log: { dateSystem: "1904" } });
  });

  test("falls back to the 1900 date system where ExcelApi 1.2 is missing", async () => {
    install(formWith(1, { date1904: true }), []);
    await expect(new OfficeWorkbook().readForm()).resolves.toMatchObject({ log: { dateSystem: "1900" } });
  });

  test("a workbook without the form reads as empty in 1 sync", async () => {
    const fake = new FakeExcel();
    fake.addSheet("Budget", [["Rent", 1200]]);
    const sync = install(fake);
    const content = await new OfficeWorkbook().readForm();
    expect(sync).toHaveBeenCalledTimes(1);
    expect(content).toMatchObject({ hasLog: false, hasProfile: false, log: { rows: [] }, submissionRows: null });
  });

  test("reads the input columns by header, whatever columns follow Notes", async () => {
    const fake = formWith(2);
    const sheet = fake.findSheet("Tracking Form");
    sheet?.cells.forEach((row, index) => row.push(index === 0 ? STATUS_HEADER : "old status"));
    (fake.findTable(LOG_TABLE) as { width: number }).width = 8;
    install(fake);
    const content = await new OfficeWorkbook().readForm();
    expect(content.log.rows[1]?.cells).toEqual(logRow(1));
  });

  test("reads a Submission sheet from A1", async () => {
    const fake = formWith(1);
    fake.addSheet("Submission", [
      ["Mentee", "Ada Quint"],
      ["Credits earned", 0],
    ]);
    install(fake);
    const content = await new OfficeWorkbook().readForm();
    expect(content.submissionRows).toEqual([
      ["Mentee", "Ada Quint"],
      ["Credits earned", 0],
    ]);
  });
});

describe("marking findings", () => {
  test.each([10, 10_000])("writes the Status column for %i rows in 2 syncs, input untouched", async (count) => {
    const fake = formWith(count);
    const sync = install(fake);
    const marks = Array.from({ length: count }, (_, index) => ({
      row: index + 2,
      level: "ok" as const,
      text: index === 3 ? "Error: x" : "OK",
    }));
    await new OfficeWorkbook().markRows(marks);
    expect(sync).toHaveBeenCalledTimes(2);
    expect(fake.cell("Tracking Form", 0, 7)).toBe(STATUS_HEADER);
    expect(fake.cell("Tracking Form", 4, 7)).toBe("Error: x");
    expect(fake.cell("Tracking Form", count, 7)).toBe("OK");
    expect(fake.findSheet("Tracking Form")?.cells[5]?.slice(0, 7)).toEqual(logRow(4));
    // Marking again reuses the column.
    await new OfficeWorkbook().markRows([]);
    expect(fake.findTable(LOG_TABLE)?.width).toBe(8);
    expect(fake.cell("Tracking Form", 4, 7)).toBe("");
  });

  test("refuses to add the Status column over cells right of the table", async () => {
    const fake = formWith(3);
    (fake.findSheet("Tracking Form")?.cells[2] as Cell[])[7] = "my own note";
    install(fake);
    await expect(new OfficeWorkbook().markRows([])).rejects.toThrow(/column right of the MentorshipLog table is not empty/);
    expect(fake.cell("Tracking Form", 2, 7)).toBe("my own note");
  });
});

describe("appending a row", () => {
  const newRow: Cell[] = [45500, "Beyond the Dura conference", "Virtual", "", "", 6, "Day 1"];

  test("grows the table below the last row, in 2 syncs", async () => {
    const fake = formWith(3);
    const sync = install(fake);
    await expect(new OfficeWorkbook().appendRow(newRow)).resolves.toBe(5);
    expect(sync).toHaveBeenCalledTimes(2);
    expect(fake.findSheet("Tracking Form")?.cells[4]).toEqual(newRow);
    expect(fake.findTable(LOG_TABLE)?.rowCount).toBe(4);
  });

  test("fills the first blank row after the last non-empty one, never a filled row", async () => {
    const fake = formWith(2);
    const sheet = fake.findSheet("Tracking Form");
    sheet?.cells.push(["", "", "", "", "", "", ""], ["", "", "", "", "", "", ""]);
    (fake.findTable(LOG_TABLE) as { rowCount: number }).rowCount = 4;
    install(fake);
    await expect(new OfficeWorkbook().appendRow(newRow)).resolves.toBe(4);
    expect(sheet?.cells[3]).toEqual(newRow);
    expect(sheet?.cells[1]).toEqual(logRow(0));
    expect(fake.findTable(LOG_TABLE)?.rowCount).toBe(4);
  });

  test("refuses to grow the table over a filled cell below it", async () => {
    const fake = formWith(2);
    fake.findSheet("Tracking Form")?.cells.push(["Totals", "", "", "", "", 3]);
    install(fake);
    await expect(new OfficeWorkbook().appendRow(newRow)).rejects.toThrow("Row 4 below the MentorshipLog table is not empty");
    expect(fake.cell("Tracking Form", 3, 0)).toBe("Totals");
  });

  test("says to insert the form when there is none", async () => {
    install(new FakeExcel());
    const failure = new OfficeWorkbook().appendRow(newRow);
    await expect(failure).rejects.toBeInstanceOf(WorkbookError);
    await expect(failure).rejects.toThrow("Insert tracking form");
  });
});

describe("inserting the form", () => {
  test("adds Profile, Tracking Form and the table with dropdowns and date format, leaving other sheets alone", async () => {
    const fake = new FakeExcel();
    fake.addSheet("Budget", [["Rent", 1200]]);
    const sync = install(fake);
    await expect(new OfficeWorkbook().insertForm()).resolves.toEqual({ inserted: true });
    expect(sync).toHaveBeenCalledTimes(2);
    expect(fake.findSheet("Budget")?.cells).toEqual([["Rent", 1200]]);
    expect(fake.findSheet("Profile")?.cells.map((row) => row[0])).toEqual(PROFILE_FIELDS.map((field) => field.label));
    expect(fake.findSheet("Tracking Form")?.cells[0]).toEqual([...LOG_COLUMNS]);
    const table = fake.findTable(LOG_TABLE);
    expect(table).toMatchObject({ sheet: "Tracking Form", headerRow: 0, width: 7, rowCount: 1 });
    const log = fake.findSheet("Tracking Form");
    expect(log?.numberFormats.get("1,0,1,0")).toBe("yyyy-mm-dd");
    expect(log?.validations.get("1,1,1,1")).toEqual({ list: { inCellDropDown: true, source: `='${FORM_LISTS_SHEET}'!$A$2:$A$12` } });
    expect(log?.validations.get("1,2,1,2")).toEqual({ list: { inCellDropDown: true, source: `='${FORM_LISTS_SHEET}'!$B$2:$B$3` } });
    expect(fake.findSheet(FORM_LISTS_SHEET)?.visibility).toBe("Hidden");
    expect(fake.findSheet(FORM_LISTS_SHEET)?.cells[2]?.[0]).toBe("1x1 mentorship with a certified mentor");
  });

  test("does nothing and says so when the form is already there", async () => {
    const fake = formWith(2);
    const before = JSON.stringify(fake.sheets);
    install(fake);
    const result = await new OfficeWorkbook().insertForm();
    expect(result).toEqual({ inserted: false, reason: expect.stringContaining("already here (Profile, Tracking Form, MentorshipLog)") });
    expect(JSON.stringify(fake.sheets)).toBe(before);
  });
});

test("writes the profile values into B1:B6 only", async () => {
  const fake = formWith(1);
  install(fake);
  await new OfficeWorkbook().writeProfile(["Ben Okoro", "ben@example.org", 45000, "", 1, "2014"]);
  expect(fake.findSheet("Profile")?.cells.map((row) => row[1])).toEqual(["Ben Okoro", "ben@example.org", 45000, "", 1, "2014"]);
  expect(fake.findSheet("Profile")?.cells[0]?.[0]).toBe("Mentee name");
});

test("goes to a log row: the row of the table is selected on its sheet", async () => {
  const fake = formWith(10);
  const sync = install(fake);
  await new OfficeWorkbook().goTo({ kind: "row", row: 7 });
  expect(sync).toHaveBeenCalledTimes(1);
  expect(fake.active).toBe("Tracking Form");
  expect(fake.selected).toBe("Tracking Form!R7C1:R7C7");
});

test("writes the Verification sheet, replacing what an earlier check wrote", async () => {
  const fake = formWith(1);
  fake.addSheet("Verification", [
    ["Old", "line"],
    ["Another", "line"],
  ]);
  install(fake);
  await new OfficeWorkbook().writeVerification([["Credits earned", 1]]);
  expect(fake.findSheet("Verification")?.cells).toEqual([["Credits earned", 1]]);
});
