/**
 * A worksheet part read as a stream of rows: each `<row>` becomes its row
 * number and its cells' values (the core's `CellValue`), handed to the
 * readers that want that sheet, and nothing of the XML is kept. Row and
 * column numbers beyond Excel's grid are refused as soon as they are seen.
 *
 * Cell values: shared and inline strings as text (rich text joined,
 * `_xHHHH_` escapes decoded), numbers as numbers unless their style shows a
 * date (then `{ isoDate }` in the workbook's date system), ISO date cells
 * (`t="d"`) as their date part, booleans, errors as `{ excelError }`, and a
 * formula saved without its result as `{ formula }`.
 */
import { type CellValue, type DateSystem, type DecodedDate, excelSerialToIsoDate, parseIsoDate } from "../core";
import { UnreadableFileError } from "./errors";
import { LIMITS } from "./limits";
import { decodeEscapes } from "./ooxml";
import { type Attributes, StopParsing, type XmlHandler, detached } from "./xml";

/** One row's cells, as parallel lists of column numbers (1-based) and values, valid during the call only. */
export interface RowCells {
  readonly count: number;
  readonly columns: readonly number[];
  readonly values: readonly CellValue[];
}

export interface RowReader {
  /** Receives each row in document order. */
  row(row: number, cells: RowCells): void;
  /** Whether it still wants rows: when no reader of a sheet does, the rest of the sheet is skipped. */
  readonly wantsMore: boolean;
}

export interface SheetContext {
  readonly sharedStrings: readonly string[];
  readonly dateStyles: readonly boolean[];
  readonly dateSystem: DateSystem;
  /** The sheet's name, for messages. */
  readonly sheetName: string;
}

/** Days kept decoded (Excel's calendar has 2,958,465; a log spans a few thousand). */
const MAX_CACHED_DATES = 100_000;
const ISO_DATE_PREFIX = /^(\d{4}-\d{2}-\d{2})(?:$|T)/;

/** Column number of letters "A".."XFD"; 0 when none. */
function columnNumber(reference: string): { column: number; digits: number } {
  let column = 0;
  let index = 0;
  for (; index < reference.length; index++) {
    const code = reference.charCodeAt(index) | 0x20;
    if (code < 97 || code > 122) break;
    column = column * 26 + (code - 96);
    if (column > LIMITS.maxColumn) return { column, digits: index + 1 };
  }
  return { column, digits: index };
}

function beyondRow(context: SheetContext, row: number | string): never {
  throw new UnreadableFileError(
    `sheet "${context.sheetName}" has a row numbered ${typeof row === "number" ? row.toLocaleString("en") : row}, beyond Excel's last row ${LIMITS.maxRow.toLocaleString("en")}: it is not read`,
    // A number is written as the language writes numbers; a cell reference's row as it stands in the file.
    typeof row === "number" ? "unreadable.sheet.rowBeyond" : "unreadable.sheet.cellRowBeyond",
    { sheet: context.sheetName, row, last: LIMITS.maxRow },
  );
}

/** A worksheet's handler: rows to `readers` until none of them wants more. */
export function sheetHandler(context: SheetContext, readers: readonly RowReader[]): XmlHandler {
  const columns: number[] = [];
  const values: CellValue[] = [];
  const cells = { count: 0, columns, values };
  const sharedFormulas = new Map<string, string>();
  const dates = new Map<number, DecodedDate>();
  let inSheetData = false;
  let rowNumber = 0;
  let inRow = false;
  // The cell being read.
  let inCell = false;
  let column = 0;
  let type = "n";
  let style = 0;
  let hasFormula = false;
  let hasValue = false;
  let formula = "";
  let formulaShared: string | null = null;
  let formulaIsMaster = false;
  let value = "";
  let inline = "";
  // What text goes where: 0 none, 1 value, 2 formula, 3 inline string text.
  let textTarget = 0;
  let inInline = false;
  let phonetic = 0;

  const endRow = (): void => {
    inRow = false;
    for (const reader of readers) if (reader.wantsMore) reader.row(rowNumber, cells);
    cells.count = 0;
    if (!readers.some((reader) => reader.wantsMore)) throw new StopParsing();
  };

  const cellValue = (): CellValue => {
    if (hasFormula && (!hasValue || (value === "" && type !== "str" && type !== "inlineStr"))) return { formula: detached(formula) };
    // A cell typed but without a value (`<c t="s"/>`, `<v></v>`) is blank: Number("") is 0, which would read
    // shared string 0, false, or an error without a code.
    if (type !== "str" && type !== "inlineStr" && value.trim() === "") return null;
    switch (type) {
      case "s": {
        const index = Number(value);
        return context.sharedStrings[index] ?? "";
      }
      case "inlineStr": {
        const text = hasValue && inline === "" ? value : inline;
        return text === "" ? null : detached(decodeEscapes(text));
      }
      case "str":
        return value === "" && !hasFormula ? null : detached(decodeEscapes(value));
      case "b":
        return value.trim() === "1" || value.trim().toLowerCase() === "true";
      case "e":
        return { excelError: detached(value.trim()) };
      case "d": {
        const match = ISO_DATE_PREFIX.exec(value.trim());
        const iso = match === null ? null : parseIsoDate(match[1] as string);
        return iso === null ? detached(value) : { isoDate: iso };
      }
      default: {
        if (value.trim() === "") return null;
        const number = Number(value);
        if (!Number.isFinite(number)) return detached(value);
        if (context.dateStyles[style] === true) {
          const day = Math.floor(number);
          // One object for each day: a log has many rows a day, and the objects are never changed.
          let date = dates.get(day);
          if (date === undefined) {
            const iso = excelSerialToIsoDate(day, context.dateSystem);
            if (iso === null) return number;
            date = { isoDate: iso };
            if (dates.size < MAX_CACHED_DATES) dates.set(day, date);
          }
          return date;
        }
        return number;
      }
    }
  };

  return {
    open(name: string, attributes: Attributes) {
      if (inCell) {
        switch (name) {
          case "v":
            hasValue = true;
            textTarget = 1;
            return;
          case "f":
            hasFormula = true;
            textTarget = 2;
            formulaShared = attributes.t === "shared" ? (attributes.si ?? null) : null;
            formulaIsMaster = formulaShared !== null && attributes.ref !== undefined;
            return;
          case "is":
            inInline = true;
            return;
          case "rPh":
            phonetic++;
            return;
          case "t":
            if (inInline && phonetic === 0) textTarget = 3;
            return;
          default:
            return;
        }
      }
      if (name === "sheetData") inSheetData = true;
      else if (name === "row" && inSheetData) {
        const given = attributes.r;
        const next = given === undefined ? rowNumber + 1 : Number(given);
        if (!Number.isInteger(next) || next < 1) {
          throw new UnreadableFileError(
            `sheet "${context.sheetName}" has a row numbered ${JSON.stringify(given)}: it is not read`,
            "unreadable.sheet.badRow",
            { sheet: context.sheetName, row: JSON.stringify(given) },
          );
        }
        if (next > LIMITS.maxRow) beyondRow(context, next);
        rowNumber = next;
        inRow = true;
        cells.count = 0;
      } else if (name === "c" && inRow) {
        inCell = true;
        const reference = attributes.r;
        if (reference === undefined) column = (cells.count === 0 ? 0 : (columns[cells.count - 1] as number)) + 1;
        else {
          const parsed = columnNumber(reference);
          column = parsed.column;
          const rowPart = reference.slice(parsed.digits);
          if (rowPart.length > 7 || Number(rowPart) > LIMITS.maxRow) beyondRow(context, rowPart);
        }
        if (column < 1 || column > LIMITS.maxColumn) {
          throw new UnreadableFileError(
            `sheet "${context.sheetName}" has a cell ${JSON.stringify(reference)} outside Excel's ${LIMITS.maxColumn.toLocaleString("en")} columns: it is not read`,
            "unreadable.sheet.cellBeyond",
            { sheet: context.sheetName, cell: JSON.stringify(reference), columns: LIMITS.maxColumn },
          );
        }
        type = attributes.t ?? "n";
        style = attributes.s === undefined ? 0 : Number(attributes.s);
        hasFormula = false;
        hasValue = false;
        formula = "";
        value = "";
        inline = "";
        inInline = false;
        phonetic = 0;
        textTarget = 0;
      }
    },
    close(name: string) {
      if (inCell) {
        switch (name) {
          case "v":
            textTarget = 0;
            return;
          case "f":
            textTarget = 0;
            if (formulaShared !== null) {
              if (formulaIsMaster) sharedFormulas.set(formulaShared, formula);
              else if (formula === "") formula = sharedFormulas.get(formulaShared) ?? "";
            }
            return;
          case "t":
            if (textTarget === 3) textTarget = 0;
            return;
          case "rPh":
            phonetic--;
            return;
          case "is":
            inInline = false;
            return;
          case "c": {
            inCell = false;
            columns[cells.count] = column;
            values[cells.count] = cellValue();
            cells.count++;
            return;
          }
          default:
            return;
        }
      }
      if (name === "row" && inRow) endRow();
      else if (name === "sheetData") inSheetData = false;
    },
    text(chunk: string) {
      if (textTarget === 1) value += chunk;
      else if (textTarget === 2) formula += chunk;
      else if (textTarget === 3) inline += chunk;
    },
  };
}
