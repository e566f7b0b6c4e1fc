/**
 * The form's layout (src/core/layout.ts) applied to the in-memory twin, as Office.js (officeLayout.ts) and
 * exceljs apply it: formats first, so the values written next are read through them.
 */
import {
  type DateSystem,
  type LogRow,
  type WorkbookContent,
  EXCEL_LAST_ROW,
  FORM,
  LISTS_SHEET as FORM_LISTS_SHEET,
  PROFILE_FIELDS,
  formLayout,
  isEmptyRow,
  listFormula,
} from "../core";
import { type MemorySheet, type MemoryTable, asOpened, enteredValue, formatOf, putCell, writeCell } from "./memorySheets";

/** Adds the form's sheets (through `addSheet`) with their formats, values, dropdowns and settings; returns the tables made. */
export function applyFormLayout(addSheet: (name: string) => MemorySheet, dateSystem: DateSystem): MemoryTable[] {
  const tables: MemoryTable[] = [];
  // The form's layout (layout.ts), as Office.js and exceljs apply it: formats first, so the values written next are read through them.
  for (const layout of formLayout().sheets) {
    const sheet = addSheet(layout.name);
    sheet.hidden = layout.hidden;
    sheet.frozenRows = layout.frozenRows;
    sheet.page = layout.page;
    for (const { column, width } of layout.widths) sheet.widths[column - 1] = width;
    const key = (range: (typeof layout.formats)[number]["range"]): string[] =>
      range.kind === "tableColumn"
        ? [String(range.column - 1)]
        : Array.from({ length: range.bottom - range.top + 1 }, (_, r) =>
            Array.from({ length: range.right - range.left + 1 }, (__, c) => `${range.top + r},${range.left - 1 + c}`),
          ).flat();
    for (const { range, numberFormat } of layout.formats) {
      for (const each of key(range)) {
        if (range.kind === "tableColumn") sheet.columnFormats[Number(each)] = numberFormat;
        else sheet.cellFormats[each] = numberFormat;
      }
    }
    for (const { row, column, value } of layout.values)
      writeCell(sheet, row, column - 1, enteredValue(value, formatOf(sheet, row, column - 1), dateSystem));
    for (const { range, list } of layout.validations) for (const each of key(range)) sheet.validations[each] = listFormula(list);
    for (const { row, column, value } of layout.defaults)
      writeCell(sheet, row, column - 1, enteredValue(value, formatOf(sheet, row, column - 1), dateSystem));
    if (layout.table !== null) {
      layout.table.headers.forEach((header, column) => writeCell(sheet, layout.table!.headerRow, column, header));
      // An Excel table always has at least one data row.
      layout.table.headers.forEach((_, column) => writeCell(sheet, layout.table!.headerRow + 1, column, ""));
      const choices: Record<number, readonly string[]> = {};
      const listsLayout = formLayout().sheets.find((candidate) => candidate.name === FORM_LISTS_SHEET);
      for (const { range, list } of layout.validations) {
        if (range.kind !== "tableColumn") continue;
        choices[range.column - 1] = (listsLayout?.values ?? [])
          .filter((value) => value.column === list.column && value.row >= list.firstRow)
          .map((value) => value.value);
      }
      tables.push({
        name: layout.table.name,
        sheet: layout.name,
        headerRow: layout.table.headerRow,
        headers: [...layout.table.headers],
        dataRows: 1,
        choices,
      });
    }
  }
  return tables;
}

/**
 * Fills a new form with a log read from a file (the web tracker's Open): the Profile values when the file
 * has a Profile sheet, each non-empty row in its own worksheet row (numbered from the first data row when
 * the file's numbers cannot be kept), each cell as Excel holds it once the file is open (`asOpened`).
 */
export function fillForm(
  profile: MemorySheet,
  table: MemoryTable,
  sheet: MemorySheet,
  content: WorkbookContent,
  dateSystem: DateSystem,
): void {
  if (content.hasProfile) {
    PROFILE_FIELDS.forEach((field, index) =>
      putCell(profile, index + 1, 1, asOpened(content.log.profileCells[index], field.kind, dateSystem), dateSystem, field.kind),
    );
  }
  const first = table.headerRow + 1;
  const kept = content.log.rows.filter((row) => !isEmptyRow(row.cells));
  const inPlace = kept.every(
    (row, index) =>
      Number.isInteger(row.row) &&
      row.row >= first &&
      row.row <= EXCEL_LAST_ROW &&
      (index === 0 || row.row > (kept[index - 1] as LogRow).row),
  );
  kept.forEach((row, index) => {
    const at = inPlace ? row.row : first + index;
    table.dataRows = Math.max(table.dataRows, at - table.headerRow);
    FORM.log.forEach((column, position) =>
      putCell(sheet, at, position, asOpened(row.cells[position], column.kind, dateSystem), dateSystem),
    );
  });
}
