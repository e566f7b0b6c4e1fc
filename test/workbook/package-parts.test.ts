/**
 * The strict reader on the parts of the file format, each written by hand
 * here as test data: shared strings with rich text and phonetic runs,
 * escapes, inline strings, formula results, shared formulas, number formats
 * that show dates, the Submission sheet, damaged and lying zips, and the
 * formats that are not read, told by their content.
 */
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { strToU8, zipSync } from "fflate";
import { readLogFile } from "../../src/cli/read-log";
import { UnreadableFileError } from "../../src/workbook/errors";
import { isDateFormatCode } from "../../src/workbook/ooxml";
import { readWorkbookLog } from "../../src/workbook/read-xlsx";
import { refusal } from "./build";

const MAIN = "http://schemas.openxmlformats.org/spreadsheetml/2006/main";
const RELATIONSHIPS = "http://schemas.openxmlformats.org/officeDocument/2006/relationships";
const PACKAGE_RELATIONSHIPS = "http://schemas.openxmlformats.org/package/2006/relationships";

/** A workbook package from its sheets' XML (sheetData contents), with shared strings and styles given as XML too. */
function workbook(
  sheets: Record<string, string>,
  options: { sharedStrings?: string; styles?: string; date1904?: boolean } = {},
): Uint8Array {
  const names = Object.keys(sheets);
  const parts: Record<string, Uint8Array> = {
    "[Content_Types].xml": strToU8('<?xml version="1.0"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"/>'),
    "_rels/.rels": strToU8(
      `<Relationships xmlns="${PACKAGE_RELATIONSHIPS}"><Relationship Id="r1" Type="${RELATIONSHIPS}/officeDocument" Target="/xl/workbook.xml"/></Relationships>`,
    ),
    "xl/workbook.xml": strToU8(
      `<workbook xmlns="${MAIN}" xmlns:r="${RELATIONSHIPS}"><workbookPr date1904="${options.date1904 ? "1" : "0"}"/><sheets>${names
        .map((name, index) => `<sheet name="${name}" sheetId="${index + 1}" r:id="s${index + 1}"/>`)
        .join("")}</sheets></workbook>`,
    ),
    "xl/_rels/workbook.xml.rels": strToU8(
      `<Relationships xmlns="${PACKAGE_RELATIONSHIPS}">${names
        .map((_, index) => `<Relationship Id="s${index + 1}" Type="${RELATIONSHIPS}/worksheet" Target="worksheets/sheet${index + 1}.xml"/>`)
        .join(
          "",
        )}<Relationship Id="ss" Type="${RELATIONSHIPS}/sharedStrings" Target="sharedStrings.xml"/><Relationship Id="st" Type="${RELATIONSHIPS}/styles" Target="styles.xml"/></Relationships>`,
    ),
    "xl/sharedStrings.xml": strToU8(`<sst xmlns="${MAIN}">${options.sharedStrings ?? ""}</sst>`),
    "xl/styles.xml": strToU8(
      `<styleSheet xmlns="${MAIN}">${options.styles ?? '<cellXfs><xf numFmtId="0"/><xf numFmtId="14"/></cellXfs>'}</styleSheet>`,
    ),
  };
  names.forEach((name, index) => {
    parts[`xl/worksheets/sheet${index + 1}.xml`] = strToU8(`<worksheet xmlns="${MAIN}"><sheetData>${sheets[name]}</sheetData></worksheet>`);
  });
  return zipSync(parts);
}

const inline = (reference: string, text: string) => `<c r="${reference}" t="inlineStr"><is><t>${text}</t></is></c>`;
const HEADERS = `<row r="1">${["Date", "Activity", "Format", "Provider", "Credential", "Quantity", "Notes"]
  .map((header, index) => inline(`${String.fromCharCode(65 + index)}1`, header))
  .join("")}</row>`;

describe("cells", () => {
  test("shared strings: rich-text runs joined, phonetic runs left out, _xHHHH_ escapes decoded", async () => {
    const bytes = workbook(
      {
        "Tracking Form": `${HEADERS}<row r="2"><c r="B2" t="s"><v>0</v></c><c r="D2" t="s"><v>1</v></c><c r="G2" t="s"><v>2</v></c></row>`,
      },
      {
        sharedStrings:
          '<si><r><t>treat</t></r><r><rPr><b/></rPr><t xml:space="preserve">ment</t></r></si>' +
          '<si><t>山田</t><rPh sb="0" eb="2"><t>ヤマダ</t></rPh></si>' +
          "<si><t>a_x0009_b_x007F_c_x005F_x0041_d</t></si>",
      },
    );
    const { log } = await readWorkbookLog(bytes);
    expect(log.rows[0]?.cells).toEqual([null, "treatment", null, "山田", null, null, "a\tb\u007fc_x0041_d"]);
  });

  test("inline strings, formula results as text and booleans, errors, shared formulas without results name the first formula", async () => {
    const bytes = workbook({
      "Tracking Form":
        HEADERS +
        `<row r="2">${inline("B2", "treatment")}<c r="C2" t="str"><f>"In "&amp;"person"</f><v>In person</v></c><c r="D2" t="b"><v>1</v></c><c r="E2" t="e"><v>#REF!</v></c><c r="F2"><f t="shared" ref="F2:F3" si="0">2*3</f><v></v></c></row>` +
        `<row r="3"><c r="F3"><f t="shared" si="0"/></c><c r="G3" t="str"><f>""</f><v></v></c></row>`,
    });
    const { log } = await readWorkbookLog(bytes);
    expect(log.rows.map((row) => row.cells)).toEqual([
      [null, "treatment", "In person", true, { excelError: "#REF!" }, { formula: "2*3" }, null],
      [null, null, null, null, null, { formula: "2*3" }, ""],
    ]);
  });

  test("a typed cell without a value is blank, whatever its type (a shared string cell without an index is not string 0)", async () => {
    const empty = ["s", "b", "e", "n", "str", "inlineStr", "d"];
    const bytes = workbook(
      {
        "Tracking Form":
          HEADERS +
          `<row r="2">${empty.map((type, index) => `<c r="${String.fromCharCode(65 + index)}2" t="${type}"/>`).join("")}</row>` +
          `<row r="3">${empty.map((type, index) => `<c r="${String.fromCharCode(65 + index)}3" t="${type}"><v></v></c>`).join("")}</row>` +
          `<row r="4"><c r="A4" t="inlineStr"><is><t></t></is></c><c r="B4" t="s"><v> </v></c></row>`,
      },
      { sharedStrings: "<si><t>treatment</t></si>" },
    );
    expect((await readWorkbookLog(bytes)).log.rows).toEqual([
      { row: 2, cells: [null, null, null, null, null, null, null] },
      { row: 3, cells: [null, null, null, null, null, null, null] },
      { row: 4, cells: [null, null, null, null, null, null, null] },
    ]);
  });

  test("a number is a date when its format shows one, in the workbook's date system; ISO date cells by their date part", async () => {
    const styles =
      '<numFmts><numFmt numFmtId="164" formatCode="[$-409]d\\-mmm\\-yy;@"/><numFmt numFmtId="165" formatCode="0.00&quot; days&quot;"/></numFmts>' +
      '<cellXfs><xf numFmtId="0"/><xf numFmtId="164"/><xf numFmtId="165"/><xf numFmtId="22"/></cellXfs>';
    const sheet = `${HEADERS}<row r="2"><c r="A2" s="1"><v>45356.75</v></c><c r="F2" s="2"><v>6</v></c></row><row r="3"><c r="A3" s="3"><v>45357</v></c><c r="F3"><v>1.5</v></c></row><row r="4"><c r="A4" t="d"><v>2024-03-07T23:59:00.000Z</v></c><c r="F4" t="d"><v>nonsense</v></c></row>`;
    const in1900 = (await readWorkbookLog(workbook({ "Tracking Form": sheet }, { styles }))).log;
    expect(in1900.rows.map((row) => [row.cells[0], row.cells[5]])).toEqual([
      [{ isoDate: "2024-03-05" }, 6],
      [{ isoDate: "2024-03-06" }, 1.5],
      [{ isoDate: "2024-03-07" }, "nonsense"],
    ]);
    const in1904 = (await readWorkbookLog(workbook({ "Tracking Form": sheet }, { styles, date1904: true }))).log;
    expect(in1904.dateSystem).toBe("1904");
    expect(in1904.rows[0]?.cells[0]).toEqual({ isoDate: "2028-03-06" });
    expect(in1904.rows[2]?.cells[0]).toEqual({ isoDate: "2024-03-07" });
  });

  test("format codes: dates and times are told from numbers, quoted text and colours", () => {
    for (const code of ["yyyy-mm-dd", "d/m/yyyy", "[$-409]mmmm d, yyyy", "h:mm AM/PM", "[h]:mm:ss", "dd\\.mm\\.yyyy", "mmm-yy"]) {
      expect([code, isDateFormatCode(code)]).toEqual([code, true]);
    }
    for (const code of ["General", "0.00", '#,##0" days"', "[Red]0.00", "0.00E+00", "@", '_("$"* #,##0_)']) {
      expect([code, isDateFormatCode(code)]).toEqual([code, false]);
    }
  });

  test("rows and cells without references follow the ones before; a row past Excel's last is refused", async () => {
    const bytes = workbook({ "Tracking Form": `${HEADERS}<row><c><v>1</v></c><c t="inlineStr"><is><t>treatment</t></is></c></row>` });
    expect((await readWorkbookLog(bytes)).log.rows).toEqual([{ row: 2, cells: [1, "treatment", null, null, null, null, null] }]);
    expect(await refusal(workbook({ "Tracking Form": `${HEADERS}<row r="1048577"/>` }))).toMatch(/beyond Excel's last row 1,048,576/);
    expect(await refusal(workbook({ "Tracking Form": `${HEADERS}<row r="2"><c r="XFE2"><v>1</v></c></row>` }))).toMatch(
      /outside Excel's 16,384 columns/,
    );
  });
});

describe("sheets", () => {
  test("the Submission sheet: every row from row 1, every cell in column order", async () => {
    const bytes = workbook({
      "Tracking Form": HEADERS,
      Submission: `<row r="1">${inline("A1", "Fingerprint")}${inline("B1", "abc")}</row><row r="3">${inline("A3", "Row digest")}<c r="C3"><v>7</v></c>${inline("E3", "d1")}</row>`,
    });
    expect((await readWorkbookLog(bytes)).submissionRows).toEqual([["Fingerprint", "abc"], [], ["Row digest", null, 7, null, "d1"]]);
  });

  test("a part of XML that is not well-formed, or nested without end, is refused", async () => {
    expect(await refusal(workbook({ "Tracking Form": `${HEADERS}<row r="2"><c r="A2"><v>1</c></row>` }))).toMatch(/not well-formed XML/);
    expect(await refusal(workbook({ "Tracking Form": `${HEADERS}${"<x>".repeat(100)}${"</x>".repeat(100)}` }))).toMatch(
      /nests elements deeper than 64/,
    );
  });

  /** The workbook with its worksheet's "uncompressed size" understated in the central directory, and in the local header too (test data). */
  function understated(bytes: Uint8Array, size: number, localHeaderToo: boolean): Uint8Array {
    const lying = bytes.slice();
    const view = new DataView(lying.buffer);
    const name = new TextEncoder().encode("xl/worksheets/sheet1.xml");
    const rewrite = (signature: number, nameLengthAt: number, nameAt: number, sizeAt: number): void => {
      for (let offset = 0; offset < lying.length - nameAt; offset++) {
        if (view.getUint32(offset, true) !== signature || view.getUint16(offset + nameLengthAt, true) !== name.length) continue;
        if (name.every((byte, i) => lying[offset + nameAt + i] === byte)) view.setUint32(offset + sizeAt, size, true);
      }
    };
    rewrite(0x02014b50, 28, 46, 24);
    if (localHeaderToo) rewrite(0x04034b50, 26, 30, 22);
    return lying;
  }

  test("a small part that inflates past its declared size is cut there, and refused", async () => {
    const bytes = workbook({ "Tracking Form": `${HEADERS}<row r="2">${inline("G2", "x".repeat(5000))}</row>` });
    expect(await refusal(understated(bytes, 1000, false))).toMatch(/sheet1\.xml is not well-formed XML/);
    expect(await refusal(understated(bytes, 1000, true))).toMatch(/sheet1\.xml is not well-formed XML/);
  });

  test("a large part that inflates past its declared size is refused as it streams", async () => {
    const row = (r: number) => `<row r="${r}">${inline(`G${r}`, `note ${r} ${"x".repeat(200)}`)}</row>`;
    const bytes = workbook({ "Tracking Form": HEADERS + Array.from({ length: 30_000 }, (_, i) => row(i + 2)).join("") });
    const declared = 5 * 1024 * 1024;
    // Both records lying alike: inflating stops where the declared size ends (zip.js's own check or the reader's count).
    expect(await refusal(understated(bytes, declared, true))).toMatch(
      /inflates to more than the 5 MiB it declares|damaged \(Invalid uncompressed size\)/,
    );
    // Only the central directory lying: the two records disagree.
    expect(await refusal(understated(bytes, declared, false))).toMatch(/zip container is damaged/);
  });
});

describe("file kinds, told by their content", () => {
  let folder: string;
  beforeAll(() => {
    folder = mkdtempSync(join(tmpdir(), "cst-kinds-"));
  });
  afterAll(() => rmSync(folder, { recursive: true, force: true }));

  async function readFile(name: string, bytes: Uint8Array | string): Promise<string> {
    const path = join(folder, name);
    writeFileSync(path, bytes);
    try {
      await readLogFile(path);
    } catch (error) {
      expect(error).toBeInstanceOf(UnreadableFileError);
      return (error as Error).message;
    }
    return "read";
  }

  test.each([
    [
      "an OpenDocument spreadsheet",
      "log.ods",
      { mimetype: "application/vnd.oasis.opendocument.spreadsheet", "content.xml": "<x/>" },
      /OpenDocument spreadsheet \(\.ods\).*Excel 2007-365 \(\.xlsx\)/,
    ],
    [
      "an OpenDocument spreadsheet named .xlsx",
      "log.xlsx",
      { mimetype: "x", "content.xml": "<x/>", "META-INF/manifest.xml": "<x/>" },
      /\(\.ods\)/,
    ],
    [
      "an Excel Binary Workbook",
      "log.xlsb",
      { "xl/workbook.bin": "x", "[Content_Types].xml": "<x/>" },
      /Excel Binary Workbook \(\.xlsb\).*save it as an Excel Workbook \(\.xlsx\)/,
    ],
    ["an Apple Numbers document", "log.numbers", { "Index/Document.iwa": "x" }, /Apple Numbers document \(\.numbers\).*Export To › Excel/],
    ["a zip without a workbook", "log.xlsx", { "hello.txt": "hi" }, /a zip file but not an Excel workbook/],
  ])("%s is refused naming its format", async (_name, file, entries, message) => {
    const zip = zipSync(Object.fromEntries(Object.entries(entries).map(([name, text]) => [name, strToU8(text)])));
    expect(await readFile(file, zip)).toMatch(message);
  });

  test("a Numbers document saved as a package (a folder) is refused naming its format", async () => {
    mkdirSync(join(folder, "package.numbers", "Index"), { recursive: true });
    writeFileSync(join(folder, "package.numbers", "Index.zip"), "x");
    await expect(readLogFile(join(folder, "package.numbers"))).rejects.toThrow(/Apple Numbers document \(\.numbers\).*Export To › Excel/);
  });

  test("an OLE2 compound file (.xls, or a password-protected workbook) is refused whatever its name", async () => {
    const ole2 = new Uint8Array([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1, ...new Uint8Array(504)]);
    expect(await readFile("old.xlsx", ole2)).toMatch(/the old \.xls format is not read.*password-protected/);
  });

  test("a workbook named .csv is read as the workbook; XML and HTML named .csv are refused naming what they are", async () => {
    expect(await readFile("saved-as.csv", workbook({ "Tracking Form": `${HEADERS}<row r="2">${inline("B2", "treatment")}</row>` }))).toBe(
      "read",
    );
    expect(await readFile("sheet.csv", '<?xml version="1.0"?><Workbook xmlns="urn:schemas-microsoft-com:office:spreadsheet"/>')).toMatch(
      /XML file/,
    );
    expect(await readFile("page.csv", "<html><table><tr><td>Date</td></tr></table></html>")).toMatch(/web page \(HTML\)/);
  });
});
