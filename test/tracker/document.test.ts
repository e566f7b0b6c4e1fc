/**
 * The web tracker's open and save, without a browser: a file read with the
 * command line's readers fills the in-memory form (profile, rows in their
 * row positions), and the form saved with the command line's writer reads
 * back to the same report as the file it came from; what is not kept is
 * named; what Save would write changes only when the form does.
 */
import { type LogInput, RECORD_COLUMNS, isoDateToExcelSerial, verifyLog } from "../../src/core";
import { strFromU8, unzipSync } from "fflate";
import { MemoryWorkbook } from "../../src/excel/memoryWorkbook";
import {
  NEW_FORM_NAME,
  formContentOf,
  newDocument,
  openDocument,
  openedText,
  saveKey,
  saveName,
  sheetsNotKept,
} from "../../src/tracker/document";
import { buildFormWorkbook } from "../../src/tracker/formWriter";
import { type MessageId, type MessageValues, translator } from "../../src/i18n";
import type { Translate } from "../../src/taskpane/i18n";
import { readLogBytes, readLogFile } from "../../src/workbook/read-file";
import { buildSubmissionWorkbook } from "../../src/workbook/submission";
import { prepareSubmission } from "../../src/core";
import { buildWorkbook, utcDate } from "../workbook/build";

const AS_OF = "2024-12-31";

/** `useT()`'s English, outside React: what opening says. */
const english = translator();
const t: Translate = Object.assign((id: MessageId, values?: MessageValues) => english.t(id, values), {
  list: english.list,
  or: (items: readonly string[]) => new Intl.ListFormat("en-GB", { type: "disjunction" }).format(items),
  locale: "en",
  english: true,
});
const PROFILE: [string, string | number | null][] = [
  ["Mentee name", "Ann Mentee"],
  ["Email", "ann@example.org"],
  ["CST-T certified on", null],
  ["CST-D certified on", null],
  ["Credits already awarded", 0],
  ["Rule set", "current"],
];
const ROWS = [
  [utcDate("2024-03-05"), "treatment", "In person", "Jane Roe", "CST-T", 6, "first"],
  [null, null, null, null, null, null, null],
  [utcDate("2024-03-06"), "small-group", "Virtual", null, null, 6, "+1 session"],
  [utcDate("2024-03-07"), "one-on-one", "Virtual", "Mo Mentor", "Mentor", 12, "=see email"],
];

const bytesOf = (text: string) => new TextEncoder().encode(text);

/** What the form holds saved as the page saves it, read back as the command line reads it. */
async function savedAndRead(workbook: MemoryWorkbook): Promise<LogInput> {
  const bytes = await buildFormWorkbook(formContentOf(await workbook.readForm()));
  return (await readLogBytes("saved.xlsx", bytes)).log;
}

const reportOf = async (log: LogInput) => (await verifyLog(log, { asOf: AS_OF })).report;

describe("open", () => {
  test("a workbook fills the form: profile, and each row in its row position (a blank row stays a gap)", async () => {
    const bytes = await buildWorkbook({ profile: PROFILE, rows: ROWS });
    const document = await openDocument("log.xlsx", bytes, null);
    const { log, hasProfile } = await document.workbook.readForm();
    expect(hasProfile).toBe(true);
    expect(log.profileCells).toEqual(["Ann Mentee", "ann@example.org", "", "", 0, "current", ""]);
    expect(log.rows.filter((row) => row.cells.some((cell) => cell !== "")).map((row) => row.row)).toEqual([2, 4, 5]);
    // Dates as Excel holds them once open: serial numbers of the workbook's date system.
    expect(log.rows[0]?.cells).toEqual([
      isoDateToExcelSerial("2024-03-05", "1900"),
      "treatment",
      "In person",
      "Jane Roe",
      "CST-T",
      6,
      "first",
    ]);
    // Text that looks like a formula stays text.
    expect(log.rows[2]?.cells[6]).toBe("+1 session");
    expect(document.source).toBe("workbook");
    expect(document.logSheet).toBe("Tracking Form");
  });

  test("a table elsewhere keeps its rows' numbers; its sheet is where the log came from, the other sheets are named as not kept", async () => {
    const bytes = await buildWorkbook({
      profile: PROFILE,
      rows: ROWS.slice(0, 1),
      sheet: "Hours",
      ref: "B3",
      extraSheets: ["Budget", "Notes"],
    });
    const document = await openDocument("mine.xlsx", bytes, null);
    const { log } = await document.workbook.readForm();
    expect(log.rows.filter((row) => row.cells[0] !== "").map((row) => row.row)).toEqual([4]);
    expect(document.logSheet).toBe("Hours");
    expect(document.notKept).toEqual(["Budget", "Notes"]);
    const text = openedText(document, 1, t);
    expect(text.opened).toBe("Opened mine.xlsx: 1 activity from the sheet “Hours”.");
    expect(text.notKept).toMatch(
      /^Save writes the tracking form only: the Profile and the log's seven columns\. Not kept: the sheets “Budget” and “Notes”, /,
    );
    expect(text.notKept).toMatch(/mine\.xlsx stays as it is until you save over it\.$/);
  });

  test("a form this page saved reopens without a word about what Save does not keep: it wrote the file itself", async () => {
    const csv = "Date,Activity,Format,Provider,Credential,Quantity,Notes\n2024-01-10,treatment,In person,Jane Roe,CST-T,6,\n";
    const opened = await openDocument("log.csv", bytesOf(csv), null);
    const saved = await buildFormWorkbook(formContentOf(await opened.workbook.readForm()));
    const reopened = await openDocument("log.xlsx", saved, null);
    expect(reopened.formOnly).toBe(true);
    expect(openedText(reopened, 1, t)).toEqual({ opened: "Opened log.xlsx: 1 activity from the sheet “Tracking Form”.", notKept: null });
    // The template is the form alone too; an exported submission is not (Save leaves its Submission sheet out).
    const { buildTemplateWorkbook } = await import("../../src/workbook/template");
    expect((await openDocument("template.xlsx", await buildTemplateWorkbook(), null)).formOnly).toBe(true);
  });

  test("a CSV log opens with the form's default profile; its rows keep their line numbers", async () => {
    const csv =
      "Date,Activity,Format,Provider,Credential,Quantity,Notes\n2024-01-10,treatment,In person,Jane Roe,CST-T,6,\n\n2024-01-12,one-on-one,Virtual,Mo Mentor,Mentor,1.5,\n";
    const document = await openDocument("log.csv", bytesOf(csv), null);
    const { log } = await document.workbook.readForm();
    expect(log.rows.filter((row) => row.cells[0] !== "").map((row) => [row.row, row.cells[0], row.cells[5]])).toEqual([
      [2, isoDateToExcelSerial("2024-01-10", "1900"), 6],
      [4, isoDateToExcelSerial("2024-01-12", "1900"), 1.5],
    ]);
    expect(document.source).toBe("csv");
    expect(document.notKept).toEqual([]);
    expect(openedText(document, 2, t).notKept).toBeNull();
  });

  test("a CSV record with more fields than the header row is refused naming its line: the form cannot hold the extra text", async () => {
    const csv = "Date,Activity,Format,Provider,Credential,Quantity,Notes\n2024-01-10,treatment,In person,Jane Roe,CST-T,6,first, second\n";
    await expect(openDocument("log.csv", bytesOf(csv), null)).rejects.toThrow(
      /^line 2: This line has more fields than the header row: ", second" is left over after its last column\./,
    );
  });

  test("a file that is not a log is refused with the reader's message", async () => {
    await expect(openDocument("notes.txt", bytesOf("hello"), null)).rejects.toThrow(/expected a \.csv log or an \.xlsx tracking form/);
    await expect(openDocument("old.xls", new Uint8Array([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1]), null)).rejects.toThrow(
      /the old \.xls format is not read/,
    );
  });

  test("the reader names every sheet of a workbook and the one its log was read from", async () => {
    const bytes = await buildWorkbook({ rows: ROWS.slice(0, 1), noTable: true, sheet: "Sheet1", extraSheets: ["Cover"] });
    const { sheets } = await readLogFile("plain.xlsx", bytes);
    expect(sheets).toEqual({ names: ["Cover", "Sheet1"], logSheet: "Sheet1", formOnly: false });
    expect((await readLogFile("log.csv", bytesOf("Date,Activity,Format,Provider,Credential,Quantity,Notes\n"))).sheets).toBeNull();
  });

  test("the form's own lists sheet, the Profile and the log's sheet are kept; names match in any case", () => {
    expect(sheetsNotKept(["profile", "Tracking Form", "CST Lists", "Notes", "CST Verification"], "tracking form")).toEqual([
      "Notes",
      "CST Verification",
    ]);
  });
});

describe("save", () => {
  test("a workbook opened and saved reads back to the same report (rows, hours, credits, fingerprint)", async () => {
    const bytes = await buildWorkbook({ profile: PROFILE, rows: ROWS, extraSheets: ["Notes"] });
    const document = await openDocument("log.xlsx", bytes, null);
    const saved = await savedAndRead(document.workbook);
    const original = (await readLogBytes("log.xlsx", bytes)).log;
    expect(await reportOf(saved)).toEqual(await reportOf(original));
    expect((await reportOf(saved)).credits).toBe(1);
  });

  test("a 1904 workbook's dates are the same dates once saved", async () => {
    const bytes = await buildWorkbook({ date1904: true, profile: PROFILE, rows: ROWS });
    const document = await openDocument("mac.xlsx", bytes, null);
    expect((await document.workbook.readForm()).log.dateSystem).toBe("1904");
    expect(await reportOf(await savedAndRead(document.workbook))).toEqual(await reportOf((await readLogBytes("mac.xlsx", bytes)).log));
  });

  test("a CSV log saved as a workbook reads back to the CSV's report", async () => {
    const csv =
      "Date;Activity;Format;Provider;Credential;Quantity;Notes\r\n2024-01-10;treatment;In person;Jane Roe;CST-T;6;\r\n2024-01-11;small-group;Virtual;;;6;\r\n03/04/2024;one-on-one;Virtual;Mo Mentor;Mentor;1,5;ambiguous date\r\n";
    const document = await openDocument("log.csv", bytesOf(csv), null);
    const saved = await savedAndRead(document.workbook);
    const original = (await readLogBytes("log.csv", bytesOf(csv))).log;
    const [fromCsv, fromSaved] = [await reportOf(original), await reportOf(saved)];
    expect(fromSaved.rows).toEqual(fromCsv.rows);
    expect(fromSaved.rows[2]?.errors.map((error) => error.code)).toEqual(["ambiguous-date"]);
    expect(fromSaved.hours).toEqual(fromCsv.hours);
  });

  test("blank cells of a CSV log are saved as no cell, not as empty text (which Excel's ISBLANK and COUNTA count)", async () => {
    const csv = "Date,Activity,Format,Provider,Credential,Quantity,Notes\r\n2024-01-11,small-group,Virtual,,,6,\r\n";
    const document = await openDocument("log.csv", bytesOf(csv), null);
    const bytes = await buildFormWorkbook(formContentOf(await document.workbook.readForm()));
    const strings = strFromU8(unzipSync(bytes)["xl/sharedStrings.xml"] as Uint8Array);
    expect(strings).not.toMatch(/<si><t(?: [^>]*)?(?:\/>|><\/t>)<\/si>/);
    expect(strings).toContain("<si><t>small-group</t></si>");
  });

  test("an exported submission opens as a form: the Submission sheet is named as not kept, and its log saves unchanged", async () => {
    const source = (await readLogBytes("log.xlsx", await buildWorkbook({ profile: PROFILE, rows: ROWS }))).log;
    const prepared = await prepareSubmission(source, { asOf: AS_OF });
    if (!prepared.ok) throw new Error("the test's log should export");
    const document = await openDocument("submission.xlsx", await buildSubmissionWorkbook(prepared.submission), null);
    expect(document.isSubmission).toBe(true);
    expect(document.notKept).toEqual(["Submission"]);
    expect(openedText(document, 3, t).opened).toMatch(/of an exported submission \(to check a submission, use the Coordinator tab\)\.$/);
    expect((await reportOf(await savedAndRead(document.workbook))).fingerprint).toBe((await reportOf(source)).fingerprint);
  });

  test("the name a document saves under", () => {
    expect(saveName({ name: NEW_FORM_NAME, source: "new" })).toBe("CST-tracking-form.xlsx");
    expect(saveName({ name: "Log 2024.xlsx", source: "workbook" })).toBe("Log 2024.xlsx");
    expect(saveName({ name: "Log 2024.XLSM", source: "workbook" })).toBe("Log 2024.xlsx");
    expect(saveName({ name: "hours.csv", source: "csv" })).toBe("hours.xlsx");
  });

  test("Save writes back only over an .xlsx it opened: not over a CSV log nor a macro workbook", async () => {
    const handle = { name: "x", getFile: jest.fn(), createWritable: jest.fn() };
    const xlsx = await buildWorkbook({ profile: PROFILE, rows: ROWS });
    expect((await openDocument("log.xlsx", xlsx, handle)).handle).toBe(handle);
    expect((await openDocument("log.xlsm", xlsx, handle)).handle).toBeNull();
    expect((await openDocument("log.csv", bytesOf("Date,Activity,Format,Provider,Credential,Quantity,Notes\n"), handle)).handle).toBeNull();
  });
});

describe("what Save would write", () => {
  test("changes when a row or the profile changes, not when the status column or the record is written, nor when a change is undone", async () => {
    const document = await newDocument();
    const { workbook } = document;
    const key = async () => saveKey(await workbook.readForm());
    expect(await key()).toBe(document.savedKey);
    await workbook.markRows([]);
    await workbook.writeVerification({ rows: [[...RECORD_COLUMNS]], mode: "append" });
    expect(await key()).toBe(document.savedKey);
    const row = await workbook.appendRow([
      isoDateToExcelSerial("2024-01-10", "1900"),
      "treatment",
      "In person",
      "Jane Roe",
      "CST-T",
      2,
      "",
    ]);
    expect(await key()).not.toBe(document.savedKey);
    await workbook.removeRow(row, (await workbook.readForm()).log.rows.find((each) => each.row === row)!.cells);
    expect(await key()).toBe(document.savedKey);
    await workbook.writeProfile({ name: "Ann Mentee" });
    expect(await key()).not.toBe(document.savedKey);
  });
});
