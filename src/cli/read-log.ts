/**
 * Reads a log file from disk: a `.csv` log or an `.xlsx` tracking form,
 * told apart by their first bytes. This is the only place the readers meet
 * the file system, so the checks that keep `verify` bounded on a stranger's
 * file are here, before anything is read: the file must be a regular file
 * (not a FIFO, a device such as /dev/zero, a folder or a symbolic-link
 * loop), opened without blocking, and no larger than a log of Excel's
 * 1,048,576 rows (LIMITS). Nothing is read past that size, whatever the file
 * claims. The workbook reader is loaded only for workbooks, so checking a
 * CSV log starts fast.
 */
import { constants } from "node:fs";
import { type FileHandle, open, readdir, stat } from "node:fs/promises";
import { basename, extname, join } from "node:path";
import type { LogInput, WorkbookContent } from "../core";
import { UnreadableFileError } from "../workbook/errors";
import { sizeText } from "../workbook/limits";
import { OTHER_FORMATS, byteLimitOf, readCsvLogBytes, readLogBytes, tooLargeError } from "../workbook/read-file";

function systemMessage(error: unknown): string | null {
  const code = (error as { code?: unknown } | null)?.code;
  switch (code) {
    case "ENOENT":
      return "no such file";
    case "EACCES":
    case "EPERM":
      return "permission denied";
    case "EISDIR":
      return "it is a folder, not a file";
    case "ELOOP":
      return "it is a symbolic link that leads back to itself (a loop), not a file";
    case "ENAMETOOLONG":
      return "the file name is too long";
    case "ENOTDIR":
      return "a part of the path is not a folder";
    case "ENXIO":
    case "ENODEV":
      return "it is a device or socket, not a file";
    case "EIO":
      return "the file cannot be read (input/output error)";
    default:
      return null;
  }
}

function asUnreadable(error: unknown): UnreadableFileError {
  if (error instanceof UnreadableFileError) return error;
  const message = systemMessage(error);
  if (message !== null) return new UnreadableFileError(message);
  return new UnreadableFileError(`it cannot be read (${error instanceof Error ? error.message.split("\n")[0] : String(error)})`);
}

/** What a path is when it is not a regular file, in a person's words. */
function notAFile(info: {
  isDirectory(): boolean;
  isFIFO(): boolean;
  isCharacterDevice(): boolean;
  isBlockDevice(): boolean;
  isSocket(): boolean;
}): string {
  if (info.isDirectory()) return "it is a folder, not a file";
  if (info.isFIFO()) return "it is a named pipe (FIFO), not a file: save the log to a file and verify that";
  if (info.isCharacterDevice() || info.isBlockDevice()) return "it is a device (such as /dev/zero), not a file";
  if (info.isSocket()) return "it is a socket, not a file";
  return "it is not a regular file";
}

/** Opens a regular file without blocking (a FIFO would block an ordinary open until a writer came). */
async function openRegularFile(path: string): Promise<{ handle: FileHandle; size: number }> {
  let handle: FileHandle;
  try {
    handle = await open(path, constants.O_RDONLY | (constants.O_NONBLOCK ?? 0));
  } catch (error) {
    throw asUnreadable(error);
  }
  try {
    const info = await handle.stat();
    if (!info.isFile()) throw new UnreadableFileError(notAFile(info));
    return { handle, size: info.size };
  } catch (error) {
    await handle.close();
    throw asUnreadable(error);
  }
}

/** Reads at most `limit` bytes (refusing a file with more), whatever size the file system reported. */
async function readAtMost(handle: FileHandle, expected: number, limit: number, what: string): Promise<Uint8Array> {
  if (expected > limit) throw tooLargeError(sizeText(expected), what);
  let buffer = new Uint8Array(Math.min(limit + 1, Math.max(expected + 1, 64 * 1024)));
  let length = 0;
  for (;;) {
    if (length === buffer.length) {
      if (length > limit) throw tooLargeError(`larger than ${sizeText(limit)}`, what);
      const grown = new Uint8Array(Math.min(limit + 1, buffer.length * 2));
      grown.set(buffer);
      buffer = grown;
    }
    const { bytesRead } = await handle.read(buffer, length, buffer.length - length, length);
    if (bytesRead === 0) break;
    length += bytesRead;
  }
  if (length > limit) throw tooLargeError(`larger than ${sizeText(limit)}`, what);
  return buffer.subarray(0, length);
}

/** The file's bytes, nothing read past the limit of its kind. */
async function readFileBytes(path: string): Promise<Uint8Array> {
  const { handle, size } = await openRegularFile(path);
  try {
    const head = new Uint8Array(8);
    const { bytesRead } = await handle.read(head, 0, 8, 0);
    const { limit, what } = byteLimitOf(basename(path), head.subarray(0, bytesRead));
    return await readAtMost(handle, size, limit, what);
  } catch (error) {
    throw asUnreadable(error);
  } finally {
    await handle.close();
  }
}

/** A CSV log file as the core's input (the reader alone: no checking). */
export async function readCsvLogFile(path: string): Promise<LogInput> {
  return readCsvLogBytes(await readFileBytes(path));
}

/** A log file as the core's input, with the Submission sheet's rows when it is an exported submission. */
export async function readLogFile(path: string): Promise<WorkbookContent> {
  const other = OTHER_FORMATS[extname(path).toLowerCase()];
  if (other !== undefined && (await stat(path).catch(() => null))?.isDirectory()) {
    throw new UnreadableFileError(other);
  }
  return readLogBytes(basename(path), await readFileBytes(path));
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
    if (!isFolder || OTHER_FORMATS[extname(path).toLowerCase()] !== undefined) {
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
