/**
 * What kind of file a log is, from its first bytes and, for a zip, from the
 * names inside it: a tracking form is read whatever its name ends with, and
 * spreadsheet formats that are not read get a line naming the format and
 * saying how to save it as .xlsx.
 *
 * No Node APIs: bytes in.
 */
// The type only: telling a zip by its first bytes must not load the zip readers (a CSV log is checked without them).
import type { ZipDirectory } from "./zip";
import { type FileProblem, fileProblem } from "./errors";

const ZIP_MAGIC = [0x50, 0x4b, 0x03, 0x04];
const EMPTY_ZIP_MAGIC = [0x50, 0x4b, 0x05, 0x06];

export function looksLikeZip(bytes: Uint8Array): boolean {
  return [ZIP_MAGIC, EMPTY_ZIP_MAGIC].some((magic) => magic.every((byte, index) => bytes[index] === byte));
}

export type FileKind = "zip" | "ole2" | "text";

const OLE2_MAGIC = [0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1];

/** A file's kind from its first bytes: a zip (an .xlsx and its kin), an OLE2 compound file (.xls), or anything else. */
export function fileKind(head: Uint8Array): FileKind {
  if (looksLikeZip(head)) return "zip";
  if (OLE2_MAGIC.every((byte, index) => head[index] === byte)) return "ole2";
  return "text";
}

const SAVE_AS_XLSX = "save it as an Excel Workbook (.xlsx) and use that file";

export const OLE2_PROBLEM: FileProblem = fileProblem(
  `the old .xls format is not read (an Excel 97-2003 workbook, or a password-protected workbook, which Excel stores the same way): open it in Excel, remove any password, and ${SAVE_AS_XLSX}`,
  "unreadable.format.ole2",
);

/**
 * A text file that is a spreadsheet in another form (Excel 2003 XML, an HTML
 * table saved as .xls), or null for text that may be a CSV log.
 */
export function textFormatProblem(head: string): FileProblem | null {
  const start = head
    .replace(/^\ufeff/, "")
    .trimStart()
    .slice(0, 512)
    .toLowerCase();
  if (start.startsWith("<?xml") || start.startsWith("<workbook")) {
    return fileProblem(
      `it is an XML file (such as an Excel 2003 XML spreadsheet), which is not read: open it in Excel and ${SAVE_AS_XLSX}`,
      "unreadable.format.xml",
    );
  }
  if (start.startsWith("<!doctype html") || start.startsWith("<html") || start.startsWith("<table")) {
    return fileProblem(
      `it is a web page (HTML), not a workbook or a CSV log: open it in Excel and ${SAVE_AS_XLSX}`,
      "unreadable.format.html",
    );
  }
  return null;
}

/** An Apple Numbers document, by its content or its name. */
export const NUMBERS_PROBLEM: FileProblem = fileProblem(
  "it is an Apple Numbers document (.numbers), which is not read: in Numbers choose File › Export To › Excel (.xlsx) and use that file",
  "unreadable.format.numbers",
);

/** Why a zip is not an .xlsx workbook (an OpenDocument spreadsheet, an .xlsb, a Numbers file, another zip), or null. */
export function zipFormatProblem(directory: ZipDirectory): FileProblem | null {
  if (directory.has("xl/workbook.bin")) {
    return fileProblem(
      `it is an Excel Binary Workbook (.xlsb), which is not read: open it in Excel and ${SAVE_AS_XLSX}`,
      "unreadable.format.xlsb",
    );
  }
  if (directory.has("content.xml") && (directory.has("mimetype") || directory.has("META-INF/manifest.xml"))) {
    return fileProblem(
      `it is an OpenDocument spreadsheet (.ods), which is not read: open it in LibreOffice Calc and choose File › Save As › Excel 2007-365 (.xlsx), or ${SAVE_AS_XLSX}`,
      "unreadable.format.ods",
    );
  }
  if (directory.has("Index/Document.iwa") || directory.names().some((name) => /^index\/.*\.iwa$/i.test(name))) {
    return NUMBERS_PROBLEM;
  }
  return null;
}

export const NOT_A_WORKBOOK: FileProblem = fileProblem(
  `it is a zip file but not an Excel workbook (it has no workbook part): ${SAVE_AS_XLSX}`,
  "unreadable.format.zipNotWorkbook",
);
