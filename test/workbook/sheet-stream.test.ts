/**
 * To verify a workbook that is no submission, its log's rows are checked as they stream from the sheet
 * (sheet-stream.ts): the rows, their numbers and the findings on rows below the table are those of the
 * whole read, in batches, as often as they are asked for; and a sheet that inflates past the size it
 * declares is refused as it is read.
 */
import ExcelJS from "exceljs";
import { unzipSync, zipSync } from "fflate";
import { type LogRow, type StreamedLogInput, reportLog } from "../../src/core";
import { UnreadableFileError } from "../../src/workbook/errors";
import { readWorkbookFile } from "../../src/workbook/read-xlsx";
import { HEADERS, utcDate } from "./build";

const ROW: ExcelJS.CellValue[] = [utcDate("2024-01-10"), "treatment", "In person", "Jane Roe", "CST-T", 1.5, "a note"];

/** A workbook of `rows` log rows: in a table covering `inTable` of them (the rest typed below it), or under a header row alone. */
async function workbook(rows: number, inTable: number | null, extra: Record<string, ExcelJS.CellValue> = {}): Promise<Uint8Array> {
  const book = new ExcelJS.Workbook();
  book.addWorksheet("Profile").getCell("A1").value = "Name";
  const sheet = book.addWorksheet("Tracking Form");
  const values = Array.from({ length: rows }, (_, index) => ROW.map((value, column) => (column === 5 ? 1 + (index % 4) : value)));
  if (inTable === null) {
    sheet.addRow(HEADERS);
    for (const row of values) sheet.addRow(row);
  } else {
    sheet.addTable({
      name: "MentorshipLog",
      ref: "A1",
      headerRow: true,
      columns: HEADERS.map((name) => ({ name, filterButton: true })),
      rows: values.slice(0, inTable),
    });
    values
      .slice(inTable)
      .forEach((row, index) => row.forEach((value, column) => (sheet.getCell(2 + inTable + index, column + 1).value = value)));
  }
  for (const [reference, value] of Object.entries(extra)) sheet.getCell(reference).value = value;
  return new Uint8Array((await book.xlsx.writeBuffer()) as ArrayBuffer);
}

async function bothReads(bytes: Uint8Array): Promise<{ whole: readonly LogRow[]; streamed: StreamedLogInput }> {
  const whole = (await readWorkbookFile(bytes)).content.log.rows;
  const { streamedLog } = await readWorkbookFile(bytes, undefined, { streamLog: true });
  if (streamedLog === undefined) throw new Error("the log was not streamed");
  return { whole, streamed: streamedLog };
}

const allRows = (log: StreamedLogInput): LogRow[] => [...log.batches].flatMap((batch) => [...batch]);

describe("a workbook's log checked as its rows stream", () => {
  test.each([
    ["a table", 5_000, 5_000, {}],
    ["rows typed below the table (a warning on the first)", 3_000, 2_500, {}],
    ["rows below the table with a value outside it (an error on the first)", 30, 20, { K25: "stray" }],
    ["a header row and no table", 5_000, null, {}],
  ] as const)("%s: the rows and findings of the whole read, each time they are read", async (_name, rows, inTable, extra) => {
    const { whole, streamed } = await bothReads(await workbook(rows, inTable, extra));
    expect(whole.length).toBeGreaterThan(0);
    expect([...streamed.batches].length).toBeGreaterThan(rows > 2_048 ? 1 : 0);
    expect(allRows(streamed)).toEqual(whole);
    expect(allRows(streamed)).toEqual(whole);
    const report = async (log: Parameters<typeof reportLog>[0]) => (await reportLog(log, { asOf: "2024-12-31" })).report;
    expect(await report(streamed)).toEqual(
      await report({ rows: whole, profileCells: streamed.profileCells, dateSystem: streamed.dateSystem }),
    );
  });

  test("a submission (with its Submission sheet) is read whole, for its digests", async () => {
    const book = new ExcelJS.Workbook();
    book.addWorksheet("Submission").getCell("A1").value = "CST mentorship submission";
    book.addWorksheet("Tracking Form").addRow(HEADERS);
    const bytes = new Uint8Array((await book.xlsx.writeBuffer()) as ArrayBuffer);
    expect((await readWorkbookFile(bytes, undefined, { streamLog: true })).streamedLog).toBeUndefined();
  });

  test("a sheet that inflates past the size it declares is refused as it is read", async () => {
    const parts = unzipSync(await workbook(5_000, 5_000));
    const name = Object.keys(parts).find((part) => /worksheets\/sheet2\.xml$/.test(part)) as string;
    const honest = zipSync(parts);
    // The central directory's uncompressed size of the sheet, made smaller than what it inflates to.
    const bytes = new Uint8Array(honest);
    const view = new DataView(bytes.buffer);
    const size = (parts[name] as Uint8Array).length;
    let patched = 0;
    for (let at = 0; at + 46 < bytes.length; at++) {
      if (view.getUint32(at, true) !== 0x02014b50 && view.getUint32(at, true) !== 0x04034b50) continue;
      const central = view.getUint32(at, true) === 0x02014b50;
      const nameAt = at + (central ? 46 : 30);
      const length = view.getUint16(at + (central ? 28 : 26), true);
      if (new TextDecoder().decode(bytes.subarray(nameAt, nameAt + length)) !== name) continue;
      view.setUint32(at + (central ? 24 : 22), size - 1000, true);
      patched++;
    }
    expect(patched).toBe(2);
    const { streamedLog } = await readWorkbookFile(bytes, undefined, { streamLog: true });
    expect(() => allRows(streamedLog as StreamedLogInput)).toThrow(UnreadableFileError);
    expect(() => allRows(streamedLog as StreamedLogInput)).toThrow(/inflates to more than/);
  });
});
