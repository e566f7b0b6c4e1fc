/**
 * The add-in's own places in the in-memory twin: the CST Status column after the log's input columns, and
 * the CST Verification sheet carrying the add-in's mark in A1. What may be written there, and the words of
 * a refusal, are decided in decisions.ts, as the Office.js adapter decides them (officeOwnPlaces.ts).
 */
import { type DateSystem, VERIFICATION_WIDTHS, isBlankCell } from "../core";
import {
  cellName,
  formulaInTheWay,
  inputColumns,
  isStatusText,
  requireOwnVerificationSheet,
  statusColumn,
  valueInTheWay,
} from "./decisions";
import { type MemorySheet, type MemoryTable, isFormulaCell, putCell, writeCell } from "./memorySheets";
import { type RowMark, type VerificationWrite, STATUS_HEADER, VERIFICATION_FIRST_ROW, VERIFICATION_MARK, WorkbookError } from "./workbook";

/** Writes the marks into the table's CST Status column (added after its last column when absent); rows without a mark are cleared. */
export function markStatusColumn(table: MemoryTable, sheet: MemorySheet, marks: readonly RowMark[], dateSystem: DateSystem): void {
  const columns = inputColumns(table.headers);
  let column = statusColumn(table.headers, columns, (at) => cellName(sheet.name, table.headerRow, at));
  const first = table.headerRow + 1;
  const last = table.headerRow + table.dataRows;
  const inTheWay = (row: number, at: number): WorkbookError | null => {
    const value = sheet.cells[row - 1]?.[at];
    if (isFormulaCell(value)) return formulaInTheWay(cellName(sheet.name, row, at), value.formula);
    return null;
  };
  if (column < 0) {
    column = table.headers.length;
    for (let row = table.headerRow; row <= last; row++) {
      const value = sheet.cells[row - 1]?.[column];
      if (!isBlankCell(value)) {
        throw inTheWay(row, column) ?? valueInTheWay(cellName(sheet.name, row, column), value);
      }
    }
    table.headers.push(STATUS_HEADER);
    writeCell(sheet, table.headerRow, column, STATUS_HEADER);
  } else {
    for (let row = first; row <= last; row++) {
      const formula = inTheWay(row, column);
      if (formula !== null) throw formula;
      const value = sheet.cells[row - 1]?.[column] ?? "";
      if (!isStatusText(value)) throw valueInTheWay(cellName(sheet.name, row, column), value);
    }
  }
  const byRow = new Map(marks.map((mark) => [mark.row, mark.text]));
  for (let row = first; row <= last; row++) putCell(sheet, row, column, byRow.get(row) ?? "", dateSystem);
}

/**
 * Writes rows into the add-in's own CST Verification sheet (`made`: the sheet was just added, empty):
 * replacing what it holds below the mark, or below it. Refuses a sheet of that name the add-in did not make.
 */
export function writeVerificationSheet(sheet: MemorySheet, made: boolean, write: VerificationWrite, dateSystem: DateSystem): void {
  let start = VERIFICATION_FIRST_ROW;
  if (made) putCell(sheet, 1, 0, VERIFICATION_MARK, dateSystem);
  else {
    requireOwnVerificationSheet(sheet.cells[0]?.[0]);
    if (write.mode === "replace") {
      sheet.cells.forEach((cells, index) =>
        cells.forEach((value, column) => {
          if (isFormulaCell(value)) throw formulaInTheWay(cellName(sheet.name, index + 1, column), value.formula);
        }),
      );
      sheet.cells.length = VERIFICATION_FIRST_ROW - 1;
    } else {
      const used = sheet.cells.reduce((lastRow, cells, index) => (cells.some((value) => !isBlankCell(value)) ? index + 1 : lastRow), 0);
      start = Math.max(start, used + 1);
    }
  }
  write.rows.forEach((cells, index) => cells.forEach((value, column) => putCell(sheet, start + index, column, value ?? "", dateSystem)));
  for (const { column, width } of VERIFICATION_WIDTHS) sheet.widths[column - 1] = width;
}
