/**
 * A log table's rows checked as they stream from the sheet's XML, as a CSV
 * log's are (read-log.ts): `verify` of a workbook of 1,048,576 rows never
 * holds them all. The sheet is inflated (zip.ts `partPieces`) and parsed a
 * piece at a time each time its rows are asked for, with the same limits,
 * cell readers and table rules as the whole read (read-xlsx.ts).
 *
 * No Node APIs.
 */
import { type LogRow, type StreamedLogInput, LOG_TABLE } from "../core";
import { unreadableWorkbook as unreadable } from "./errors";
import { type RowReader, type SheetContext, sheetHandler } from "./sheet";
import { xmlSink } from "./xml";
import { type ZipDirectory, partPieces } from "./zip";

/** A reader of a log's rows that gives up the rows it has settled (`take`), the rest once the sheet ends (`finish`). */
export interface StreamedRows extends RowReader {
  readonly rows: LogRow[];
  take(): LogRow[];
  finish(table: string): void;
}

/** Rows given to the checker at a time. */
const BATCH_ROWS = 2048;

export async function streamedTableLog(
  directory: ZipDirectory,
  part: string,
  context: SheetContext,
  newRows: () => StreamedRows,
  log: Pick<StreamedLogInput, "profileCells" | "dateSystem">,
): Promise<StreamedLogInput> {
  const pieces = await partPieces(directory, part);
  function* batches(): Generator<LogRow[]> {
    const rows = newRows();
    const sink = xmlSink(directory.get(part)?.name ?? part, sheetHandler(context, [rows]));
    try {
      for (const piece of pieces()) {
        sink.write(piece);
        if (rows.rows.length >= BATCH_ROWS) yield rows.take();
        if (sink.done === true) break;
      }
      if (sink.done !== true) sink.end();
    } catch (error) {
      throw unreadable(error);
    }
    rows.finish(LOG_TABLE);
    const rest = rows.rows.splice(0);
    if (rest.length > 0) yield rest;
  }
  return { batches: { [Symbol.iterator]: batches }, ...log };
}
