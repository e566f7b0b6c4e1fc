/**
 * The form's layout (src/core/layout.ts) applied through Office.js, as the twin and exceljs apply it:
 * formats before values (Text keeps text), the Profile's defaults, dropdowns with their help, widths,
 * frozen rows and the page set-up for printing.
 */
import { type LayoutRange, type SheetLayout, columnLetter, listFormula, rangeAddress } from "../core";
import { supportsExcelApi } from "./host";

/** Excel's column width unit is points; the form gives widths in characters. */
const POINTS_PER_CHARACTER = 7;

/** A row-by-column array of one value. */
function filled<T>(rows: number, columns: number, value: T): T[][] {
  return Array.from({ length: rows }, () => new Array<T>(columns).fill(value));
}

/** Applies one sheet of the form's layout (layout.ts) through Office.js: the same description exceljs and the memory workbook apply. */
export function applyWidths(sheet: Excel.Worksheet, widths: SheetLayout["widths"]): void {
  for (const { column, width } of widths) {
    sheet.getRange(`${columnLetter(column)}:${columnLetter(column)}`).format.columnWidth = width * POINTS_PER_CHARACTER;
  }
}

export function applySheet(sheet: Excel.Worksheet, layout: SheetLayout): void {
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
