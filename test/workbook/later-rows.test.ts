/**
 * The submission's long sheets are written row by row into exceljs's output
 * (later-rows.ts): every reader must see what exceljs writes when it holds
 * every row itself. Compared cell by cell through exceljs's reader: values,
 * number formats, fonts and alignment, with each sheet's extent, the table's
 * range, the dropdowns and the page setup; and verify reads the same report.
 */
import ExcelJS from "exceljs";
import { strFromU8, unzipSync } from "fflate";
import { type CellValue, type LogInput, prepareSubmission, readSubmissionSheet, verifyLog } from "../../src/core";
import { parseCsvLog } from "../../src/workbook/csv";
import { readWorkbookLog } from "../../src/workbook/read-xlsx";
import { buildSubmissionWorkbook, submissionBytes } from "../../src/workbook/submission";

const PROFILE_CELLS: CellValue[] = ["Ann & <Mentee>", "ann@example.org", "2020-02-03", "", "0", "current"];

/** Rows with what text can hold (markup characters, spaces at the ends, line breaks, control characters, escapes), gaps and odd dates. */
function trickyCsv(rows: number): string {
  const notes = [
    "",
    "a & b < c > d \"quoted\" 'single'",
    "  leading and trailing  ",
    "two\nlines",
    "bell \u0007 and tab \t",
    "looks like _x0041_ an escape",
    "ünïcødé 📝",
    "=1+1",
  ];
  const lines = ["Date,Activity,Format,Provider,Credential,Quantity,Notes"];
  for (let index = 0; index < rows; index++) {
    // Every 37th row left empty: the rows keep their numbers, with gaps.
    if (index % 37 === 36) {
      lines.push(",,,,,,");
      continue;
    }
    const date = `20${String(15 + (index % 9))}-${String(1 + (index % 12)).padStart(2, "0")}-${String(1 + (index % 28)).padStart(2, "0")}`;
    const note = notes[index % notes.length] as string;
    // Treatment counts hours (decimals), study groups whole sessions.
    const quantity = index % 2 === 1 ? "2" : index % 3 === 0 ? "1.25" : "0.5";
    lines.push(
      `${date},${index % 2 === 0 ? "treatment" : "study-group"},In person,Provider ${index % 5},${index % 2 === 0 ? "CST-T" : ""},${quantity},"${note.replace(/"/g, '""')}"`,
    );
  }
  return lines.join("\r\n");
}

interface Seen {
  readonly sheets: unknown[];
}

/** What a reader sees of a workbook, through exceljs. */
async function seen(bytes: Uint8Array): Promise<Seen> {
  const workbook = new ExcelJS.Workbook();
  await workbook.xlsx.load(bytes as unknown as ArrayBuffer);
  const sheets: unknown[] = [];
  workbook.eachSheet((sheet) => {
    const cells: unknown[] = [];
    sheet.eachRow({ includeEmpty: true }, (row) => {
      row.eachCell({ includeEmpty: true }, (cell) => {
        cells.push([
          cell.address,
          cell.value,
          cell.numFmt ?? null,
          JSON.stringify(cell.font ?? null),
          JSON.stringify(cell.alignment ?? null),
        ]);
      });
      cells.push(["row", row.number, row.height ?? null]);
    });
    const tables = (sheet as unknown as { tables: Record<string, { table: { tableRef?: string; ref?: string } }> }).tables;
    sheets.push({
      name: sheet.name,
      state: sheet.state,
      dimensions: sheet.dimensions.range,
      columns: sheet.columns?.map((column) => column.width) ?? [],
      tables: Object.values(tables ?? {}).map((table) => table.table.tableRef ?? table.table.ref),
      validations: (sheet as unknown as { dataValidations: { model: unknown } }).dataValidations.model,
      pageSetup: sheet.pageSetup,
      headerFooter: sheet.headerFooter,
      views: sheet.views,
      cells,
    });
  });
  return { sheets };
}

test.each([2, 40, 1_500])("a %i-row log's submission reads as exceljs writes it holding every row", async (rows) => {
  const log: LogInput = { ...parseCsvLog(trickyCsv(rows)), profileCells: PROFILE_CELLS };
  const prepared = await prepareSubmission(log, { asOf: "2024-06-01", exportedAt: "2024-06-01T12:00:00.000Z" });
  if (!prepared.ok)
    throw new Error(`unexpected findings: ${JSON.stringify(prepared.report.rows.filter((row) => row.errors.length > 0).slice(0, 2))}`);
  const streamed = await buildSubmissionWorkbook(prepared.submission);
  const whole = await submissionBytes(prepared.submission);
  // The rows after the first went in as the sheets were zipped again (exceljs writes every text shared).
  const parts = unzipSync(streamed);
  expect(Object.keys(parts).filter((name) => strFromU8(parts[name] as Uint8Array).includes('t="inlineStr"'))).toHaveLength(2);
  expect(await seen(streamed)).toEqual(await seen(whole));

  const reports = [];
  for (const bytes of [streamed, whole]) {
    const { log: read, submissionRows } = await readWorkbookLog(bytes);
    const submission = submissionRows === null ? null : readSubmissionSheet(submissionRows);
    reports.push((await verifyLog(read, { asOf: "2024-06-01", submission })).report);
  }
  expect(reports[0]?.submission).toBe("unchanged");
  expect(JSON.stringify(reports[0])).toBe(JSON.stringify(reports[1]));
});
