/**
 * Reads a log file from disk: a `.csv` log or an `.xlsx` tracking form.
 * exceljs is loaded only for workbooks, so checking a CSV log starts fast.
 */
import { readFile, readdir, stat } from "node:fs/promises";
import { extname, join } from "node:path";
import type { LogInput } from "../core";
import { decodeCsvBytes, parseCsvLog } from "../workbook/csv";
import { UnreadableFileError } from "../workbook/errors";
import type { WorkbookLog } from "../workbook/read-xlsx";

const WORKBOOK_EXTENSIONS = new Set([".xlsx", ".xlsm"]);

function systemMessage(error: unknown): string | null {
  const code = (error as { code?: unknown } | null)?.code;
  if (code === "ENOENT") return "no such file";
  if (code === "EACCES" || code === "EPERM") return "permission denied";
  if (code === "EISDIR") return "it is a folder, not a file";
  return null;
}

async function readBytes(path: string): Promise<Uint8Array> {
  try {
    return await readFile(path);
  } catch (error) {
    const message = systemMessage(error);
    if (message !== null) throw new UnreadableFileError(message);
    throw error;
  }
}

/** A CSV log file as the core's input (the reader alone: no checking). */
export async function readCsvLogFile(path: string): Promise<LogInput> {
  return parseCsvLog(decodeCsvBytes(await readBytes(path)));
}

/** A log file as the core's input, with the Submission sheet's rows when it is an exported submission. */
export async function readLogFile(path: string): Promise<WorkbookLog> {
  const extension = extname(path).toLowerCase();
  if (extension === ".csv") return { log: await readCsvLogFile(path), submissionRows: null };
  if (WORKBOOK_EXTENSIONS.has(extension)) {
    const bytes = await readBytes(path);
    const { readWorkbookLog } = await import("../workbook/read-xlsx");
    return readWorkbookLog(bytes);
  }
  if (extension === ".xls") throw new UnreadableFileError("the old .xls format is not read: open it in Excel and save it as .xlsx");
  throw new UnreadableFileError(
    `expected a .csv log or an .xlsx tracking form, not a ${extension === "" ? "file without extension" : `${extension} file`}`,
  );
}

/** Whether a folder entry is a log to verify: .csv and .xlsx files, without Excel's "~$" lock files. */
function isLogFileName(name: string): boolean {
  return /\.(csv|xlsx|xlsm)$/i.test(name) && !name.startsWith("~$");
}

/** The files the command line's FILE arguments name: a file as given, a folder as its log files sorted by name. */
export async function expandFileArguments(paths: readonly string[]): Promise<{ files: string[]; batch: boolean }> {
  const files: string[] = [];
  let batch = paths.length > 1;
  for (const path of paths) {
    let isFolder = false;
    try {
      isFolder = (await stat(path)).isDirectory();
    } catch {
      // A missing path is reported when it is read, in its turn.
    }
    if (!isFolder) {
      files.push(path);
      continue;
    }
    batch = true;
    let names: string[];
    try {
      names = await readdir(path);
    } catch (error) {
      throw new UnreadableFileError(`${path}: ${systemMessage(error) ?? "the folder cannot be read"}`);
    }
    const logs = names.filter(isLogFileName).sort();
    if (logs.length === 0) throw new UnreadableFileError(`${path}: the folder has no .csv or .xlsx file`);
    files.push(...logs.map((name) => join(path, name)));
  }
  return { files, batch };
}
