/**
 * Windows-1252, as the WHATWG Encoding Standard defines it (its index
 * table): what Excel's "CSV (Comma delimited)" writes in Western locales.
 * Bytes 0x80–0x9F are where it differs from Latin-1 (0x80 is €, 0x93 and
 * 0x94 are “ and ”); Node's own TextDecoder("windows-1252") reads them as
 * Latin-1's control characters, so the table is here. The five bytes the
 * code page leaves unassigned (0x81, 0x8D, 0x8F, 0x90, 0x9D) map to the
 * control characters of the same number, as the standard says.
 *
 * No Node APIs: it runs in the browser too.
 */
const HIGH_CONTROLS = [
  0x20ac, 0x0081, 0x201a, 0x0192, 0x201e, 0x2026, 0x2020, 0x2021, 0x02c6, 0x2030, 0x0160, 0x2039, 0x0152, 0x008d, 0x017d, 0x008f, 0x0090,
  0x2018, 0x2019, 0x201c, 0x201d, 0x2022, 0x2013, 0x2014, 0x02dc, 0x2122, 0x0161, 0x203a, 0x0153, 0x009d, 0x017e, 0x0178,
];

/** The code point of every byte. */
export const WINDOWS_1252: readonly number[] = Array.from({ length: 256 }, (_, byte) =>
  byte >= 0x80 && byte <= 0x9f ? (HIGH_CONTROLS[byte - 0x80] as number) : byte,
);

const C1 = /[\u0080-\u009f]/g;

/**
 * Decodes Windows-1252 bytes: the platform's decoder for the bytes that
 * Latin-1 and Windows-1252 share, and the table for 0x80–0x9F (a browser's
 * decoder already maps those; Node 20's gives them as C1 controls).
 */
export function decodeWindows1252(bytes: Uint8Array): string {
  return new TextDecoder("windows-1252")
    .decode(bytes)
    .replace(C1, (character) => String.fromCharCode(WINDOWS_1252[character.charCodeAt(0)] as number));
}
