/**
 * The submission workbook of an export (docs/rules.md §6): `Profile`, `Tracking Form`
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
import { COVER_VALUE_WIDTH, PRINTED_WIDTHS, WRAPPED_COLUMNS, coverLineCells, coverLineHeight, printedRowHeight } from "./printed";
import { type LogCells, type StandIn, streamPlan } from "./submission-rows";
import { withStreamedRows } from "./streamed-rows";
import { newWorkbook, workbookBytes, writeForm } from "./write-form";
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

/** The header of the status column: the add-in's own (docs/rules.md §5), so that verifying the submission in Excel writes into it. */
const STATUS_HEADER = "CST Status";

/** Quantity with its unit (the cell stays the number entered: only its format says the unit). */
function quantityFormat(unit: QuantityUnit | null): string {
  if (unit === null) return "General";
  if (unit === "hours") return 'General" h"';
  const { one, many } = UNIT_LABELS[unit];
  return `[=1]0" ${one}";General" ${many}"`;
}
const HOURS_FORMAT = 'General" h"';

const THIN: Partial<ExcelJS.Borders> = {
  top: { style: "thin", color: { argb: "FFBFBFBF" } },
  bottom: { style: "thin", color: { argb: "FFBFBFBF" } },
  left: { style: "thin", color: { argb: "FFBFBFBF" } },
  right: { style: "thin", color: { argb: "FFBFBFBF" } },
};

/** The Submission sheet: a one-page portrait cover for the coordinator, the digests below it unprinted (its first `lines` lines only). */
function addSubmissionSheet(workbook: ExcelJS.Workbook, submission: Submission, lines: number, tr: Translator): void {
  const sheet = workbook.addWorksheet(SUBMISSION_SHEET);
  // Narrow enough to print at full size on a portrait page.
  sheet.getColumn(1).width = 30;
  sheet.getColumn(2).width = COVER_VALUE_WIDTH;
  submission.sheet.lines.slice(0, lines).forEach((line, index) => {
    const row = sheet.getRow(index + 1);
    const style = STYLES[line.style];
    const [label, value] = coverLineCells(line);
    row.getCell(1).value = label;
    row.getCell(1).font = style.label;
    row.getCell(1).alignment = { vertical: line.style === "heading" ? "bottom" : "top" };
    row.getCell(2).value = value;
    row.getCell(2).font = style.value;
    row.getCell(2).alignment = {
      wrapText: line.style === "note" || line.style === "detail" || line.style === "field",
      vertical: "top",
      horizontal: "left",
    };
    const height = coverLineHeight(line);
    if (height !== undefined) row.height = height;
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
export async function buildSubmissionWorkbook(
  prepared: Submission,
  options: { readonly whole?: boolean; readonly translator?: Translator } = {},
): Promise<Uint8Array> {
  // The cover in the mentee's language (coverWords.ts); everything below writes it as it is.
  const tr = options.translator ?? ENGLISH_TRANSLATOR;
  const submission: Submission = { ...prepared, sheet: coverInLanguage(prepared.sheet, tr) };
  const printed = new Map((submission.rows ?? []).map((row) => [row.row, row] as const));
  const withStatus = (submission.rows ?? []).some((row) => row.status !== null);
  const headers = ["Category", "Credited hours", ...(withStatus ? [STATUS_HEADER] : [])];
  const cells: LogCells = {
    computedCells: (row) => {
      const each = printed.get(row);
      return [each?.category ?? null, each?.hours ?? null, ...(withStatus ? [each?.status ?? null] : [])];
    },
    unit: (row) => printed.get(row)?.unit ?? null,
    columns: FORM.log.length + headers.length,
  };
  // A long log is written as a stream: exceljs writes a row of each kind, the other rows follow them (submission-rows.ts).
  const plan = options.whole === true || submission.rows === undefined ? null : streamPlan(submission, cells, SUBMISSION_SHEET);
  const standIn: StandIn = plan?.standIn ?? { rows: submission.log.rows, ...cells, coverLines: submission.sheet.lines.length };
  const bytes = await writeWithExceljs(submission, standIn, submission.rows === undefined ? undefined : headers, tr);
  return plan === null ? bytes : withStreamedRows(bytes, plan.sheets);
}

/** The workbook as exceljs writes it, with the log rows and cover lines of `standIn`. */
async function writeWithExceljs(
  submission: Submission,
  standIn: StandIn,
  headers: readonly string[] | undefined,
  tr: Translator,
): Promise<Uint8Array> {
  const { log, summary } = submission;
  const workbook = newWorkbook(ExcelJS.Workbook);
  const computed = headers === undefined ? undefined : { headers, cells: (row: number) => standIn.computedCells(row) };
  writeForm(
    workbook,
    { profileCells: log.profileCells, rows: standIn.rows, dateSystem: log.dateSystem, fillIn: false, computed },
    { mentee: summary.mentee, before: (book) => addSubmissionSheet(book, submission, standIn.coverLines, tr) },
  );
  // The cover shows the profile: its sheet is kept for the readers and for Excel, not printed as a page of its own.
  const profile = workbook.getWorksheet(PROFILE_SHEET);
  if (profile !== undefined && submission.rows !== undefined) profile.state = "hidden";
  const sheet = workbook.getWorksheet(LOG_SHEET);
  if (sheet !== undefined && computed !== undefined) printLog(sheet, submission, standIn.unit, computed.headers.length);
  return workbookBytes(workbook);
}

/**
 * The log as it prints: landscape, one page wide, the header row on every page; each quantity with its
 * unit, the credited hours in hours, the long texts wrapped; thin borders on the log's cells only (no
 * gridlines over empty columns); and below it, beside the computed columns (never in an input column, so
 * that no reader takes them for a row), the credited hours per category and in all.
 */
function printLog(sheet: ExcelJS.Worksheet, submission: Submission, unit: StandIn["unit"], computedCount: number): void {
  const columns = FORM.log.length + computedCount;
  const quantity = FORM.log.findIndex((column) => column.key === "quantity") + 1;
  const hoursColumn = FORM.log.length + 2;
  PRINTED_WIDTHS.slice(0, columns).forEach((width, index) => (sheet.getColumn(index + 1).width = width));
  let lastRow = 1;
  sheet.eachRow((row, number) => {
    lastRow = Math.max(lastRow, number);
    const values: ExcelJS.CellValue[] = [];
    for (let column = 1; column <= columns; column++) {
      const cell = row.getCell(column);
      cell.border = THIN;
      cell.alignment = { vertical: "top", wrapText: number === 1 || WRAPPED_COLUMNS.has(column) };
      values.push(cell.value);
    }
    const height = printedRowHeight(number, values, columns);
    if (height !== undefined) row.height = height;
    if (number === 1) {
      // The table's style gives the header its look in Excel; LibreOffice prints without table styles.
      for (let column = 1; column <= columns; column++) {
        const cell = row.getCell(column);
        cell.font = { name: FONT, bold: true };
        cell.fill = { type: "pattern", pattern: "solid", fgColor: { argb: "FFDDEBF7" } };
      }
      return;
    }
    row.getCell(quantity).numFmt = quantityFormat(unit(number));
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
