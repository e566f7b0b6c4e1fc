/**
 * What a reader found about a row that its cells do not show: a cell with no readable value, a CSV
 * record's fields beyond the header row, rows below the log's table (docs/rules.md §2.4).
 */
import { type UnreadableCell, describeCell } from "../cells";
import { type Finding, finding } from "../findings";
import { FORM } from "../form";

/** The finding of a cell that holds no readable value (an Excel error, a formula without its result). */
export function unreadableCellFinding(column: number, value: UnreadableCell): Finding<"cell-error"> {
  const definition = FORM.log[column] as (typeof FORM.log)[number];
  const message =
    "excelError" in value
      ? `${definition.label} holds Excel's error ${value.excelError}: correct the cell, or the formula behind it.`
      : `${definition.label} is a formula saved without its result: open the file in Excel or LibreOffice and save it, so that the result is stored, or type the value.`;
  return finding(
    "cell-error",
    definition.key,
    message,
    "excelError" in value ? "finding.cell.excelError" : "finding.cell.noResult",
    "excelError" in value ? { column: definition.key, error: value.excelError } : { column: definition.key },
  );
}

/**
 * The error of a CSV record with more fields than the header row, naming the text left over (from the
 * separator that starts it: ";late"), never dropped: a field holding the separator lost its quotes, so the
 * row's fields may be shifted.
 */
export function extraFieldsFinding(extraFields: string): Finding<"extra-fields"> {
  return finding(
    "extra-fields",
    null,
    `This line has more fields than the header row: ${describeCell(extraFields)} is left over after its last column. A field whose text holds the separator must be in double quotes: quote that field, or remove the extra text.`,
    "finding.extraFields",
    { cell: describeCell(extraFields) },
  );
}

/** "Rows 3–40 are" / "Row 3 is". */
const rowSpan = (first: number, last: number): string => (first === last ? `Row ${first} is` : `Rows ${first}–${last} are`);

/**
 * The warning on the first of the rows read below the log's table: Excel grows a table when a row is typed
 * right below it, LibreOffice Calc and openpyxl do not, so rows typed there are the log's all the same.
 */
export function belowTableWarning(table: string, first: number, last: number): Finding<"below-table"> {
  const they =
    first === last ? "it is read as a log row; extend the table to cover it" : "they are read as log rows; extend the table to cover them";
  return finding(
    "below-table",
    null,
    `${rowSpan(first, last)} below the ${table} table: ${they} (in Excel: Table Design › Resize Table).`,
    "finding.belowTable.read",
    { table, first, last, count: first === last ? 1 : 2 },
  );
}

/** The error of rows below the log's table whose cells are not in the log's columns: not read as log rows, never ignored. */
export function belowTableError(table: string, first: number, last: number, outsideCell: string): Finding<"below-table"> {
  return finding(
    "below-table",
    null,
    `${rowSpan(first, last)} below the ${table} table, but cell ${outsideCell} is outside its columns: they are not read as log rows. Move what is not the log away from the table, and extend the table to cover the log's rows.`,
    "finding.belowTable.outside",
    { table, first, last, count: first === last ? 1 : 2, cell: outsideCell },
  );
}
