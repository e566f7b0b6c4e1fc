/**
 * The workbook as the taskpane sees it: read the tracking form, write rows
 * and profile values, insert the form, mark findings beside the input, go to
 * a row. Two implementations: Office.js (`officeWorkbook.ts`) and in memory
 * (`memoryWorkbook.ts`, for the preview and tests); the UI never knows which.
 */
import type { CellValue, WorkbookContent } from "../core";

export type InsertFormResult = { readonly inserted: true } | { readonly inserted: false; readonly reason: string };

export type MarkLevel = "ok" | "warning" | "error";

/** What the Status column says about one log row. */
export interface RowMark {
  readonly row: number;
  readonly level: MarkLevel;
  readonly text: string;
}

/** Lines of the `Verification` sheet: label in column A, value in column B. */
export type VerificationLine = readonly [string, string | number];

export type GoToTarget = { readonly kind: "row"; readonly row: number } | { readonly kind: "profile"; readonly field: number };

export interface TrackingWorkbook {
  readForm(): Promise<WorkbookContent>;
  /** Adds the Profile and Tracking Form sheets; does nothing (and says why) when either is already there. */
  insertForm(): Promise<InsertFormResult>;
  /**
   * Writes one row of the seven input cells below the last non-empty row of
   * the log (reusing a blank table row or growing the table): never over a
   * non-empty cell. Returns the worksheet row written.
   */
  appendRow(cells: readonly CellValue[]): Promise<number>;
  /** Writes the six Profile values (B1:B6). */
  writeProfile(cells: readonly CellValue[]): Promise<void>;
  /** Writes the computed Status column right of the input columns; rows without a mark are cleared. */
  markRows(marks: readonly RowMark[]): Promise<void>;
  /** Replaces the contents of the `Verification` sheet (created when absent). */
  writeVerification(lines: readonly VerificationLine[]): Promise<void>;
  /** Selects a log row or a Profile value so the user sees what a finding is about. */
  goTo(target: GoToTarget): Promise<void>;
}

/** A failure the user can act on; its message says what to do. */
export class WorkbookError extends Error {
  constructor(message: string) {
    super(message);
    this.name = "WorkbookError";
  }
}

export const STATUS_HEADER = "Status";
export const VERIFICATION_SHEET = "Verification";
/** A hidden sheet holding the dropdown choices: Excel refuses typed lists over 255 characters. */
export { LISTS_SHEET as FORM_LISTS_SHEET, INPUT_COLUMN_COUNT } from "../core";

export const NO_FORM_MESSAGE = "The tracking form is not in this workbook: choose Insert tracking form first.";
export const NO_PROFILE_MESSAGE = "The Profile sheet is not in this workbook: choose Insert tracking form first.";

/** The row of the first blank table row after the last non-empty one, or null when the table must grow. */
export function firstFreeRowIndex(
  rows: readonly (readonly CellValue[])[],
  isEmpty: (cells: readonly CellValue[]) => boolean,
): number | null {
  let lastFilled = -1;
  for (let i = rows.length - 1; i >= 0; i--) {
    if (!isEmpty(rows[i] as readonly CellValue[])) {
      lastFilled = i;
      break;
    }
  }
  return lastFilled + 1 < rows.length ? lastFilled + 1 : null;
}

export function existingFormReason(existing: readonly string[]): string {
  return `The tracking form is already here (${existing.join(", ")}): nothing was changed.`;
}
