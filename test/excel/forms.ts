/**
 * A workbook holding the tracking form on the Excel model, as the pane's
 * tests and the round-trip benchmark use it: the Profile with its labels, and
 * the MentorshipLog table of `count` treatment rows.
 */
import { LOG_COLUMNS, LOG_TABLE, PROFILE_FIELDS, isoDateToExcelSerial } from "../../src/core";
import { ExcelModel, type Scalar } from "./excelModel";

const PROFILE: readonly Scalar[] = ["Ada Quint", "ada@example.org", "", "", 0, "current", 0];

/** Log row `index`: half an hour of treatment, a day of its own in a 300-day cycle. */
export function treatmentRow(index: number): Scalar[] {
  return [
    isoDateToExcelSerial("2024-01-01", "1900") + (index % 300),
    "Treatment received from a CST-T or CST-D",
    "In person",
    `Provider ${index}`,
    "CST-T",
    0.5,
    "",
  ];
}

/** The model installed, with the form and `count` rows; `extraSheets` after them (a person's own sheets). */
export function excelWithForm(count: number, extraSheets: readonly string[] = []): ExcelModel {
  const model = new ExcelModel().install();
  model.addSheet(
    "Profile",
    PROFILE_FIELDS.map((field, index) => [field.label, PROFILE[index] ?? ""]),
  );
  model.addSheet("Tracking Form", [[...LOG_COLUMNS], ...Array.from({ length: count }, (_, index) => treatmentRow(index))]);
  model.addTable("Tracking Form", `A1:G${count + 1}`, LOG_TABLE);
  for (const name of extraSheets) model.addSheet(name, [["Rent", 1200]]);
  return model;
}
