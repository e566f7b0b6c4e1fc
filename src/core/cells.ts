/**
 * Raw cell values as they arrive from Excel (custom functions, Office.js),
 * from a CSV file (always text) or from a workbook reader. Dates arrive as
 * serial numbers (Excel), ISO text, or already as calendar dates decoded by a
 * reader (`{ isoDate }`), which keeps the core free of JavaScript `Date` and
 * its time zones.
 */
import { z } from "zod";

// The add-in's Content-Security-Policy forbids eval; zod's compiled parsers would probe for it.
z.config({ jitless: true });

export interface DecodedDate {
  readonly isoDate: string;
}

export type CellValue = string | number | boolean | null | undefined | DecodedDate;

export const decodedDateSchema = z.object({ isoDate: z.string() }).readonly();

/** The schema every cell from outside passes through (see `parseCellGrid`). */
export const cellValueSchema = z.union([z.string(), z.number(), z.boolean(), z.null(), z.undefined(), decodedDateSchema]);

export function isDecodedDate(value: CellValue): value is DecodedDate {
  return typeof value === "object" && value !== null;
}

/** Plain decimal text, surrounding spaces allowed ("2", " 1.5 ", "-0.25", "1e3"): read as the number it holds. */
export const DECIMAL_TEXT = /^\s*[+-]?(\d+(\.\d*)?|\.\d+)([eE][+-]?\d+)?\s*$/;

/** Blank: nothing, an empty string, or only spaces. */
export function isBlankCell(value: CellValue): boolean {
  if (value === null || value === undefined) return true;
  if (typeof value === "string") return value.trim() === "";
  return false;
}

/** Text of a cell for fields that hold names and free text. */
export function cellText(value: CellValue): string {
  if (value === null || value === undefined) return "";
  if (typeof value === "string") return value.trim();
  if (typeof value === "number" || typeof value === "boolean") return String(value);
  return value.isoDate;
}

/** How a cell is shown to a person in a message. */
export function describeCell(value: CellValue): string {
  if (value === null || value === undefined) return "(blank)";
  if (typeof value === "string") return JSON.stringify(value.length > 40 ? `${value.slice(0, 40)}…` : value);
  if (typeof value === "number" || typeof value === "boolean") return String(value);
  return value.isoDate;
}
