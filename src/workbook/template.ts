/**
 * The blank tracking form as an .xlsx file (the command line's `template`),
 * from the core's form definition.
 */
import ExcelJS from "exceljs";
import { addListsSheet, addProfileSheet, addTrackingFormSheet, newWorkbook, workbookBytes } from "./write-form";

/** The blank tracking form's .xlsx bytes: Profile with its defaults, Tracking Form with an empty MentorshipLog table. */
export async function buildTemplateWorkbook(): Promise<Uint8Array> {
  const workbook = newWorkbook(ExcelJS.Workbook);
  addProfileSheet(workbook, null);
  addTrackingFormSheet(workbook, null);
  addListsSheet(workbook);
  return workbookBytes(workbook);
}
