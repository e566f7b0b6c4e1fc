/**
 * How the submission's rows print: the widths of the printed log, which of
 * its columns wrap, and the height each row of the log and of the cover is
 * given (LibreOffice keeps the height a row is given rather than fitting it
 * to wrapped text). Shared by exceljs's whole write (submission.ts) and the
 * rows written as a stream (submission-rows.ts), so both give a row the same.
 *
 * No Node APIs.
 */
import type ExcelJS from "exceljs";
import type { SubmissionSheetLine } from "../core";
import { escapeSheetText } from "./write-form";

/**
 * The printed log's widths in characters: the input columns, then Category, Credited hours and the status.
 * Activity, Provider, Notes and the status wrap, so the log fits a landscape page at about full size.
 */
export const PRINTED_WIDTHS = [11, 26, 10, 17, 10, 12, 36, 9, 9, 30];
export const WRAPPED_COLUMNS = new Set([2, 4, 7, 10]);

/** Points per line of 11-point text. */
export const LINE_HEIGHT = 15;
export const COVER_VALUE_WIDTH = 62;

/**
 * Lines a wrapped text takes in a column of this width (in characters), counted generously: LibreOffice
 * keeps the height a row is given rather than fitting it to wrapped text, so each row is given its own.
 */
export function wrappedLines(text: string, width: number): number {
  const perLine = Math.max(1, Math.floor(width * 1.2) - 2);
  return text.split("\n").reduce((lines, paragraph) => {
    let count = 1;
    let used = 0;
    for (const word of paragraph.split(/\s+/).filter((each) => each !== "")) {
      const length = word.length;
      if (used > 0 && used + 1 + length > perLine) {
        count++;
        used = 0;
      }
      used += (used > 0 ? 1 : 0) + length;
      while (used > perLine) {
        count++;
        used -= perLine;
      }
    }
    return lines + count;
  }, 0);
}

/** The height of a row of the printed log (row 1 is the header, which wraps throughout), or undefined for the default. */
export function printedRowHeight(row: number, values: readonly ExcelJS.CellValue[], columns: number): number | undefined {
  let lines = 1;
  for (let column = 1; column <= columns; column++) {
    const value = values[column - 1];
    const wrap = row === 1 || WRAPPED_COLUMNS.has(column);
    if (wrap && typeof value === "string") lines = Math.max(lines, wrappedLines(value, PRINTED_WIDTHS[column - 1] ?? 10));
  }
  return lines > 1 ? lines * LINE_HEIGHT : undefined;
}

/** A cover line's cells: its label in A, its value in B. */
export function coverLineCells(line: SubmissionSheetLine): [ExcelJS.CellValue, ExcelJS.CellValue] {
  return [escapeSheetText(line.label), typeof line.value === "string" ? escapeSheetText(line.value) : line.value];
}

/** The height of a cover line's row, or undefined for the default. */
export function coverLineHeight(line: SubmissionSheetLine): number | undefined {
  if (line.style === "heading") return 26;
  const valueLines =
    typeof line.value === "string" ? wrappedLines(line.value, line.style === "note" ? COVER_VALUE_WIDTH * 1.2 : COVER_VALUE_WIDTH) : 1;
  return valueLines > 1 ? valueLines * (line.style === "note" ? 12 : LINE_HEIGHT) : undefined;
}
