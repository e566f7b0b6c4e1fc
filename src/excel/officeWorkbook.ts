/**
 * The workbook through Office.js. Every operation is one `Excel.run` with a
 * fixed number of `context.sync()` calls whatever the number of rows: the
 * table body is loaded and written as whole ranges, never cell by cell.
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
  LOG_COLUMNS,
  LOG_SHEET,
  LOG_TABLE,
  PROFILE_FIELDS,
  PROFILE_SHEET,
  SUBMISSION_SHEET,
  columnLetter,
  formLayout,
  isEmptyRow,
  listFormula,
  rangeAddress,
} from "../core";
import {
  type GoToTarget,
  type InsertFormResult,
  type RowMark,
  type TrackingWorkbook,
  type VerificationLine,
  FORM_LISTS_SHEET,
  NO_FORM_MESSAGE,
  NO_PROFILE_MESSAGE,
  STATUS_HEADER,
  VERIFICATION_SHEET,
  WorkbookError,
  existingFormReason,
  firstFreeRowIndex,
} from "./workbook";

/** Excel's column width unit is points; the form gives widths in characters. */
const POINTS_PER_CHARACTER = 7;

const PROFILE_VALUES_ADDRESS = `B1:B${PROFILE_FIELDS.length}`;

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

/** Maps each of the seven input headers to its column in the table; names the first one missing. */
function inputColumns(headers: readonly unknown[]): number[] {
  const names = headers.map((header) => String(header).trim().toLowerCase());
  return LOG_COLUMNS.map((column) => {
    const index = names.indexOf(column.toLowerCase());
    if (index < 0) {
      throw new WorkbookError(`The ${LOG_TABLE} table has no ${column} column: give its columns the headers ${LOG_COLUMNS.join(", ")}.`);
    }
    return index;
  });
}

function isItemNotFound(error: unknown): boolean {
  return typeof error === "object" && error !== null && (error as { code?: unknown }).code === "ItemNotFound";
}

/** Runs a batch; a missing table or sheet becomes the given message for the user. */
async function run<T>(batch: (context: Excel.RequestContext) => Promise<T>, missing: string = NO_FORM_MESSAGE): Promise<T> {
  try {
    return await Excel.run(batch);
  } catch (error) {
    if (error instanceof WorkbookError) throw error;
    if (isItemNotFound(error)) throw new WorkbookError(missing);
    const message = error instanceof Error ? error.message : String(error);
    throw new WorkbookError(`Excel could not complete the change (${message}): try again, and check that no cell is being edited.`);
  }
}

function supportsExcelApi(version: string): boolean {
  return typeof Office !== "undefined" && Office.context?.requirements?.isSetSupported("ExcelApi", version) === true;
}

/** Applies one sheet of the form's layout (layout.ts) through Office.js: the same description exceljs and the memory workbook apply. */
function applySheet(sheet: Excel.Worksheet, layout: SheetLayout): void {
  const table =
    layout.table === null
      ? null
      : sheet.tables.add(`A${layout.table.headerRow}:${columnLetter(layout.table.headers.length)}${layout.table.headerRow + 1}`, true);
  if (table !== null && layout.table !== null) {
    table.name = layout.table.name;
    table.getHeaderRowRange().values = [[...layout.table.headers]];
  }
  const rangeOf = (range: LayoutRange): Excel.Range =>
    range.kind === "tableColumn" && table !== null
      ? table.columns.getItemAt(range.column - 1).getDataBodyRange()
      : sheet.getRange(rangeAddress(range, layout.table, 0));
  for (const { range, numberFormat } of layout.formats) rangeOf(range).numberFormat = [[numberFormat]];
  for (const { row, column, value, bold } of layout.values) {
    const cell = sheet.getRange(`${columnLetter(column)}${row}`);
    cell.values = [[value]];
    if (bold) cell.format.font.bold = true;
  }
  if (layout.name === PROFILE_SHEET) {
    sheet.getRange(PROFILE_VALUES_ADDRESS).values = PROFILE_FIELDS.map((field) => [field.defaultValue]);
  }
  for (const validation of layout.validations) {
    rangeOf(validation.range).dataValidation.rule = { list: { inCellDropDown: true, source: listFormula(validation.list) } };
  }
  for (const { column, width } of layout.widths) {
    sheet.getRange(`${columnLetter(column)}:${columnLetter(column)}`).format.columnWidth = width * POINTS_PER_CHARACTER;
  }
  if (layout.hidden) sheet.visibility = Excel.SheetVisibility.hidden;
}

export class OfficeWorkbook implements TrackingWorkbook {
  async readForm(): Promise<WorkbookContent> {
    return run(async (context) => {
      const workbook = context.workbook;
      const table = workbook.tables.getItemOrNullObject(LOG_TABLE).load("isNullObject");
      const profileSheet = workbook.worksheets.getItemOrNullObject(PROFILE_SHEET).load("isNullObject");
      const submissionSheet = workbook.worksheets.getItemOrNullObject(SUBMISSION_SHEET).load("isNullObject");
      const dateProbe = supportsExcelApi("1.2") ? workbook.functions.date(1904, 1, 1).load("value, error") : null;
      await context.sync();

      const header = table.isNullObject ? null : table.getHeaderRowRange().load("values");
      const body = table.isNullObject ? null : table.getDataBodyRange().load("values, rowIndex");
      const profile = profileSheet.isNullObject ? null : profileSheet.getRange(PROFILE_VALUES_ADDRESS).load("values");
      const submission = submissionSheet.isNullObject
        ? null
        : submissionSheet.getRange("A1").getBoundingRect(submissionSheet.getUsedRange(true)).load("values");
      if (header !== null || profile !== null || submission !== null) await context.sync();

      const dateSystem: DateSystem = dateProbe !== null && !dateProbe.error && dateProbe.value === 0 ? "1904" : "1900";
      const rows: LogRow[] = [];
      if (header !== null && body !== null) {
        const columns = inputColumns(header.values[0] ?? []);
        body.values.forEach((values, index) => {
          rows.push({ row: body.rowIndex + 1 + index, cells: columns.map((column) => toCellValue(values[column])) });
        });
      }
      return {
        log: { rows, profileCells: PROFILE_FIELDS.map((_, index) => toCellValue(profile?.values[index]?.[0])), dateSystem },
        hasLog: header !== null,
        hasProfile: profile !== null,
        submissionRows: submission === null ? null : submission.values.map((row) => row.map(toCellValue)),
      };
    });
  }

  async insertForm(): Promise<InsertFormResult> {
    return run(async (context) => {
      const { worksheets, tables } = context.workbook;
      const checks = [
        ...[PROFILE_SHEET, LOG_SHEET, FORM_LISTS_SHEET].map((name) => worksheets.getItemOrNullObject(name).load("isNullObject, name")),
        tables.getItemOrNullObject(LOG_TABLE).load("isNullObject, name"),
      ];
      await context.sync();
      const existing = checks.filter((item) => !item.isNullObject).map((item) => item.name);
      if (existing.length > 0) return { inserted: false, reason: existingFormReason(existing) };

      const layout = formLayout();
      for (const sheetLayout of layout.sheets) {
        const sheet = worksheets.add(sheetLayout.name);
        applySheet(sheet, sheetLayout);
      }
      const log = worksheets.getItem(LOG_SHEET);
      log.activate();
      await context.sync();
      return { inserted: true };
    });
  }

  async appendRow(cells: readonly CellValue[]): Promise<number> {
    return run(async (context) => {
      const table = context.workbook.tables.getItem(LOG_TABLE);
      const header = table.getHeaderRowRange().load("values, columnCount");
      const body = table.getDataBodyRange().load("values, rowIndex");
      const below = table.getRange().getRowsBelow(1).load("values");
      await context.sync();

      const columns = inputColumns(header.values[0] ?? []);
      const inputs = body.values.map((values) => columns.map((column) => toCellValue(values[column])));
      // Null leaves a cell as it is: computed columns keep their formulas.
      const rowValues = new Array<ExcelValue | null>(header.columnCount).fill(null);
      columns.forEach((column, index) => (rowValues[column] = toExcelValue(cells[index])));
      // The typings leave out null, which the API documents as "leave the cell unchanged".
      const written = [rowValues] as ExcelValue[][];
      const free = firstFreeRowIndex(inputs, isEmptyRow);
      let index: number;
      if (free !== null) {
        index = free;
        body.getRow(index).values = written;
      } else {
        if (!isEmptyRow((below.values[0] ?? []).map(toCellValue))) {
          throw new WorkbookError(
            `Row ${body.rowIndex + body.values.length + 1} below the ${LOG_TABLE} table is not empty: move what is there so the table can grow.`,
          );
        }
        index = body.values.length;
        table.rows.add(undefined, written);
      }
      await context.sync();
      return body.rowIndex + 1 + index;
    });
  }

  async writeProfile(cells: readonly CellValue[]): Promise<void> {
    await run(async (context) => {
      const profile = context.workbook.worksheets.getItem(PROFILE_SHEET);
      profile.getRange(PROFILE_VALUES_ADDRESS).values = PROFILE_FIELDS.map((_, index) => [toExcelValue(cells[index])]);
      await context.sync();
    }, NO_PROFILE_MESSAGE);
  }

  async markRows(marks: readonly RowMark[]): Promise<void> {
    await run(async (context) => {
      const table = context.workbook.tables.getItem(LOG_TABLE);
      const header = table.getHeaderRowRange().load("values");
      const body = table.getDataBodyRange().load("rowIndex, rowCount");
      const right = table.getRange().getColumnsAfter(1).load("values");
      await context.sync();

      const byRow = new Map(marks.map((mark) => [mark.row, mark.text]));
      const statuses = Array.from({ length: body.rowCount }, (_, index) => [byRow.get(body.rowIndex + 1 + index) ?? ""]);
      const existing = (header.values[0] ?? []).findIndex((name) => String(name).trim().toLowerCase() === STATUS_HEADER.toLowerCase());
      if (existing >= 0) {
        table.columns.getItemAt(existing).getDataBodyRange().values = statuses;
      } else {
        if (right.values.some((row) => !isEmptyRow(row.map(toCellValue)))) {
          throw new WorkbookError(
            `The column right of the ${LOG_TABLE} table is not empty: clear it so the Status column can be added beside the log.`,
          );
        }
        const column = table.columns.add(undefined, undefined, STATUS_HEADER);
        column.getDataBodyRange().values = statuses;
      }
      await context.sync();
    });
  }

  async writeVerification(lines: readonly VerificationLine[]): Promise<void> {
    await run(async (context) => {
      const sheets = context.workbook.worksheets;
      const found = sheets.getItemOrNullObject(VERIFICATION_SHEET).load("isNullObject");
      await context.sync();
      const sheet = found.isNullObject ? sheets.add(VERIFICATION_SHEET) : found;
      if (!found.isNullObject) sheet.getRange().clear(Excel.ClearApplyTo.contents);
      if (lines.length > 0) sheet.getRange(`A1:B${lines.length}`).values = lines.map(([label, value]) => [label, value]);
      sheet.getRange("A:A").format.columnWidth = 28 * POINTS_PER_CHARACTER;
      sheet.getRange("B:B").format.columnWidth = 60 * POINTS_PER_CHARACTER;
      sheet.activate();
      await context.sync();
    });
  }

  async goTo(target: GoToTarget): Promise<void> {
    if (target.kind === "profile") {
      await run(async (context) => {
        const profile = context.workbook.worksheets.getItem(PROFILE_SHEET);
        profile.activate();
        profile.getRange(`A${target.field + 1}:B${target.field + 1}`).select();
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
}
