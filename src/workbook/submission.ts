/**
 * The submission workbook of an export (SPEC 6): `Profile`, `Tracking Form`
 * (the rows as entered, in the MentorshipLog table, dates as real dates) and
 * `Submission` (the cover page with the summary and the fingerprint, and the
 * digests below its printed area). The command line's `export`, the
 * add-in's export button and the web tracker all build it here.
 *
 * No Node APIs here or below: the add-in loads this module on demand in the
 * browser (exceljs's `browser` field gives webpack its browser build).
 */
import ExcelJS from "exceljs";
import {
  type PrintedRow,
  type QuantityUnit,
  type Submission,
  type SubmissionSheetLine,
  FORM,
  LOG_SHEET,
  PROFILE_SHEET,
  SUBMISSION_SHEET,
  UNIT_LABELS,
  columnLetter,
} from "../core";
import { escapeSheetText, newWorkbook, workbookBytes, writeForm } from "./write-form";
import { type Translator, ENGLISH_TRANSLATOR } from "../i18n";
import { coverInLanguage } from "./coverWords";

/** Excel's default font, named on every cell written here: a cell with a font but no name prints in another. */
const FONT = "Calibri";

const STYLES: Readonly<Record<SubmissionSheetLine["style"], { label: Partial<ExcelJS.Font>; value: Partial<ExcelJS.Font> }>> = {
  title: { label: { name: FONT, bold: true, size: 16 }, value: { name: FONT } },
  field: { label: { name: FONT, bold: true }, value: { name: FONT } },
  detail: { label: { name: FONT }, value: { name: FONT } },
  note: { label: { name: FONT }, value: { name: FONT, italic: true, size: 9 } },
  heading: { label: { name: FONT, bold: true, size: 12, color: { argb: "FF1F4E79" } }, value: { name: FONT } },
  digest: { label: { size: 9 }, value: { size: 9, name: "Consolas" } },
};

/** The header of the status column: the add-in's own (SPEC 5), so that verifying the submission in Excel writes into it. */
const STATUS_HEADER = "CST Status";

/**
 * The printed log's widths in characters: the input columns, then Category, Credited hours and the status.
 * Activity, Provider, Notes and the status wrap, so the log fits a landscape page at about full size.
 */
const PRINTED_WIDTHS = [11, 26, 10, 17, 10, 12, 36, 9, 9, 30];
const WRAPPED_COLUMNS = new Set([2, 4, 7, 10]);

/** Quantity with its unit (the cell stays the number entered: only its format says the unit). */
function quantityFormat(unit: QuantityUnit | null): string {
  if (unit === null) return "General";
  if (unit === "hours") return 'General" h"';
  const { one, many } = UNIT_LABELS[unit];
  return `[=1]0" ${one}";General" ${many}"`;
}
const HOURS_FORMAT = 'General" h"';

/** Points per line of 11-point text. */
const LINE_HEIGHT = 15;
const COVER_VALUE_WIDTH = 62;

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
const THIN: Partial<ExcelJS.Borders> = {
  top: { style: "thin", color: { argb: "FFBFBFBF" } },
  bottom: { style: "thin", color: { argb: "FFBFBFBF" } },
  left: { style: "thin", color: { argb: "FFBFBFBF" } },
  right: { style: "thin", color: { argb: "FFBFBFBF" } },
};

/** The Submission sheet: a one-page portrait cover for the coordinator, the digests below it unprinted. */
function addSubmissionSheet(workbook: ExcelJS.Workbook, submission: Submission, tr: Translator): void {
  const cover = coverInLanguage(submission.sheet, tr);
  const sheet = workbook.addWorksheet(SUBMISSION_SHEET);
  // Narrow enough to print at full size on a portrait page.
  sheet.getColumn(1).width = 30;
  sheet.getColumn(2).width = COVER_VALUE_WIDTH;
  cover.lines.forEach((line, index) => {
    const row = sheet.getRow(index + 1);
    const style = STYLES[line.style];
    row.getCell(1).value = escapeSheetText(line.label);
    row.getCell(1).font = style.label;
    row.getCell(1).alignment = { vertical: line.style === "heading" ? "bottom" : "top" };
    row.getCell(2).value = typeof line.value === "string" ? escapeSheetText(line.value) : line.value;
    row.getCell(2).font = style.value;
    row.getCell(2).alignment = {
      wrapText: line.style === "note" || line.style === "detail" || line.style === "field",
      vertical: "top",
      horizontal: "left",
    };
    const valueLines =
      typeof line.value === "string" ? wrappedLines(line.value, line.style === "note" ? COVER_VALUE_WIDTH * 1.2 : COVER_VALUE_WIDTH) : 1;
    if (valueLines > 1) row.height = valueLines * (line.style === "note" ? 12 : LINE_HEIGHT);
    if (line.style === "heading") row.height = 26;
  });
  const mentee = submission.summary.mentee.trim().replace(/&/g, "&&");
  sheet.pageSetup = {
    ...sheet.pageSetup,
    orientation: "portrait",
    fitToPage: true,
    fitToWidth: 1,
    fitToHeight: 1,
    // exceljs writes `$` before each end's text: "A$1" becomes the absolute $A$1 the format needs (a bare A1 would give $A1, which LibreOffice ignores).
    printArea: `A$1:B$${submission.sheet.printedLines}`,
    margins: { left: 0.7, right: 0.7, top: 0.75, bottom: 0.75, header: 0.3, footer: 0.3 },
  };
  sheet.headerFooter = {
    ...sheet.headerFooter,
    oddFooter: `&C${mentee === "" ? "" : `${mentee} · `}&A · ${tr.t("cover.page", { page: "&P", pages: "&N" })}`,
  };
}

/**
 * Builds the submission workbook's .xlsx bytes from a prepared submission
 * (`prepareSubmission` in core/submission.ts, which refuses logs with
 * errors). Open the bytes with `Excel.createWorkbook(base64)` or offer them
 * as a download; verifying them reports `submission: "unchanged"`.
 */
export async function buildSubmissionWorkbook(submission: Submission, tr: Translator = ENGLISH_TRANSLATOR): Promise<Uint8Array> {
  const { log, summary } = submission;
  const workbook = newWorkbook(ExcelJS.Workbook);
  const printed = new Map((submission.rows ?? []).map((row) => [row.row, row] as const));
  const withStatus = (submission.rows ?? []).some((row) => row.status !== null);
  const computed =
    submission.rows === undefined
      ? undefined
      : {
          headers: ["Category", "Credited hours", ...(withStatus ? [STATUS_HEADER] : [])],
          cells: (row: number): ExcelJS.CellValue[] => {
            const each = printed.get(row);
            return [each?.category ?? null, each?.hours ?? null, ...(withStatus ? [each?.status ?? null] : [])];
          },
        };
  writeForm(
    workbook,
    { profileCells: log.profileCells, rows: log.rows, dateSystem: log.dateSystem, fillIn: false, computed },
    { mentee: summary.mentee, before: (book) => addSubmissionSheet(book, submission, tr) },
  );
  // The cover shows the profile: its sheet is kept for the readers and for Excel, not printed as a page of its own.
  const profile = workbook.getWorksheet(PROFILE_SHEET);
  if (profile !== undefined && submission.rows !== undefined) profile.state = "hidden";
  const sheet = workbook.getWorksheet(LOG_SHEET);
  if (sheet !== undefined && computed !== undefined) printLog(sheet, submission, printed, computed.headers.length);
  return workbookBytes(workbook);
}

/**
 * The log as it prints: landscape, one page wide, the header row on every page; each quantity with its
 * unit, the credited hours in hours, the long texts wrapped; thin borders on the log's cells only (no
 * gridlines over empty columns); and below it, beside the computed columns (never in an input column, so
 * that no reader takes them for a row), the credited hours per category and in all.
 */
function printLog(sheet: ExcelJS.Worksheet, submission: Submission, printed: ReadonlyMap<number, PrintedRow>, computedCount: number): void {
  const columns = FORM.log.length + computedCount;
  const quantity = FORM.log.findIndex((column) => column.key === "quantity") + 1;
  const hoursColumn = FORM.log.length + 2;
  PRINTED_WIDTHS.slice(0, columns).forEach((width, index) => (sheet.getColumn(index + 1).width = width));
  let lastRow = 1;
  sheet.eachRow((row, number) => {
    lastRow = Math.max(lastRow, number);
    let lines = 1;
    for (let column = 1; column <= columns; column++) {
      const cell = row.getCell(column);
      cell.border = THIN;
      const wrap = number === 1 || WRAPPED_COLUMNS.has(column);
      cell.alignment = { vertical: "top", wrapText: wrap };
      if (wrap && typeof cell.value === "string") lines = Math.max(lines, wrappedLines(cell.value, PRINTED_WIDTHS[column - 1] ?? 10));
    }
    if (lines > 1) row.height = lines * LINE_HEIGHT;
    if (number === 1) {
      // The table's style gives the header its look in Excel; LibreOffice prints without table styles.
      for (let column = 1; column <= columns; column++) {
        const cell = row.getCell(column);
        cell.font = { name: FONT, bold: true };
        cell.fill = { type: "pattern", pattern: "solid", fgColor: { argb: "FFDDEBF7" } };
      }
      return;
    }
    row.getCell(quantity).numFmt = quantityFormat(printed.get(number)?.unit ?? null);
    row.getCell(hoursColumn).numFmt = HOURS_FORMAT;
  });
  const { summary } = submission;
  const totals: [string, number][] = [
    ["Total A", summary.hoursA ?? 0],
    ["Total B", summary.hoursB ?? 0],
    ["Total C", summary.hoursC ?? 0],
  ];
  totals.push(["Total", Math.round(totals.reduce((sum, [, hours]) => sum + hours, 0) * 100) / 100]);
  totals.forEach(([label, hours], index) => {
    const row = sheet.getRow(lastRow + 2 + index);
    const name = row.getCell(hoursColumn - 1);
    name.value = label;
    name.font = { name: FONT, bold: index === totals.length - 1 };
    name.alignment = { horizontal: "right" };
    const value = row.getCell(hoursColumn);
    value.value = hours;
    value.numFmt = HOURS_FORMAT;
    value.font = { name: FONT, bold: index === totals.length - 1 };
    value.border = index === totals.length - 1 ? { top: { style: "thin" } } : {};
  });
  const last = columnLetter(columns);
  sheet.pageSetup = {
    ...sheet.pageSetup,
    showGridLines: false,
    // As on the cover: exceljs prefixes each end with `$`, giving the absolute range the format needs.
    printArea: `A$1:${last}$${lastRow + 1 + totals.length}`,
  };
}
