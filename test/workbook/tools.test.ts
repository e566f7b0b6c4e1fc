/**
 * docs/rules.md §7: workbooks from every tool a mentee uses read to the same log.
 * The files are written at test time by the real tools (see tools.ts).
 */
import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { readLogFile } from "../../src/cli/read-log";
import { reportLog } from "../../src/core";
import {
  AS_OF,
  EXCEL_WRITER_XLSX,
  EXPECTED,
  GNUMERIC,
  LIBREOFFICE,
  OPENPYXL,
  PANDAS,
  PIL,
  XLSXWRITER,
  resaveWithGnumeric,
  resaveWithLibreOffice,
  saveCsvWithLibreOffice,
  toolsReady,
  writeExcelWriterXlsx,
  writeOpenpyxl,
  writePandas,
  writePrefixed,
  writeSheetJs,
  writeXlsxWriter,
} from "./tools";

const ROOT = resolve(__dirname, "..", "..");
const DATES = [{ isoDate: "2024-03-05" }, { isoDate: "2024-03-06" }, { isoDate: "2024-03-07" }];

let folder: string;
beforeAll(() => {
  folder = mkdtempSync(join(tmpdir(), "cst-tools-"));
});
afterAll(() => rmSync(folder, { recursive: true, force: true }));

async function expectTheLog(file: string, profile = true): Promise<string> {
  const content = await readLogFile(file);
  expect(content.log.rows.map((row) => row.cells[0])).toEqual(DATES);
  expect(content.log.rows.map((row) => row.cells[5])).toEqual([6, 6, 12]);
  if (profile) expect(content.log.profileCells.slice(0, 2)).toEqual(["Ann Mentee", "ann@example.org"]);
  const { report } = await reportLog(content.log, { asOf: AS_OF });
  expect({ credits: report.credits, hours: report.hours, valid: report.valid }).toEqual({ ...EXPECTED, valid: true });
  return report.fingerprint;
}

describe("openpyxl (python3-openpyxl)", () => {
  const ready = toolsReady(OPENPYXL);
  const run = ready ? test : test.skip;

  run("a chart on the log's sheet, a chart sheet, a comment, formula and error cells elsewhere, times of day", async () => {
    await expectTheLog(writeOpenpyxl(join(folder, "rich.xlsx"), "rich"));
  });

  run("the 1904 date system gives the same dates and the same fingerprint", async () => {
    const content = await readLogFile(writeOpenpyxl(join(folder, "mac1904.xlsx"), "1904"));
    expect(content.log.dateSystem).toBe("1904");
    expect(await expectTheLog(join(folder, "mac1904.xlsx"))).toBe(await expectTheLog(join(folder, "rich.xlsx")));
  });

  (ready && toolsReady(PIL) ? test : test.skip)("an image (openpyxl needs Pillow for it: python3-pil)", async () => {
    await expectTheLog(writeOpenpyxl(join(folder, "image.xlsx"), "image"));
  });

  run("a formula without a saved result and an error cell in the log are findings naming the cell (in Notes a warning)", async () => {
    const content = await readLogFile(writeOpenpyxl(join(folder, "formula.xlsx"), "formula"));
    expect(content.log.rows[2]?.cells[5]).toEqual({ formula: "6*2" });
    expect(content.log.rows[1]?.cells[6]).toEqual({ excelError: "#N/A" });
    const { report } = await reportLog(content.log, { asOf: AS_OF });
    expect(report.rows.map((row) => row.errors.map((error) => error.code))).toEqual([[], [], ["cell-error"]]);
    expect(report.rows.map((row) => row.warnings.map((warning) => warning.code))).toEqual([[], ["cell-error"], []]);
    expect(report.rows[1]?.warnings[0]?.message).toMatch(/^Notes holds Excel's error #N\/A/);
    expect(report.rows[2]?.errors[0]?.message).toMatch(/formula/);
  });

  run(
    "a note =see email (openpyxl writes any text starting with = as a formula, without a result): a warning, the row counts",
    async () => {
      const content = await readLogFile(writeOpenpyxl(join(folder, "note-formula.xlsx"), "note-formula"));
      expect(content.log.rows[0]?.cells[6]).toEqual({ formula: "see email" });
      const { report } = await reportLog(content.log, { asOf: AS_OF });
      expect(report.rows[0]?.errors).toEqual([]);
      expect(report.rows[0]?.warnings.map((warning) => `${warning.code}: ${warning.message}`)).toEqual([
        expect.stringMatching(/^cell-error: Notes is a formula saved without its result/),
      ]);
      expect({ credits: report.credits, hours: report.hours, valid: report.valid }).toEqual({ ...EXPECTED, valid: true });
    },
  );

  run("the main namespace with a prefix (x:), as the Open XML SDK writes it", async () => {
    const source = writeOpenpyxl(join(folder, "plain.xlsx"), "rich");
    await expectTheLog(writePrefixed(source, join(folder, "prefixed.xlsx")));
  });
});

describe("LibreOffice re-saves (libreoffice-calc-nogui)", () => {
  const run = toolsReady(OPENPYXL, LIBREOFFICE) ? test : test.skip;
  run(
    "of the rich 1900 and the 1904 openpyxl workbooks",
    async () => {
      const own = join(folder, "lo-source");
      const sources = [writeOpenpyxl(join(folder, "lo-rich.xlsx"), "rich"), writeOpenpyxl(join(folder, "lo-1904.xlsx"), "1904")];
      const [rich, mac] = resaveWithLibreOffice(sources, own) as [string, string];
      const prints = [await expectTheLog(rich), await expectTheLog(mac)];
      expect(prints[1]).toBe(prints[0]);
      expect(prints[0]).toBe(await expectTheLog(sources[0] as string));
    },
    240_000,
  );
});

describe("CSV saved by LibreOffice (libreoffice-calc-nogui)", () => {
  const run = toolsReady(OPENPYXL, LIBREOFFICE) ? test : test.skip;
  run(
    "as UTF-8 with commas, Windows-1252 with semicolons and UTF-16 with tabs: the same log and fingerprint",
    async () => {
      const source = writeOpenpyxl(join(folder, "csv-source.xlsx"), "csv");
      const saved = [
        saveCsvWithLibreOffice(source, folder, 44, 76),
        saveCsvWithLibreOffice(source, folder, 59, 1),
        saveCsvWithLibreOffice(source, folder, 9, 65535),
      ];
      const bytes = saved.map((file) => readFileSync(file));
      expect(bytes[1]?.includes(0x80)).toBe(true); // the euro sign in Windows-1252
      expect([bytes[2]?.[0], bytes[2]?.[1]]).toEqual([0xff, 0xfe]); // UTF-16 LE with its byte order mark
      const prints: string[] = [];
      for (const file of saved) {
        const content = await readLogFile(file);
        expect(content.log.rows.map((row) => [row.cells[0], row.cells[5], row.cells[6]])).toEqual([
          ["2024-03-05", 6, "5 € parking, “quoted”; Zoë"],
          ["2024-03-06", 6, ""],
          ["2024-03-07", 12, "late in the day"],
        ]);
        const { report } = await reportLog(content.log, { asOf: AS_OF });
        expect({ credits: report.credits, hours: report.hours }).toEqual(EXPECTED);
        prints.push(report.fingerprint);
      }
      expect(new Set(prints).size).toBe(1);
    },
    240_000,
  );
});

describe("gnumeric re-save (gnumeric)", () => {
  const run = toolsReady(OPENPYXL, GNUMERIC) ? test : test.skip;
  run(
    "of the rich openpyxl workbook",
    async () => {
      const source = writeOpenpyxl(join(folder, "gn-source.xlsx"), "rich");
      expect(await expectTheLog(resaveWithGnumeric(source, join(folder, "gnumeric.xlsx")))).toBe(await expectTheLog(source));
    },
    180_000,
  );
});

describe("SheetJS (npm xlsx)", () => {
  test('with cellDates (ISO date cells, t="d") and without (serial numbers with a date format): the same log', async () => {
    const withDates = writeSheetJs(join(folder, "sheetjs-dates.xlsx"), true, ROOT);
    const withSerials = writeSheetJs(join(folder, "sheetjs-serials.xlsx"), false, ROOT);
    const { unzipSync, strFromU8 } = await import("fflate");
    const { readFileSync } = await import("node:fs");
    const sheet = Object.entries(unzipSync(readFileSync(withDates))).find(([name]) => name.includes("worksheets/sheet2"))?.[1];
    expect(strFromU8(sheet ?? new Uint8Array())).toContain('t="d"');
    expect(await expectTheLog(withDates)).toBe(await expectTheLog(withSerials));
  });
});

/** A worksheet part's XML, for saying how a tool wrote it. */
async function sheetXml(file: string, sheet: string): Promise<string> {
  const { unzipSync, strFromU8 } = await import("fflate");
  return strFromU8(unzipSync(readFileSync(file))[`xl/worksheets/${sheet}.xml`] ?? new Uint8Array());
}

describe("XlsxWriter (python3-xlsxwriter)", () => {
  const run = toolsReady(XLSXWRITER) ? test : test.skip;

  run("the log in a table, on a plain sheet, and in constant-memory mode (inline strings): the same log", async () => {
    const table = writeXlsxWriter(join(folder, "xlsxwriter-table.xlsx"), "table");
    const plain = writeXlsxWriter(join(folder, "xlsxwriter-plain.xlsx"), "plain");
    const streamed = writeXlsxWriter(join(folder, "xlsxwriter-constant.xlsx"), "constant-memory");
    expect(await sheetXml(streamed, "sheet2")).toContain('t="inlineStr"');
    const print = await expectTheLog(table);
    expect(await expectTheLog(plain)).toBe(print);
    expect(await expectTheLog(streamed)).toBe(print);
  });
});

describe("pandas to_excel (python3-pandas)", () => {
  const run = toolsReady(PANDAS, OPENPYXL, XLSXWRITER) ? test : test.skip;

  run("through its openpyxl and xlsxwriter engines: the same log, a note =see email only a warning where it has no result", async () => {
    const viaOpenpyxl = writePandas(join(folder, "pandas-openpyxl.xlsx"), "openpyxl");
    const viaXlsxWriter = writePandas(join(folder, "pandas-xlsxwriter.xlsx"), "xlsxwriter");
    await expectTheLog(viaOpenpyxl);
    await expectTheLog(viaXlsxWriter);
    const notes = async (file: string) => {
      const content = await readLogFile(file);
      const { report } = await reportLog(content.log, { asOf: AS_OF });
      return [content.log.rows[0]?.cells[6], report.rows[0]?.warnings.map((warning) => warning.code)];
    };
    expect(await notes(viaOpenpyxl)).toEqual([{ formula: "see email" }, ["cell-error"]]);
    expect(await notes(viaXlsxWriter)).toEqual([0, []]);
  });
});

describe("Excel::Writer::XLSX (libexcel-writer-xlsx-perl)", () => {
  const run = toolsReady(EXCEL_WRITER_XLSX) ? test : test.skip;

  run("the log in a table", async () => {
    await expectTheLog(writeExcelWriterXlsx(join(folder, "perl.xlsx")));
  });
});
