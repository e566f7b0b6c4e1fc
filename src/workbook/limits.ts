/**
 * How far the readers go on a file from a stranger (docs/rules.md §7, "bounded on any
 * input"). Every limit is checked before the work it bounds: a file's size
 * before it is read, a zip entry's declared sizes before it is inflated, a
 * row number before anything is kept for it. A real tracking form of
 * 1,048,576 rows (Excel's last row) stays well inside all of them.
 */
import { EXCEL_LAST_ROW } from "../core";
import type { UnreadableWords } from "./errors";

export const LIMITS = {
  /** Excel's last row and column: a cell beyond them is not from a spreadsheet. */
  maxRow: EXCEL_LAST_ROW,
  maxColumn: 16_384,
  /** A workbook file: a 1,048,576-row tracking form is about 40 MB. */
  maxWorkbookBytes: 256 * 1024 * 1024,
  /** A CSV file: a 1,048,576-row log is about 100 MB; V8 cannot hold a string of much more than 512 MiB. */
  maxCsvBytes: 256 * 1024 * 1024,
  /** Entries in a workbook's zip (Excel's own workbooks have a few dozen). */
  maxZipEntries: 10_000,
  /** Declared inflated size of one part the reader reads, and of all of them together. */
  maxPartBytes: 1024 * 1024 * 1024,
  maxTotalBytes: 1536 * 1024 * 1024,
  /**
   * Inflated size over compressed size, for parts larger than `ratioFloorBytes`.
   * Spreadsheet XML compresses 5 to 30 times; a zip bomb hundreds of times.
   */
  maxCompressionRatio: 100,
  ratioFloorBytes: 16 * 1024 * 1024,
  /**
   * Characters between two XML tags (a cell's text, a tag's attributes):
   * Excel's own limit is 32,767 characters a cell, and an escape takes at most 7.
   */
  maxXmlTextRun: 1024 * 1024,
  /** Nesting of XML elements (a worksheet needs 6). */
  maxXmlDepth: 64,
  /** Cells kept from the Submission sheet, counting the blanks between them. */
  maxSubmissionCells: 16 * 1024 * 1024,
  /** Shared strings (one per distinct text in the workbook). */
  maxSharedStrings: 16 * 1024 * 1024,
  /** Fields of one CSV record kept (the log has 7; Excel has 16,384 columns). */
  maxCsvFields: 16_384,
} as const;

/**
 * Bytes read at a time (`verify`, read-log.ts) from a CSV log that is checked as it is read. The rows of a piece are checked
 * before the next is read: pieces of 16 KiB (about 250 rows) rather than 64 KiB leave fewer rows alive at
 * each of V8's young-generation collections, so fewer are copied and promoted, and its young generation
 * stays smaller (verify on a 100,000-row CSV: peak 110 to 90 MiB).
 */
export const CSV_PIECE_BYTES = 16 * 1024;

/** A size in its largest binary unit, to one decimal: 1.5 and "MiB". */
function sizeParts(bytes: number): { amount: number; unit: "GiB" | "MiB" | "KiB" | "bytes" } {
  const amount = (unit: number) => +(bytes / unit).toFixed(1);
  if (bytes >= 1024 * 1024 * 1024) return { amount: amount(1024 * 1024 * 1024), unit: "GiB" };
  if (bytes >= 1024 * 1024) return { amount: amount(1024 * 1024), unit: "MiB" };
  if (bytes >= 1024) return { amount: amount(1024), unit: "KiB" };
  return { amount: bytes, unit: "bytes" };
}

/** "256 MiB", for messages. */
export function sizeText(bytes: number): string {
  const { amount, unit } = sizeParts(bytes);
  return `${amount} ${unit}`;
}

/** `sizeText`'s size as words of the catalogs: the amount and its unit, which each language writes its own way ("1,5 MiB"). */
export function sizeWords(bytes: number): UnreadableWords {
  return { id: "unreadable.size", values: sizeParts(bytes) };
}
