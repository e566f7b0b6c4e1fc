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
import { type Submission, type SubmissionSheetLine, SUBMISSION_SHEET } from "../core";
import { withLaterRows } from "./later-rows";
import { type LaterRows, escapeSheetText, newWorkbook, workbookBytes, writeForm } from "./write-form";

const STYLES: Readonly<Record<SubmissionSheetLine["style"], { label: Partial<ExcelJS.Font>; value: Partial<ExcelJS.Font> }>> = {
  title: { label: { bold: true, size: 16 }, value: {} },
  field: { label: { bold: true }, value: {} },
  detail: { label: {}, value: {} },
  note: { label: {}, value: { italic: true, size: 9 } },
  heading: { label: { bold: true }, value: {} },
  digest: { label: { size: 9 }, value: { size: 9, name: "Consolas" } },
};

/** A text as a cell carries it (escapeSheetText); anything else as it is. */
const sheetValue = (value: string | number): string | number => (typeof value === "string" ? escapeSheetText(value) : value);

/**
 * The Submission sheet: a one-page portrait cover for the coordinator, the digests below it unprinted.
 * Given `rowsLater`, the digests after the first (one per log row) are left to it.
 */
function addSubmissionSheet(workbook: ExcelJS.Workbook, submission: Submission, rowsLater?: (later: LaterRows) => void): void {
  const sheet = workbook.addWorksheet(SUBMISSION_SHEET);
  sheet.getColumn(1).width = 34;
  sheet.getColumn(2).width = 72;
  const { lines } = submission.sheet;
  const firstDigest = lines.findIndex((line) => line.style === "digest");
  const later =
    rowsLater !== undefined &&
    firstDigest >= 0 &&
    firstDigest < lines.length - 1 &&
    lines.slice(firstDigest).every((line) => line.style === "digest");
  const written = later ? lines.slice(0, firstDigest + 1) : lines;
  written.forEach((line, index) => {
    const row = sheet.getRow(index + 1);
    const style = STYLES[line.style];
    row.getCell(1).value = escapeSheetText(line.label);
    row.getCell(1).font = style.label;
    row.getCell(2).value = sheetValue(line.value);
    row.getCell(2).font = style.value;
    row.getCell(2).alignment = { wrapText: line.style === "note", vertical: "top", horizontal: "left" };
    if (line.style === "note") row.height = 26;
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
  sheet.headerFooter = { ...sheet.headerFooter, oddFooter: `&C${mentee === "" ? "" : `${mentee} · `}&A · page &P of &N` };
  if (later) {
    rowsLater?.({
      sheet: SUBMISSION_SHEET,
      table: null,
      firstRow: firstDigest + 1,
      lastRow: lines.length,
      columns: 2,
      rows: lines.slice(firstDigest + 1).map((line, index) => ({ row: firstDigest + 2 + index, cells: [line.label, line.value] })),
      value: (cells, index) => {
        const value = cells[index];
        return typeof value === "string" || typeof value === "number" ? sheetValue(value) : null;
      },
    });
  }
}

/**
 * Builds the submission workbook's .xlsx bytes from a prepared submission
 * (`prepareSubmission` in core/submission.ts, which refuses logs with
 * errors). Open the bytes with `Excel.createWorkbook(base64)` or offer them
 * as a download; verifying them reports `submission: "unchanged"`.
 */
export async function buildSubmissionWorkbook(submission: Submission): Promise<Uint8Array> {
  // The log's rows and their digests after the first of each are written into their sheets as the workbook is zipped (later-rows.ts).
  const laters: LaterRows[] = [];
  const bytes = await submissionBytes(submission, (later) => laters.push(later));
  if (laters.length === 0) return bytes;
  // A workbook not as later-rows.ts expects is written whole by exceljs, as it always could be.
  return withLaterRows(bytes, laters) ?? submissionBytes(submission);
}

/**
 * The submission workbook as exceljs writes it; without `rowsLater`, every row held by exceljs (the reference
 * the streamed rows are tested against: the same cells, styles and ranges).
 */
export async function submissionBytes(submission: Submission, rowsLater?: (later: LaterRows) => void): Promise<Uint8Array> {
  const { log, summary } = submission;
  const workbook = newWorkbook(ExcelJS.Workbook);
  writeForm(
    workbook,
    { profileCells: log.profileCells, rows: log.rows, dateSystem: log.dateSystem, fillIn: false, rowsLater },
    { mentee: summary.mentee, before: (book) => addSubmissionSheet(book, submission, rowsLater) },
  );
  return workbookBytes(workbook);
}
