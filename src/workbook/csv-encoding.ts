/**
 * A CSV file's bytes as text (docs/rules.md §7): UTF-8 with or without a byte order mark, UTF-16 as Excel's
 * "Unicode Text" writes it, or Windows-1252 as Excel's "CSV" writes it in Western Europe, told apart from
 * the bytes and decoded a piece at a time.
 */
import { UnreadableFileError } from "./errors";

import { decodeWindows1252 } from "./windows-1252";

/** Whether the bytes are UTF-16 without a byte order mark: ASCII text with every other byte zero. */
function utf16WithoutMark(bytes: Uint8Array): "utf-16le" | "utf-16be" | null {
  if (bytes.length < 4) return null;
  if (bytes[0] !== 0 && bytes[1] === 0 && bytes[2] !== 0 && bytes[3] === 0) return "utf-16le";
  if (bytes[0] === 0 && bytes[1] !== 0 && bytes[2] === 0 && bytes[3] !== 0) return "utf-16be";
  return null;
}

/** How a CSV file's bytes are text: its encoding, and how many bytes of byte order mark to skip. */
export interface CsvEncoding {
  readonly encoding: "utf-8" | "utf-16le" | "utf-16be" | "windows-1252";
  readonly skip: number;
}

/**
 * A CSV file's encoding (docs/rules.md §5), from its first bytes and whether all its
 * bytes are UTF-8: UTF-16 with its byte order mark (or plainly UTF-16 by its
 * zero bytes); else UTF-8 (with or without a byte order mark) when the bytes
 * are UTF-8; else Windows-1252, which is what spreadsheets on Windows save
 * "CSV" in.
 */
export function csvEncodingOf(head: Uint8Array, allUtf8: () => boolean): CsvEncoding {
  if (head[0] === 0xff && head[1] === 0xfe) return { encoding: "utf-16le", skip: 2 };
  if (head[0] === 0xfe && head[1] === 0xff) return { encoding: "utf-16be", skip: 2 };
  const utf16 = utf16WithoutMark(head);
  if (utf16 !== null) return { encoding: utf16, skip: 0 };
  return { encoding: allUtf8() ? "utf-8" : "windows-1252", skip: 0 };
}

/**
 * How many of the bytes end on a whole UTF-8 character: all of them, or all but the first bytes of a character
 * that the next piece completes.
 */
function wholeUtf8Length(bytes: Uint8Array): number {
  const length = bytes.length;
  // A character is at most four bytes: its first byte is within the last four.
  for (let index = length - 1; index >= 0 && index >= length - 4; index--) {
    const byte = bytes[index] as number;
    if ((byte & 0xc0) === 0x80) continue;
    const size = byte >= 0xf0 ? 4 : byte >= 0xe0 ? 3 : byte >= 0xc0 ? 2 : 1;
    return index + size > length ? index : length;
  }
  return length;
}

/** How many of the UTF-16 bytes end on a whole character: an even number, without a high surrogate at the end. */
function wholeUtf16Length(bytes: Uint8Array, encoding: "utf-16le" | "utf-16be"): number {
  const even = bytes.length & ~1;
  if (even < 2) return even;
  const high = encoding === "utf-16le" ? (bytes[even - 1] as number) : (bytes[even - 2] as number);
  return high >= 0xd8 && high <= 0xdb ? even - 2 : even;
}

/**
 * Decodes a file's bytes piece by piece in its encoding: each piece is cut
 * after its last whole character and decoded whole, the rest carried to the
 * next (Node's decoder takes its fast path only for a whole text, never in
 * its streaming mode). Windows-1252 gives one character per byte and needs
 * no carrying. A byte order mark is kept as a character: only the file's
 * first character may be one, and the log's reader skips it there.
 */
export class CsvTextDecoder {
  private readonly decoder: TextDecoder | null;
  /** The first bytes of a character that the next piece completes. */
  private carried: Uint8Array | null = null;

  constructor(private readonly encoding: CsvEncoding["encoding"]) {
    this.decoder = encoding === "windows-1252" ? null : new TextDecoder(encoding, { fatal: encoding === "utf-8", ignoreBOM: true });
  }

  /** How many bytes wait for the next piece. */
  get carriedLength(): number {
    return this.carried?.length ?? 0;
  }

  /** How many bytes of the file the text was decoded from (for text this decoder gave). */
  byteLength(text: string): number {
    if (this.encoding === "windows-1252") return text.length;
    if (this.encoding === "utf-8") return new TextEncoder().encode(text).length;
    return 2 * text.length;
  }

  /**
   * The bytes of the next piece that end on a whole character, after those carried from the last piece; the
   * first bytes of a character cut at its end are carried to the next (`final`: the last piece, nothing is
   * carried). Valid until the next call. Windows-1252 bytes are all whole.
   */
  wholeCharacters(bytes: Uint8Array, final: boolean): Uint8Array {
    if (this.encoding === "windows-1252") return bytes;
    let input = bytes;
    if (this.carried !== null) {
      input = new Uint8Array(this.carried.length + bytes.length);
      input.set(this.carried);
      input.set(bytes, this.carried.length);
      this.carried = null;
    }
    const encoding = this.encoding;
    const whole = final ? input.length : encoding === "utf-8" ? wholeUtf8Length(input) : wholeUtf16Length(input, encoding);
    if (whole < input.length) this.carried = input.slice(whole);
    return input.subarray(0, whole);
  }

  /** The text of the next piece of bytes; `final`: the last piece. */
  decode(bytes: Uint8Array, final: boolean): string {
    if (this.decoder === null) return decodeWindows1252(bytes);
    const whole = this.wholeCharacters(bytes, final);
    try {
      return this.decoder.decode(whole);
    } catch {
      // The bytes were found to be UTF-8 before they were read as text: they changed while the file was read.
      throw new UnreadableFileError("the file changed while it was being read: verify it again", "unreadable.changedWhileRead");
    }
  }
}

/** Decodes a whole CSV file's bytes as `csvEncodingOf` says (UTF-8 decoded once: finding that it is UTF-8 decodes it). */
export function decodeCsvBytes(bytes: Uint8Array): string {
  let utf8: string | null = null;
  const { encoding, skip } = csvEncodingOf(bytes.subarray(0, 4), () => {
    try {
      utf8 = new TextDecoder("utf-8", { fatal: true }).decode(bytes);
      return true;
    } catch {
      return false;
    }
  });
  return encoding === "utf-8" && utf8 !== null ? utf8 : new CsvTextDecoder(encoding).decode(bytes.subarray(skip), true);
}
