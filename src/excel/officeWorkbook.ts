/**
 * The workbook through Office.js. Every operation is one `Excel.run` with a
 * fixed number of `context.sync()` calls, plus one per chunk where a log is
 * read or marked: Excel on the web refuses a request or a response over
 * 5 MB ("Excel on the web has a payload size limit for requests and
 * responses of 5MB"), so rows go in chunks sized to stay near a fifth of
 * that, never cell by cell.
 * https://learn.microsoft.com/office/dev/add-ins/concepts/resource-limits-and-performance-optimization#excel-add-ins
 *
 * Text stays text. `Range.values` reads a string as if typed: one starting
 * with "=", "+" or "-" becomes a formula, "007" becomes 7
 * (https://learn.microsoft.com/javascript/api/excel/excel.range#excel-excel-range-values-member).
 * A cell formatted as Text (`@`) keeps what it is given as text
 * (https://learn.microsoft.com/office/troubleshoot/excel/long-numbers-incorrectly-in-excel:
 * set the Text format, then enter the value). So every string this add-in
 * writes goes into a cell whose number format is set to `@` first, in the
 * same batch (commands run in the order they were queued); `null` leaves the
 * other cells' formats as they are
 * (https://learn.microsoft.com/office/dev/add-ins/excel/excel-add-ins-blank-null-values).
 * This holds in a form made before its text columns were formatted as Text.
 *
 * A formula is told from a value by reading both `formulas` and `values`: a
 * formula reads back as its text through the one and its result through the
 * other, a value the same through both
 * (https://learn.microsoft.com/office/dev/add-ins/excel/excel-add-ins-ranges-set-get-values).
 *
 * The pane follows the workbook through `WorksheetCollection.onChanged`
 * (ExcelApi 1.9), which fires for edits made in the grid and by add-in code
 * alike, with `onAdded` and `onDeleted` for sheets
 * (https://learn.microsoft.com/office/dev/add-ins/excel/excel-add-ins-events).
 *
 * Date system: the workbook's 1904 setting (`Workbook.use1904DateSystem`) is
 * a preview API that no released requirement set has, and loading an
 * unsupported property fails the whole batch. So the date system is read by
 * asking the workbook's own DATE function (ExcelApi 1.2) for 1904-01-01: it
 * is serial 0 in the 1904 system and 1462 in the 1900 system. Hosts without
 * ExcelApi 1.2 fall back to the 1900 system, Excel's default.
 */
import {
  type CellValue,
  type DateSystem,
  type LayoutRange,
  type LogRow,
  type SheetLayout,
  type WorkbookContent,
  LOG_SHEET,
  LOG_TABLE,
  PROFILE_FIELDS,
  PROFILE_INDEX,
  PROFILE_SHEET,
  SUBMISSION_SHEET,
  TEXT_FORMAT,
  columnLetter,
  formLayout,
  isBlankCell,
  listFormula,
  rangeAddress,
  VERIFICATION_WIDTHS,
  errorText,
} from "../core";
import {
  type FormRead,
  type GoToTarget,
  type InsertFormResult,
  type ProfileChanges,
  type RowMark,
  type TrackingWorkbook,
  type VerificationRow,
  type VerificationWrite,
  FORM_LISTS_SHEET,
  INPUT_COLUMN_COUNT,
  NO_FORM_MESSAGE,
  NO_PROFILE_MESSAGE,
  STATUS_HEADER,
  VERIFICATION_FIRST_ROW,
  VERIFICATION_MARK,
  VERIFICATION_SHEET,
  WorkbookError,
} from "./workbook";
import {
  cellAddress,
  cellName,
  existingFormReason,
  formulaInTheWay,
  inputColumns,
  isStatusText,
  profileRowProblem,
  requireOwnVerificationSheet,
  rowChangedMessage,
  sameCell,
  sameCells,
  statusColumn,
  valueInTheWay,
  writtenFormat,
} from "./decisions";
import { queueDateSystemProbe } from "./dateSystem";
import { supportsExcelApi } from "./host";

/** Excel's column width unit is points; the form gives widths in characters. */
const POINTS_PER_CHARACTER = 7;

const PROFILE_VALUES_ADDRESS = `B1:B${PROFILE_FIELDS.length}`;
const PROFILE_LABELS_ADDRESS = `A1:A${PROFILE_FIELDS.length}`;

/** What one chunk of rows may carry: a fifth of Excel on the web's 5 MB limit, so that a misjudged chunk still passes. */
export const CHUNK_BYTES = 1_000_000;
/** Rows of the first chunk, before the size of a row is known; later chunks are sized from the bytes per row seen. */
export const FIRST_CHUNK_ROWS = 2_000;
export const MAX_CHUNK_ROWS = 50_000;

type ExcelValue = string | number | boolean;

/** A cell as Excel stores it: decoded dates as ISO text, blanks as "". */
function toExcelValue(value: CellValue): ExcelValue {
  if (value === null || value === undefined) return "";
  if (typeof value === "object") return "isoDate" in value ? value.isoDate : "excelError" in value ? value.excelError : "";
  return value;
}

function toCellValue(value: unknown): CellValue {
  if (typeof value === "string" || typeof value === "number" || typeof value === "boolean") return value;
  return "";
}

/** Whether a cell holds a formula: its formula text differs from its value. */
function isFormula(formula: unknown, value: unknown): formula is string {
  return typeof formula === "string" && formula.startsWith("=") && formula !== value;
}

/** UTF-8 bytes of a value's JSON: what a request or response carries. */
function jsonBytes(value: unknown): number {
  const text = JSON.stringify(value) ?? "";
  let bytes = 0;
  for (let i = 0; i < text.length; i++) {
    const code = text.charCodeAt(i);
    bytes += code < 0x80 ? 1 : code < 0x800 || (code >= 0xd800 && code <= 0xdfff) ? 2 : 3;
  }
  return bytes;
}

/** Rows of the next chunk, from the bytes the last one carried. */
function nextChunkRows(bytes: number, rows: number): number {
  const perRow = Math.max(1, bytes / Math.max(1, rows));
  return Math.max(1, Math.min(MAX_CHUNK_ROWS, Math.floor(CHUNK_BYTES / perRow)));
}

function errorCode(error: unknown): unknown {
  return typeof error === "object" && error !== null ? (error as { code?: unknown }).code : undefined;
}

function isPayloadTooLarge(error: unknown): boolean {
  const code = errorCode(error);
  return code === "RequestPayloadSizeLimitExceeded" || code === "ResponsePayloadSizeLimitExceeded";
}

/** The block of table columns that holds the seven input columns: reading it leaves out columns after them. */
function inputSpan(columns: readonly number[]): { readonly first: number; readonly width: number } {
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

/** Runs a batch; a missing table or sheet becomes the given message for the user. */
async function run<T>(batch: (context: Excel.RequestContext) => Promise<T>, missing: string = NO_FORM_MESSAGE): Promise<T> {
  try {
    return await Excel.run(RUN_OPTIONS, batch);
  } catch (error) {
    if (error instanceof WorkbookError) throw error;
    if (errorCode(error) === "ItemNotFound") throw new WorkbookError(missing);
    throw new WorkbookError(
      `Excel could not complete the change (${errorText(error)}): try again, and check that no cell is being edited.`,
    );
  }
}

interface Block {
  readonly values: unknown[][];
  readonly formulas: unknown[][];
}

/** Loads a range's values (and formulas) in one sync. */
async function loadBlock(context: Excel.RequestContext, range: Excel.Range, withFormulas: boolean): Promise<Block> {
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
async function readInChunks(
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

/** A row-by-column array of one value. */
function filled<T>(rows: number, columns: number, value: T): T[][] {
  return Array.from({ length: rows }, () => new Array<T>(columns).fill(value));
}

/** Applies one sheet of the form's layout (layout.ts) through Office.js: the same description exceljs and the memory workbook apply. */
function applyWidths(sheet: Excel.Worksheet, widths: SheetLayout["widths"]): void {
  for (const { column, width } of widths) {
    sheet.getRange(`${columnLetter(column)}:${columnLetter(column)}`).format.columnWidth = width * POINTS_PER_CHARACTER;
  }
}

function applySheet(sheet: Excel.Worksheet, layout: SheetLayout): void {
  const table =
    layout.table === null
      ? null
      : sheet.tables.add(`A${layout.table.headerRow}:${columnLetter(layout.table.headers.length)}${layout.table.headerRow + 1}`, true);
  if (table !== null && layout.table !== null) {
    table.name = layout.table.name;
    table.style = layout.table.style;
    table.getHeaderRowRange().values = [[...layout.table.headers]];
  }
  const rangeOf = (range: LayoutRange): { readonly range: Excel.Range; readonly rows: number; readonly columns: number } =>
    range.kind === "tableColumn" && table !== null
      ? // A new table has one data row.
        { range: table.columns.getItemAt(range.column - 1).getDataBodyRange(), rows: 1, columns: 1 }
      : range.kind === "cells"
        ? {
            range: sheet.getRange(rangeAddress(range, layout.table, 0)),
            rows: range.bottom - range.top + 1,
            columns: range.right - range.left + 1,
          }
        : { range: sheet.getRange(rangeAddress(range, layout.table, 0)), rows: 1, columns: 1 };
  // Formats first: the values written next are read as the cells' formats say (Text keeps text).
  for (const { range, numberFormat } of layout.formats) {
    const target = rangeOf(range);
    target.range.numberFormat = filled(target.rows, target.columns, numberFormat);
  }
  for (const { row, column, value, bold } of layout.values) {
    const cell = sheet.getRange(`${columnLetter(column)}${row}`);
    cell.values = [[value]];
    if (bold) cell.format.font.bold = true;
  }
  for (const { row, column, value } of layout.defaults) sheet.getRange(`${columnLetter(column)}${row}`).values = [[value]];
  for (const validation of layout.validations) {
    const { dataValidation } = rangeOf(validation.range).range;
    dataValidation.rule = { list: { inCellDropDown: true, source: listFormula(validation.list) } };
    if (supportsExcelApi("1.8")) {
      // A warning, not a stop: the rules also read codes and other spellings.
      dataValidation.prompt = { showPrompt: true, title: validation.title, message: validation.help };
      dataValidation.errorAlert = {
        showAlert: true,
        style: Excel.DataValidationAlertStyle.warning,
        title: validation.title,
        message: validation.help,
      };
    }
  }
  applyWidths(sheet, layout.widths);
  if (layout.hidden) sheet.visibility = Excel.SheetVisibility.hidden;
  if (layout.frozenRows > 0 && supportsExcelApi("1.7")) sheet.freezePanes.freezeRows(layout.frozenRows);
  applyPage(sheet, layout);
}

/**
 * The layout's page setup through Office.js (ExcelApi 1.9; hosts without it
 * print with Excel's defaults): https://learn.microsoft.com/javascript/api/excel/excel.pagelayout
 */
function applyPage(sheet: Excel.Worksheet, layout: SheetLayout): void {
  const page = layout.page;
  if (page === null || !supportsExcelApi("1.9")) return;
  const pageLayout = sheet.pageLayout;
  pageLayout.orientation = page.orientation === "landscape" ? Excel.PageOrientation.landscape : Excel.PageOrientation.portrait;
  // Office.js documents a number of pages to fit (or a scale), not the file
  // format's 0 for "as many pages as needed": a sheet that may run to any
  // length keeps Excel's own scale, and prints on as many pages as it needs.
  // https://learn.microsoft.com/javascript/api/excel/excel.pagelayoutzoomoptions
  if (page.fitToWidth >= 1 && page.fitToHeight >= 1) {
    pageLayout.zoom = { horizontalFitToPages: page.fitToWidth, verticalFitToPages: page.fitToHeight };
  }
  pageLayout.printGridlines = page.printGridlines;
  pageLayout.centerHorizontally = true;
  if (page.repeatRows !== null) pageLayout.setPrintTitleRows(`$${page.repeatRows.replace(":", ":$")}`);
  pageLayout.headersFooters.defaultForAllPages.centerFooter = page.footer;
}

/** A table row as the pane read it: the row's range with its values and formulas, and the seven input columns. */
interface TableLine {
  readonly sheetName: string;
  /** 0-based sheet column of the table's first column. */
  readonly left: number;
  readonly columns: readonly number[];
  readonly values: readonly unknown[];
  readonly formulas: readonly unknown[];
  readonly range: Excel.Range;
  /** 0-based index of the row in the table's body. */
  readonly index: number;
}

export class OfficeWorkbook implements TrackingWorkbook {
  /**
   * `readForm`'s revision: moved by the add-in's own writes of rows and Profile and by each change of the
   * form's sheets a subscription hears. With no subscription listening (or before ExcelApi 1.9, which has
   * no events to hear), nothing says what changed: every read moves it.
   */
  private revision = 0;
  private subscriptions = 0;

  /** Runs one of the add-in's own writes of what `readForm` reads, then moves the revision. */
  private async writing<T>(write: Promise<T>): Promise<T> {
    const result = await write;
    this.revision++;
    return result;
  }

  async readForm(): Promise<FormRead> {
    const content = await this.readContent();
    if (this.subscriptions === 0) this.revision++;
    return { ...content, revision: this.revision };
  }

  private async readContent(): Promise<WorkbookContent> {
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

  async insertForm(): Promise<InsertFormResult> {
    return this.writing(this.insert());
  }

  private async insert(): Promise<InsertFormResult> {
    return run(async (context) => {
      const { worksheets, tables } = context.workbook;
      const checks = [
        ...[PROFILE_SHEET, LOG_SHEET, FORM_LISTS_SHEET].map((name) => worksheets.getItemOrNullObject(name).load("name")),
        tables.getItemOrNullObject(LOG_TABLE).load("name"),
      ];
      await context.sync();
      const existing = checks.filter((item) => !item.isNullObject).map((item) => item.name);
      if (existing.length > 0) return { inserted: false, reason: existingFormReason(existing) };

      const layout = formLayout();
      // A batch runs in queue order: every sheet is added before the rules, lists and names that refer to another sheet.
      const sheets = layout.sheets.map((sheetLayout) => worksheets.add(sheetLayout.name));
      layout.sheets.forEach((sheetLayout, index) => applySheet(sheets[index] as Excel.Worksheet, sheetLayout));
      for (const name of layout.names) context.workbook.names.add(name.name, worksheets.getItem(name.sheet).getRange(name.address));
      const log = worksheets.getItem(LOG_SHEET);
      log.activate();
      await context.sync();
      return { inserted: true };
    });
  }

  async appendRow(cells: readonly CellValue[]): Promise<number> {
    return this.writing(this.append(cells));
  }

  private async append(cells: readonly CellValue[]): Promise<number> {
    return run(async (context) => {
      const table = context.workbook.tables.getItem(LOG_TABLE);
      const header = table.getHeaderRowRange().load("values, columnCount");
      const body = table.getDataBodyRange().load("rowIndex, rowCount");
      const last = body.getLastRow().load("values, formulas");
      const below = table.getRange().getRowsBelow(1).load("values, formulas");
      await context.sync();

      const columns = inputColumns(header.values[0] ?? []);
      // A row is free when its input cells are blank and hold no formula (a formula may show nothing).
      const isFree = (values: readonly unknown[] = [], formulas: readonly unknown[] = []) =>
        columns.every((column) => isBlankCell(toCellValue(values[column])) && !isFormula(formulas[column], values[column]));
      let index: number | null = null;
      if (isFree(last.values[0], last.formulas[0])) {
        // The first free row after the last filled one: read upward from the last row, a chunk at a time.
        index = body.rowCount - 1;
        let size = FIRST_CHUNK_ROWS;
        for (let end = body.rowCount - 1; end > 0;) {
          const count = Math.min(size, end);
          const start = end - count;
          let block: Block;
          try {
            block = await loadBlock(context, body.getCell(start, 0).getResizedRange(count - 1, header.columnCount - 1), true);
          } catch (error) {
            if (!isPayloadTooLarge(error) || count === 1) throw error;
            size = Math.ceil(count / 2);
            continue;
          }
          let filled = -1;
          for (let i = count - 1; i >= 0 && filled < 0; i--) if (!isFree(block.values[i], block.formulas[i])) filled = start + i;
          if (filled >= 0) {
            index = filled + 1;
            break;
          }
          index = start;
          end = start;
        }
      }

      // Null leaves a cell as it is: computed columns keep their formulas and formats.
      const rowValues = new Array<ExcelValue | null>(header.columnCount).fill(null);
      columns.forEach((column, position) => (rowValues[column] = toExcelValue(cells[position])));
      let target: Excel.Range;
      if (index !== null) {
        target = body.getRow(index);
      } else {
        const belowValues = below.values[0] ?? [];
        const belowFormulas = below.formulas[0] ?? [];
        if (belowValues.some((value, column) => !isBlankCell(toCellValue(value)) || isFormula(belowFormulas[column], value))) {
          throw new WorkbookError(
            `Row ${body.rowIndex + body.rowCount + 1} below the ${LOG_TABLE} table is not empty: move what is there so the table can grow.`,
          );
        }
        index = body.rowCount;
        target = table.rows.add().getRange();
      }
      // The typings leave out null, which the API documents as "leave the cell unchanged".
      target.numberFormat = [rowValues.map((value) => writtenFormat(value))] as string[][];
      target.values = [rowValues] as ExcelValue[][];
      await context.sync();
      return body.rowIndex + 1 + index;
    });
  }

  /** Reads worksheet row `row` of the table with its values and formulas (one sync); refuses when it no longer holds `expected`. */
  private async readLine(context: Excel.RequestContext, row: number, expected: readonly CellValue[]): Promise<TableLine> {
    const table = context.workbook.tables.getItem(LOG_TABLE);
    const header = table.getHeaderRowRange().load("values");
    const body = table.getDataBodyRange().load("rowIndex, columnIndex");
    const sheet = table.worksheet.load("name");
    const range = body.getIntersectionOrNullObject(sheet.getRange(`${row}:${row}`)).load("values, formulas");
    await context.sync();
    const columns = inputColumns(header.values[0] ?? []);
    if (range.isNullObject) throw new WorkbookError(rowChangedMessage(row));
    const values = range.values[0] ?? [];
    const formulas = range.formulas[0] ?? [];
    const current = columns.map((column) => toCellValue(values[column]));
    if (!sameCells(current, expected, INPUT_COLUMN_COUNT)) throw new WorkbookError(rowChangedMessage(row));
    return { sheetName: sheet.name, left: body.columnIndex, columns, values, formulas, range, index: row - body.rowIndex - 1 };
  }

  async writeRow(row: number, cells: readonly CellValue[], expected: readonly CellValue[]): Promise<void> {
    await this.writing(this.correct(row, cells, expected));
  }

  private async correct(row: number, cells: readonly CellValue[], expected: readonly CellValue[]): Promise<void> {
    await run(async (context) => {
      const line = await this.readLine(context, row, expected);
      const rowValues = new Array<ExcelValue | null>(line.values.length).fill(null);
      line.columns.forEach((column, position) => {
        if (sameCell(cells[position], expected[position])) return;
        const formula = line.formulas[column];
        if (isFormula(formula, line.values[column])) {
          throw new WorkbookError(formulaInTheWay(cellName(line.sheetName, row, line.left + column), formula));
        }
        rowValues[column] = toExcelValue(cells[position]);
      });
      if (rowValues.every((value) => value === null)) return;
      line.range.numberFormat = [rowValues.map((value) => writtenFormat(value))] as string[][];
      line.range.values = [rowValues] as ExcelValue[][];
      await context.sync();
    });
  }

  async removeRow(row: number, expected: readonly CellValue[]): Promise<void> {
    await this.writing(
      run(async (context) => {
        const line = await this.readLine(context, row, expected);
        context.workbook.tables.getItem(LOG_TABLE).rows.getItemAt(line.index).delete();
        await context.sync();
      }),
    );
  }

  async writeProfile(changes: ProfileChanges): Promise<void> {
    const fields = PROFILE_FIELDS.map((field, index) => ({ field, index })).filter(({ field }) => field.key in changes);
    if (fields.length === 0) return;
    await this.writing(this.writeFields(fields, changes));
  }

  private async writeFields(
    fields: readonly { field: (typeof PROFILE_FIELDS)[number]; index: number }[],
    changes: ProfileChanges,
  ): Promise<void> {
    await run(async (context) => {
      const sheet = context.workbook.worksheets.getItem(PROFILE_SHEET);
      const current = sheet.getRange(PROFILE_VALUES_ADDRESS).load("values, formulas");
      const labels = sheet.getRange(PROFILE_LABELS_ADDRESS).load("values");
      await context.sync();
      for (const { field, index } of fields) {
        const formula = current.formulas[index]?.[0];
        if (isFormula(formula, current.values[index]?.[0])) {
          throw new WorkbookError(formulaInTheWay(cellName(PROFILE_SHEET, index + 1, 1), formula));
        }
        const problem = profileRowProblem(field, index + 1, labels.values[index]?.[0]);
        if (problem !== null) throw new WorkbookError(problem);
      }
      for (const { field, index } of fields) {
        // A form made before the field has no label for it yet.
        if (isBlankCell(toCellValue(labels.values[index]?.[0]))) sheet.getRange(`A${index + 1}`).values = [[field.label]];
        const value = toExcelValue(changes[field.key]);
        const cell = sheet.getRange(`B${index + 1}`);
        const format = writtenFormat(value, field.kind);
        if (format !== null) cell.numberFormat = [[format]];
        cell.values = [[value]];
      }
      await context.sync();
    }, NO_PROFILE_MESSAGE);
  }

  async markRows(marks: readonly RowMark[]): Promise<void> {
    await run(async (context) => {
      const table = context.workbook.tables.getItem(LOG_TABLE);
      const header = table.getHeaderRowRange().load("values");
      const body = table.getDataBodyRange().load("rowIndex, rowCount, columnIndex");
      const sheet = table.worksheet.load("name");
      const right = table.getRange().getColumnsAfter(1).getUsedRangeOrNullObject(true).load("rowIndex, columnIndex");
      await context.sync();

      const headers = header.values[0] ?? [];
      const columns = inputColumns(headers);
      let status = statusColumn(headers, columns, (column) => cellName(sheet.name, body.rowIndex, body.columnIndex + column));
      const nameOf = (index: number) => cellName(sheet.name, body.rowIndex + 1 + index, body.columnIndex + status);
      const addColumn = status < 0;
      if (addColumn) {
        if (!right.isNullObject) {
          // Name the first cell in the way (the top of the used part of that column holds a value).
          const first = sheet.getRange(cellAddress(right.rowIndex + 1, right.columnIndex)).load("values, formulas");
          await context.sync();
          const value = first.values[0]?.[0];
          const formula = first.formulas[0]?.[0];
          const name = cellName(sheet.name, right.rowIndex + 1, right.columnIndex);
          throw new WorkbookError(
            isFormula(formula, value)
              ? formulaInTheWay(name, formula)
              : valueInTheWay(name, toCellValue(value), `the ${STATUS_HEADER} column`),
          );
        }
        status = headers.length;
      } else {
        // Only the add-in's own values may be written over: check the whole column before writing any of it.
        await readInChunks(
          context,
          body.rowCount,
          (start, count) => body.getCell(start, status).getResizedRange(count - 1, 0),
          true,
          (start, block) =>
            block.values.forEach((values, index) => {
              const value = values[0];
              const formula = block.formulas[index]?.[0];
              if (isFormula(formula, value)) throw new WorkbookError(formulaInTheWay(nameOf(start + index), formula));
              if (!isStatusText(toCellValue(value))) {
                throw new WorkbookError(valueInTheWay(nameOf(start + index), toCellValue(value), `the ${STATUS_HEADER} column`));
              }
            }),
        );
      }

      const byRow = new Map(marks.map((mark) => [mark.row, mark.text]));
      const texts = Array.from({ length: body.rowCount }, (_, index) => byRow.get(body.rowIndex + 1 + index) ?? "");
      if (addColumn) table.columns.add(undefined, undefined, STATUS_HEADER);
      // Chunks sized by what they carry: each text, and its number format.
      for (let start = 0; start < texts.length;) {
        let bytes = 0;
        let end = start;
        while (end < texts.length && end - start < MAX_CHUNK_ROWS && (end === start || bytes < CHUNK_BYTES)) {
          bytes += jsonBytes(texts[end]) + 12;
          end++;
        }
        const chunk = texts.slice(start, end);
        const range = body.getCell(start, status).getResizedRange(chunk.length - 1, 0);
        range.numberFormat = chunk.map((text) => [writtenFormat(text)]) as string[][];
        range.values = chunk.map((text) => [text]);
        await context.sync();
        start = end;
      }
    });
  }

  async writeVerification(write: VerificationWrite): Promise<void> {
    await run(async (context) => {
      const sheets = context.workbook.worksheets;
      const found = sheets.getItemOrNullObject(VERIFICATION_SHEET);
      await context.sync();

      let sheet: Excel.Worksheet;
      let first = VERIFICATION_FIRST_ROW;
      if (found.isNullObject) {
        sheet = sheets.add(VERIFICATION_SHEET);
        const mark = sheet.getRange("A1");
        mark.numberFormat = [[TEXT_FORMAT]];
        mark.values = [[VERIFICATION_MARK]];
        mark.format.font.bold = true;
      } else {
        sheet = found;
        const mark = found.getRange("A1").load("values");
        const used = found.getUsedRangeOrNullObject(true).load("rowIndex, columnIndex, rowCount, values, formulas");
        await context.sync();
        requireOwnVerificationSheet(mark.values[0]?.[0]);
        if (!used.isNullObject) {
          const last = used.rowIndex + used.rowCount;
          if (write.mode === "replace") {
            used.formulas.forEach((row, r) =>
              row.forEach((formula, c) => {
                if (isFormula(formula, used.values[r]?.[c])) {
                  throw new WorkbookError(
                    formulaInTheWay(cellName(VERIFICATION_SHEET, used.rowIndex + r + 1, used.columnIndex + c), formula),
                  );
                }
              }),
            );
            if (last >= VERIFICATION_FIRST_ROW) sheet.getRange(`${VERIFICATION_FIRST_ROW}:${last}`).clear(Excel.ClearApplyTo.contents);
          } else {
            first = Math.max(first, last + 1);
          }
        }
      }
      const width = write.rows.reduce((most, row) => Math.max(most, row.length), 0);
      if (write.rows.length > 0 && width > 0) {
        const values = write.rows.map((row) => Array.from({ length: width }, (_, column) => toExcelValue(row[column])));
        const range = sheet.getRange(`A${first}:${columnLetter(width)}${first + values.length - 1}`);
        range.numberFormat = values.map((row) => row.map((value) => writtenFormat(value))) as string[][];
        range.values = values;
      }
      applyWidths(sheet, VERIFICATION_WIDTHS);
      sheet.activate();
      await context.sync();
    });
  }

  async readVerification(): Promise<VerificationRow[]> {
    return run(async (context) => {
      const sheet = context.workbook.worksheets.getItemOrNullObject(VERIFICATION_SHEET);
      await context.sync();
      if (sheet.isNullObject) return [];
      const mark = sheet.getRange("A1").load("values");
      const used = sheet.getUsedRangeOrNullObject(true).load("rowIndex, columnIndex, rowCount, columnCount, values");
      await context.sync();
      if (mark.values[0]?.[0] !== VERIFICATION_MARK || used.isNullObject) return [];
      const rows: VerificationRow[] = [];
      used.values.forEach((values, index) => {
        const row = used.rowIndex + index + 1;
        if (row < VERIFICATION_FIRST_ROW) return;
        rows[row - VERIFICATION_FIRST_ROW] = [...new Array<CellValue>(used.columnIndex).fill(""), ...values.map(toCellValue)];
      });
      return Array.from(rows, (row) => row ?? []);
    });
  }

  async goTo(target: GoToTarget): Promise<void> {
    if (target.kind === "profile") {
      await run(async (context) => {
        const profile = context.workbook.worksheets.getItem(PROFILE_SHEET);
        profile.activate();
        const row = PROFILE_INDEX[target.field] + 1;
        profile.getRange(`A${row}:B${row}`).select();
        await context.sync();
      }, NO_PROFILE_MESSAGE);
      return;
    }
    await run(async (context) => {
      const table = context.workbook.tables.getItem(LOG_TABLE);
      const sheet = table.worksheet;
      sheet.activate();
      table
        .getRange()
        .getIntersection(sheet.getRange(`${target.row}:${target.row}`))
        .select();
      await context.sync();
    });
  }

  /**
   * Tells `listener` of changes to the form (the log table, the Profile and
   * Submission sheets) made by anyone but this add-in. Excel raises
   * `WorksheetCollection.onChanged` for every sheet, and for the add-in's own
   * writes too ("Work with events"): the pane reads again after its own writes
   * anyway, and an edit elsewhere says nothing about the form, so neither
   * costs a read. Own writes are told apart by `triggerSource` (ExcelApi
   * 1.14); older hosts report them as any other change. A sheet added,
   * deleted or renamed may make or unmake the form: the form's places are
   * looked up again (one sync), and the listener hears of it when they
   * changed (a lookup that fails counts as a change).
   * https://learn.microsoft.com/office/dev/add-ins/excel/excel-add-ins-events
   * https://learn.microsoft.com/javascript/api/excel/excel.eventtriggersource
   */
  subscribe(listener: () => void): () => void {
    // WorksheetCollection.onChanged is ExcelApi 1.9; without it the pane still works, refreshed by its own changes only.
    if (!supportsExcelApi("1.9")) return () => undefined;
    let listening = true;
    this.subscriptions++;
    const heard = () => {
      this.revision++;
      listener();
    };
    // The ids of the log table and of the Profile and Submission sheets: what readForm reads.
    let formIds = new Set<string>();
    const queueFormIds = (context: Excel.RequestContext): (() => Set<string>) => {
      const found: (Excel.Table | Excel.Worksheet)[] = [
        context.workbook.tables.getItemOrNullObject(LOG_TABLE).load("id"),
        context.workbook.worksheets.getItemOrNullObject(PROFILE_SHEET).load("id"),
        context.workbook.worksheets.getItemOrNullObject(SUBMISSION_SHEET).load("id"),
      ];
      return () => new Set(found.filter((item) => !item.isNullObject).map((item) => item.id));
    };
    const byOthers = (args: object) => listening && (args as { triggerSource?: string }).triggerSource !== "ThisLocalAddin";
    const onSheetChanged = async (args: Excel.WorksheetChangedEventArgs) => {
      if (byOthers(args) && formIds.has(args.worksheetId)) heard();
    };
    const onTableChanged = async (args: Excel.TableChangedEventArgs) => {
      if (byOthers(args) && formIds.has(args.tableId)) heard();
    };
    const onSheets = async () => {
      if (!listening) return;
      const before = [...formIds].sort().join();
      try {
        formIds = await Excel.run(RUN_OPTIONS, async (context) => {
          const read = queueFormIds(context);
          await context.sync();
          return read();
        });
      } catch {
        heard();
        return;
      }
      if (listening && [...formIds].sort().join() !== before) heard();
    };
    const registered = Excel.run(RUN_OPTIONS, async (context) => {
      const sheets = context.workbook.worksheets;
      const read = queueFormIds(context);
      const results: OfficeExtension.EventHandlerResult<unknown>[] = [
        sheets.onChanged.add(onSheetChanged),
        context.workbook.tables.onChanged.add(onTableChanged),
        sheets.onAdded.add(onSheets),
        sheets.onDeleted.add(onSheets),
      ];
      if (supportsExcelApi("1.17")) results.push(sheets.onNameChanged.add(onSheets));
      await context.sync();
      formIds = read();
      return results;
    }).catch(() => [] as OfficeExtension.EventHandlerResult<unknown>[]);
    return () => {
      if (listening) this.subscriptions--;
      listening = false;
      void registered
        .then(async (results) => {
          const first = results[0];
          if (first === undefined) return;
          await Excel.run(first.context, async (context) => {
            for (const result of results) result.remove();
            await context.sync();
          });
        })
        .catch(() => undefined);
    };
  }
}
