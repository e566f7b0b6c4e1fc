/**
 * The web tracker's document: the tracking form the page holds in memory,
 * where it came from, where Save writes it, and whether it changed since it
 * was opened or saved. Opening reads a file with the command line's readers
 * (`readLogFile`); saving writes the form with the same writer as the
 * command line's `template` (`writeForm`, in `formWriter.ts`). Only the
 * tracking form is carried: the Profile values and the log's seven columns.
 */
import {
  type CellValue,
  type DateSystem,
  type LogRow,
  type WorkbookContent,
  FORM,
  LISTS_SHEET as FORM_LISTS_SHEET,
  PROFILE_SHEET,
  errorText,
  isEmptyRow,
} from "../core";
import { MemoryWorkbook } from "../excel/memoryWorkbook";
import { type Translate, textOfFinding } from "../taskpane/i18n";
import { fileBytes } from "../taskpane/verifyWorkbook";
import { UnreadableFileError } from "../workbook/errors";
import type { FormContent } from "../workbook/write-form";
import type { FileHandle } from "./fileAccess";

/** What a new form is called until it is saved. */
export const NEW_FORM_NAME = "CST-tracking-form.xlsx";

export type DocumentSource = "new" | "workbook" | "csv";

export interface TrackerDocument {
  /** Tells documents apart: the pane starts afresh for each one. */
  readonly id: number;
  readonly workbook: MemoryWorkbook;
  /** The file's name (a new form: NEW_FORM_NAME). */
  readonly name: string;
  readonly source: DocumentSource;
  /** The file Save writes back to without asking; null when Save must ask where (or download). */
  readonly handle: FileHandle | null;
  /** Sheets of the opened file that the form does not carry: Save does not write them. */
  readonly notKept: readonly string[];
  /** Whether the file is the tracking form alone, as this project writes it: opening and saving it loses nothing of note. */
  readonly formOnly: boolean;
  /** The sheet of the opened file the log was read from. */
  readonly logSheet: string | null;
  /** Whether the opened file is an exported submission. */
  readonly isSubmission: boolean;
  /** What Save would write, as it was when the file was opened or last saved. */
  readonly savedKey: string;
}

let lastId = 0;
const nextId = () => ++lastId;

/**
 * What Save writes of a workbook, as one string: the Profile values (when
 * the form has a Profile) and each non-empty row with its row number. Two
 * states of the workbook with the same key save the same file; the CST
 * Status column and the selection are not part of it.
 */
export function saveKey(content: WorkbookContent): string {
  const rows = content.log.rows.filter((row) => !isEmptyRow(row.cells)).map((row) => [row.row, row.cells.slice(0, FORM.log.length)]);
  return JSON.stringify([content.hasProfile ? content.log.profileCells : null, content.log.dateSystem, rows]);
}

/** The tracking form's content as the writer takes it, from what the workbook holds. */
export function formContentOf(content: WorkbookContent): FormContent {
  return {
    profileCells: content.hasProfile ? content.log.profileCells : null,
    rows: content.log.rows as readonly LogRow[],
    dateSystem: content.log.dateSystem as DateSystem,
    fillIn: true,
  };
}

/** A blank tracking form: the Profile with its defaults and an empty log. */
export async function newDocument(): Promise<TrackerDocument> {
  const workbook = new MemoryWorkbook();
  await workbook.insertForm();
  return {
    id: nextId(),
    workbook,
    name: NEW_FORM_NAME,
    source: "new",
    handle: null,
    notKept: [],
    logSheet: null,
    isSubmission: false,
    formOnly: true,
    savedKey: saveKey(await workbook.readForm()),
  };
}

/** The sheets of a workbook that the tracking form does not carry (its own lists sheet it makes again). */
export function sheetsNotKept(names: readonly string[], logSheet: string): string[] {
  const kept = new Set([PROFILE_SHEET, logSheet, FORM_LISTS_SHEET].map((name) => name.trim().toLowerCase()));
  return names.filter((name) => !kept.has(name.trim().toLowerCase()));
}

/** A file's bytes opened as a document; throws UnreadableFileError with a message for a person when it is not a log. */
export async function openDocument(name: string, bytes: Uint8Array, handle: FileHandle | null): Promise<TrackerDocument> {
  const { readLogFile } = await import(/* webpackChunkName: "workbook-reader" */ "../workbook/read-file");
  const { content, sheets } = await readLogFile(name, bytes);
  // The form holds a row's seven cells only: what else the reader found to be wrong with a row (text beyond
  // a CSV record's last column) would be lost on opening, so the file is refused, naming the row.
  const lost = content.log.rows.find((row) => (row.found?.errors.length ?? 0) > 0);
  const lostError = lost?.found?.errors[0];
  if (lost !== undefined && lostError !== undefined) {
    throw new UnreadableFileError(`${sheets === null ? "line" : "row"} ${lost.row}: ${lostError.message}`, "unreadable.lostRow", {
      kind: sheets === null ? "line" : "row",
      row: lost.row,
      finding: lostError.words,
    });
  }
  const workbook = await MemoryWorkbook.fromContent(content);
  const source: DocumentSource = sheets === null ? "csv" : "workbook";
  return {
    id: nextId(),
    workbook,
    name,
    source,
    // Save writes back only over the .xlsx it came from: a CSV log or a macro workbook (.xlsm) is saved as a new .xlsx.
    handle: source === "workbook" && /\.xlsx$/i.test(name) ? handle : null,
    notKept: sheets === null ? [] : sheetsNotKept(sheets.names, sheets.logSheet),
    logSheet: sheets?.logSheet ?? null,
    isSubmission: content.submissionRows !== null,
    formOnly: sheets?.formOnly ?? false,
    savedKey: saveKey(await workbook.readForm()),
  };
}

/** Reads a chosen or dropped file and opens it, refusing a file too large for a log before reading it whole. */
export async function openFile(file: File, handle: FileHandle | null): Promise<TrackerDocument> {
  const { checkFileSize } = await import(/* webpackChunkName: "workbook-reader" */ "../workbook/read-file");
  checkFileSize(file.name, file.size, await fileBytes(file.slice(0, 8)));
  return openDocument(file.name, await fileBytes(file), handle);
}

/** The name a document is saved under: its own for an .xlsx, else its name with .xlsx in place of its extension. */
export function saveName(document: Pick<TrackerDocument, "name" | "source">): string {
  if (document.source === "new") return document.name;
  if (/\.xlsx$/i.test(document.name)) return document.name;
  const stem = document.name.replace(/\.[^./\\]*$/, "");
  return `${stem === "" ? "CST-tracking-form" : stem}.xlsx`;
}

/** Sheets' names as the language quotes and lists them: “Budget” and “Notes”. */
export function quotedSheets(names: readonly string[], t: Translate): string {
  return t.list(names.map((name) => t("tracker.sheetName", { name })));
}

/** What opening a file says about it, in the page's language: what was read, and plainly what Save does not write back. */
export function openedText(
  document: TrackerDocument,
  rows: number,
  t: Translate,
): { readonly opened: string; readonly notKept: string | null } {
  const activities = t("tracker.activities", { count: rows });
  if (document.source === "csv") return { opened: t("tracker.openedCsv", { file: document.name, activities }), notKept: null };
  const opened = t("tracker.openedWorkbook", {
    file: document.name,
    activities,
    sheet: quotedSheets([document.logSheet ?? FORM.logSheet], t),
    submission: document.isSubmission ? "yes" : "no",
  });
  // A tracking form as this project writes it (saved by this page, or the add-in's export): nothing to warn of.
  if (document.formOnly) return { opened, notKept: null };
  return {
    opened,
    notKept: t("tracker.notKept", { count: document.notKept.length, sheets: quotedSheets(document.notKept, t), file: document.name }),
  };
}

/** A file that cannot be opened, in one line for a person, in the page's language. */
export function openFailureText(name: string, error: unknown, t: Translate): string {
  if (error instanceof UnreadableFileError) return t("tracker.cannotOpen", { file: name, reason: textOfFinding(t, error) });
  return t("tracker.openFailed", { file: name, detail: errorText(error) });
}

/** The non-empty rows of a log. */
export const activityCount = (rows: readonly { readonly cells: readonly CellValue[] }[]): number =>
  rows.filter((row) => !isEmptyRow(row.cells)).length;
