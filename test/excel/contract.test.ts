/**
 * One contract, two workbooks: every behaviour of `TrackingWorkbook` (src/excel/workbook.ts) asked of the
 * Office.js adapter, on the Excel model, and of the in-memory twin the preview and the web tracker run on.
 * A person's hands are each workbook's own (typing in Excel; `setCell` in the twin); what the add-in reads,
 * writes and refuses, and the words of each refusal, must be the same on both: a difference here is a
 * difference users see between Excel and the web tracker.
 */
import {
  type CellValue,
  LOG_COLUMNS,
  LOG_SHEET,
  LOG_TABLE,
  PROFILE_FIELDS,
  PROFILE_SHEET,
  isoDateToExcelSerial,
  rowStatusText,
} from "../../src/core";
import { MemoryWorkbook } from "../../src/excel/memoryWorkbook";
import { OfficeWorkbook } from "../../src/excel/officeWorkbook";
import { type TrackingWorkbook, VERIFICATION_MARK, WorkbookError } from "../../src/excel/workbook";
import { ExcelModel, type Scalar } from "./excelModel";

/** What a person does to a workbook, and what they see in its cells (addresses in A1 style). */
interface Hands {
  type(sheet: string, address: string, text: string): void;
  /** A formula, with the result Excel shows for it (the twin keeps formulas without results). */
  typeFormula(sheet: string, address: string, formula: string, result: Scalar): void;
  value(sheet: string, address: string): CellValue;
}

interface Opened {
  readonly workbook: TrackingWorkbook;
  readonly hands: Hands;
}

interface Subject {
  readonly name: string;
  /** A workbook holding `sheets` (a person's own), without the form. */
  open(sheets?: readonly { readonly name: string; readonly rows: readonly (readonly Scalar[])[] }[]): Opened;
}

/** "H3" as row 3 (from 1) and column 7 (from 0). */
function parse(address: string): { row: number; column: number } {
  const match = /^([A-Z]+)(\d+)$/.exec(address);
  if (match === null) throw new Error(`Not an address: ${address}`);
  const column = [...(match[1] as string)].reduce((sum, letter) => sum * 26 + letter.charCodeAt(0) - 64, 0) - 1;
  return { row: Number(match[2]), column };
}

const SUBJECTS: readonly Subject[] = [
  {
    name: "the Office.js adapter on the Excel model",
    open(sheets = []) {
      const model = new ExcelModel().install();
      for (const sheet of sheets) model.addSheet(sheet.name, sheet.rows);
      return {
        workbook: new OfficeWorkbook(),
        hands: {
          type: (sheet, address, text) => model.type(sheet, address, text),
          typeFormula: (sheet, address, formula, result) => model.typeFormula(sheet, address, formula, result),
          value: (sheet, address) => model.cell(sheet, address).value,
        },
      };
    },
  },
  {
    name: "the in-memory twin",
    open(sheets = []) {
      const workbook = new MemoryWorkbook({ sheets: sheets.map((sheet) => ({ name: sheet.name, cells: sheet.rows })) });
      return {
        workbook,
        hands: {
          type: (sheet, address, text) => {
            const { row, column } = parse(address);
            workbook.setCell(sheet, row, column, text);
          },
          typeFormula: (sheet, address, formula) => {
            const { row, column } = parse(address);
            workbook.setCell(sheet, row, column, { formula });
          },
          value: (sheet, address) => {
            const { row, column } = parse(address);
            return workbook.cell(sheet, row, column) ?? "";
          },
        },
      };
    },
  },
];

afterEach(() => ExcelModel.uninstall());

const serial = (iso: string) => isoDateToExcelSerial(iso, "1900");
const TREATMENT = "Treatment received from a CST-T or CST-D";
const MENTORSHIP = "1x1 mentorship with a certified mentor";
const first: CellValue[] = [serial("2024-03-01"), TREATMENT, "In person", "Ilse Brandvold", "CST-D", 1.5, ""];
const second: CellValue[] = [serial("2024-03-08"), MENTORSHIP, "Virtual", "Tomasz Reyes", "Mentor", 2, "case review"];

/** What the add-in reads of the log: each row's number and its seven input cells (blank rows left out). */
async function logOf(workbook: TrackingWorkbook): Promise<{ row: number; cells: readonly CellValue[] }[]> {
  const content = await workbook.readForm();
  return content.log.rows
    .filter((row) => row.cells.some((cell) => cell !== "" && cell !== null && cell !== undefined))
    .map(({ row, cells }) => ({ row, cells: [...cells] }));
}

/** The refusal's words, which the pane shows as they are. */
async function refusal(action: Promise<unknown>): Promise<string> {
  const error: unknown = await action.then(
    () => null,
    (thrown: unknown) => thrown,
  );
  expect(error).toBeInstanceOf(WorkbookError);
  return (error as WorkbookError).message;
}

async function withForm(subject: Subject, rows: readonly CellValue[][] = []): Promise<Opened> {
  const opened = subject.open();
  await opened.workbook.insertForm();
  for (const row of rows) await opened.workbook.appendRow(row);
  return opened;
}

describe.each(SUBJECTS)("$name", (subject) => {
  describe("the form", () => {
    test("a workbook without the form reads as having none", async () => {
      const { workbook } = subject.open();
      const content = await workbook.readForm();
      expect({ hasLog: content.hasLog, hasProfile: content.hasProfile, rows: content.log.rows.length }).toEqual({
        hasLog: false,
        hasProfile: false,
        rows: 0,
      });
    });

    test("inserting it makes the Profile with its defaults and an empty log; inserting again changes nothing and says why", async () => {
      const { workbook } = subject.open();
      expect(await workbook.insertForm()).toEqual({ inserted: true });
      const content = await workbook.readForm();
      expect(content.hasLog && content.hasProfile).toBe(true);
      expect(content.log.profileCells).toEqual(PROFILE_FIELDS.map((field) => field.defaultValue));
      expect(await logOf(workbook)).toEqual([]);
      expect(await workbook.insertForm()).toEqual({
        inserted: false,
        reason: "The tracking form is already here (Profile, Tracking Form, CST Lists, MentorshipLog): nothing was changed.",
        words: { id: "excel.formAlreadyHere", values: { places: "Profile, Tracking Form, CST Lists, MentorshipLog" } },
      });
    });

    test("a person's own sheet named like the form's stops the insert, naming it", async () => {
      const { workbook } = subject.open([{ name: "Profile", rows: [["My own profile"]] }]);
      expect(await workbook.insertForm()).toMatchObject({ inserted: false, reason: expect.stringContaining("(Profile)") });
    });
  });

  describe("reading the log", () => {
    test("rows typed by a person are read in the form's order, text as Excel reads it", async () => {
      const { workbook, hands } = await withForm(subject);
      ["2024-03-01", TREATMENT, "In person", "Ilse Brandvold", "CST-D", "1.5"].forEach((text, column) =>
        hands.type(LOG_SHEET, `${String.fromCharCode(65 + column)}2`, text),
      );
      expect(await logOf(workbook)).toEqual([{ row: 2, cells: first }]);
    });

    test("the input columns are found by header, whatever their order in the table", async () => {
      const { workbook, hands } = await withForm(subject, [first]);
      // The person swaps the Provider and Credential columns, headers and values.
      hands.type(LOG_SHEET, "D1", "Credential");
      hands.type(LOG_SHEET, "E1", "Provider");
      hands.type(LOG_SHEET, "D2", "CST-D");
      hands.type(LOG_SHEET, "E2", "Ilse Brandvold");
      expect(await logOf(workbook)).toEqual([{ row: 2, cells: first }]);
    });

    test("a table missing an input column is refused, naming the column", async () => {
      const { workbook, hands } = await withForm(subject, [first]);
      hands.type(LOG_SHEET, "C1", "Mode");
      expect(await refusal(workbook.readForm())).toBe(
        `The ${LOG_TABLE} table has no Format column: give its columns the headers ${LOG_COLUMNS.join(", ")}.`,
      );
    });
  });

  describe("adding, correcting and removing rows", () => {
    test("a row goes below the last one, and text stays the text it is", async () => {
      const { workbook } = await withForm(subject);
      expect(await workbook.appendRow(first)).toBe(2);
      const textual = [serial("2024-03-09"), TREATMENT, "In person", "007", "CST-D", 1, "=not a formula"];
      expect(await workbook.appendRow(textual)).toBe(3);
      expect(await logOf(workbook)).toEqual([
        { row: 2, cells: first },
        { row: 3, cells: textual },
      ]);
    });

    test("a row typed below the table grows it, and the next row goes below that", async () => {
      const { workbook, hands } = await withForm(subject, [first]);
      hands.type(LOG_SHEET, "A3", "2024-03-02");
      expect(await workbook.appendRow(second)).toBe(4);
      expect((await logOf(workbook)).map((row) => row.row)).toEqual([2, 3, 4]);
    });

    test("a row is corrected where it is; a row changed since it was read is not written", async () => {
      const { workbook, hands } = await withForm(subject, [first, second]);
      const corrected = [...second.slice(0, 5), 3, "case review"];
      await workbook.writeRow(3, corrected, second);
      expect((await logOf(workbook))[1]).toEqual({ row: 3, cells: corrected });
      hands.type(LOG_SHEET, "F2", "4");
      expect(await refusal(workbook.writeRow(2, [...first.slice(0, 5), 2, ""], first))).toBe(
        "Row 2 changed in the sheet since the pane read it: nothing was written. Check the row and try again.",
      );
    });

    test("a correction never writes over a formula, naming the cell", async () => {
      const { workbook, hands } = await withForm(subject, [first]);
      hands.typeFormula(LOG_SHEET, "F2", "=1+0.5", 1.5);
      const read = (await logOf(workbook))[0]?.cells ?? [];
      const message = await refusal(workbook.writeRow(2, [...read.slice(0, 5), 2, ""], read));
      expect(message).toBe(
        "Tracking Form!F2 holds a formula (=1+0.5): the add-in never writes over a formula. Change it in the sheet, or clear it first.",
      );
    });

    test("removing a row moves the rows below it up", async () => {
      const { workbook } = await withForm(subject, [first, second]);
      await workbook.removeRow(2, first);
      expect(await logOf(workbook)).toEqual([{ row: 2, cells: second }]);
    });
  });

  describe("the Profile", () => {
    test("only the fields given are written, and read back as written", async () => {
      const { workbook } = await withForm(subject);
      await workbook.writeProfile({ name: "Ada Quint", creditsAwarded: 2 });
      const cells = (await workbook.readForm()).log.profileCells;
      expect(cells[0]).toBe("Ada Quint");
      expect(cells[4]).toBe(2);
      expect(cells[1]).toBe("");
    });

    test("a field whose cell holds a formula is refused, naming the cell", async () => {
      const { workbook, hands } = await withForm(subject);
      hands.typeFormula(PROFILE_SHEET, "B2", '="ada@"&"example.org"', "ada@example.org");
      expect(await refusal(workbook.writeProfile({ email: "ada@example.com" }))).toBe(
        'Profile!B2 holds a formula (="ada@"&"example.org"): the add-in never writes over a formula. Change it in the sheet, or clear it first.',
      );
    });

    test("a row a person labelled as their own is not written over", async () => {
      const { workbook, hands } = await withForm(subject);
      hands.type(PROFILE_SHEET, "A1", "Favourite colour");
      expect(await refusal(workbook.writeProfile({ name: "Ada Quint" }))).toBe(
        'Profile!A1 is labelled "Favourite colour", not "Mentee name": the add-in does not write over your own row. Move it, then try again.',
      );
    });
  });

  describe("the add-in's own places", () => {
    test("row marks go in a CST Status column after Notes, and are replaced by the next marks", async () => {
      const { workbook, hands } = await withForm(subject, [first, second]);
      const warned = rowStatusText({ hours: 2000, errors: [], warnings: [{ message: "Check the quantity." }] });
      await workbook.markRows([{ row: 2, level: "ok", text: "OK" }]);
      expect([hands.value(LOG_SHEET, "H1"), hands.value(LOG_SHEET, "H2"), hands.value(LOG_SHEET, "H3")]).toEqual(["CST Status", "OK", ""]);
      await workbook.markRows([{ row: 3, level: "warning", text: warned }]);
      expect([hands.value(LOG_SHEET, "H2"), hands.value(LOG_SHEET, "H3")]).toEqual(["", warned]);
      expect(await logOf(workbook)).toEqual([
        { row: 2, cells: first },
        { row: 3, cells: second },
      ]);
    });

    test("a person's value where the CST Status column would go is refused, naming the cell", async () => {
      const { workbook, hands } = await withForm(subject, [first]);
      hands.type(LOG_SHEET, "H2", "my note");
      expect(await refusal(workbook.markRows([]))).toBe(
        'Tracking Form!H2 holds "my note", which the add-in did not write: it writes the CST Status column only over its own values. Move or clear that cell.',
      );
    });

    test("a CST Status column among the input columns is refused, naming its header", async () => {
      const { workbook, hands } = await withForm(subject, [first]);
      hands.type(LOG_SHEET, "G1", "CST Status");
      hands.type(LOG_SHEET, "H1", "Notes");
      expect(await refusal(workbook.markRows([]))).toBe(
        "The CST Status column (Tracking Form!G1) is among the log's input columns: move it after Notes, where the add-in writes it.",
      );
    });

    test("the verification sheet is the add-in's own: made with its mark, replaced or appended to, read back", async () => {
      const { workbook, hands } = await withForm(subject);
      await workbook.writeVerification({ rows: [["a.xlsx", "READY TO AWARD"]], mode: "replace" });
      await workbook.writeVerification({ rows: [["b.xlsx", "NEEDS CORRECTION"]], mode: "append" });
      expect(hands.value("CST Verification", "A1")).toBe(VERIFICATION_MARK);
      expect(await workbook.readVerification()).toEqual([
        ["a.xlsx", "READY TO AWARD"],
        ["b.xlsx", "NEEDS CORRECTION"],
      ]);
      await workbook.writeVerification({ rows: [["c.xlsx", "READY TO AWARD"]], mode: "replace" });
      expect(await workbook.readVerification()).toEqual([["c.xlsx", "READY TO AWARD"]]);
    });

    test("a person's own sheet named CST Verification is never written, and reads as none", async () => {
      const { workbook } = subject.open([{ name: "CST Verification", rows: [["My notes"], ["keep me"]] }]);
      await workbook.insertForm();
      expect(await refusal(workbook.writeVerification({ rows: [["a.xlsx"]], mode: "replace" }))).toBe(
        "A sheet named CST Verification is already in this workbook, not made by the add-in (its A1 lacks the add-in's mark): rename that sheet, and the add-in will make its own.",
      );
      expect(await workbook.readVerification()).toEqual([]);
    });
  });

  describe("following the workbook", () => {
    test("the revision moves with a person's edit and the add-in's own row writes, not with its status marks", async () => {
      const { workbook, hands } = await withForm(subject, [first]);
      const stop = workbook.subscribe(() => undefined);
      await new Promise((resolve) => setTimeout(resolve, 0));
      const read = async () => (await workbook.readForm()).revision;
      const start = await read();
      expect(await read()).toBe(start);
      await workbook.markRows([{ row: 2, level: "ok", text: "OK" }]);
      await new Promise((resolve) => setTimeout(resolve, 0));
      expect(await read()).toBe(start);
      hands.type(LOG_SHEET, "F2", "2");
      await new Promise((resolve) => setTimeout(resolve, 0));
      const typed = await read();
      expect(typed).not.toBe(start);
      await workbook.appendRow(second);
      expect(await read()).not.toBe(typed);
      stop();
    });

    test("a person's edit of the log or the Profile is heard; after stopping, nothing is", async () => {
      const { workbook, hands } = await withForm(subject, [first]);
      let heard = 0;
      const stop = workbook.subscribe(() => heard++);
      // The adapter registers its handlers in a batch of its own: let it run.
      await new Promise((resolve) => setTimeout(resolve, 0));
      hands.type(LOG_SHEET, "F2", "2");
      await new Promise((resolve) => setTimeout(resolve, 0));
      expect(heard).toBeGreaterThan(0);
      const afterLog = heard;
      hands.type(PROFILE_SHEET, "B1", "Ada Quint");
      await new Promise((resolve) => setTimeout(resolve, 0));
      expect(heard).toBeGreaterThan(afterLog);
      stop();
      await new Promise((resolve) => setTimeout(resolve, 0));
      const stopped = heard;
      hands.type(LOG_SHEET, "F2", "3");
      await new Promise((resolve) => setTimeout(resolve, 0));
      expect(heard).toBe(stopped);
    });
  });
});
