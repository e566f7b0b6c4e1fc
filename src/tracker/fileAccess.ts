/**
 * Files on the user's computer, as the browser allows: the File System
 * Access API where it exists (Chromium browsers on a computer: open a file
 * and save back to it, or choose where to save), else a file input to open
 * and a download to save. Nothing here sends anything anywhere.
 */
import { XLSX_TYPE, downloadBytes } from "../taskpane/download";

/** The part of a FileSystemFileHandle the tracker uses. */
export interface FileHandle {
  readonly name: string;
  getFile(): Promise<File>;
  createWritable(): Promise<{ write(data: Uint8Array | Blob | string): Promise<void>; close(): Promise<void> }>;
  queryPermission?(descriptor: { mode: "read" | "readwrite" }): Promise<PermissionState>;
  requestPermission?(descriptor: { mode: "read" | "readwrite" }): Promise<PermissionState>;
}

export type FileKind = "form" | "record";

export interface FileAccess {
  /** Whether Open can ask with the system's picker, which gives a file Save can write back to. */
  readonly canPickToOpen: boolean;
  /** Whether Save can ask where to save (else it downloads). */
  readonly canPickToSave: boolean;
  /** The system's open picker; null when the user cancelled. */
  pickToOpen(kind: FileKind): Promise<{ file: File; handle: FileHandle } | null>;
  /** The system's save picker; null when the user cancelled. */
  pickToSave(kind: FileKind, suggestedName: string): Promise<FileHandle | null>;
  /** Asks once for permission to write to a file that was opened (the browser asks the user). */
  mayWrite(handle: FileHandle): Promise<boolean>;
  write(handle: FileHandle, bytes: Uint8Array): Promise<void>;
  /** Offers the bytes as a download named `name`. */
  download(bytes: Uint8Array, name: string, kind: FileKind): void;
}

const PICKER_TYPES: Readonly<Record<FileKind, { description: string; accept: Record<string, string[]> }[]>> = {
  form: [{ description: "Tracking form (.xlsx) or CSV log", accept: { [XLSX_TYPE]: [".xlsx", ".xlsm"], "text/csv": [".csv", ".tsv"] } }],
  record: [{ description: "Verification record (.csv)", accept: { "text/csv": [".csv"] } }],
};
const SAVE_TYPES: Readonly<Record<FileKind, { description: string; accept: Record<string, string[]> }[]>> = {
  form: [{ description: "Excel workbook (.xlsx)", accept: { [XLSX_TYPE]: [".xlsx"] } }],
  record: PICKER_TYPES.record,
};
const MIME: Readonly<Record<FileKind, string>> = { form: XLSX_TYPE, record: "text/csv;charset=utf-8" };

interface PickerWindow {
  showOpenFilePicker?: (options: object) => Promise<FileHandle[]>;
  showSaveFilePicker?: (options: object) => Promise<FileHandle>;
}

const isAbort = (error: unknown): boolean => error instanceof DOMException && error.name === "AbortError";

/** The browser's own file access. */
export function browserFileAccess(target: Window = window): FileAccess {
  const pickers = target as unknown as PickerWindow;
  return {
    canPickToOpen: typeof pickers.showOpenFilePicker === "function",
    canPickToSave: typeof pickers.showSaveFilePicker === "function",
    async pickToOpen(kind) {
      try {
        const [handle] = await (pickers.showOpenFilePicker as NonNullable<PickerWindow["showOpenFilePicker"]>)({
          id: `cst-${kind}`,
          types: PICKER_TYPES[kind],
          multiple: false,
        });
        return handle === undefined ? null : { file: await handle.getFile(), handle };
      } catch (error) {
        if (isAbort(error)) return null;
        throw error;
      }
    },
    async pickToSave(kind, suggestedName) {
      try {
        return await (pickers.showSaveFilePicker as NonNullable<PickerWindow["showSaveFilePicker"]>)({
          id: `cst-${kind}`,
          suggestedName,
          types: SAVE_TYPES[kind],
        });
      } catch (error) {
        if (isAbort(error)) return null;
        throw error;
      }
    },
    async mayWrite(handle) {
      if (handle.requestPermission === undefined) return true;
      const mode = { mode: "readwrite" } as const;
      if ((await handle.queryPermission?.(mode)) === "granted") return true;
      return (await handle.requestPermission(mode)) === "granted";
    },
    async write(handle, bytes) {
      const writable = await handle.createWritable();
      await writable.write(bytes);
      await writable.close();
    },
    download(bytes, name, kind) {
      downloadBytes(bytes, name, MIME[kind]);
    },
  };
}
