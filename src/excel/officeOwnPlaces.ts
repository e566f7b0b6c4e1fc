/**
 * The add-in's own places in a workbook, through Office.js: the CST Status column after the log's input
 * columns, and the CST Verification sheet carrying the add-in's mark in A1. What may be written there, and
 * the words of a refusal, are decided in decisions.ts, as the twin decides them.
 */
import { type CellValue, LOG_TABLE, TEXT_FORMAT, VERIFICATION_WIDTHS, columnLetter } from "../core";
import {
  cellAddress,
  cellName,
  formulaInTheWay,
  inputColumns,
  isStatusText,
  requireOwnVerificationSheet,
  statusColumn,
  valueInTheWay,
  writtenFormat,
} from "./decisions";
import { CHUNK_BYTES, MAX_CHUNK_ROWS, isFormula, jsonBytes, readInChunks, run, toCellValue, toExcelValue } from "./officeBatch";
import { applyWidths } from "./officeLayout";
import {
  type RowMark,
  type VerificationRow,
  type VerificationWrite,
  STATUS_HEADER,
  VERIFICATION_FIRST_ROW,
  VERIFICATION_MARK,
  VERIFICATION_SHEET,
} from "./workbook";

export async function markRows(marks: readonly RowMark[]): Promise<void> {
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
        throw isFormula(formula, value) ? formulaInTheWay(name, formula) : valueInTheWay(name, toCellValue(value));
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
            if (isFormula(formula, value)) throw formulaInTheWay(nameOf(start + index), formula);
            if (!isStatusText(toCellValue(value))) throw valueInTheWay(nameOf(start + index), toCellValue(value));
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

export async function writeVerification(write: VerificationWrite): Promise<void> {
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
                throw formulaInTheWay(cellName(VERIFICATION_SHEET, used.rowIndex + r + 1, used.columnIndex + c), formula);
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

export async function readVerification(): Promise<VerificationRow[]> {
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
