/**
 * Where a built submission goes (docs/rules.md §6), apart from the export itself: the pages
 * hand it to the pane at start, and it needs nothing of the core.
 */
import { canCreateWorkbook, createWorkbook, fitsCreateWorkbook } from "../excel/host";
import { XLSX_TYPE, downloadBytes } from "./download";

/** Where a built submission goes: a new Excel workbook, or a download (with why, where Excel could not take it). */
export type SubmissionOpener = (bytes: Uint8Array, fileName: string) => Promise<"opened" | "downloaded" | "downloadedTooLarge">;

/**
 * Opens the bytes as a new workbook where Excel can (ExcelApi 1.8) and they
 * fit one request, else downloads them; a refusal for size downloads too.
 */
export const openInExcelOrDownload: SubmissionOpener = async (bytes, fileName) => {
  if (canCreateWorkbook()) {
    if (!fitsCreateWorkbook(bytes)) {
      downloadBytes(bytes, fileName, XLSX_TYPE);
      return "downloadedTooLarge";
    }
    try {
      await createWorkbook(bytes);
      return "opened";
    } catch (error) {
      if (!/PayloadSizeLimitExceeded/.test(String((error as { code?: unknown })?.code))) throw error;
      downloadBytes(bytes, fileName, XLSX_TYPE);
      return "downloadedTooLarge";
    }
  }
  downloadBytes(bytes, fileName, XLSX_TYPE);
  return "downloaded";
};
