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
import { isUtf8 } from "node:buffer";
import { constants, readSync } from "node:fs";
import { type FileHandle, open, readdir, stat } from "node:fs/promises";
import { basename, extname, join } from "node:path";
import { EMPTY_PROFILE_CELLS, type LogInput, type LogRow, type StreamedLogInput, type WorkbookContent, errorLine } from "../core";
import { type CsvEncoding, CsvLogReader, CsvTextDecoder, csvEncodingOf } from "../workbook/csv";
import { type FileProblem, UnreadableFileError, fileProblem } from "../workbook/errors";
import { CSV_PIECE_BYTES } from "../workbook/limits";
import { textFormatProblem } from "../workbook/formats";
import {
  type FileSort,
  OTHER_FORMATS,
  byteLimitOf,
  isCsvLogFile,
  readCsvLogBytes,
  readLogBytes,
  readLogFile as readWorkbookLogFile,
  tooLargeError,
} from "../workbook/read-file";

const A_FOLDER = fileProblem("it is a folder, not a file", "unreadable.path.folder");

/** What the file system's refusal of a path says, in a person's words; null for a refusal not named here. */
export function systemProblem(error: unknown): FileProblem | null {
  const code = (error as { code?: unknown } | null)?.code;
  switch (code) {
    case "ENOENT":
      return fileProblem("no such file", "unreadable.path.missing");
    case "EACCES":
    case "EPERM":
      return fileProblem("permission denied", "unreadable.path.denied");
    case "EISDIR":
      return A_FOLDER;
    case "ELOOP":
      return fileProblem("it is a symbolic link that leads back to itself (a loop), not a file", "unreadable.path.loop");
    case "ENAMETOOLONG":
      return fileProblem("the file name is too long", "unreadable.path.tooLong");
    case "ENOTDIR":
      return fileProblem("a part of the path is not a folder", "unreadable.path.notFolder");
    case "ENXIO":
    case "ENODEV":
      return fileProblem("it is a device or socket, not a file", "unreadable.path.deviceOrSocket");
    case "EIO":
      return fileProblem("the file cannot be read (input/output error)", "unreadable.path.ioError");
    default:
      return null;
  }
}

/** Any failure to read a file as an unreadable file: the file system's in a person's words, anything else named in a few. */
export function asUnreadable(error: unknown): UnreadableFileError {
  if (error instanceof UnreadableFileError) return error;
  const problem = systemProblem(error);
  if (problem !== null) return UnreadableFileError.of(problem);
  const detail = errorLine(error);
  return new UnreadableFileError(`it cannot be read (${detail})`, "unreadable.path.failed", { detail });
}

/** What a path is when it is not a regular file, in a person's words. */
export function notAFile(info: {
  isDirectory(): boolean;
  isFIFO(): boolean;
  isCharacterDevice(): boolean;
  isBlockDevice(): boolean;
  isSocket(): boolean;
}): FileProblem {
  if (info.isDirectory()) return A_FOLDER;
  if (info.isFIFO())
    return fileProblem("it is a named pipe (FIFO), not a file: save the log to a file and verify that", "unreadable.path.fifo");
  if (info.isCharacterDevice() || info.isBlockDevice())
    return fileProblem("it is a device (such as /dev/zero), not a file", "unreadable.path.device");
  if (info.isSocket()) return fileProblem("it is a socket, not a file", "unreadable.path.socket");
  return fileProblem("it is not a regular file", "unreadable.path.notRegular");
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
    if (!info.isFile()) throw UnreadableFileError.of(notAFile(info));
    return { handle, size: info.size };
  } catch (error) {
    await handle.close();
    throw asUnreadable(error);
  }
}

/** Reads into the buffer from the file's position: how many bytes were read (0 at the end). */
function readAt(fd: number, buffer: Uint8Array, position: number): number {
  try {
    return readSync(fd, buffer, 0, buffer.length, position);
  } catch (error) {
    throw asUnreadable(error);
  }
}

/**
 * The file's bytes from `start` to its end, refusing a file of more than `limit` bytes: first by the size the
 * file system reported (`expected`), then by what is read, whatever that size said (a file that grows while
 * it is read is refused at the limit).
 */
function readRange(fd: number, start: number, expected: number, limit: number, what: FileSort): Uint8Array {
  if (expected > limit) throw tooLargeError(expected, what);
  let buffer = new Uint8Array(Math.min(limit + 1, Math.max(expected + 1, start + 64 * 1024)) - start);
  let length = 0;
  for (;;) {
    if (length === buffer.length) {
      if (start + length > limit) throw tooLargeError(limit, what, true);
      const grown = new Uint8Array(Math.min(limit + 1 - start, buffer.length * 2));
      grown.set(buffer);
      buffer = grown;
    }
    const bytesRead = readAt(fd, buffer.subarray(length), start + length);
    if (bytesRead === 0) break;
    length += bytesRead;
  }
  if (start + length > limit) throw tooLargeError(limit, what, true);
  return buffer.subarray(0, length);
}

/** The file's bytes, nothing read past the limit of its kind. */
async function readFileBytes(path: string): Promise<Uint8Array> {
  const { handle, size } = await openRegularFile(path);
  try {
    const head = new Uint8Array(8);
    const { bytesRead } = await handle.read(head, 0, 8, 0);
    const { limit, what } = byteLimitOf(basename(path), head.subarray(0, bytesRead));
    return readRange(handle.fd, 0, size, limit, what);
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
  await refuseOtherFormatFolder(path);
  return readLogBytes(basename(path), await readFileBytes(path));
}

/** A Numbers document is a folder: it gets the line that says how to save it as .xlsx. */
async function refuseOtherFormatFolder(path: string): Promise<void> {
  const other = OTHER_FORMATS[extname(path).toLowerCase()];
  if (other !== undefined && (await stat(path).catch(() => null))?.isDirectory()) {
    throw UnreadableFileError.of(other);
  }
}

/**
 * A record still open after this many characters is no row of a real log (Excel's cells hold 32,767
 * characters): the file from that record's start to its end is then read as one piece, as the whole file would
 * be (a quoted field that never closes, in a stranger's file, is scanned once more rather than with each piece).
 */
const LONGEST_RECORD_READ_IN_PIECES = 1024 * 1024;

/**
 * The file's bytes from `start` to its end, a piece at a time in one buffer (a piece is valid until the next
 * is read), never past `limit`.
 */
function* filePieces(fd: number, start: number, limit: number, what: FileSort): Generator<Uint8Array> {
  const buffer = new Uint8Array(CSV_PIECE_BYTES);
  let position = start;
  for (;;) {
    const bytesRead = readAt(fd, buffer, position);
    if (bytesRead === 0) return;
    position += bytesRead;
    if (position > limit) throw tooLargeError(limit, what, true);
    yield buffer.subarray(0, bytesRead);
  }
}

/** The text of the file's bytes from `start` to its end, decoded as one final piece (its bytes let go on return). */
function restText(fd: number, start: number, fileSize: number, limit: number, what: FileSort, encoding: CsvEncoding["encoding"]): string {
  return new CsvTextDecoder(encoding).decode(readRange(fd, start, fileSize, limit, what), true);
}

/** Whether the file's bytes are all UTF-8, read a piece at a time, each cut after its last whole character. */
function isUtf8File(fd: number, limit: number, what: FileSort): boolean {
  const cut = new CsvTextDecoder("utf-8");
  for (const piece of filePieces(fd, 0, limit, what)) if (!isUtf8(cut.wholeCharacters(piece, false))) return false;
  return cut.carriedLength === 0;
}

/**
 * A CSV log as a stream of rows, read a piece at a time as it is checked: `verify` never holds a long log
 * whole, as bytes, as text or as rows (docs/rules.md §9's memory bound). Whether the bytes are UTF-8 decides how all of
 * them read (docs/rules.md §5), so the file is read once for that before its rows are. What `readCsvLogFile` and
 * `readLogFile` give as one list, the stream gives in batches, with the same row numbers and cells.
 */
async function streamCsvLog(handle: FileHandle, size: number, head: Uint8Array, limit: number, what: FileSort): Promise<StreamedLogInput> {
  const fd = handle.fd;
  const { encoding, skip } = csvEncodingOf(head, () => isUtf8File(fd, limit, what));
  // A spreadsheet saved as XML or HTML under a .csv name is named as what it is, before any row is read.
  const start = new Uint8Array(skip + 4096);
  const startText = new CsvTextDecoder(encoding).decode(start.subarray(skip, readAt(fd, start, 0)), false);
  const problem = textFormatProblem(startText.slice(0, 1024));
  if (problem !== null) throw UnreadableFileError.of(problem);
  function* batches(): Generator<LogRow[]> {
    const reader = new CsvLogReader({ shareTexts: false });
    const decoder = new CsvTextDecoder(encoding);
    let position = skip;
    try {
      for (const piece of filePieces(fd, skip, limit, what)) {
        position += piece.length;
        const rows = reader.push(decoder.decode(piece, false), false);
        if (rows.length > 0) yield rows;
        if (reader.pendingText.length > LONGEST_RECORD_READ_IN_PIECES) {
          // The record that waits starts this many bytes back: the file from there is read again, as one piece.
          const recordStart = position - decoder.carriedLength - decoder.byteLength(reader.pendingText);
          yield reader.pushInsteadOfPending(restText(fd, recordStart, size, limit, what, encoding));
          return;
        }
      }
      const rows = reader.push(decoder.decode(new Uint8Array(0), true), true);
      if (rows.length > 0) yield rows;
    } finally {
      void handle.close();
    }
  }
  return { batches: batches(), profileCells: EMPTY_PROFILE_CELLS, dateSystem: "1900" };
}

/**
 * A log file to verify: as `readLogFile` reads it, except that a CSV log is a stream of rows (`streamCsvLog`),
 * which `verify` checks as it reads.
 */
export async function readLogFileToVerify(
  path: string,
): Promise<{ log: LogInput | StreamedLogInput; submissionRows: WorkbookContent["submissionRows"] }> {
  await refuseOtherFormatFolder(path);
  const { handle, size } = await openRegularFile(path);
  let streaming = false;
  try {
    const head = new Uint8Array(8);
    const { bytesRead } = await handle.read(head, 0, 8, 0);
    const name = basename(path);
    const { limit, what } = byteLimitOf(name, head.subarray(0, bytesRead));
    if (isCsvLogFile(name, head.subarray(0, bytesRead))) {
      if (size > limit) throw tooLargeError(size, what);
      const log = await streamCsvLog(handle, size, head.subarray(0, bytesRead), limit, what);
      streaming = true;
      return { log, submissionRows: null };
    }
    // A workbook that is no submission is checked as its log's rows stream from the sheet (sheet-stream.ts).
    const { content, streamedLog } = await readWorkbookLogFile(name, readRange(handle.fd, 0, size, limit, what), { streamLog: true });
    return { log: streamedLog ?? content.log, submissionRows: content.submissionRows };
  } catch (error) {
    throw asUnreadable(error);
  } finally {
    if (!streaming) await handle.close();
  }
}

/** A folder whose files cannot be listed, named with why. */
export function unreadableFolder(path: string, error: unknown): UnreadableFileError {
  const reason = systemProblem(error) ?? fileProblem("the folder cannot be read", "unreadable.folder.failed");
  return new UnreadableFileError(`${path}: ${reason.message}`, "unreadable.atPath", { path, reason: reason.words });
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
      throw unreadableFolder(path, error);
    }
    const logs = names.filter(isLogFileName).sort();
    if (logs.length === 0)
      throw new UnreadableFileError(`${path}: the folder has no .csv or .xlsx file`, "unreadable.atPath", {
        path,
        reason: { id: "unreadable.folder.noLogs" },
      });
    files.push(...logs.map((name) => join(path, name)));
  }
  return { files, batch };
}
