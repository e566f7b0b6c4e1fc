/**
 * One batch to Excel and its payloads: every operation is one `Excel.run` that waits for a cell being
 * edited, and reads or writes rows in chunks of about 1 MB, since Excel on the web refuses a request or
 * a response over 5 MB ("Excel on the web has a payload size limit for requests and responses of 5MB").
 * https://learn.microsoft.com/office/dev/add-ins/concepts/resource-limits-and-performance-optimization#excel-add-ins
 */
import { type CellValue, errorText } from "../core";
import { WorkbookError, noFormError } from "./workbook";

/** What one chunk of rows may carry: a fifth of Excel on the web's 5 MB limit, so that a misjudged chunk still passes. */
export const CHUNK_BYTES = 1_000_000;
/** Rows of the first chunk, before the size of a row is known; later chunks are sized from the bytes per row seen. */
export const FIRST_CHUNK_ROWS = 2_000;
export const MAX_CHUNK_ROWS = 50_000;

export type ExcelValue = string | number | boolean;

/** A cell as Excel stores it: decoded dates as ISO text, blanks as "". */
export function toExcelValue(value: CellValue): ExcelValue {
  if (value === null || value === undefined) return "";
  if (typeof value === "object") return "isoDate" in value ? value.isoDate : "excelError" in value ? value.excelError : "";
  return value;
}

export function toCellValue(value: unknown): CellValue {
  if (typeof value === "string" || typeof value === "number" || typeof value === "boolean") return value;
  return "";
}

/** Whether a cell holds a formula: its formula text differs from its value. */
export function isFormula(formula: unknown, value: unknown): formula is string {
  return typeof formula === "string" && formula.startsWith("=") && formula !== value;
}

/** UTF-8 bytes of a value's JSON: what a request or response carries. */
export function jsonBytes(value: unknown): number {
  const text = JSON.stringify(value) ?? "";
  let bytes = 0;
  for (let i = 0; i < text.length; i++) {
    const code = text.charCodeAt(i);
    bytes += code < 0x80 ? 1 : code < 0x800 || (code >= 0xd800 && code <= 0xdfff) ? 2 : 3;
  }
  return bytes;
}

/** Rows of the next chunk, from the bytes the last one carried. */
export function nextChunkRows(bytes: number, rows: number): number {
  const perRow = Math.max(1, bytes / Math.max(1, rows));
  return Math.max(1, Math.min(MAX_CHUNK_ROWS, Math.floor(CHUNK_BYTES / perRow)));
}

function errorCode(error: unknown): unknown {
  return typeof error === "object" && error !== null ? (error as { code?: unknown }).code : undefined;
}

export function isPayloadTooLarge(error: unknown): boolean {
  const code = errorCode(error);
  return code === "RequestPayloadSizeLimitExceeded" || code === "ResponsePayloadSizeLimitExceeded";
}

/** The block of table columns that holds the seven input columns: reading it leaves out columns after them. */
export function inputSpan(columns: readonly number[]): { readonly first: number; readonly width: number } {
  const first = Math.min(...columns);
  return { first, width: Math.max(...columns) - first + 1 };
}

/**
 * Every batch waits while a cell is being edited: without `delayForCellEdit`
 * (ExcelApi 1.11) Excel fails a batch that arrives during the edit, and the
 * pane reads right after each change, often while the next cell is typed
 * (https://learn.microsoft.com/javascript/api/excel/excel.runoptions).
 */
export const RUN_OPTIONS: Excel.RunOptions = { delayForCellEdit: true };

/** Runs a batch; a missing table or sheet becomes the given refusal for the user. */
export async function run<T>(batch: (context: Excel.RequestContext) => Promise<T>, missing: () => WorkbookError = noFormError): Promise<T> {
  try {
    return await Excel.run(RUN_OPTIONS, batch);
  } catch (error) {
    if (error instanceof WorkbookError) throw error;
    if (errorCode(error) === "ItemNotFound") throw missing();
    const detail = errorText(error);
    throw new WorkbookError(
      `Excel could not complete the change (${detail}): try again, and check that no cell is being edited.`,
      "excel.failed",
      { detail },
    );
  }
}

export interface Block {
  readonly values: unknown[][];
  readonly formulas: unknown[][];
}

/** Loads a range's values (and formulas) in one sync. */
export async function loadBlock(context: Excel.RequestContext, range: Excel.Range, withFormulas: boolean): Promise<Block> {
  range.load(withFormulas ? "values, formulas" : "values");
  await context.sync();
  return { values: range.values, formulas: withFormulas ? range.formulas : [] };
}

/**
 * Reads `rowCount` rows of a block in chunks, one sync each, handing each
 * chunk to `each` with its first row. The first chunk has FIRST_CHUNK_ROWS
 * rows, the next ones as many as the bytes per row seen so far allow; a chunk
 * Excel still refuses as too large is read again in halves.
 */
export async function readInChunks(
  context: Excel.RequestContext,
  rowCount: number,
  rangeAt: (start: number, count: number) => Excel.Range,
  withFormulas: boolean,
  each: (start: number, block: Block) => void,
  /** Rows already read (a first chunk loaded with the table's size): reading starts after them. */
  from = 0,
  /** Rows in the first chunk read here (sized from the rows already read, where there are some). */
  firstSize = FIRST_CHUNK_ROWS,
): Promise<void> {
  let size = firstSize;
  for (let start = from; start < rowCount;) {
    const count = Math.min(size, rowCount - start);
    let block: Block;
    try {
      block = await loadBlock(context, rangeAt(start, count), withFormulas);
    } catch (error) {
      if (!isPayloadTooLarge(error) || count === 1) throw error;
      size = Math.ceil(count / 2);
      continue;
    }
    each(start, block);
    size = nextChunkRows(jsonBytes(block.values) + (withFormulas ? jsonBytes(block.formulas) : 0), count);
    start += count;
  }
}
