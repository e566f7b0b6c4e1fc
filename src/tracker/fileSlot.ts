/**
 * The one way the page opens and saves a file, for the tracking form and the
 * coordinator's record alike: the system's pickers where the browser has
 * them (File System Access), else the page's file input and a download.
 */
import type { FileAccess, FileHandle, FileKind } from "./fileAccess";

/** Opens a file through the system's picker where there is one, else through the page's hidden file input (whose change opens it). */
export async function pickToOpen(
  files: FileAccess,
  kind: FileKind,
  input: HTMLInputElement | null,
  open: (file: File, handle: FileHandle | null) => Promise<void>,
): Promise<void> {
  if (!files.canPickToOpen) {
    input?.click();
    return;
  }
  const picked = await files.pickToOpen(kind);
  if (picked !== null) await open(picked.file, picked.handle);
}

/**
 * Where a save writes: the file's own handle (`own`, unless a new place is asked for), a place picked now,
 * or null for a download. "refused" when the browser may not write the file's own; "cancelled" when the
 * picker was closed. The picker is asked for first, while the click still counts as the user's.
 */
export async function saveTarget(
  files: FileAccess,
  kind: FileKind,
  own: FileHandle | null,
  name: string,
): Promise<FileHandle | null | "refused" | "cancelled"> {
  if (own !== null) return (await files.mayWrite(own)) ? own : "refused";
  if (!files.canPickToSave) return null;
  return (await files.pickToSave(kind, name)) ?? "cancelled";
}

/** Writes the bytes where `saveTarget` said (a download for null); returns the name the file is saved under. */
export async function writeFile(
  files: FileAccess,
  kind: FileKind,
  target: FileHandle | null,
  bytes: Uint8Array,
  name: string,
): Promise<string> {
  if (target === null) files.download(bytes, name, kind);
  else await files.write(target, bytes);
  return target?.name ?? name;
}
