/**
 * Writes the tracking form with exceljs: the workbook layout of the core
 * (`formLayout`, layout.ts) applied to an exceljs workbook, then the profile
 * values and the log rows written by the kind of their field. The blank
 * template of the command line, the Profile and Tracking Form sheets of an
 * exported submission and the web tracker's saved form all come from here.
 *
 * No Node APIs: the add-in and the web tracker build workbooks in the browser with this too.
 */
import type ExcelJS from "exceljs";
import {
  type CellValue,
  type DateSystem,
  type FieldKind,
  type FormDefinition,
  type LayoutOptions,
  type LogRow,
  type SheetLayout,
  type WorkbookLayout,
  DECIMAL_TEXT,
  FORM,
  TEMPLATE_DATA_ROWS,
  formLayout,
  isEmptyRow,
  isoDateToUtcMilliseconds,
  listFormula,
  rangeAddress,
  readDateCell,
  EXCEL_LAST_ROW,
} from "../core";

/**
 * Rows of a form a person goes on filling (the template, a saved form) that
 * get the formats and dropdowns even below the table: LibreOffice and
 * Google Sheets do not grow a table's formats as Excel does. An exported
 * submission carries none beyond its log.
 */
export const FILL_IN_ROWS = 1000;

/**
 * Data rows a form a person goes on filling has in its table at least: Excel grows a table when a row is
 * typed below it, LibreOffice Calc, Google Sheets and openpyxl do not, so the rows a log will use are in it
 * from the start. Its empty rows are skipped by every reader, as Excel's own empty table rows are.
 */
export const FILL_IN_TABLE_ROWS = 200;

/** Before 1900-03-01, Excel's 1900 system counts a day that never was; exceljs does not, so such dates are written as text. */
const FIRST_SAFE_DATE = "1900-03-01";

/** A calendar date as the value exceljs writes as that date in every time zone (UTC midnight). */
function excelDate(iso: string): Date | string {
  return iso < FIRST_SAFE_DATE ? iso : new Date(isoDateToUtcMilliseconds(iso));
}

/** A date cell as it should be written: a real date when it reads as one, else exactly as entered. */
export function dateForSheet(value: CellValue, system: DateSystem): ExcelJS.CellValue {
  if (value === null || value === undefined || (typeof value === "string" && value.trim() === "")) return value ?? null;
  const reading = readDateCell(value, system);
  if (reading.ok) return excelDate(reading.date);
  return textForSheet(value);
}

/** A number cell as it should be written: numeric text becomes the number, anything else stays as entered. */
export function numberForSheet(value: CellValue): ExcelJS.CellValue {
  if (typeof value === "string" && DECIMAL_TEXT.test(value)) {
    const number = Number(value);
    if (Number.isFinite(number)) return number;
  }
  return textForSheet(value);
}

// Matching control characters is the point here: they are what the file format cannot carry.
// eslint-disable-next-line no-control-regex
const ESCAPED_CHARACTER = /[\u0000-\u0008\u000b-\u001f\u007f\ufffe\uffff]/g;
const LITERAL_ESCAPE = /_(?=x[0-9a-f]{4}_)/gi;
// eslint-disable-next-line no-control-regex
const NEEDS_ESCAPE = /[\u0000-\u0008\u000b-\u001f\u007f\ufffe\uffff]|_x[0-9a-f]{4}_/i;

/**
 * Text as a cell can carry it through the file: XML has no place for most
 * control characters and reads a carriage return as a line feed, and exceljs
 * drops DEL (U+007F), so these are written as the format's `_xHHHH_` escapes
 * (which Excel and the readers decode), and text that merely looks like an
 * escape has its underscore escaped. Without this a note would read back
 * different from the one exported, and the submission would verify as edited.
 */
export function escapeSheetText(text: string): string {
  if (!NEEDS_ESCAPE.test(text)) return text;
  return text
    .replace(LITERAL_ESCAPE, "_x005F_")
    .replace(ESCAPED_CHARACTER, (character) => `_x${character.charCodeAt(0).toString(16).toUpperCase().padStart(4, "0")}_`);
}

/**
 * Any other cell: text, numbers and booleans as entered; an Excel error
 * stays that error. A date read into a text column (a note that was a date
 * cell) is written as its ISO text: the column is formatted as Text, and the
 * canonical form reads both the same.
 */
export function textForSheet(value: CellValue): ExcelJS.CellValue {
  if (value === null || value === undefined) return null;
  if (typeof value === "object") {
    if ("isoDate" in value) return escapeSheetText(value.isoDate);
    if ("excelError" in value) return { error: value.excelError as ExcelJS.CellErrorValue["error"] };
    return null;
  }
  return typeof value === "string" ? escapeSheetText(value) : value;
}

/** How a cell of a field of this kind is written. */
export function valueForSheet(value: CellValue, kind: FieldKind, system: DateSystem): ExcelJS.CellValue {
  // An empty cell is written as no cell: an empty text cell is not blank to Excel (ISBLANK, COUNTA) or to other readers.
  if (value === "") return null;
  switch (kind) {
    case "date":
      return dateForSheet(value, system);
    case "number":
    case "wholeNumber":
      return numberForSheet(value);
    case "text":
    case "choice":
      return textForSheet(value);
  }
}

/**
 * Source row numbers are kept (row N of the source is worksheet row N) so
 * that findings on the submission name the rows the mentee saw; a log whose
 * numbers cannot be kept (not increasing, or not below a header) is
 * numbered from row 2.
 */
export function placeRows(rows: readonly LogRow[]): { row: number; source: number; cells: readonly CellValue[] }[] {
  const kept = rows.filter((row) => !isEmptyRow(row.cells));
  const increasing = kept.every(
    (row, index) => Number.isInteger(row.row) && row.row >= 2 && (index === 0 || row.row > (kept[index - 1] as LogRow).row),
  );
  const lastRow = kept.length === 0 ? 0 : (kept[kept.length - 1] as LogRow).row;
  if (increasing && lastRow <= EXCEL_LAST_ROW) return kept.map((row) => ({ row: row.row, source: row.row, cells: row.cells }));
  return kept.map((row, index) => ({ row: index + 2, source: row.row, cells: row.cells }));
}

/** What goes into the form: the profile values (defaults when null) and the log rows (one blank row when null). */
export interface FormContent {
  readonly profileCells: readonly CellValue[] | null;
  readonly rows: readonly LogRow[] | null;
  readonly dateSystem: DateSystem;
  /** Format and offer dropdowns below the log too (a form still being filled), or only on its rows (a submission). */
  readonly fillIn: boolean;
  /** Computed columns after the input ones, in the table (docs/rules.md §5): their headers, and each row's cells by its source row number. */
  readonly computed?: {
    readonly headers: readonly string[];
    readonly cells: (sourceRow: number) => readonly ExcelJS.CellValue[];
  };
}

/** Excel's page setup for printing, as exceljs writes it. */
function applyPage(sheet: ExcelJS.Worksheet, layout: SheetLayout): void {
  const page = layout.page;
  if (page === null) return;
  sheet.pageSetup = {
    ...sheet.pageSetup,
    orientation: page.orientation,
    fitToPage: true,
    fitToWidth: page.fitToWidth,
    fitToHeight: page.fitToHeight,
    showGridLines: page.printGridlines,
    horizontalCentered: true,
    margins: { left: 0.5, right: 0.5, top: 0.6, bottom: 0.7, header: 0.3, footer: 0.3 },
    ...(page.repeatRows === null ? {} : { printTitlesRow: page.repeatRows }),
  };
  sheet.headerFooter = { ...sheet.headerFooter, oddFooter: `&C${page.footer}` };
}

/** Applies one sheet of the layout: widths, fixed values, formats, dropdowns, frozen rows, page setup. */
function applySheet(sheet: ExcelJS.Worksheet, layout: SheetLayout, lastRow: number): void {
  for (const { column, width } of layout.widths) sheet.getColumn(column).width = width;
  for (const { row, column, value, bold } of layout.values) {
    const cell = sheet.getCell(row, column);
    cell.value = escapeSheetText(value);
    if (bold) cell.font = { bold: true };
  }
  for (const { range, numberFormat } of layout.formats) {
    const [top, left, bottom, right] =
      range.kind === "cells"
        ? [range.top, range.left, range.bottom, range.right]
        : [(layout.table?.headerRow ?? 1) + 1, range.column, lastRow, range.column];
    for (let row = top; row <= bottom; row++)
      for (let column = left; column <= right; column++) sheet.getCell(row, column).numFmt = numberFormat;
  }
  for (const validation of layout.validations) {
    // exceljs writes a range key as one rule over the whole range.
    (sheet as unknown as { dataValidations: { add(range: string, rule: ExcelJS.DataValidation): void } }).dataValidations.add(
      rangeAddress(validation.range, layout.table, lastRow),
      {
        type: "list",
        allowBlank: true,
        formulae: [listFormula(validation.list).slice(1)],
        showErrorMessage: true,
        // A warning, not a stop: the rules also read codes and other spellings.
        errorStyle: "warning",
        errorTitle: validation.title,
        error: validation.help,
        showInputMessage: true,
        promptTitle: validation.title,
        prompt: validation.help,
      },
    );
  }
  if (layout.frozenRows > 0) sheet.views = [{ state: "frozen", ySplit: layout.frozenRows }];
  if (layout.hidden) sheet.state = "hidden";
  applyPage(sheet, layout);
}

/** Adds one sheet of the layout, filled with its part of the content. */
function addSheet(workbook: ExcelJS.Workbook, layout: SheetLayout, content: FormContent, form: FormDefinition): ExcelJS.Worksheet {
  const sheet = workbook.addWorksheet(layout.name);
  if (layout.name === form.profileSheet) {
    form.profile.forEach((field, index) => {
      const value =
        content.profileCells === null ? (layout.defaults.find((each) => each.row === index + 1)?.value ?? "") : content.profileCells[index];
      sheet.getCell(index + 1, 2).value = valueForSheet(value, field.kind, content.dateSystem);
    });
    applySheet(sheet, layout, form.profile.length);
    return sheet;
  }
  if (layout.table !== null) {
    const placed = content.rows === null ? [] : placeRows(content.rows);
    const header = layout.table.headerRow;
    const lastPlaced = placed.length === 0 ? header + TEMPLATE_DATA_ROWS : (placed[placed.length - 1] as { row: number }).row;
    const lastRow = content.fillIn ? Math.max(lastPlaced, header + FILL_IN_TABLE_ROWS) : lastPlaced;
    const computed = content.computed?.headers ?? [];
    const blank = [...form.log.map(() => null), ...computed.map(() => null)];
    const tableRows: ExcelJS.CellValue[][] = Array.from({ length: lastRow - header }, () => blank);
    for (const row of placed) {
      const input = form.log.map((column, index) => valueForSheet(row.cells[index], column.kind, content.dateSystem));
      tableRows[row.row - header - 1] = computed.length === 0 ? input : [...input, ...(content.computed?.cells(row.source) ?? [])];
    }
    sheet.addTable({
      name: layout.table.name,
      displayName: layout.table.name,
      ref: `A${header}`,
      headerRow: true,
      style: { theme: layout.table.style as ExcelJS.TableStyleProperties["theme"], showRowStripes: true },
      columns: [...layout.table.headers, ...computed].map((name) => ({ name, filterButton: true })),
      rows: tableRows,
    });
    applySheet(sheet, layout, content.fillIn ? Math.max(FILL_IN_ROWS, lastRow) : lastRow);
    return sheet;
  }
  applySheet(sheet, layout, 0);
  return sheet;
}

/**
 * Writes the form's sheets into the workbook, in the layout's order, after
 * any sheet `before` adds (a submission's cover page comes first, so it is
 * what opens and what prints first).
 */
export function writeForm(
  workbook: ExcelJS.Workbook,
  content: FormContent,
  options: LayoutOptions & { readonly before?: (workbook: ExcelJS.Workbook) => void } = {},
  form: FormDefinition = FORM,
): WorkbookLayout {
  const layout = formLayout(form, options);
  options.before?.(workbook);
  for (const sheet of layout.sheets) addSheet(workbook, sheet, content, form);
  for (const name of layout.names) workbook.definedNames.add(`'${name.sheet.replace(/'/g, "''")}'!${name.address}`, name.name);
  return layout;
}

/** The workbook's .xlsx bytes. */
export async function workbookBytes(workbook: ExcelJS.Workbook): Promise<Uint8Array> {
  const buffer = await workbook.xlsx.writeBuffer();
  return new Uint8Array(buffer as ArrayBuffer);
}

/** A new exceljs workbook with the project's properties (1900 date system). */
export function newWorkbook(Workbook: typeof ExcelJS.Workbook): ExcelJS.Workbook {
  const workbook = new Workbook();
  workbook.creator = "CST Mentorship Tracker";
  return workbook;
}
