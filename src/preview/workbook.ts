/**
 * The preview's workbook, loaded with the core once the page has started drawing the pane: the sample log,
 * `?rows=2000` filled into a log that long (to measure the pane on long logs), or with `?blank` a workbook
 * without the form, to try inserting it.
 */
import { MemoryWorkbook } from "../excel/memoryWorkbook";
import { generatedRows, sampleWorkbook } from "../taskpane/sampleLog";

export async function previewWorkbook(query: URLSearchParams): Promise<MemoryWorkbook> {
  if (query.has("blank")) return new MemoryWorkbook({ sheets: [{ name: "Notes", cells: [["My mentorship notes"]] }] });
  const rows = Number(query.get("rows"));
  return sampleWorkbook("1900", Number.isInteger(rows) && rows > 0 && rows <= 100_000 ? generatedRows(rows) : undefined);
}
