/**
 * Excel's refusals in the pane's language (docs/rules.md §11): every refusal of the workbooks
 * (src/excel) carries words of the catalogs that, formatted in English, are its message exactly (what the
 * contract suite compares across both workbooks); in another language they are that language's, quoting
 * the cells, sheets, tables and columns the message names as the workbook names them. The refusals are
 * driven through the in-memory workbook, as a person's edits would bring them about; Excel's own failures
 * through the Office.js batch runner.
 */
import { type CellValue, LOG_SHEET, PROFILE_SHEET, isoDateToExcelSerial } from "../../src/core";
import { MemoryWorkbook } from "../../src/excel/memoryWorkbook";
import { run } from "../../src/excel/officeBatch";
import { WorkbookError } from "../../src/excel/workbook";
import { ENGLISH, findingText, formatFindingWords, loadMessages, translator } from "../../src/i18n";
import { NoLogError } from "../../src/taskpane/verifyWorkbook";
import { messageOf } from "../../src/taskpane/useTracker";

const first: CellValue[] = [
  isoDateToExcelSerial("2024-03-01", "1900"),
  "Treatment received from a CST-T or CST-D",
  "In person",
  "Ilse Brandvold",
  "CST-D",
  1.5,
  "",
];

/** The refusal an action ends in; the test fails if it succeeds, or fails otherwise. */
async function refused(action: () => unknown): Promise<WorkbookError> {
  try {
    await action();
  } catch (error) {
    if (error instanceof WorkbookError) return error;
    throw error;
  }
  throw new Error("expected the workbook to refuse");
}

/** A workbook with the form and `rows` in its log. */
async function withForm(rows: readonly CellValue[][] = []): Promise<MemoryWorkbook> {
  const workbook = new MemoryWorkbook();
  await workbook.insertForm();
  for (const row of rows) await workbook.appendRow(row);
  return workbook;
}

/** Office.js's `Excel.run`, failing as Excel does with `code`. */
function excelFailing(code: string): void {
  Object.assign(globalThis, { Excel: { run: () => Promise.reject(Object.assign(new Error(`Excel said ${code}`), { code })) } });
}

const refusals: { readonly name: string; readonly error: { readonly message: string; readonly words: WorkbookError["words"] } }[] = [];

beforeAll(async () => {
  const cases: [string, () => Promise<WorkbookError>][] = [
    ["a row added without the form", async () => refused(() => new MemoryWorkbook().appendRow(first))],
    ["a Profile field written without the form", async () => refused(() => new MemoryWorkbook().writeProfile({ name: "Ada Quint" }))],
    ["a cell typed in a sheet that is not there", async () => refused(() => new MemoryWorkbook().setCell("Nowhere", 1, 0, "x"))],
    [
      "a table missing an input column",
      async () => {
        const workbook = await withForm([first]);
        workbook.setCell(LOG_SHEET, 1, 2, "Mode");
        return refused(() => workbook.readForm());
      },
    ],
    [
      "a CST Status column among the input columns",
      async () => {
        const workbook = await withForm([first]);
        workbook.setCell(LOG_SHEET, 1, 6, "CST Status");
        workbook.setCell(LOG_SHEET, 1, 7, "Notes");
        return refused(() => workbook.markRows([]));
      },
    ],
    [
      "a person's value where the CST Status column would go",
      async () => {
        const workbook = await withForm([first]);
        workbook.setCell(LOG_SHEET, 2, 7, "my note");
        return refused(() => workbook.markRows([]));
      },
    ],
    [
      "a person's value in the CST Status column",
      async () => {
        const workbook = await withForm([first]);
        await workbook.markRows([{ row: 2, level: "ok", text: "OK" }]);
        workbook.setCell(LOG_SHEET, 2, 7, "my note");
        return refused(() => workbook.markRows([]));
      },
    ],
    [
      "a formula in the CST Status column",
      async () => {
        const workbook = await withForm([first]);
        await workbook.markRows([{ row: 2, level: "ok", text: "OK" }]);
        workbook.setCell(LOG_SHEET, 2, 7, { formula: "=1+1" });
        return refused(() => workbook.markRows([]));
      },
    ],
    [
      "a person's own CST Verification sheet",
      async () => {
        const workbook = new MemoryWorkbook({ sheets: [{ name: "CST Verification", cells: [["My notes"]] }] });
        return refused(() => workbook.writeVerification({ rows: [["a.xlsx"]], mode: "replace" }));
      },
    ],
    [
      "a formula on the CST Verification sheet",
      async () => {
        const workbook = await withForm();
        await workbook.writeVerification({ rows: [["a.xlsx"]], mode: "replace" });
        workbook.setCell("CST Verification", 3, 1, { formula: "=NOW()" });
        return refused(() => workbook.writeVerification({ rows: [["b.xlsx"]], mode: "replace" }));
      },
    ],
    [
      "a row changed since it was read",
      async () => {
        const workbook = await withForm([first]);
        workbook.setCell(LOG_SHEET, 2, 5, "4");
        return refused(() => workbook.writeRow(2, [...first.slice(0, 5), 2, ""], first));
      },
    ],
    [
      "a row no longer in the table",
      async () => {
        const workbook = await withForm([first]);
        return refused(() => workbook.removeRow(9, first));
      },
    ],
    [
      "a correction over a formula",
      async () => {
        const workbook = await withForm([first]);
        workbook.setCell(LOG_SHEET, 2, 5, { formula: "=1+0.5" });
        const read = (await workbook.readForm()).log.rows[0]?.cells ?? [];
        return refused(() => workbook.writeRow(2, [...read.slice(0, 5), 2, ""], read));
      },
    ],
    [
      "a full table above a row that is not empty",
      async () => {
        const workbook = await withForm([first]);
        workbook.setCell(LOG_SHEET, 3, 7, "in the way");
        workbook.setCell(LOG_SHEET, 1, 7, "Extra");
        return refused(() => workbook.appendRow(first));
      },
    ],
    [
      "a Profile field over a formula",
      async () => {
        const workbook = await withForm();
        workbook.setCell(PROFILE_SHEET, 2, 1, { formula: '="ada@"&"example.org"' });
        return refused(() => workbook.writeProfile({ email: "ada@example.com" }));
      },
    ],
    [
      "a Profile row a person labelled as their own",
      async () => {
        const workbook = await withForm();
        workbook.setCell(PROFILE_SHEET, 1, 0, "Favourite colour");
        return refused(() => workbook.writeProfile({ name: "Ada Quint" }));
      },
    ],
    ["Excel's batch finding no form", async () => (excelFailing("ItemNotFound"), refused(() => run(async () => undefined)))],
    ["Excel's batch failing", async () => (excelFailing("GeneralException"), refused(() => run(async () => undefined)))],
    ["a workbook without a log to verify", async () => new NoLogError()],
  ];
  for (const [name, make] of cases) {
    try {
      refusals.push({ name, error: await make() });
    } catch (error) {
      throw new Error(`${name}: ${String(error)}`);
    }
  }
  // Not a refusal, but the pane says it the same way: the form is already there.
  const again = await (await withForm()).insertForm();
  if (again.inserted) throw new Error("expected the form not to be inserted twice");
  refusals.push({ name: "the form inserted twice", error: { message: again.reason, words: again.words } });
});

afterAll(() => {
  delete (globalThis as { Excel?: unknown }).Excel;
});

const english = translator();

test("every refusal of the workbook, its words formatted in English, is its message exactly", () => {
  expect(refusals.length).toBe(20);
  for (const { name, error } of refusals) expect({ name, text: formatFindingWords(english, error) }).toEqual({ name, text: error.message });
});

test("every message of the workbook's refusals is made by some refusal", () => {
  const made = new Set(refusals.map(({ error }) => error.words.id));
  const catalog = Object.keys(ENGLISH).filter((id) => id.startsWith("excel."));
  expect(catalog.filter((id) => !made.has(id as never))).toEqual([]);
});

test("the words stay out of what writes the error: its keys and JSON are what they were", () => {
  const { error } = refusals.find(({ name }) => name === "a row changed since it was read")!;
  expect(Object.keys(error)).toEqual(["name"]);
  expect(JSON.parse(JSON.stringify(error))).toEqual({ name: "WorkbookError" });
});

test.each(["es", "pt-BR", "de", "fr", "ja"])(
  "in %s every refusal is worded in that language, naming what English names as the workbook names it",
  async (language) => {
    const wording = translator(language, await loadMessages(language));
    for (const { name, error } of refusals) {
      const worded = findingText(wording, error);
      expect({ name, same: worded === error.message }).toEqual({ name, same: false });
      for (const value of Object.values(error.words.values ?? {})) {
        expect({ name, worded, names: worded.includes(String(value)) }).toMatchObject({ name, names: true });
      }
    }
  },
);

test("the pane shows a refusal in its language, and another failure as something that went wrong", async () => {
  const german = translator("de", await loadMessages("de"));
  const t = Object.assign(german.t, { list: () => "", or: () => "", locale: "de", english: false });
  const { error } = refusals.find(({ name }) => name === "a Profile row a person labelled as their own")!;
  expect(messageOf(error, t)).toBe(
    'Profile!A1 ist mit "Favourite colour" beschriftet, nicht mit "Mentee name": Das Add-In schreibt nicht über Ihre eigene Zeile. Verschieben Sie sie, und versuchen Sie es dann erneut.',
  );
  expect(messageOf(new Error("boom"), t)).toBe("Etwas ist schiefgegangen (boom): Bitte versuchen Sie es erneut.");
  const englishT = Object.assign(translator().t, { list: () => "", or: () => "", locale: "en", english: true });
  expect(messageOf(error, englishT)).toBe(error.message);
});
