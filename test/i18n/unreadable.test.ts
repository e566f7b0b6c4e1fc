/**
 * Why a file cannot be read, in the user's language (docs/rules.md §11): every refusal of the readers, the
 * command line's and the web tracker's carries words of the catalogs that, formatted in English, are its
 * message exactly (what the command line's English output and `--json` keep); in another language they are
 * that language's, quoting what the message quotes. The files are the broken and hostile ones the readers'
 * own tests refuse, made small.
 */
import { execFileSync } from "node:child_process";
import { mkdirSync, mkdtempSync, rmSync, symlinkSync, writeFileSync } from "node:fs";
import { type Server, createServer } from "node:net";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { strToU8, unzipSync, zipSync } from "fflate";
import { writeWhole } from "../../src/cli/commands";
import { workbookToPdf } from "../../src/cli/pdf";
import { asUnreadable, expandFileArguments, notAFile, readLogFile as readLogPath, unreadableFolder } from "../../src/cli/read-log";
import { appendRecord, readRecordRows } from "../../src/cli/record";
import { ENGLISH, type Words, findingText, formatFindingWords, loadMessages, translator } from "../../src/i18n";
import { openDocument } from "../../src/tracker/document";
import { readRecordCsv } from "../../src/tracker/record";
import { CsvTextDecoder, parseCsvLog } from "../../src/workbook/csv";
import { UnreadableFileError, unreadableWorkbook } from "../../src/workbook/errors";
import { LIMITS } from "../../src/workbook/limits";
import { checkFileSize, readLogFile, tooLargeError } from "../../src/workbook/read-file";
import { readWorkbookLog } from "../../src/workbook/read-xlsx";
import { ZipDirectory, checkDeclaredSizes, partPieces, readZipDirectory } from "../../src/workbook/zip";
import { buildWorkbook } from "../workbook/build";

const MAIN = "http://schemas.openxmlformats.org/spreadsheetml/2006/main";
const RELATIONSHIPS = "http://schemas.openxmlformats.org/officeDocument/2006/relationships";
const PACKAGE_RELATIONSHIPS = "http://schemas.openxmlformats.org/package/2006/relationships";
const MIB = 1024 * 1024;
const GIB = 1024 * MIB;

/** A workbook package from its sheets' rows (sheetData's XML); `parts` replaces or adds parts as given. */
function workbook(sheets: Record<string, string>, parts: Record<string, string> = {}): Uint8Array {
  const names = Object.keys(sheets);
  const files: Record<string, string> = {
    "[Content_Types].xml": '<?xml version="1.0"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"/>',
    "_rels/.rels": `<Relationships xmlns="${PACKAGE_RELATIONSHIPS}"><Relationship Id="r1" Type="${RELATIONSHIPS}/officeDocument" Target="/xl/workbook.xml"/></Relationships>`,
    "xl/workbook.xml": `<workbook xmlns="${MAIN}" xmlns:r="${RELATIONSHIPS}"><sheets>${names
      .map((name, index) => `<sheet name="${name}" sheetId="${index + 1}" r:id="s${index + 1}"/>`)
      .join("")}</sheets></workbook>`,
    "xl/_rels/workbook.xml.rels": `<Relationships xmlns="${PACKAGE_RELATIONSHIPS}">${names
      .map((_, index) => `<Relationship Id="s${index + 1}" Type="${RELATIONSHIPS}/worksheet" Target="worksheets/sheet${index + 1}.xml"/>`)
      .join("")}<Relationship Id="ss" Type="${RELATIONSHIPS}/sharedStrings" Target="sharedStrings.xml"/></Relationships>`,
    "xl/sharedStrings.xml": `<sst xmlns="${MAIN}"></sst>`,
  };
  names.forEach((name, index) => {
    files[`xl/worksheets/sheet${index + 1}.xml`] = `<worksheet xmlns="${MAIN}"><sheetData>${sheets[name]}</sheetData></worksheet>`;
  });
  return zipSync(Object.fromEntries(Object.entries({ ...files, ...parts }).map(([name, text]) => [name, strToU8(text)])));
}

const inline = (reference: string, text: string) => `<c r="${reference}" t="inlineStr"><is><t>${text}</t></is></c>`;
const HEADERS = `<row r="1">${["Date", "Activity", "Format", "Provider", "Credential", "Quantity", "Notes"]
  .map((header, index) => inline(`${String.fromCharCode(65 + index)}1`, header))
  .join("")}</row>`;
const zipOf = (entries: Record<string, string>) =>
  zipSync(Object.fromEntries(Object.entries(entries).map(([name, text]) => [name, strToU8(text)])));
const text = (content: string) => new TextEncoder().encode(content);
const OLE2 = new Uint8Array([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1, ...new Uint8Array(504)]);

/** The error a reader refuses with; the test fails if it reads, or fails otherwise. */
async function refused(run: () => unknown): Promise<UnreadableFileError> {
  try {
    const result = await run();
    // A refusal made under a smaller limit (refusedWithin), already caught.
    if (result instanceof UnreadableFileError) return result;
    if (typeof result === "function") for (const piece of (result as () => Iterable<unknown>)()) void piece;
  } catch (error) {
    if (error instanceof UnreadableFileError) return error;
    throw error;
  }
  throw new Error("expected the file to be refused");
}

/** The same with one of the readers' limits made small, where reaching the real one would take hundreds of megabytes. */
async function refusedWithin<Key extends keyof typeof LIMITS>(key: Key, value: number, run: () => unknown): Promise<UnreadableFileError> {
  const limit = jest.replaceProperty(LIMITS, key, value as (typeof LIMITS)[Key]);
  try {
    return await refused(run);
  } finally {
    limit.restore();
  }
}

/** A workbook built by exceljs whose table part is changed by `change`. */
async function withTable(change: (xml: string) => string): Promise<Uint8Array> {
  const parts = unzipSync(await buildWorkbook({ rows: [["2024-01-10", "treatment", "In person", "Dana", "CST-T", 1, ""]] }));
  const name = Object.keys(parts).find((part) => /^xl\/tables\/table\d+\.xml$/.test(part)) as string;
  parts[name] = strToU8(change(new TextDecoder().decode(parts[name])));
  return zipSync(parts);
}

/** A zip whose one part declares fewer bytes than it inflates to, in both of its records. */
function understated(name: string, content: string, declared: number): Uint8Array {
  const bytes = zipSync({ [name]: strToU8(content) });
  const view = new DataView(bytes.buffer);
  for (let at = 0; at + 30 < bytes.length; at++) {
    const signature = view.getUint32(at, true);
    if (signature === 0x02014b50) view.setUint32(at + 24, declared, true);
    else if (signature === 0x04034b50) view.setUint32(at + 22, declared, true);
  }
  return bytes;
}

const entry = (name: string, size: number, originalSize: number, compression = 8) => ({ name, size, originalSize, compression });
const deviceInfo = (kind: "socket" | "other") => ({
  isDirectory: () => false,
  isFIFO: () => false,
  isCharacterDevice: () => false,
  isBlockDevice: () => false,
  isSocket: () => kind === "socket",
});

let folder: string;
let server: Server;
const refusals: { readonly name: string; readonly error: UnreadableFileError }[] = [];

beforeAll(async () => {
  folder = mkdtempSync(join(tmpdir(), "cst-unreadable-"));
  const at = (name: string) => join(folder, name);
  const sheet = (rows: string, parts?: Record<string, string>) => () =>
    readWorkbookLog(workbook({ "Tracking Form": HEADERS + rows }, parts));
  const file = (name: string, bytes: Uint8Array) => () => readLogFile(name, bytes);
  const stat = (kind: "socket" | "other") => () => {
    throw UnreadableFileError.of(notAFile(deviceInfo(kind)));
  };

  mkdirSync(at("a-folder.csv"));
  mkdirSync(at("empty"));
  writeFileSync(at("log.csv"), "Date,Activity,Format,Provider,Credential,Quantity,Notes\n");
  writeFileSync(at("other.csv"), "Date,Activity\n2024-01-01,treatment\n");
  writeFileSync(at("other.xlsx"), await buildWorkbook({ rows: [] }));
  symlinkSync(at("loop.csv"), at("loop.csv"));
  symlinkSync("/dev/zero", at("zero.csv"));
  execFileSync("mkfifo", [at("fifo.csv")]);
  server = createServer();
  await new Promise<void>((resolve) => server.listen(at("socket.csv"), resolve));

  const cases: [string, () => unknown][] = [
    // The readers of bytes (src/workbook), as the pane, the web tracker and the command line call them.
    ["an unexpected failure of the workbook reader", () => Promise.reject(unreadableWorkbook(new Error("unexpected end of data")))],
    ["an .xls (OLE2) named .xlsx", file("old.xlsx", OLE2)],
    ["Excel 2003 XML named .csv", file("sheet.csv", text('<?xml version="1.0"?><Workbook/>'))],
    ["HTML named .csv", file("page.csv", text("<!DOCTYPE html><html><table></table></html>"))],
    ["a Numbers zip", file("log.xlsx", zipOf({ "Index/Document.iwa": "x" }))],
    ["an .xlsb zip", file("log.xlsx", zipOf({ "xl/workbook.bin": "x", "[Content_Types].xml": "<x/>" }))],
    ["an .ods zip", file("log.xlsx", zipOf({ mimetype: "application/vnd.oasis.opendocument.spreadsheet", "content.xml": "<x/>" }))],
    ["a zip without a workbook", file("log.xlsx", zipOf({ "hello.txt": "hi" }))],
    ["text named .xlsb", file("log.xlsb", text("x"))],
    ["text named .ods", file("log.ods", text("x"))],
    ["text named .numbers", file("log.numbers", text("x"))],
    ["text named .xlsx", file("log.xlsx", text("Date,Activity\n"))],
    ["text named .xls", file("log.xls", text("x"))],
    ["a file without extension", file("log", text("x"))],
    ["a .txt file", file("notes.txt", text("hello"))],
    ["a workbook too large", () => checkFileSize("log.xlsx", 10 * GIB, zipOf({ "a.txt": "a" }).subarray(0, 8))],
    ["a CSV too large", () => checkFileSize("log.csv", 600 * MIB, text("Date,Activity"))],
    ["a CSV found larger than its limit as it is read", () => Promise.reject(tooLargeError(LIMITS.maxCsvBytes, "csv", true))],
    ["bytes that are not a zip", () => readWorkbookLog(text("Date,Activity\n"))],
    ["a part twice, under two names", () => new ZipDirectory(new Uint8Array(), [entry("xl/a.xml", 1, 1), entry("/XL/A.xml", 1, 1)])],
    ["a part twice, under one name", () => new ZipDirectory(new Uint8Array(), [entry("xl/a.xml", 1, 1), entry("xl/a.xml", 1, 1)])],
    [
      "a zip of too many entries",
      () => refusedWithin("maxZipEntries", 3, () => readZipDirectory(zipOf({ a: "", b: "", c: "", d: "", e: "" }))),
    ],
    [
      "a part compressed another way",
      () => checkDeclaredSizes(new ZipDirectory(new Uint8Array(), [entry("a.xml", 10, 10, 12)]), ["a.xml"]),
    ],
    ["a part of 2 GiB", () => checkDeclaredSizes(new ZipDirectory(new Uint8Array(), [entry("a.xml", GIB, 2 * GIB)]), ["a.xml"])],
    ["a zip bomb", () => checkDeclaredSizes(new ZipDirectory(new Uint8Array(), [entry("a.xml", 1_500_000, 500 * MIB)]), ["a.xml"])],
    [
      "parts of 2 GiB together",
      () =>
        checkDeclaredSizes(new ZipDirectory(new Uint8Array(), [entry("a.xml", 512 * MIB, GIB), entry("b.xml", 512 * MIB, GIB)]), [
          "a.xml",
          "b.xml",
        ]),
    ],
    [
      "a part that inflates past what it declares",
      async () => partPieces(readZipDirectory(understated("a.xml", "x".repeat(400_000), 1000)), "a.xml"),
    ],
    ["a part not well-formed", sheet('<row r="2"><c r="A2"><v>1</c></row>')],
    ["entities declared", sheet("", { "xl/sharedStrings.xml": `<!DOCTYPE sst [<!ENTITY a "x">]><sst xmlns="${MAIN}"></sst>` })],
    ["elements nested deep", sheet(`${"<x>".repeat(100)}${"</x>".repeat(100)}`)],
    [
      "a long prolog",
      sheet("", {
        // Nothing but the prolog, as a part whose first element is farther away than the reader looks.
        "xl/worksheets/sheet1.xml": `<?xml version="1.0"?><!--${"x".repeat(70_000)}-->`,
      }),
    ],
    [
      "a run of text longer than a cell",
      sheet("", {
        "xl/worksheets/sheet1.xml": `<worksheet xmlns="${MAIN}"><sheetData>${HEADERS}<row r="2"><c r="G2" t="inlineStr"><is><t>${"x".repeat(1_100_000)}`,
      }),
    ],
    [
      "too many shared strings",
      () =>
        refusedWithin("maxSharedStrings", 2, () =>
          readWorkbookLog(
            workbook(
              { "Tracking Form": HEADERS },
              { "xl/sharedStrings.xml": `<sst xmlns="${MAIN}">${"<si><t>a</t></si>".repeat(3)}</sst>` },
            ),
          ),
        ),
    ],
    ["a row beyond Excel's last", sheet('<row r="2000000000"/>')],
    ["a cell's row beyond Excel's last", sheet('<row r="2"><c r="A123456789"><v>1</v></c></row>')],
    ["a row not numbered", sheet('<row r="x"/>')],
    ["a cell beyond Excel's columns", sheet('<row r="2"><c r="XFE2"><v>1</v></c></row>')],
    [
      "a Submission sheet larger than any submission",
      () =>
        refusedWithin("maxSubmissionCells", 100, () =>
          readWorkbookLog(
            workbook({
              "Tracking Form": HEADERS,
              Submission: Array.from({ length: 20 }, (_, index) => `<row r="${index + 1}"><c r="J${index + 1}"><v>1</v></c></row>`).join(
                "",
              ),
            }),
          ),
        ),
    ],
    ["a CSV that changed as it was read", () => new CsvTextDecoder("utf-8").decode(new Uint8Array([0x41, 0xff, 0x42]), true)],
    [
      "a quoted field never closed",
      () => parseCsvLog('Date,Activity,Format,Provider,Credential,Quantity,Notes\n2024-01-02,treatment,"open\n'),
    ],
    ["an empty CSV", () => parseCsvLog("")],
    ["a CSV with other headers", () => parseCsvLog("Activity,Date,Format,Provider,Credential,Quantity,Notes\n")],
    ["a CSV whose header row is long", () => parseCsvLog(`${"Column,".repeat(20)}\n`)],
    ["a table of no readable range", async () => readWorkbookLog(await withTable((xml) => xml.replace(/ ref="[^"]*"/, ' ref="nonsense"')))],
    ["a table without Notes", async () => readWorkbookLog(await withTable((xml) => xml.replace('name="Notes"', 'name="Remarks"')))],
    [
      "a table without Quantity and Notes",
      async () =>
        readWorkbookLog(await withTable((xml) => xml.replace('name="Notes"', 'name="Remarks"').replace('name="Quantity"', 'name="Hours"'))),
    ],
    ["a workbook without a log", () => readWorkbookLog(workbook({ Other: `<row r="1">${inline("A1", "Something else")}</row>` }))],
    // The command line's files (src/cli).
    ["a path that is not there", () => readLogPath(at("none.csv"))],
    ["a folder named .csv", () => readLogPath(at("a-folder.csv"))],
    ["a symbolic-link loop", () => readLogPath(at("loop.csv"))],
    ["a name too long", () => readLogPath(at(`${"x".repeat(300)}.csv`))],
    ["a path through a file", () => readLogPath(join(at("log.csv"), "inside.csv"))],
    ["a FIFO", () => readLogPath(at("fifo.csv"))],
    ["/dev/zero", () => readLogPath(at("zero.csv"))],
    ["a socket", () => readLogPath(at("socket.csv"))],
    ["permission denied", () => Promise.reject(asUnreadable(Object.assign(new Error("EACCES"), { code: "EACCES" })))],
    ["an input/output error", () => Promise.reject(asUnreadable(Object.assign(new Error("EIO"), { code: "EIO" })))],
    ["another failure to read", () => Promise.reject(asUnreadable(new Error("the disk went away")))],
    ["a socket by its file status", stat("socket")],
    ["something not a regular file", stat("other")],
    ["a folder without logs", () => expandFileArguments([at("empty")])],
    ["a folder that cannot be listed", () => Promise.reject(unreadableFolder(at("empty"), new Error("EBUSY")))],
    ["a folder not allowed", () => Promise.reject(unreadableFolder(at("empty"), Object.assign(new Error("EACCES"), { code: "EACCES" })))],
    ["a record that is a folder", () => appendRecord(at("a-folder.csv"), [])],
    ["a CSV record of other columns", () => readRecordRows(at("other.csv"))],
    ["a workbook record without its sheet", () => readRecordRows(at("other.xlsx"))],
    ["no LibreOffice", () => workbookToPdf(new Uint8Array(), null)],
    ["LibreOffice writing nothing", () => workbookToPdf(new Uint8Array(), "/bin/true")],
    ["LibreOffice failing", () => workbookToPdf(new Uint8Array(), "/bin/false")],
    ["an output whose folder is missing", () => writeWhole(at("missing/out.xlsx"), new Uint8Array())],
    // The web tracker's (src/tracker).
    ["a record file of other columns", () => readRecordCsv(text("Date,Activity\n2024-01-01,treatment\n"))],
    [
      "a CSV line the form cannot hold",
      () =>
        openDocument(
          "log.csv",
          text("Date,Activity,Format,Provider,Credential,Quantity,Notes\n2024-01-10,treatment,In person,Jane Roe,CST-T,6,first, second\n"),
          null,
        ),
    ],
  ];
  for (const [name, run] of cases) {
    try {
      refusals.push({ name, error: await refused(run) });
    } catch (error) {
      throw new Error(`${name}: ${String(error)}`);
    }
  }
});

afterAll(async () => {
  await new Promise((resolve) => server.close(resolve));
  rmSync(folder, { recursive: true, force: true });
});

const english = translator();

/** Every message id in some words, nested ones too. */
function idsOf(words: Words): string[] {
  return [
    words.id,
    ...Object.values(words.values ?? {}).flatMap((value) => (typeof value === "object" && "id" in value ? idsOf(value) : [])),
  ];
}

test("every reader's refusal, its words formatted in English, is its message exactly", () => {
  expect(refusals.length).toBeGreaterThan(70);
  for (const { name, error } of refusals) expect({ name, text: formatFindingWords(english, error) }).toEqual({ name, text: error.message });
});

test("every message of a file that cannot be read is made by some refusal", () => {
  const made = new Set(refusals.flatMap(({ error }) => idsOf(error.words)));
  const catalog = Object.keys(ENGLISH).filter((id) => id.startsWith("unreadable."));
  expect(catalog.filter((id) => !made.has(id))).toEqual([]);
  expect([...made].filter((id) => !id.startsWith("finding.")).sort()).toEqual(catalog.sort());
});

test("the words stay out of what writes the error: its keys and JSON are what they were", () => {
  const { error } = refusals.find(({ name }) => name === "an empty CSV")!;
  expect(Object.keys(error)).toEqual(["name"]);
  expect(JSON.parse(JSON.stringify(error))).toEqual({ name: "UnreadableFileError" });
  expect(error.message).toBe(
    "the file is empty: the first line must be the header row Date,Activity,Format,Provider,Credential,Quantity,Notes",
  );
});

test.each(["es", "pt-BR", "de", "fr", "ja"])(
  "in %s every refusal is worded in that language, quoting what English quotes",
  async (language) => {
    const wording = translator(language, await loadMessages(language));
    for (const { name, error } of refusals) {
      const worded = findingText(wording, error);
      expect({ name, same: worded === error.message }).toEqual({ name, same: false });
      // A part's, a sheet's or a file's name, a path, a header row: quoted as they are.
      for (const value of Object.values(error.words.values ?? {})) {
        if (typeof value === "string" && value.length > 3 && error.message.includes(value) && /[/."]/.test(value)) {
          expect({ name, worded, quotes: worded.includes(value) }).toMatchObject({ name, quotes: true });
        }
      }
    }
  },
);

test("German writes numbers and sizes its own way; Japanese its own words", async () => {
  const german = translator("de", await loadMessages("de"));
  const japanese = translator("ja", await loadMessages("ja"));
  const of = (name: string) => refusals.find((each) => each.name === name)!.error;
  expect(findingText(german, of("a CSV too large"))).toBe(
    "Die Datei ist 600 MiB groß, mehr als ein CSV-Protokoll mit 1.048.576 Zeilen braucht: Sie wird nicht gelesen",
  );
  expect(findingText(german, of("a row beyond Excel's last"))).toBe(
    "Das Blatt „Tracking Form“ hat eine Zeile mit der Nummer 2.000.000.000, jenseits der letzten Zeile von Excel (1.048.576): Die Datei wird nicht gelesen",
  );
  expect(findingText(german, of("a cell's row beyond Excel's last"))).toContain("mit der Nummer 123456789,");
  expect(findingText(german, of("a zip bomb"))).toBe(
    "Der Teil a.xml wächst beim Entpacken auf das 350-Fache (1,4 MiB auf 500 MiB), wie bei einer ZIP-Bombe: Die Datei wird nicht gelesen",
  );
  expect(findingText(german, of("a CSV line the form cannot hold"))).toMatch(
    /^Zeile 2: Diese Zeile hat mehr Felder als die Kopfzeile: ", second" bleibt/,
  );
  expect(findingText(german, of("a folder without logs"))).toBe(
    `${join(folder, "empty")}: Der Ordner enthält keine .csv- oder .xlsx-Datei`,
  );
  expect(findingText(japanese, of("an empty CSV"))).toBe(
    "ファイルが空です。1 行目は見出し行 Date,Activity,Format,Provider,Credential,Quantity,Notes である必要があります",
  );
});
