/**
 * A log file's bytes as the core's input, whoever read them: the command
 * line from disk, the add-in's Coordinator tab and the web tracker from a
 * file the user chose. The kind of file is told by its first bytes, not its
 * name; formats that are not read get one line that names them and says how
 * to save the file as .xlsx. No Node APIs: this runs in the browser too.
 */
import { type LogInput, type StreamedLogInput, type WorkbookContent } from "../core";
import { decodeCsvBytes, parseCsvLog } from "./csv";
import { type FileProblem, UnreadableFileError, fileProblem, unreadableWorkbook } from "./errors";
import { NUMBERS_PROBLEM, OLE2_PROBLEM, fileKind, textFormatProblem } from "./formats";
import { LIMITS, sizeText, sizeWords } from "./limits";
import type { WorkbookSheets } from "./read-xlsx";

export const WORKBOOK_EXTENSIONS: ReadonlySet<string> = new Set([".xlsx", ".xlsm"]);
const TEXT_EXTENSIONS: ReadonlySet<string> = new Set([".csv", ".tsv"]);
/** Spreadsheet formats that are not read, by extension, for files whose content does not say (a Numbers package is a folder). */
export const OTHER_FORMATS: Readonly<Record<string, FileProblem>> = {
  ".xlsb": fileProblem(
    "it is an Excel Binary Workbook (.xlsb), which is not read: open it in Excel and save it as an Excel Workbook (.xlsx)",
    "unreadable.format.xlsbByName",
  ),
  ".ods": fileProblem(
    "it is an OpenDocument spreadsheet (.ods), which is not read: open it in LibreOffice Calc and choose File › Save As › Excel 2007-365 (.xlsx)",
    "unreadable.format.odsByName",
  ),
  ".numbers": NUMBERS_PROBLEM,
};

/** ".xlsx": a file name's extension in lower case, or "". */
export function extensionOf(name: string): string {
  const match = /\.[^./\\]+$/.exec(name);
  return match === null ? "" : match[0].toLowerCase();
}

/** The most bytes a file may have to be read: as many as a log of Excel's 1,048,576 rows takes, as a workbook or as CSV. */
export function byteLimitOf(name: string, head: Uint8Array): { limit: number; what: FileSort } {
  const workbook = fileKind(head) !== "text" || WORKBOOK_EXTENSIONS.has(extensionOf(name));
  return workbook ? { limit: LIMITS.maxWorkbookBytes, what: "workbook" } : { limit: LIMITS.maxCsvBytes, what: "csv" };
}

/** Which limit a file is held to: a workbook's or a CSV log's. */
export type FileSort = "workbook" | "csv";

/** Whether a file, by its name and first bytes, is read as a CSV log (what `readLogFile` reads with `csvLog`). */
export function isCsvLogFile(name: string, head: Uint8Array): boolean {
  return fileKind(head) === "text" && TEXT_EXTENSIONS.has(extensionOf(name));
}

/**
 * The refusal of a file over its limit: of `bytes` when its size is known, of more than the limit when it
 * was found to be larger as it was read (`larger`).
 */
export function tooLargeError(bytes: number, what: FileSort, larger = false): UnreadableFileError {
  const size = larger ? `larger than ${sizeText(bytes)}` : sizeText(bytes);
  const kind = what === "workbook" ? "a workbook" : "a CSV log";
  return new UnreadableFileError(
    `it is ${size}, more than ${kind} of ${LIMITS.maxRow.toLocaleString("en")} rows takes: it is not read`,
    larger ? "unreadable.tooLargeAsRead" : "unreadable.tooLarge",
    { size: sizeWords(bytes), kind: what, rows: LIMITS.maxRow },
  );
}

/** Checks a file's declared size before it is read (a browser's File, a stat): refuses one too large for a log. */
export function checkFileSize(name: string, size: number, head: Uint8Array): void {
  const { limit, what } = byteLimitOf(name, head);
  if (size > limit) throw tooLargeError(size, what);
}

function csvLog(bytes: Uint8Array): LogInput {
  const text = decodeCsvBytes(bytes);
  const problem = textFormatProblem(text.slice(0, 1024));
  if (problem !== null) throw UnreadableFileError.of(problem);
  return parseCsvLog(text);
}

/** A CSV log's bytes as the core's input (the reader alone: no checking). */
export function readCsvLogBytes(bytes: Uint8Array): LogInput {
  return csvLog(bytes);
}

/** A log file's bytes, named `name`, as the core's input, with the Submission sheet's rows when it is an exported submission. */
export async function readLogBytes(name: string, bytes: Uint8Array): Promise<WorkbookContent> {
  return (await readLogFile(name, bytes)).content;
}

/** A log file read as `readLogBytes` reads it, with a workbook's sheets (null for a CSV log): what the web tracker opens. */
export async function readLogFile(
  name: string,
  bytes: Uint8Array,
  options: { readonly streamLog?: boolean } = {},
): Promise<{ content: WorkbookContent; sheets: WorkbookSheets | null; streamedLog?: StreamedLogInput }> {
  const extension = extensionOf(name);
  const kind = fileKind(bytes.subarray(0, 8));
  if (kind === "ole2") throw UnreadableFileError.of(OLE2_PROBLEM);
  if (kind === "zip") {
    const { readWorkbookFile } = await import(/* webpackChunkName: "workbook-reader" */ "./read-xlsx");
    try {
      return await readWorkbookFile(bytes, undefined, options);
    } catch (error) {
      throw unreadableWorkbook(error);
    }
  }
  if (WORKBOOK_EXTENSIONS.has(extension)) {
    throw new UnreadableFileError(
      "it is not an Excel workbook (.xlsx): it could not be opened as one; save it from Excel as .xlsx",
      "unreadable.format.notWorkbookByName",
    );
  }
  if (extension === ".xls")
    throw new UnreadableFileError(
      "the old .xls format is not read: open it in Excel and save it as an Excel Workbook (.xlsx)",
      "unreadable.format.xlsByName",
    );
  const other = OTHER_FORMATS[extension];
  if (other !== undefined) throw UnreadableFileError.of(other);
  if (TEXT_EXTENSIONS.has(extension)) {
    return { content: { log: csvLog(bytes), hasLog: true, hasProfile: false, submissionRows: null }, sheets: null };
  }
  if (extension === "")
    throw new UnreadableFileError(
      "expected a .csv log or an .xlsx tracking form, not a file without extension",
      "unreadable.format.noExtension",
    );
  throw new UnreadableFileError(
    `expected a .csv log or an .xlsx tracking form, not a ${extension} file`,
    "unreadable.format.otherExtension",
    {
      extension,
    },
  );
}
