/**
 * The workbook as the taskpane sees it: read the tracking form, write and
 * correct rows, write profile fields, insert the form, mark findings beside
 * the input, write the verification sheet, go to a row, and hear of changes.
 * Two implementations: Office.js (`officeWorkbook.ts`) and in memory
 * (`memoryWorkbook.ts`, for the preview and tests); the UI never knows which.
 *
 * What the add-in writes (docs/rules.md §5): the input cells the user asks for (a row
 * added or corrected in the pane, a profile field changed in the pane), and
 * beyond them only places it made and recognises as its own: the table
 * column headed `CST Status` after the input columns and the sheet
 * `CST Verification` carrying its mark in A1. It never writes over a
 * formula, nor over a value it did not write; where such a cell is in the
 * way it stops and names the cell ("Tracking Form!H7"). Both implementations
 * take those decisions through `decisions.ts`, and one contract suite
 * (test/excel/contract.test.ts) holds both to every behaviour here.
 */
import type { CellValue, FindingLocation, ProfileKey, WorkbookContent } from "../core";
import type { MessageId } from "../i18n";

export type InsertFormResult =
  | { readonly inserted: true }
  /** `reason` in English; `words` the same in the catalogs', for the pane to say it in its language. */
  | { readonly inserted: false; readonly reason: string; readonly words: WorkbookWords };

export type MarkLevel = "ok" | "warning" | "error";

/** What the CST Status column says about one log row. */
export interface RowMark {
  readonly row: number;
  readonly level: MarkLevel;
  readonly text: string;
}

/** Profile fields to write, by key: only those the user changed. */
export type ProfileChanges = Partial<Record<ProfileKey, CellValue>>;

/** The cells of one row of the `CST Verification` sheet, from column A. */
export type VerificationRow = readonly CellValue[];

export interface VerificationWrite {
  readonly rows: readonly VerificationRow[];
  /** "replace": the sheet holds these rows only; "append": they go below what the sheet holds. */
  readonly mode: "replace" | "append";
}

/** Where `goTo` takes the user: a finding's location, as the core gives it. */
export type GoToTarget = FindingLocation;

/**
 * The form as `readForm` read it, with its revision: a number that moves whenever what was read may have
 * changed (a person's edit of the form's sheets, the add-in's own writes of rows and Profile), so that a
 * view can tell "changed since" without comparing the whole log. Equal revisions of one workbook: the
 * same log, Profile and Submission sheet.
 */
export interface FormRead extends WorkbookContent {
  readonly revision: number;
}

export interface TrackingWorkbook {
  /** Reads the form: the table's size first, then its rows in chunks small enough for Excel on the web. */
  readForm(): Promise<FormRead>;
  /** Adds the Profile and Tracking Form sheets; does nothing (and says why) when either is already there. */
  insertForm(): Promise<InsertFormResult>;
  /**
   * Writes one row of the seven input cells below the last non-empty row of
   * the log (reusing a blank table row or growing the table): never over a
   * non-empty cell or a formula. Text is written as text. Returns the
   * worksheet row written.
   */
  appendRow(cells: readonly CellValue[]): Promise<number>;
  /**
   * Corrects a row from the pane: writes the seven input cells of worksheet
   * row `row` (cells equal to `expected` are left as they are). Refuses when
   * the row no longer holds `expected` (the cells the pane read: the sheet
   * changed under it), or when a cell to change holds a formula.
   */
  writeRow(row: number, cells: readonly CellValue[], expected: readonly CellValue[]): Promise<void>;
  /** Deletes the table row at worksheet row `row`; refuses when it no longer holds `expected`. */
  removeRow(row: number, expected: readonly CellValue[]): Promise<void>;
  /** Writes the given Profile fields only; refuses a field whose cell holds a formula, naming the cell. */
  writeProfile(changes: ProfileChanges): Promise<void>;
  /**
   * Writes the `CST Status` column after the input columns (added when
   * absent); rows without a mark are cleared. Refuses, naming the cell, when
   * a cell of that column holds a formula or a value the add-in did not write.
   */
  markRows(marks: readonly RowMark[]): Promise<void>;
  /** Writes rows into the add-in's own `CST Verification` sheet (made when absent); refuses a sheet of that name it did not make. */
  writeVerification(write: VerificationWrite): Promise<void>;
  /** The rows of the add-in's own `CST Verification` sheet below its mark; none when there is no such sheet (or it is not the add-in's). */
  readVerification(): Promise<VerificationRow[]>;
  /** Selects a log row or a Profile value so the user sees what a finding is about. */
  goTo(target: GoToTarget): Promise<void>;
  /**
   * Calls `listener` when a person changes the form's sheets (rows typed,
   * changed or deleted; the Profile). The add-in's own writes may not be
   * reported (Office.js does not; the twin does, for the web tracker's
   * unsaved-changes warning): a view reads again after its own writes.
   * Returns the function that stops listening.
   */
  subscribe(listener: () => void): () => void;
}

/** What a refusal of the workbook names: a cell, a sheet, a table or a column as the workbook calls it, a number, Excel's own detail. */
export interface WorkbookWords {
  readonly id: MessageId;
  readonly values?: Readonly<Record<string, string | number>>;
}

/**
 * A failure the user can act on; its message says what to do. As a file that cannot be read does
 * (src/workbook/errors.ts), it carries its message in English, which the contract suite compares across
 * both workbooks, and its words: a message id of the catalogs (`excel.…`) and the values it names, for
 * the pane to say it in its language (docs/rules.md §11). Formatted in English, the words are the message.
 */
export class WorkbookError extends Error {
  // Private, as a finding's words are: whatever writes the error as JSON writes what it always did.
  readonly #words: WorkbookWords;

  constructor(message: string, id: MessageId, values?: WorkbookWords["values"]) {
    super(message);
    this.name = "WorkbookError";
    this.#words = values === undefined ? { id } : { id, values };
  }

  /** The message in the catalogs, for a surface that speaks the user's language. */
  get words(): WorkbookWords {
    return this.#words;
  }
}

/** The header of the add-in's own column, exactly. */
export const STATUS_HEADER = "CST Status";
export const VERIFICATION_SHEET = "CST Verification";
/** What A1 of the add-in's `CST Verification` sheet says: the mark by which the add-in knows the sheet is its own. */
export const VERIFICATION_MARK =
  "Written by the CST Mentorship Tracker add-in: verification results. Anything on this sheet may be replaced.";
/** Rows the verification sheet holds start below the mark. */
export const VERIFICATION_FIRST_ROW = 2;
/** The refusal of a workbook without the tracking form. */
export const noFormError = (): WorkbookError =>
  new WorkbookError("The tracking form is not in this workbook: choose Insert tracking form first.", "excel.noForm");
/** The refusal of a workbook without the Profile sheet. */
export const noProfileError = (): WorkbookError =>
  new WorkbookError("The Profile sheet is not in this workbook: choose Insert tracking form first.", "excel.noProfile");
