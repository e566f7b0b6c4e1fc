/**
 * The Coordinator tab's record file in the web tracker: open an earlier
 * record into the CST Verification sheet, save the sheet as the record's CSV.
 */
import { type RefObject, useState } from "react";
import { type RecordRow, errorText, newRecordRows } from "../core";
import type { MemoryWorkbook } from "../excel/memoryWorkbook";
import { useT } from "../taskpane/i18n";
import type { Message } from "../taskpane/StatusMessage";
import { fileBytes } from "../taskpane/verifyWorkbook";
import { openFailureText } from "./document";
import type { FileAccess, FileHandle } from "./fileAccess";
import { pickToOpen, saveTarget, writeFile } from "./fileSlot";
import { RECORD_FILE_NAME, loadRecord, readRecordCsv, recordCsv, recordRowsOf } from "./record";

/** What the coordinator's record file is: where Save the record writes, and what it held when opened or saved. */
interface RecordFile {
  readonly handle: FileHandle | null;
  readonly name: string;
  readonly savedKey: string;
}

export function useRecordFile(files: FileAccess, workbook: MemoryWorkbook, recordInput: RefObject<HTMLInputElement | null>) {
  const t = useT();
  const [record, setRecord] = useState<RecordFile>({ handle: null, name: RECORD_FILE_NAME, savedKey: "[]" });
  const [recordMessage, setRecordMessage] = useState<Message | null>(null);

  const saveRecord = async () => {
    setRecordMessage(null);
    try {
      const handle = await saveTarget(files, "record", record.handle, record.name);
      if (handle === "cancelled") return;
      if (handle === "refused") {
        setRecordMessage({ intent: "warning", text: t("tracker.recordWriteRefused", { file: record.name }) });
        return;
      }
      const rows = recordRowsOf(await workbook.readVerification());
      const name = await writeFile(files, "record", handle, new TextEncoder().encode(recordCsv(rows)), record.name);
      setRecord({ handle, name, savedKey: JSON.stringify(rows) });
      setRecordMessage({
        intent: "success",
        text: t("tracker.recordSaved", {
          downloaded: handle === null ? "yes" : "no",
          submissions: t("words.submissions", { count: rows.length }),
          file: name,
        }),
      });
    } catch (error) {
      setRecordMessage({ intent: "error", text: t("tracker.recordNotSaved", { detail: errorText(error) }) });
    }
  };

  const openRecord = async (file: File, handle: FileHandle | null) => {
    setRecordMessage(null);
    try {
      const rows = readRecordCsv(await fileBytes(file));
      // Rows recorded here and not yet saved stay, below the file's.
      const recorded = recordRowsOf(await workbook.readVerification());
      const kept: RecordRow[] = [...rows, ...newRecordRows(rows, recorded)];
      await loadRecord(workbook, kept);
      // What the file holds, as the sheet holds it: rows kept from before make the record unsaved.
      const inSheet = recordRowsOf(await workbook.readVerification());
      setRecord({ handle, name: file.name, savedKey: JSON.stringify(inSheet.slice(0, rows.length)) });
      setRecordMessage({
        intent: "success",
        text: t("tracker.recordOpened", {
          file: file.name,
          submissions: t("words.submissions", { count: rows.length }),
          download: handle === null ? "yes" : "no",
        }),
      });
    } catch (error) {
      setRecordMessage({ intent: "error", text: openFailureText(file.name, error, t) });
    }
  };

  const pickRecord = async () => {
    try {
      await pickToOpen(files, "record", recordInput.current, openRecord);
    } catch (error) {
      setRecordMessage({ intent: "error", text: t("tracker.recordPickFailed", { detail: errorText(error) }) });
    }
  };

  return { record, recordMessage, saveRecord, openRecord, pickRecord };
}
