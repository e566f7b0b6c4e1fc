/**
 * Files built to hurt a reader, and a genuine log of Excel's 1,048,576 rows,
 * written at test time for test/cli/hostile.test.ts and bench/readers.ts.
 * The worksheet XML here is test data written by hand; the zip is fflate's.
 */
import { closeSync, openSync, writeFileSync, writeSync } from "node:fs";
import { constants, crc32, deflateRawSync } from "node:zlib";
import { Zip, ZipDeflate, deflateSync, strFromU8, strToU8, unzipSync, zipSync } from "fflate";
import { buildWorkbook, utcDate } from "../workbook/build";

const WORKSHEET_OPEN =
  '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><sheetData>';
const WORKSHEET_CLOSE = "</sheetData></worksheet>";
const RELATIONSHIPS = "http://schemas.openxmlformats.org/officeDocument/2006/relationships";

/** The package parts of a one-sheet workbook ("Tracking Form") around a worksheet, with a date style (s="1"). */
function packageParts(sharedStrings: string | null): Record<string, string> {
  return {
    "[Content_Types].xml":
      '<?xml version="1.0" encoding="UTF-8"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/><Default Extension="xml" ContentType="application/xml"/><Override PartName="/xl/workbook.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/><Override PartName="/xl/worksheets/sheet1.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/><Override PartName="/xl/styles.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.styles+xml"/><Override PartName="/xl/sharedStrings.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sharedStrings+xml"/></Types>',
    "_rels/.rels": `<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="${RELATIONSHIPS}/officeDocument" Target="xl/workbook.xml"/></Relationships>`,
    "xl/workbook.xml": `<?xml version="1.0" encoding="UTF-8"?><workbook xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" xmlns:r="${RELATIONSHIPS}"><sheets><sheet name="Tracking Form" sheetId="1" r:id="rId1"/></sheets></workbook>`,
    "xl/_rels/workbook.xml.rels": `<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="${RELATIONSHIPS}/worksheet" Target="worksheets/sheet1.xml"/><Relationship Id="rId2" Type="${RELATIONSHIPS}/styles" Target="styles.xml"/>${sharedStrings === null ? "" : `<Relationship Id="rId3" Type="${RELATIONSHIPS}/sharedStrings" Target="sharedStrings.xml"/>`}</Relationships>`,
    "xl/styles.xml":
      '<?xml version="1.0" encoding="UTF-8"?><styleSheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><cellXfs count="2"><xf numFmtId="0"/><xf numFmtId="14" applyNumberFormat="1"/></cellXfs></styleSheet>',
    ...(sharedStrings === null ? {} : { "xl/sharedStrings.xml": sharedStrings }),
  };
}

const HEADER_ROW = `<row r="1">${["Date", "Activity", "Format", "Provider", "Credential", "Quantity", "Notes"]
  .map((header, index) => `<c r="${String.fromCharCode(65 + index)}1" t="inlineStr"><is><t>${header}</t></is></c>`)
  .join("")}</row>`;

/** Writes a workbook whose worksheet is streamed from `rows` (called until it returns null), deflated as it goes. */
function writeStreamedWorkbook(file: string, rows: () => string | null, sharedStrings: string | null = null, level: 1 | 6 = 1): void {
  const fd = openSync(file, "w");
  const zip = new Zip((error, chunk) => {
    if (error) throw error;
    writeSync(fd, chunk);
  });
  for (const [name, text] of Object.entries(packageParts(sharedStrings))) {
    const entry = new ZipDeflate(name, { level: 1 });
    zip.add(entry);
    entry.push(strToU8(text), true);
  }
  const sheet = new ZipDeflate("xl/worksheets/sheet1.xml", { level });
  zip.add(sheet);
  sheet.push(strToU8(WORKSHEET_OPEN + HEADER_ROW));
  for (let chunk = rows(); chunk !== null; chunk = rows()) sheet.push(strToU8(chunk));
  sheet.push(strToU8(WORKSHEET_CLOSE), true);
  zip.end();
  closeSync(fd);
}

/** A zip bomb: about 1.4 MB of zip holding 0.45 GB of worksheet XML, sizes declared truthfully. */
export function writeZipBomb(file: string): void {
  const row = `<row><c t="inlineStr"><is><t>${"A".repeat(4000)}</t></is></c></row>`.repeat(256);
  let left = Math.ceil((0.45 * 1e9) / row.length);
  writeStreamedWorkbook(file, () => (left-- > 0 ? row : null), null, 6);
}

/** An XML entity-expansion bomb ("billion laughs") in the shared strings. */
export function writeEntityBomb(file: string): void {
  const entities = Array.from({ length: 9 }, (_, i) => `<!ENTITY lol${i + 1} "${`&lol${i};`.repeat(10)}">`).join("");
  const bomb = `<?xml version="1.0"?><!DOCTYPE sst [<!ENTITY lol0 "lol">${entities}]><sst xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><si><t>&lol9;</t></si></sst>`;
  const parts = Object.fromEntries(Object.entries(packageParts(bomb)).map(([name, text]) => [name, strToU8(text)]));
  parts["xl/worksheets/sheet1.xml"] = strToU8(
    `${WORKSHEET_OPEN}${HEADER_ROW}<row r="2"><c r="A2" t="s"><v>0</v></c></row>${WORKSHEET_CLOSE}`,
  );
  writeFileSync(file, zipSync(parts));
}

/** A 6 KB workbook with one more cell, in row 2,000,000,000. */
export async function writeFarRow(file: string): Promise<void> {
  const bytes = await buildWorkbook({ rows: [[utcDate("2024-01-10"), "treatment", "In person", "J", "CST-T", 6, null]] });
  const parts = unzipSync(bytes);
  const sheetName = Object.keys(parts).find((name) => /worksheets\/sheet\d+\.xml$/.test(name)) as string;
  parts[sheetName] = strToU8(
    strFromU8(parts[sheetName] as Uint8Array).replace(
      "</sheetData>",
      '<row r="2000000000"><c r="A2000000000"><v>1</v></c></row></sheetData>',
    ),
  );
  writeFileSync(file, zipSync(parts));
}

export const LAST_ROW = 1_048_576;
const ACTIVITIES = [
  ["treatment", "In person", "CST-T"],
  ["small-group", "Virtual", ""],
  ["one-on-one", "Virtual", "Mentor"],
] as const;
const DAY0 = Date.UTC(2023, 0, 1);
const MS_PER_DAY = 86_400_000;
const dayNumber = (row: number): number => DAY0 / MS_PER_DAY + (row % 700);

/**
 * Hours per category of the whole log below: every row to Excel's last, one
 * hour each, cycling A, B, C over 700 days, each with its own provider.
 * Without a certification, it earns exactly one credit.
 */
export function wholeLogHours(): { A: number; B: number; C: number } {
  const rows = LAST_ROW - 1;
  const count = (offset: number) => Math.floor((rows - offset + 2) / 3);
  return { A: count(0), B: count(1), C: count(2) };
}

export function writeWholeCsv(file: string): void {
  const fd = openSync(file, "w");
  writeSync(fd, "Date,Activity,Format,Provider,Credential,Quantity,Notes\n");
  let chunk = "";
  for (let row = 2; row <= LAST_ROW; row++) {
    const [activity, format, credential] = ACTIVITIES[(row - 2) % 3] as readonly [string, string, string];
    chunk += `${new Date(dayNumber(row) * MS_PER_DAY).toISOString().slice(0, 10)},${activity},${format},Provider ${row},${credential},1,\n`;
    if (chunk.length > 1 << 20) {
      writeSync(fd, chunk);
      chunk = "";
    }
  }
  writeSync(fd, chunk);
  closeSync(fd);
}

export function writeWholeWorkbook(file: string): void {
  const strings = ["treatment", "small-group", "one-on-one", "In person", "Virtual", "CST-T", "Mentor"];
  const sharedStrings = `<?xml version="1.0" encoding="UTF-8"?><sst xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main">${strings.map((text) => `<si><t>${text}</t></si>`).join("")}</sst>`;
  const cells = [
    [0, 3, 5],
    [1, 4, -1],
    [2, 4, 6],
  ];
  let row = 2;
  writeStreamedWorkbook(
    file,
    () => {
      if (row > LAST_ROW) return null;
      let chunk = "";
      for (let i = 0; i < 4096 && row <= LAST_ROW; i++, row++) {
        const [activity, format, credential] = cells[(row - 2) % 3] as [number, number, number];
        chunk += `<row r="${row}"><c r="A${row}" s="1"><v>${dayNumber(row) + 25_569}</v></c><c r="B${row}" t="s"><v>${activity}</v></c><c r="C${row}" t="s"><v>${format}</v></c><c r="D${row}" t="inlineStr"><is><t>Provider ${row}</t></is></c>${credential < 0 ? "" : `<c r="E${row}" t="s"><v>${credential}</v></c>`}<c r="F${row}"><v>1</v></c></row>`;
      }
      return chunk;
    },
    sharedStrings,
  );
}

/** One entry of a zip written byte by byte: its name as stored, deflated data, and what it inflates to. */
export interface RawZipEntry {
  readonly name: string;
  readonly deflated: Uint8Array | readonly Uint8Array[];
  readonly crc: number;
  readonly size: number;
}

/**
 * Writes a zip of deflated entries as given, names repeated or not (a zip
 * library will not write two entries for one name): local headers, data,
 * central directory, end record.
 */
export function writeRawZip(file: string, entries: readonly RawZipEntry[]): void {
  const fd = openSync(file, "w");
  const central: Uint8Array[] = [];
  let offset = 0;
  const header = (signature: number, length: number): { bytes: Uint8Array; view: DataView } => {
    const bytes = new Uint8Array(length);
    const view = new DataView(bytes.buffer);
    view.setUint32(0, signature, true);
    return { bytes, view };
  };
  for (const entry of entries) {
    const name = strToU8(entry.name);
    const chunks = entry.deflated instanceof Uint8Array ? [entry.deflated] : entry.deflated;
    const compressed = chunks.reduce((sum, chunk) => sum + chunk.length, 0);
    const local = header(0x04034b50, 30 + name.length);
    local.view.setUint16(4, 20, true);
    local.view.setUint16(8, 8, true);
    local.view.setUint32(14, entry.crc, true);
    local.view.setUint32(18, compressed, true);
    local.view.setUint32(22, entry.size, true);
    local.view.setUint16(26, name.length, true);
    local.bytes.set(name, 30);
    const record = header(0x02014b50, 46 + name.length);
    record.view.setUint16(4, 20, true);
    record.view.setUint16(6, 20, true);
    record.view.setUint16(10, 8, true);
    record.view.setUint32(16, entry.crc, true);
    record.view.setUint32(20, compressed, true);
    record.view.setUint32(24, entry.size, true);
    record.view.setUint16(28, name.length, true);
    record.view.setUint32(42, offset, true);
    record.bytes.set(name, 46);
    central.push(record.bytes);
    writeSync(fd, local.bytes);
    for (const chunk of chunks) writeSync(fd, chunk);
    offset += local.bytes.length + compressed;
  }
  const directorySize = central.reduce((sum, record) => sum + record.length, 0);
  for (const record of central) writeSync(fd, record);
  const end = header(0x06054b50, 22);
  end.view.setUint16(8, entries.length, true);
  end.view.setUint16(10, entries.length, true);
  end.view.setUint32(12, directorySize, true);
  end.view.setUint32(16, offset, true);
  writeSync(fd, end.bytes);
  closeSync(fd);
}

/** A zip entry of these bytes, deflated. */
export function rawEntry(name: string, bytes: Uint8Array): RawZipEntry {
  return { name, deflated: deflateSync(bytes, { level: 6 }), crc: crc32(bytes), size: bytes.length };
}

/**
 * A tracking-form workbook whose worksheet part is in the zip twice: `copy`
 * names the second entry (another spelling of the part's name, or the same
 * name), which holds the log's row twice over.
 */
export async function writeDuplicatedSheet(file: string, copy: (name: string) => string): Promise<void> {
  const row = [utcDate("2024-01-10"), "treatment", "In person", "J", "CST-T", 6, null];
  const parts = unzipSync(await buildWorkbook({ rows: [row] }));
  const doubled = unzipSync(await buildWorkbook({ rows: [row, row] }));
  const sheetName = Object.keys(parts).find((name) => /worksheets\/sheet\d+\.xml$/.test(name)) as string;
  const entries = Object.entries(parts).map(([name, bytes]) => rawEntry(name, bytes));
  entries.push(rawEntry(copy(sheetName), doubled[sheetName] as Uint8Array));
  writeRawZip(file, entries);
}

/**
 * About 3 MB of zip holding one worksheet part three times, each copy
 * declaring (truthfully) 1 GB: 1,000 pieces of 1 MB, each deflated on its
 * own and ended with a full flush, so that one deflated piece, repeated,
 * is the deflated gigabyte.
 */
export function writeTripledGigabytePart(file: string): void {
  const spaces = new Uint8Array(1_000_000).fill(0x20);
  const first = spaces.slice();
  first.set(strToU8(WORKSHEET_OPEN + HEADER_ROW));
  const fullFlush = { level: 9, finishFlush: constants.Z_FULL_FLUSH };
  const deflatedFirst = deflateRawSync(first, fullFlush);
  const deflatedSpaces = deflateRawSync(spaces, fullFlush);
  let crc = crc32(first);
  for (let i = 1; i < 1000; i++) crc = crc32(spaces, crc);
  const chunks = [deflatedFirst, ...Array.from({ length: 999 }, () => deflatedSpaces), deflateRawSync(new Uint8Array(0))];
  const entry: RawZipEntry = { name: "xl/worksheets/sheet1.xml", deflated: chunks, crc, size: 1_000_000_000 };
  const parts = Object.entries(packageParts(null)).map(([name, text]) => rawEntry(name, strToU8(text)));
  writeRawZip(file, [...parts, entry, { ...entry, name: "xl/worksheets/Sheet1.xml" }, { ...entry, name: "/xl/worksheets/sheet1.xml" }]);
}
