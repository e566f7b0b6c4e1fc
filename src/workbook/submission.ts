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
import { escapeSheetText, newWorkbook, workbookBytes, writeForm } from "./write-form";

const STYLES: Readonly<Record<SubmissionSheetLine["style"], { label: Partial<ExcelJS.Font>; value: Partial<ExcelJS.Font> }>> = {
  title: { label: { bold: true, size: 16 }, value: {} },
  field: { label: { bold: true }, value: {} },
  detail: { label: {}, value: {} },
  note: { label: {}, value: { italic: true, size: 9 } },
  heading: { label: { bold: true }, value: {} },
  digest: { label: { size: 9 }, value: { size: 9, name: "Consolas" } },
};

/** The Submission sheet: a one-page portrait cover for the coordinator, the digests below it unprinted. */
function addSubmissionSheet(workbook: ExcelJS.Workbook, submission: Submission): void {
  const sheet = workbook.addWorksheet(SUBMISSION_SHEET);
  sheet.getColumn(1).width = 34;
  sheet.getColumn(2).width = 72;
  submission.sheet.lines.forEach((line, index) => {
    const row = sheet.getRow(index + 1);
    const style = STYLES[line.style];
    row.getCell(1).value = escapeSheetText(line.label);
    row.getCell(1).font = style.label;
    row.getCell(2).value = typeof line.value === "string" ? escapeSheetText(line.value) : line.value;
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
}

/**
 * Builds the submission workbook's .xlsx bytes from a prepared submission
 * (`prepareSubmission` in core/submission.ts, which refuses logs with
 * errors). Open the bytes with `Excel.createWorkbook(base64)` or offer them
 * as a download; verifying them reports `submission: "unchanged"`.
 */
export async function buildSubmissionWorkbook(submission: Submission): Promise<Uint8Array> {
  const { log, summary } = submission;
  const workbook = newWorkbook(ExcelJS.Workbook);
  writeForm(
    workbook,
    { profileCells: log.profileCells, rows: log.rows, dateSystem: log.dateSystem, fillIn: false },
    { mentee: summary.mentee, before: (book) => addSubmissionSheet(book, submission) },
  );
  return workbookBytes(workbook);
}
