/**
 * Writes the tracking form (SPEC 5) with exceljs, from the core's form
 * definition: the blank template of the command line and the Profile and
 * Tracking Form sheets of an exported submission come from here.
 *
 * No Node APIs: the add-in builds submissions in the browser with this too.
 */
import type ExcelJS from "exceljs";
import {
  type CellValue,
  type DateSystem,
  type LogRow,
  DATE_FORMAT,
  DECIMAL_TEXT,
  LOG_COLUMN_DEFINITIONS,
  LISTS_SHEET,
  LOG_SHEET,
  LOG_TABLE,
  PROFILE_ROW_DEFINITIONS,
  PROFILE_SHEET,
  TEMPLATE_DATA_ROWS,
  isEmptyRow,
  isoDateToDayNumber,
  parseIsoDate,
  readDateCell,
} from "../core";

/** Hidden sheet holding the dropdowns' choices: Excel limits a list typed into the rule to 255 characters. */

/** Rows of the Tracking Form that get the dropdowns even while the table is shorter, so rows typed below it have them too. */
export const DROPDOWN_ROWS = 1000;

const MS_PER_DAY = 86_400_000;
/** Before 1900-03-01, Excel's 1900 system counts a day that never was; exceljs does not, so such dates are written as text. */
const FIRST_SAFE_DATE = "1900-03-01";

/** A calendar date as the value exceljs writes as that date in every time zone (UTC midnight). */
function excelDate(iso: string): Date | string {
  return iso < FIRST_SAFE_DATE ? iso : new Date(isoDateToDayNumber(iso) * MS_PER_DAY);
}

/** A date cell as it should be written: a real date when it reads as one, else exactly as entered. */
export function dateForSheet(value: CellValue, system: DateSystem): ExcelJS.CellValue {
  if (value === null || value === undefined || (typeof value === "string" && value.trim() === "")) return value ?? null;
  const reading = readDateCell(value, system);
  if (reading.ok) return excelDate(reading.date);
  return textForSheet(value);
}

/** A number cell as it should be written: numeric text becomes the number, anything else stays as entered. */
export function numberForSheet(value: CellValue): ExcelJS.CellValue {
  if (typeof value === "string" && DECIMAL_TEXT.test(value)) {
    const number = Number(value);
    if (Number.isFinite(number)) return number;
  }
  return textForSheet(value);
}

// Matching control characters is the point here: they are what the file format cannot carry.
// eslint-disable-next-line no-control-regex
const ESCAPED_CHARACTER = /[\u0000-\u0008\u000b-\u001f\ufffe\uffff]/g;
const LITERAL_ESCAPE = /_(?=x[0-9a-f]{4}_)/gi;
// eslint-disable-next-line no-control-regex
const NEEDS_ESCAPE = /[\u0000-\u0008\u000b-\u001f\ufffe\uffff]|_x[0-9a-f]{4}_/i;

/**
 * Text as a cell can carry it through the file: XML has no place for most
 * control characters and reads a carriage return as a line feed, so these
 * are written as the format's `_xHHHH_` escapes (which Excel and exceljs
 * decode), and text that merely looks like an escape has its underscore
 * escaped. Without this a note would read back different from the one
 * exported, and the submission would verify as edited.
 */
export function escapeSheetText(text: string): string {
  if (!NEEDS_ESCAPE.test(text)) return text;
  return text
    .replace(LITERAL_ESCAPE, "_x005F_")
    .replace(ESCAPED_CHARACTER, (character) => `_x${character.charCodeAt(0).toString(16).toUpperCase().padStart(4, "0")}_`);
}

/** Any other cell: text, numbers and booleans as entered; a decoded date stays a date. */
export function textForSheet(value: CellValue): ExcelJS.CellValue {
  if (value === null || value === undefined) return null;
  if (typeof value === "object") {
    const iso = parseIsoDate(value.isoDate);
    return iso === null ? escapeSheetText(value.isoDate) : excelDate(iso);
  }
  return typeof value === "string" ? escapeSheetText(value) : value;
}

const LOG_WRITERS: readonly ((value: CellValue, system: DateSystem) => ExcelJS.CellValue)[] = LOG_COLUMN_DEFINITIONS.map((column) =>
  column.header === "Date" ? dateForSheet : column.header === "Quantity" ? (value: CellValue) => numberForSheet(value) : textForSheet,
);

function columnLetter(column: number): string {
  let letters = "";
  for (let rest = column; rest > 0; rest = Math.floor((rest - 1) / 26)) letters = String.fromCharCode(65 + ((rest - 1) % 26)) + letters;
  return letters;
}

/** Each dropdown column's choices: its header, its column on the Lists sheet, and the range a rule refers to. */
function dropdownLists(): { header: string; column: number; choices: readonly string[]; range: string }[] {
  return LOG_COLUMN_DEFINITIONS.filter((definition) => definition.choices !== null).map((definition, index) => {
    const choices = definition.choices ?? [];
    const letter = columnLetter(index + 1);
    return { header: definition.header, column: index + 1, choices, range: `'${LISTS_SHEET}'!$${letter}$1:$${letter}$${choices.length}` };
  });
}

/** The hidden sheet the Tracking Form's dropdowns take their choices from. */
export function addListsSheet(workbook: ExcelJS.Workbook): ExcelJS.Worksheet {
  const sheet = workbook.addWorksheet(LISTS_SHEET, { state: "hidden" });
  for (const list of dropdownLists()) {
    list.choices.forEach((choice, index) => {
      sheet.getCell(index + 1, list.column).value = choice;
    });
    sheet.getColumn(list.column).width = Math.max(...list.choices.map((choice) => choice.length));
  }
  return sheet;
}

/**
 * The Profile sheet: labels in column A, values in B (the template's
 * defaults when `values` is null), date format on the certification dates
 * and a dropdown for the rule set.
 */
export function addProfileSheet(
  workbook: ExcelJS.Workbook,
  values: readonly CellValue[] | null,
  system: DateSystem = "1900",
): ExcelJS.Worksheet {
  const sheet = workbook.addWorksheet(PROFILE_SHEET);
  sheet.getColumn(1).width = 26;
  sheet.getColumn(2).width = 36;
  PROFILE_ROW_DEFINITIONS.forEach((definition, index) => {
    const row = index + 1;
    const label = sheet.getCell(row, 1);
    label.value = definition.label;
    label.font = { bold: true };
    const cell = sheet.getCell(row, 2);
    const value = values === null ? definition.defaultValue : values[index];
    if (definition.numberFormat === DATE_FORMAT) {
      cell.value = dateForSheet(value, system);
      cell.numFmt = DATE_FORMAT;
    } else if (definition.label === "Credits already awarded") {
      cell.value = numberForSheet(value);
    } else {
      cell.value = textForSheet(value);
    }
    if (definition.choices !== null) {
      cell.dataValidation = {
        type: "list",
        allowBlank: true,
        formulae: [`"${definition.choices.join(",")}"`],
        showErrorMessage: true,
        errorStyle: "warning",
        error: `Choose one of: ${definition.choices.join(", ")}.`,
      };
    }
  });
  return sheet;
}

/**
 * Source row numbers are kept (row N of the source is worksheet row N) so
 * that findings on the submission name the rows the mentee saw; a log whose
 * numbers cannot be kept (not increasing, or not below a header) is
 * numbered from row 2.
 */
function placeRows(rows: readonly LogRow[]): { row: number; cells: readonly CellValue[] }[] {
  const kept = rows.filter((row) => !isEmptyRow(row.cells));
  const increasing = kept.every(
    (row, index) => Number.isInteger(row.row) && row.row >= 2 && (index === 0 || row.row > (kept[index - 1] as LogRow).row),
  );
  const lastRow = kept.length === 0 ? 0 : (kept[kept.length - 1] as LogRow).row;
  if (increasing && lastRow <= 1_048_576) return kept;
  return kept.map((row, index) => ({ row: index + 2, cells: row.cells }));
}

/**
 * The Tracking Form sheet with the MentorshipLog table: the seven headers,
 * the rows (the template's blank row when `rows` is null), dropdowns for
 * Activity and Format (over the Lists sheet: add it too), date and number
 * formats, column widths.
 */
export function addTrackingFormSheet(
  workbook: ExcelJS.Workbook,
  rows: readonly LogRow[] | null,
  system: DateSystem = "1900",
): ExcelJS.Worksheet {
  const sheet = workbook.addWorksheet(LOG_SHEET, { views: [{ state: "frozen", ySplit: 1 }] });
  const placed = rows === null ? [] : placeRows(rows);
  const lastRow = placed.length === 0 ? 1 + TEMPLATE_DATA_ROWS : (placed[placed.length - 1] as { row: number }).row;
  const blank = LOG_COLUMN_DEFINITIONS.map(() => null);
  const tableRows: ExcelJS.CellValue[][] = Array.from({ length: lastRow - 1 }, () => blank);
  for (const row of placed) tableRows[row.row - 2] = LOG_WRITERS.map((write, column) => write(row.cells[column], system));
  sheet.addTable({
    name: LOG_TABLE,
    displayName: LOG_TABLE,
    ref: "A1",
    headerRow: true,
    style: { theme: "TableStyleMedium2", showRowStripes: true },
    columns: LOG_COLUMN_DEFINITIONS.map((column) => ({ name: column.header, filterButton: true })),
    rows: tableRows,
  });
  const formattedRows = Math.max(DROPDOWN_ROWS, lastRow);
  const lists = new Map(dropdownLists().map((list) => [list.header, list.range]));
  LOG_COLUMN_DEFINITIONS.forEach((definition, index) => {
    const column = sheet.getColumn(index + 1);
    column.width = definition.width;
    const letter = columnLetter(index + 1);
    if (definition.numberFormat !== null) {
      for (let row = 2; row <= formattedRows; row++) sheet.getCell(row, index + 1).numFmt = definition.numberFormat;
    }
    const list = lists.get(definition.header);
    if (definition.choices !== null && list !== undefined) {
      // exceljs writes a range key as one rule over the whole range.
      (sheet as unknown as { dataValidations: { add(range: string, rule: ExcelJS.DataValidation): void } }).dataValidations.add(
        `${letter}2:${letter}${formattedRows}`,
        {
          type: "list",
          allowBlank: true,
          formulae: [list],
          showErrorMessage: true,
          // A warning, not a stop: the core also reads codes and other spellings of an activity.
          errorStyle: "warning",
          errorTitle: definition.header,
          error: definition.help,
          showInputMessage: true,
          promptTitle: definition.header,
          prompt: definition.help,
        },
      );
    }
  });
  return sheet;
}

/** The workbook's .xlsx bytes. */
export async function workbookBytes(workbook: ExcelJS.Workbook): Promise<Uint8Array> {
  const buffer = await workbook.xlsx.writeBuffer();
  return new Uint8Array(buffer as ArrayBuffer);
}

/** A new exceljs workbook with the project's properties (1900 date system). */
export function newWorkbook(Workbook: typeof ExcelJS.Workbook): ExcelJS.Workbook {
  const workbook = new Workbook();
  workbook.creator = "CST Mentorship Tracker";
  return workbook;
}
