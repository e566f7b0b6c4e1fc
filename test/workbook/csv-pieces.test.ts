/**
 * A CSV log read piece by piece (`CsvLogReader`, as `verify` reads a file a
 * chunk at a time) gives exactly what the whole text gives (`parseCsvLog`):
 * the same rows, numbers and cells, and the same refusal, wherever the
 * pieces are cut: inside a quoted field, between a closing quote and a
 * second one, between the CR and LF of a line break, inside the header.
 */
import fc from "fast-check";
import { type LogRow } from "../../src/core";
import { CsvLogReader, CsvTextDecoder, csvEncodingOf, decodeCsvBytes, parseCsvLog } from "../../src/workbook/csv";
import { UnreadableFileError } from "../../src/workbook/errors";
import { runs } from "../support/properties";

const HEADERS = ["Date", "Activity", "Format", "Provider", "Credential", "Quantity", "Notes"];

/** The text's rows read in pieces cut at the offsets (sorted, within the text), or the refusal's message. */
function readInPieces(text: string, cuts: readonly number[]): LogRow[] | string {
  const reader = new CsvLogReader({ shareTexts: false });
  const rows: LogRow[] = [];
  const ends = [...new Set(cuts.map((cut) => Math.min(cut, text.length)))].sort((a, b) => a - b);
  let start = 0;
  try {
    for (const end of ends) {
      rows.push(...reader.push(text.slice(start, end), false));
      start = end;
    }
    rows.push(...reader.push(text.slice(start), true));
  } catch (error) {
    if (!(error instanceof UnreadableFileError)) throw error;
    return error.message;
  }
  return rows;
}

function readWhole(text: string): LogRow[] | string {
  try {
    return [...parseCsvLog(text).rows];
  } catch (error) {
    if (!(error instanceof UnreadableFileError)) throw error;
    return error.message;
  }
}

/** Texts made of the pieces a CSV's tricky places are made of. */
const csvText = fc
  .tuple(
    fc.constantFrom(",", ";", "\t"),
    fc.boolean(),
    fc.array(fc.constantFrom('"', '""', ",", ";", "\t", "\r", "\n", "\r\n", "a", "1", "1,5", "é", " ", "2024-01-01", "treatment", "€"), {
      maxLength: 40,
    }),
  )
  .map(([separator, mark, units]) => `${mark ? "\ufeff" : ""}${HEADERS.join(separator)}\n${units.join("")}`);

test("any text read in any pieces gives the rows, or the refusal, that the whole text gives (property)", () => {
  fc.assert(
    fc.property(csvText, fc.array(fc.nat({ max: 120 }), { maxLength: 8 }), (text, cuts) => {
      expect(readInPieces(text, cuts)).toEqual(readWhole(text));
    }),
    runs(400),
  );
});

test("a piece per character gives the same rows as the whole text", () => {
  const text = `Date;Activity;Format;Provider;Credential;Quantity;Notes\r\n2024-01-01;treatment;In person;A;CST-T;1,5;"say ""hi""\r\nagain"\r\n2024-01-02;treatment;In person;A;CST-T;2;"x"y\r`;
  const cuts = Array.from({ length: text.length }, (_, index) => index);
  const rows = readInPieces(text, cuts);
  expect(rows).toEqual(readWhole(text));
  expect(rows).toEqual([
    { row: 2, cells: ["2024-01-01", "treatment", "In person", "A", "CST-T", 1.5, 'say "hi"\nagain'] },
    { row: 4, cells: ["2024-01-02", "treatment", "In person", "A", "CST-T", 2, "xy"] },
  ]);
});

test("the separator waits for the whole header: a header cut anywhere is still found, and a wrong one still refused", () => {
  const text = `Date\tActivity\tFormat\tProvider\tCredential\tQuantity\tNotes\n2024-01-01\ttreatment\tIn person\tA\tCST-T\t1\t\n`;
  for (let cut = 1; cut < 60; cut++) expect(readInPieces(text, [cut])).toEqual(readWhole(text));
  expect(readInPieces("Activity,Date\n", [3, 9])).toMatch(/^line 1: the header row must be/);
  expect(readInPieces("", [])).toMatch(/^the file is empty/);
});

test("a quoted field still open at the end is refused naming the line it opened on, however the text was cut", () => {
  const text = `${HEADERS.join(",")}\n2024-01-01,treatment,In person,A,CST-T,1,ok\n2024-01-02,treatment,In person,A,CST-T,1,"open\nmore\n`;
  for (const cuts of [[], [70], [70, 90, 100], [text.length - 1]]) {
    expect(readInPieces(text, cuts)).toBe('line 3: a quoted field is never closed: add the closing double quote (")');
  }
});

describe("bytes decoded piece by piece read as the whole file decodes", () => {
  const sample = `${HEADERS.join(",")}\n2024-01-01,treatment,In person,Ann “A” Müller,CST-T,1,café €5\n`;

  function decodeInPieces(bytes: Uint8Array, size: number): string {
    const { encoding, skip } = csvEncodingOf(bytes.subarray(0, 4), () => {
      try {
        new TextDecoder("utf-8", { fatal: true }).decode(bytes);
        return true;
      } catch {
        return false;
      }
    });
    const decoder = new CsvTextDecoder(encoding);
    let text = "";
    for (let start = skip; start < bytes.length; start += size) text += decoder.decode(bytes.subarray(start, start + size), false);
    return text + decoder.decode(new Uint8Array(0), true);
  }

  const utf16le = (text: string) => {
    const bytes = new Uint8Array(text.length * 2);
    for (let i = 0; i < text.length; i++) {
      bytes[2 * i] = text.charCodeAt(i) & 0xff;
      bytes[2 * i + 1] = text.charCodeAt(i) >> 8;
    }
    return bytes;
  };
  const utf16be = (text: string) => {
    const le = utf16le(text);
    const be = new Uint8Array(le.length);
    for (let i = 0; i < le.length; i += 2) [be[i], be[i + 1]] = [le[i + 1] as number, le[i] as number];
    return be;
  };
  const windows1252 = (text: string) =>
    new Uint8Array([...text].map((character) => ({ "“": 0x93, "”": 0x94, "€": 0x80 })[character] ?? character.charCodeAt(0)));

  const cases: [string, Uint8Array][] = [
    ["UTF-8", new TextEncoder().encode(sample)],
    ["UTF-8 with a byte order mark", new Uint8Array([0xef, 0xbb, 0xbf, ...new TextEncoder().encode(sample)])],
    ["UTF-16LE with its mark", new Uint8Array([0xff, 0xfe, ...utf16le(sample)])],
    ["UTF-16BE with its mark", new Uint8Array([0xfe, 0xff, ...utf16be(sample)])],
    ["UTF-16LE without a mark", utf16le(sample)],
    ["Windows-1252", windows1252(sample)],
  ];
  test.each(cases)("%s, in pieces of 1, 2, 3 and 7 bytes", (_name, bytes) => {
    const whole = decodeCsvBytes(bytes);
    expect(whole.replace(/^\ufeff/, "")).toBe(sample);
    for (const size of [1, 2, 3, 7]) expect(decodeInPieces(bytes, size).replace(/^\ufeff/, "")).toBe(whole.replace(/^\ufeff/, ""));
  });
});
