/**
 * The saved tracking form's .xlsx bytes: the command line's form writer
 * (`writeForm`, the template's layout: the MentorshipLog table, the
 * dropdowns, the date and text formats) filled with the page's profile and
 * rows, and formatted below the log for the rows still to come (`fillIn`), as
 * LibreOffice and Google Sheets do not grow a table's formats as Excel does.
 * Loaded on demand: exceljs stays out of the page's first download.
 */
import ExcelJS from "exceljs";
import { type FormContent, newWorkbook, workbookBytes, writeForm } from "../workbook/write-form";

export async function buildFormWorkbook(content: FormContent): Promise<Uint8Array> {
  const workbook = newWorkbook(ExcelJS.Workbook);
  writeForm(workbook, { ...content, fillIn: true });
  return workbookBytes(workbook);
}

/** How the page loads this module. */
export type FormWriter = typeof buildFormWorkbook;
