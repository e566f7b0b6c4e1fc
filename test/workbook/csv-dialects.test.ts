/** docs/rules.md §5: the CSV dialects people's spreadsheets write all read as the same log. */
import iconv from "iconv-lite";
import { fingerprint, reportLog } from "../../src/core";
import { decodeCsvBytes, parseCsvLog } from "../../src/workbook/csv";
import { WINDOWS_1252, decodeWindows1252 } from "../../src/workbook/windows-1252";

const ROWS = [
  ["Date", "Activity", "Format", "Provider", "Credential", "Quantity", "Notes"],
  ["2024-01-10", "treatment", "In person", "Renée Müller", "CST-T", "6", "5 € parking, “quoted”"],
  ["2024-01-11", "small-group", "Virtual", "", "", "6", "group; online"],
  ["2024-01-12", "one-on-one", "Virtual", "Zoë", "Mentor", "12", "1,5 km away"],
];

function csv(rows: readonly (readonly string[])[], separator: string, lineEnd: string): string {
  const quote = (field: string) => (/[",;\t\r\n]/.test(field) ? `"${field.replace(/"/g, '""')}"` : field);
  return rows.map((row) => row.map(quote).join(separator)).join(lineEnd) + lineEnd;
}

async function print(text: string): Promise<string> {
  const log = parseCsvLog(text);
  return fingerprint({ rows: log.rows, profileCells: log.profileCells, dateSystem: "1900", ruleSet: "current" });
}

const UTF8 = csv(ROWS, ",", "\n");

describe("encodings", () => {
  test("UTF-8 with a byte order mark, UTF-16 LE and BE with theirs, and Windows-1252 read as the same text", () => {
    const withMark = new Uint8Array([0xef, 0xbb, 0xbf, ...new TextEncoder().encode(UTF8)]);
    expect(decodeCsvBytes(withMark).replace(/^\ufeff/, "")).toBe(UTF8);
    expect(decodeCsvBytes(new Uint8Array(iconv.encode(UTF8, "utf-16le", { addBOM: true })))).toBe(UTF8);
    expect(decodeCsvBytes(new Uint8Array(iconv.encode(UTF8, "utf-16be", { addBOM: true })))).toBe(UTF8);
    const windows = new Uint8Array(iconv.encode(UTF8, "windows-1252"));
    expect(windows.includes(0x80)).toBe(true); // the euro sign, where Latin-1 has a control character
    expect(decodeCsvBytes(windows)).toBe(UTF8);
  });

  test("a Windows-1252 log has the fingerprint of its UTF-8 twin", async () => {
    const windows = new Uint8Array(iconv.encode(UTF8, "windows-1252"));
    expect(await print(decodeCsvBytes(windows))).toBe(await print(UTF8));
  });

  test("all 256 bytes of Windows-1252 decode as the WHATWG index says (iconv-lite as the reference)", () => {
    const bytes = new Uint8Array(Array.from({ length: 256 }, (_, byte) => byte));
    const reference = iconv.decode(Buffer.from(bytes), "windows-1252");
    const ours = decodeWindows1252(bytes);
    // iconv-lite leaves the five bytes the code page does not assign as U+FFFD; WHATWG maps them to the C1 control of that number.
    const unassigned = new Set([0x81, 0x8d, 0x8f, 0x90, 0x9d]);
    for (let byte = 0; byte < 256; byte++) {
      const expected = unassigned.has(byte) && reference[byte] === "\ufffd" ? String.fromCharCode(byte) : reference[byte];
      expect([byte, ours[byte]]).toEqual([byte, expected]);
      expect(WINDOWS_1252[byte]).toBe(ours.charCodeAt(byte));
    }
    expect(ours[0x80]).toBe("€");
    expect(ours.slice(0x93, 0x95)).toBe("“”");
  });
});

describe("separators and line ends", () => {
  test.each([
    ["commas, LF", ",", "\n"],
    ["commas, CRLF", ",", "\r\n"],
    ["commas, CR", ",", "\r"],
    ["semicolons, CRLF", ";", "\r\n"],
    ["tabs, LF", "\t", "\n"],
    ["tabs, CR", "\t", "\r"],
  ])("%s: the same rows on the same lines", async (_name, separator, lineEnd) => {
    const log = parseCsvLog(csv(ROWS, separator, lineEnd));
    expect(log.rows).toEqual(parseCsvLog(UTF8).rows);
    expect(await print(csv(ROWS, separator, lineEnd))).toBe(await print(UTF8));
  });

  test("with semicolons, a Quantity with a decimal comma is the number; with commas, a quoted 1,5 stays text", async () => {
    const semicolon =
      "Date;Activity;Format;Provider;Credential;Quantity;Notes\n2024-01-10;treatment;In person;J;CST-T;1,5;a,b\n2024-01-11;treatment;In person;J;CST-T;2.25;\n";
    expect(parseCsvLog(semicolon).rows.map((row) => [row.cells[5], row.cells[6]])).toEqual([
      [1.5, "a,b"],
      [2.25, ""],
    ]);
    const comma = 'Date,Activity,Format,Provider,Credential,Quantity,Notes\n2024-01-10,treatment,In person,J,CST-T,"1,5",\n';
    expect(parseCsvLog(comma).rows[0]?.cells[5]).toBe("1,5");
    const { report } = await reportLog(parseCsvLog(comma), { asOf: "2024-06-01" });
    expect(report.rows[0]?.errors.map((error) => error.code)).toEqual(["bad-quantity"]);
  });

  test("a semicolon file's log credits as its comma twin", async () => {
    const semicolon = csv(
      ROWS.map((row) => row.map((field) => (field === "6" ? "6,0" : field))),
      ";",
      "\r\n",
    );
    const [a, b] = await Promise.all([
      reportLog(parseCsvLog(semicolon), { asOf: "2024-12-31" }),
      reportLog(parseCsvLog(UTF8), { asOf: "2024-12-31" }),
    ]);
    expect(a.report.credits).toBe(b.report.credits);
    expect(a.report.hours).toEqual(b.report.hours);
  });
});
