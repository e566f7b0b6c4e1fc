/**
 * The form read through Office.js in as few round trips as Excel on the web allows: the table's size, its
 * first 2,000 rows, the Profile and the Submission sheet's size in one sync; the rest of the rows in chunks
 * of about 1 MB (officeBatch.ts). The input columns are found by header (decisions.ts).
 */
import {
  type CellValue,
  type DateSystem,
  type LogRow,
  type WorkbookContent,
  LOG_TABLE,
  PROFILE_FIELDS,
  PROFILE_SHEET,
  SUBMISSION_SHEET,
} from "../core";
import { queueDateSystemProbe } from "./dateSystem";
import { inputColumns } from "./decisions";
import { FIRST_CHUNK_ROWS, inputSpan, isPayloadTooLarge, jsonBytes, nextChunkRows, readInChunks, run, toCellValue } from "./officeBatch";

/** The Profile's value cells, and their labels. */
export const PROFILE_VALUES_ADDRESS = `B1:B${PROFILE_FIELDS.length}`;
export const PROFILE_LABELS_ADDRESS = `A1:A${PROFILE_FIELDS.length}`;

export async function readFormContent(): Promise<WorkbookContent> {
  return run(async (context) => {
    const workbook = context.workbook;
    const table = workbook.tables.getItemOrNullObject(LOG_TABLE);
    const profileSheet = workbook.worksheets.getItemOrNullObject(PROFILE_SHEET);
    const submissionSheet = workbook.worksheets.getItemOrNullObject(SUBMISSION_SHEET);
    const dateSystemOf = queueDateSystemProbe(context);
    await context.sync();

    // The table's size, with its first rows in the same sync (every column: which are the input columns is
    // known only from the header read beside them); the rest follow in chunks of about 1 MB.
    const header = table.isNullObject ? null : table.getHeaderRowRange().load("values");
    const body = table.isNullObject ? null : table.getDataBodyRange().load("rowIndex, rowCount");
    let head =
      body === null
        ? null
        : body
            .getRow(0)
            .getResizedRange(FIRST_CHUNK_ROWS - 1, 0)
            .load("values");
    const profile = profileSheet.isNullObject ? null : profileSheet.getRange(PROFILE_VALUES_ADDRESS).load("values");
    const submission = submissionSheet.isNullObject
      ? null
      : submissionSheet.getRange("A1").getBoundingRect(submissionSheet.getUsedRange(true)).load("rowCount, columnCount");
    if (header !== null || profile !== null || submission !== null) {
      try {
        await context.sync();
      } catch (error) {
        // First rows too wide for one response (many columns, long notes): the sizes alone, then chunks as they fit.
        if (head === null || !isPayloadTooLarge(error)) throw error;
        head = null;
        header?.load("values");
        body?.load("rowIndex, rowCount");
        profile?.load("values");
        submission?.load("rowCount, columnCount");
        await context.sync();
      }
    }

    const rows: LogRow[] = [];
    if (header !== null && body !== null) {
      const columns = inputColumns(header.values[0] ?? []);
      const span = inputSpan(columns);
      const first = head === null ? 0 : Math.min(body.rowCount, FIRST_CHUNK_ROWS);
      for (let index = 0; index < first; index++) {
        const values = head?.values[index] ?? [];
        rows.push({ row: body.rowIndex + 1 + index, cells: columns.map((column) => toCellValue(values[column])) });
      }
      await readInChunks(
        context,
        body.rowCount,
        (start, count) => body.getCell(start, span.first).getResizedRange(count - 1, span.width - 1),
        false,
        (start, block) =>
          block.values.forEach((values, index) =>
            rows.push({
              row: body.rowIndex + 1 + start + index,
              cells: columns.map((column) => toCellValue(values[column - span.first])),
            }),
          ),
        first,
        head === null || first === 0 ? FIRST_CHUNK_ROWS : nextChunkRows(jsonBytes(head.values), first),
      );
    }
    let submissionRows: CellValue[][] | null = null;
    if (submission !== null) {
      const collected: CellValue[][] = [];
      await readInChunks(
        context,
        submission.rowCount,
        (start, count) => submission.getCell(start, 0).getResizedRange(count - 1, submission.columnCount - 1),
        false,
        (_, block) => block.values.forEach((values) => collected.push(values.map(toCellValue))),
      );
      submissionRows = collected;
    }

    const dateSystem: DateSystem = dateSystemOf();
    return {
      log: { rows, profileCells: PROFILE_FIELDS.map((_, index) => toCellValue(profile?.values[index]?.[0])), dateSystem },
      hasLog: header !== null,
      hasProfile: profile !== null,
      submissionRows,
    };
  });
}
