/**
 * The zip container of a workbook. Its central directory is read first
 * (fflate), without inflating anything, and the sizes it declares are
 * checked before any part is inflated. Parts are then found by the central
 * directory's offsets: small ones inflated whole at once (fflate), large
 * ones (a long log's worksheet) as a stream of chunks (zip.js, with the
 * platform's DecompressionStream), so that a part is never held whole unless
 * its reader keeps it. The bytes a streamed part really inflates to are
 * counted as they come: it may not grow past what it declared. (A streaming
 * unzip that scans for signatures instead, like fflate's `Unzip`, misreads
 * entries that end with data descriptors, as streaming writers make them.)
 *
 * A part is one entry: part names match whatever their case and one leading
 * slash (Open Packaging Conventions), and a zip with two entries for one part
 * is refused, since which of them a reader takes decides what it counts.
 * Inflating checks the declared sizes of what it inflates itself, so no
 * entry is inflated unchecked.
 *
 * No Node APIs: bytes in, so it runs in the browser too.
 */
import { type Entry, type FileEntry, Uint8ArrayReader, ZipReader, configure } from "@zip.js/zip.js";
import { Inflate, unzipSync } from "fflate";
import { errorLine } from "../core";
import { UnreadableFileError } from "./errors";
import { LIMITS, sizeText, sizeWords } from "./limits";

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
  private readonly byKey = new Map<string, ZipEntry>();
  private streamed: Promise<Map<string, FileEntry>> | null = null;

  constructor(
    readonly bytes: Uint8Array,
    entries: readonly ZipEntry[],
  ) {
    for (const entry of entries) {
      const key = partKey(entry.name);
      const earlier = this.byKey.get(key);
      if (earlier !== undefined) throw twoCopies(key, earlier.name, entry.name);
      this.byKey.set(key, entry);
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

  /** The zip.js entries, read once, for the parts that are streamed. */
  streamingEntries(): Promise<Map<string, FileEntry>> {
    this.streamed ??= (async () => {
      const files = new Map<string, FileEntry>();
      const reader = new ZipReader(new Uint8ArrayReader(this.bytes));
      for await (const entry of reader.getEntriesGenerator() as AsyncGenerator<Entry, boolean>) {
        if (files.size > LIMITS.maxZipEntries) break;
        if (entry.directory) continue;
        const key = partKey(entry.filename);
        const earlier = files.get(key);
        if (earlier !== undefined) throw twoCopies(key, earlier.filename, entry.filename);
        files.set(key, entry);
      }
      return files;
    })();
    return this.streamed;
  }
}

/** The lookup key of a part name: no leading slash, forward slashes, lower case. */
export function partKey(name: string): string {
  return name.replace(/\\/g, "/").replace(/^\/+/, "").toLowerCase();
}

function twoCopies(key: string, first: string, second: string): UnreadableFileError {
  const names = first === second ? `both named ${JSON.stringify(first)}` : `${JSON.stringify(first)} and ${JSON.stringify(second)}`;
  return new UnreadableFileError(
    `the workbook holds two copies of its part ${key} (${names}), which no spreadsheet writes and which readers take differently: it is not read`,
    "unreadable.zip.twoCopies",
    { part: key, same: first === second ? "yes" : "no", first: JSON.stringify(first), second: JSON.stringify(second) },
  );
}

function damaged(error: unknown): UnreadableFileError {
  if (error instanceof UnreadableFileError) return error;
  const detail = errorLine(error);
  return new UnreadableFileError(
    `its zip container is damaged (${detail}): open it in Excel and save it again as .xlsx`,
    "unreadable.zip.damaged",
    {
      detail,
    },
  );
}

/** The refusal of a part that inflates to more than it declared. */
function inflatesPast(part: string, declared: number): UnreadableFileError {
  return new UnreadableFileError(
    `its part ${part} inflates to more than the ${sizeText(declared)} it declares: the file is damaged or built to exhaust memory; it is not read`,
    "unreadable.zip.inflatesPast",
    { part, size: sizeWords(declared) },
  );
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
            "unreadable.zip.tooManyEntries",
            { count: LIMITS.maxZipEntries },
          );
        }
        if (!file.name.endsWith("/"))
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
        "unreadable.zip.compression",
        { part: entry.name, method: String(entry.compression) },
      );
    }
    if (entry.originalSize > LIMITS.maxPartBytes) {
      throw new UnreadableFileError(
        `its part ${entry.name} declares ${sizeText(entry.originalSize)} of data, more than the ${sizeText(LIMITS.maxPartBytes)} a tracking form of ${LIMITS.maxRow.toLocaleString("en")} rows needs: it is not read`,
        "unreadable.zip.partTooLarge",
        { part: entry.name, size: sizeWords(entry.originalSize), limit: sizeWords(LIMITS.maxPartBytes), rows: LIMITS.maxRow },
      );
    }
    if (entry.originalSize > LIMITS.ratioFloorBytes && entry.originalSize > entry.size * LIMITS.maxCompressionRatio) {
      const ratio = Math.round(entry.originalSize / Math.max(entry.size, 1));
      throw new UnreadableFileError(
        `its part ${entry.name} inflates ${ratio} times (${sizeText(entry.size)} to ${sizeText(entry.originalSize)}), as a zip bomb does: it is not read`,
        "unreadable.zip.bomb",
        { part: entry.name, ratio, compressed: sizeWords(entry.size), inflated: sizeWords(entry.originalSize) },
      );
    }
    total += entry.originalSize;
  }
  if (total > LIMITS.maxTotalBytes) {
    throw new UnreadableFileError(
      `its parts declare ${sizeText(total)} of data together, more than the ${sizeText(LIMITS.maxTotalBytes)} a tracking form needs: it is not read`,
      "unreadable.zip.totalTooLarge",
      { size: sizeWords(total), limit: sizeWords(LIMITS.maxTotalBytes) },
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

/** Parts up to this size are inflated whole at once: streaming costs more than it saves on them. */
const WHOLE_PART_BYTES = 4 * 1024 * 1024;

/**
 * Inflates the named parts, each into its sink: small parts whole, large
 * ones as a stream, once their declared sizes pass `checkDeclaredSizes`. A
 * part that inflates past its declared size is refused.
 */
export async function streamParts(directory: ZipDirectory, sinks: ReadonlyMap<string, PartSink>): Promise<void> {
  checkDeclaredSizes(directory, [...sinks.keys()]);
  const small = new Map<string, PartSink>();
  const large = new Map<string, PartSink>();
  for (const [name, sink] of sinks) {
    const entry = directory.get(name);
    if (entry !== undefined) (entry.originalSize <= WHOLE_PART_BYTES ? small : large).set(partKey(name), sink);
  }
  if (small.size > 0) inflateWhole(directory, small);
  for (const [key, sink] of large) await inflateStreaming(directory, key, sink);
}

function inflateWhole(directory: ZipDirectory, sinks: ReadonlyMap<string, PartSink>): void {
  let parts: Record<string, Uint8Array>;
  try {
    // Inflated into buffers of the declared sizes: a part cannot grow past what it declared.
    parts = unzipSync(directory.bytes, { filter: (file) => sinks.has(partKey(file.name)) && isChecked(directory, file) });
  } catch (error) {
    throw damaged(error);
  }
  for (const [name, bytes] of Object.entries(parts)) {
    const sink = sinks.get(partKey(name));
    if (sink === undefined) continue;
    sink.write(bytes);
    if (sink.done !== true) sink.end();
  }
}

/** Whether an entry fflate is about to inflate is the one whose declared sizes were checked. */
function isChecked(directory: ZipDirectory, file: { name: string; size: number; originalSize: number }): boolean {
  const entry = directory.get(file.name);
  return entry !== undefined && entry.name === file.name && entry.size === file.size && entry.originalSize === file.originalSize;
}

async function inflateStreaming(directory: ZipDirectory, key: string, sink: PartSink): Promise<void> {
  let file: FileEntry | undefined;
  try {
    file = (await directory.streamingEntries()).get(key);
  } catch (error) {
    throw damaged(error);
  }
  const entry = directory.get(key);
  if (file === undefined || entry === undefined) return;
  const name = file.filename;
  // zip.js reads the central directory on its own: it must describe the entry whose sizes were checked.
  if (name !== entry.name || file.uncompressedSize !== entry.originalSize || file.compressedSize !== entry.size) {
    throw damaged(new Error(`its entry ${name} is described two ways`));
  }
  const limit = entry.originalSize;
  let inflated = 0;
  const target = new WritableStream<Uint8Array>({
    write(chunk) {
      inflated += chunk.length;
      if (inflated > limit) throw inflatesPast(name, limit);
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
    if (error instanceof EnoughRead) return;
    throw damaged(error);
  }
}

/** Compressed bytes inflated at a time by `partPieces`. */
const PIECE_BYTES = 64 * 1024;

/**
 * A part's inflated bytes a piece at a time, without waiting on anything, as often as asked (each time from
 * its start): for a reader that checks a long sheet's rows as they come, in a loop that cannot wait. The
 * declared sizes are checked first, the entry must be the one zip.js and fflate both describe, and it may not
 * inflate past what it declared, as in `streamParts`.
 */
export async function partPieces(directory: ZipDirectory, name: string): Promise<() => Generator<Uint8Array>> {
  checkDeclaredSizes(directory, [name]);
  const entry = directory.get(name);
  let file: FileEntry | undefined;
  try {
    file = (await directory.streamingEntries()).get(partKey(name));
  } catch (error) {
    throw damaged(error);
  }
  if (entry === undefined || file === undefined) throw damaged(new Error(`its part ${name} is missing`));
  if (
    file.filename !== entry.name ||
    file.uncompressedSize !== entry.originalSize ||
    file.compressedSize !== entry.size ||
    file.encrypted
  ) {
    throw damaged(new Error(`its entry ${entry.name} is described two ways`));
  }
  const bytes = directory.bytes;
  const header = file.offset;
  // The local file header (PKWARE's APPNOTE 4.3.7): its signature, then the name's and extra field's lengths at 26 and 28.
  const at = (offset: number): number => bytes[header + offset] ?? 0;
  if (at(0) !== 0x50 || at(1) !== 0x4b || at(2) !== 3 || at(3) !== 4)
    throw damaged(new Error(`its entry ${entry.name} has no local header`));
  const start = header + 30 + (at(26) | (at(27) << 8)) + (at(28) | (at(29) << 8));
  const end = start + entry.size;
  if (end > bytes.length) throw damaged(new Error(`its entry ${entry.name} ends past the file`));
  const limit = entry.originalSize;
  const tooLarge = () => inflatesPast(entry.name, limit);
  return function* pieces(): Generator<Uint8Array> {
    let inflated = 0;
    const out: Uint8Array[] = [];
    const inflater = entry.compression === 0 ? null : new Inflate((chunk) => out.push(chunk));
    for (let offset = start; offset < end; offset += PIECE_BYTES) {
      const piece = bytes.subarray(offset, Math.min(end, offset + PIECE_BYTES));
      if (inflater === null) out.push(piece);
      else {
        try {
          inflater.push(piece, offset + PIECE_BYTES >= end);
        } catch (error) {
          throw damaged(error);
        }
      }
      for (const chunk of out) {
        inflated += chunk.length;
        if (inflated > limit) throw tooLarge();
        yield chunk;
      }
      out.length = 0;
    }
  };
}
