/**
 * The zip container of a workbook, through zip.js: its central directory
 * read without inflating anything, then each part the reader needs inflated
 * as a stream, a chunk at a time, so that no part is ever held whole unless
 * its reader keeps it. Parts are found by the central directory's offsets
 * (a streaming unzip that scans for signatures misreads zips whose entries
 * end with data descriptors, as streaming writers make them). The sizes the
 * central directory declares are checked before any inflating, and the
 * bytes each part really inflates to are counted as they come: a part may
 * not grow past what it declared.
 *
 * No Node APIs: bytes in, web streams out, so it runs in the browser too.
 */
import { type Entry, type FileEntry, Uint8ArrayReader, ZipReader, configure } from "@zip.js/zip.js";
import { UnreadableFileError } from "./errors";
import { LIMITS, sizeText } from "./limits";

// Inflate in this thread, with the platform's DecompressionStream: no worker scripts to serve.
configure({ useWebWorkers: false });

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
  private readonly byKey = new Map<string, { entry: ZipEntry; file: FileEntry }>();

  constructor(files: readonly FileEntry[]) {
    for (const file of files) {
      const key = partKey(file.filename);
      const entry = {
        name: file.filename,
        size: file.compressedSize,
        originalSize: file.uncompressedSize,
        compression: file.compressionMethod,
      };
      if (!this.byKey.has(key)) this.byKey.set(key, { entry, file });
    }
  }

  get(name: string): ZipEntry | undefined {
    return this.byKey.get(partKey(name))?.entry;
  }

  file(name: string): FileEntry | undefined {
    return this.byKey.get(partKey(name))?.file;
  }

  has(name: string): boolean {
    return this.byKey.has(partKey(name));
  }

  names(): string[] {
    return [...this.byKey.values()].map(({ entry }) => entry.name);
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
  const detail = error instanceof Error ? error.message.split("\n")[0] : String(error);
  return new UnreadableFileError(`its zip container is damaged (${detail}): open it in Excel and save it again as .xlsx`);
}

/** Reads the central directory only: names and declared sizes, nothing inflated. */
export async function readZipDirectory(bytes: Uint8Array): Promise<ZipDirectory> {
  const files: FileEntry[] = [];
  let count = 0;
  try {
    const reader = new ZipReader(new Uint8ArrayReader(bytes));
    for await (const entry of reader.getEntriesGenerator() as AsyncGenerator<Entry, boolean>) {
      if (++count > LIMITS.maxZipEntries) {
        throw new UnreadableFileError(
          `its zip holds more than ${LIMITS.maxZipEntries.toLocaleString("en")} entries, which no spreadsheet writes: it is not read`,
        );
      }
      if (!entry.directory) files.push(entry);
    }
  } catch (error) {
    throw damaged(error);
  }
  return new ZipDirectory(files);
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
  /** True once the sink wants nothing more: the rest of the part is not inflated. */
  readonly done?: boolean;
}

/** Ends a part's inflating early, once its sink has all it needs. */
class EnoughRead extends Error {}

/**
 * Inflates the named parts, each into its sink as a stream. A part that
 * inflates past its declared size is refused.
 */
export async function streamParts(directory: ZipDirectory, sinks: ReadonlyMap<string, PartSink>): Promise<void> {
  for (const [name, sink] of sinks) {
    const file = directory.file(name);
    if (file === undefined) continue;
    const limit = file.uncompressedSize;
    let inflated = 0;
    const target = new WritableStream<Uint8Array>({
      write(chunk) {
        inflated += chunk.length;
        if (inflated > limit) {
          throw new UnreadableFileError(
            `its part ${file.filename} inflates to more than the ${sizeText(limit)} it declares: the file is damaged or built to exhaust memory; it is not read`,
          );
        }
        sink.write(chunk);
        if (sink.done === true) throw new EnoughRead();
      },
      close() {
        sink.end();
      },
    });
    try {
      await file.getData(target);
    } catch (error) {
      if (error instanceof EnoughRead) continue;
      throw damaged(error);
    }
  }
}
