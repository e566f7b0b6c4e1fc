/**
 * The blank tracking form as an .xlsx file (the command line's `template`),
 * from the core's form definition and layout.
 */
import ExcelJS from "exceljs";
import { newWorkbook, workbookBytes, writeForm } from "./write-form";

/** The blank tracking form's .xlsx bytes: Profile with its defaults, Tracking Form with an empty MentorshipLog table. */
export async function buildTemplateWorkbook(): Promise<Uint8Array> {
  const workbook = newWorkbook(ExcelJS.Workbook);
  writeForm(workbook, { profileCells: null, rows: null, dateSystem: "1900", fillIn: true });
  return workbookBytes(workbook);
}
