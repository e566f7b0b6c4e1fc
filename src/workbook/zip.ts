/**
 * The zip container of a workbook, through fflate: its central directory
 * read without inflating anything, then the parts the reader needs inflated
 * as a stream, a chunk at a time, so that no part is ever held whole unless
 * its reader keeps it. The sizes the central directory declares are checked
 * before any inflating, and the bytes each part really inflates to are
 * counted as they come: a part may not grow past what it declared.
 *
 * No Node APIs: bytes in, so it runs in the browser too.
 */
import { Unzip, UnzipInflate, unzipSync } from "fflate";
import { UnreadableFileError } from "./errors";
import { LIMITS, sizeText } from "./limits";

export interface ZipEntry {
  /** The name as stored. */
  readonly name: string;
  /** Compressed and inflated sizes as the central directory declares them. */
  readonly size: number;
  readonly originalSize: number;
  readonly compression: number;
}

/** A zip's entries by normalized name (part names are case-insensitive: OPC). */
export class ZipDirectory {
  private readonly byKey = new Map<string, ZipEntry>();

  constructor(
    readonly bytes: Uint8Array,
    entries: readonly ZipEntry[],
  ) {
    for (const entry of entries) {
      const key = partKey(entry.name);
      if (!this.byKey.has(key)) this.byKey.set(key, entry);
    }
  }

  get(name: string): ZipEntry | undefined {
    return this.byKey.get(partKey(name));
  }

  has(name: string): boolean {
    return this.byKey.has(partKey(name));
  }

  names(): string[] {
    return [...this.byKey.values()].map((entry) => entry.name);
  }
}

/** The lookup key of a part name: no leading slash, forward slashes, lower case. */
export function partKey(name: string): string {
  return name.replace(/\\/g, "/").replace(/^\/+/, "").toLowerCase();
}

const ZIP_MAGIC = [0x50, 0x4b, 0x03, 0x04];
const EMPTY_ZIP_MAGIC = [0x50, 0x4b, 0x05, 0x06];

export function looksLikeZip(bytes: Uint8Array): boolean {
  return [ZIP_MAGIC, EMPTY_ZIP_MAGIC].some((magic) => magic.every((byte, index) => bytes[index] === byte));
}

function damaged(error: unknown): UnreadableFileError {
  if (error instanceof UnreadableFileError) return error;
  const detail = error instanceof Error ? error.message : String(error);
  return new UnreadableFileError(`its zip container is damaged (${detail}): open it in Excel and save it again as .xlsx`);
}

/** Reads the central directory only: names and declared sizes, nothing inflated. */
export function readZipDirectory(bytes: Uint8Array): ZipDirectory {
  const entries: ZipEntry[] = [];
  try {
    unzipSync(bytes, {
      filter: (file) => {
        if (entries.length >= LIMITS.maxZipEntries) {
          throw new UnreadableFileError(
            `its zip holds more than ${LIMITS.maxZipEntries.toLocaleString("en")} entries, which no spreadsheet writes: it is not read`,
          );
        }
        entries.push({ name: file.name, size: file.size, originalSize: file.originalSize, compression: file.compression });
        return false;
      },
    });
  } catch (error) {
    throw damaged(error);
  }
  return new ZipDirectory(bytes, entries);
}

/** Refuses, before inflating, parts whose declared sizes no spreadsheet needs. */
export function checkDeclaredSizes(directory: ZipDirectory, names: readonly string[]): void {
  let total = 0;
  for (const name of names) {
    const entry = directory.get(name);
    if (entry === undefined) continue;
    if (entry.compression !== 0 && entry.compression !== 8) {
      throw new UnreadableFileError(
        `its part ${entry.name} is compressed with method ${entry.compression}, which spreadsheets do not use: open it in Excel and save it again as .xlsx`,
      );
    }
    if (entry.originalSize > LIMITS.maxPartBytes) {
      throw new UnreadableFileError(
        `its part ${entry.name} declares ${sizeText(entry.originalSize)} of data, more than the ${sizeText(LIMITS.maxPartBytes)} a tracking form of ${LIMITS.maxRow.toLocaleString("en")} rows needs: it is not read`,
      );
    }
    if (entry.originalSize > LIMITS.ratioFloorBytes && entry.originalSize > entry.size * LIMITS.maxCompressionRatio) {
      throw new UnreadableFileError(
        `its part ${entry.name} inflates ${Math.round(entry.originalSize / Math.max(entry.size, 1))} times (${sizeText(entry.size)} to ${sizeText(entry.originalSize)}), as a zip bomb does: it is not read`,
      );
    }
    total += entry.originalSize;
  }
  if (total > LIMITS.maxTotalBytes) {
    throw new UnreadableFileError(
      `its parts declare ${sizeText(total)} of data together, more than the ${sizeText(LIMITS.maxTotalBytes)} a tracking form needs: it is not read`,
    );
  }
}

/** Receives one part's inflated bytes in order. */
export interface PartSink {
  write(chunk: Uint8Array): void;
  end(): void;
}

/** Compressed bytes handed to the inflater at a time: what one step can inflate stays small even for a bomb. */
const PUSH_BYTES = 16 * 1024;

/**
 * Inflates the named parts in one pass over the zip, each into its sink as
 * a stream. A part that inflates past its declared size, or one that is in
 * the central directory but not in the zip's body, is refused.
 */
export function streamParts(directory: ZipDirectory, sinks: ReadonlyMap<string, PartSink>): void {
  const wanted = new Map<string, { sink: PartSink; limit: number; name: string; done: boolean }>();
  for (const [name, sink] of sinks) {
    const entry = directory.get(name);
    if (entry === undefined) continue;
    wanted.set(partKey(name), { sink, limit: entry.originalSize, name: entry.name, done: false });
  }
  if (wanted.size === 0) return;
  try {
    const unzip = new Unzip((file) => {
      const target = wanted.get(partKey(file.name));
      if (target === undefined || target.done) return;
      let inflated = 0;
      file.ondata = (error, chunk, final) => {
        if (error) throw error;
        inflated += chunk.length;
        if (inflated > target.limit) {
          throw new UnreadableFileError(
            `its part ${target.name} inflates to more than the ${sizeText(target.limit)} it declares: the file is damaged or built to exhaust memory; it is not read`,
          );
        }
        if (chunk.length > 0) target.sink.write(chunk);
        if (final && !target.done) {
          target.done = true;
          target.sink.end();
        }
      };
      file.start();
    });
    unzip.register(UnzipInflate);
    const bytes = directory.bytes;
    for (let offset = 0; offset < bytes.length; offset += PUSH_BYTES) {
      const end = Math.min(offset + PUSH_BYTES, bytes.length);
      unzip.push(bytes.subarray(offset, end), end === bytes.length);
    }
  } catch (error) {
    throw damaged(error);
  }
  for (const target of wanted.values()) {
    if (!target.done)
      throw new UnreadableFileError(`its part ${target.name} is listed but missing: open it in Excel and save it again as .xlsx`);
  }
}
