/**
 * The submission workbook of an export (SPEC 6): `Profile`, `Tracking Form`
 * (the rows as entered, in the MentorshipLog table, dates as real dates) and
 * `Submission` (the summary and the fingerprint). The command line's
 * `export` and the add-in's export button both build it here.
 *
 * No Node APIs here or below: the add-in loads this module on demand in the
 * browser (exceljs's `browser` field gives webpack its browser build).
 */
import ExcelJS from "exceljs";
import { type Submission, SUBMISSION_FIELDS, SUBMISSION_SHEET, submissionSheetRows } from "../core";
import { newWorkbook, workbookBytes, writeForm } from "./write-form";

const NOTES: Partial<Record<(typeof SUBMISSION_FIELDS)[number]["key"], string>> = {
  exportedAt: "UTC",
  asOf: "Rows dated after this day were errors; verification recomputes as of this day.",
  fingerprint:
    "SHA-256 of the profile, the rows and the rule set: verification recomputes it to tell whether a cell was edited after export. It is not a signature.",
  canonicalForm: "Version of the serialization the fingerprint is computed over.",
};

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
    {
      mentee: summary.mentee,
      between: (book) => {
        const sheet = book.addWorksheet(SUBMISSION_SHEET);
        sheet.getColumn(1).width = 40;
        sheet.getColumn(2).width = 68;
        sheet.getColumn(3).width = 60;
        submissionSheetRows(summary).forEach(([label, value], index) => {
          const row = sheet.getRow(index + 1);
          row.getCell(1).value = label;
          row.getCell(1).font = { bold: true };
          row.getCell(2).value = value;
          const note = NOTES[SUBMISSION_FIELDS[index]?.key ?? "mentee"];
          if (note !== undefined) {
            row.getCell(3).value = note;
            row.getCell(3).font = { italic: true };
          }
        });
      },
    },
  );
  return workbookBytes(workbook);
}
