/**
 * Writes a long sheet's rows as the package is zipped, a few hundred at a
 * time, into a workbook exceljs has written with stand-in rows only: one row
 * of each kind the sheet holds (`submission-rows.ts` chooses them). exceljs
 * holds several objects per cell and builds each part whole before zipping
 * it: a 100,000-row submission took it two gigabytes. Here memory follows
 * the rows of one piece.
 *
 * Each row of the sheet is either a stand-in row copied (the header, the
 * totals), or a row filled with its own values in the cells of a stand-in
 * row of its kind: the same styles (so the same number formats, borders and
 * alignment), a height of its own. The references that span the rows (the
 * sheet's extent, the table's range and its filter's, the ranges of the
 * dropdowns, the print area) are made to span the rows written.
 *
 * No Node APIs: the add-in and the web tracker export with this too.
 */
import type ExcelJS from "exceljs";
import { Zip, ZipDeflate, strFromU8, strToU8, unzipSync } from "fflate";
import { AddedStrings, cellXml, uniqueCount, withAddedStrings } from "./cell-xml";

/** Rows made into XML and deflated at a time. */
const ROWS_PER_PIECE = 512;

/** One row of a streamed sheet: a copy of stand-in row `like`, or its cells filled with `cells` and given `height`. */
export type StreamedRow =
  | { readonly row: number; readonly like: number }
  | { readonly row: number; readonly like: number; readonly cells: readonly ExcelJS.CellValue[]; readonly height: number | undefined };

export interface StreamedSheet {
  readonly name: string;
  /** The sheet's last row once written (its extent); without it, the stand-in's extent moved by `shift`. */
  readonly lastRow?: number;
  /** Row numbers of the stand-in at or after `shiftFrom` move by `shift` in the ranges that span the rows. */
  readonly shiftFrom: number;
  readonly shift: number;
  /** Stand-in rows numbered from this one (the totals below a table) are copied after `rows`, moved by `shift`. */
  readonly restFrom?: number;
  /** Every row of the sheet, in order. */
  rows(): Iterable<StreamedRow>;
}

/** A stand-in row: its attributes after `r`, its cells (column letter, style attribute, XML) and its XML. */
interface StandInRow {
  readonly attributes: string;
  readonly cells: readonly { readonly letter: string; readonly column: number; readonly style: string }[];
  readonly xml: string;
}

const ROW = /<row r="(\d+)"([^>]*)>(.*?)<\/row>|<row r="(\d+)"([^>]*)\/>/gs;
const CELL = /<c r="([A-Z]+)(\d+)"( s="\d+")?/g;

function columnNumber(letters: string): number {
  let number = 0;
  for (const letter of letters) number = number * 26 + letter.charCodeAt(0) - 64;
  return number;
}

function standInRows(sheetData: string): Map<number, StandInRow> {
  const rows = new Map<number, StandInRow>();
  for (const match of sheetData.matchAll(ROW)) {
    const number = Number(match[1] ?? match[4]);
    const cells = [...(match[3] ?? "").matchAll(CELL)].map((cell) => ({
      letter: cell[1] as string,
      column: columnNumber(cell[1] as string),
      style: cell[3] ?? "",
    }));
    rows.set(number, { attributes: (match[2] ?? match[5] ?? "").replace(/ ht="[^"]*"| customHeight="1"/g, ""), cells, xml: match[0] });
  }
  return rows;
}

/** A stand-in row's XML at another row number. */
function copied(row: StandInRow, from: number, to: number): string {
  if (from === to) return row.xml;
  return row.xml
    .replace(`<row r="${from}"`, `<row r="${to}"`)
    .replace(/(<c r="[A-Z]+)(\d+)"/g, (_whole, start: string) => `${start}${to}"`);
}

function filled(
  template: StandInRow,
  row: number,
  cells: readonly ExcelJS.CellValue[],
  height: number | undefined,
  strings: AddedStrings,
): string {
  let xml = `<row r="${row}"${height === undefined ? "" : ` ht="${height}" customHeight="1"`}${template.attributes}>`;
  let written = 0;
  for (const cell of template.cells) {
    const value = cells[cell.column - 1];
    if (value !== null && value !== undefined) written++;
    xml += cellXml(`${cell.letter}${row}`, cell.style, value ?? null, strings);
  }
  if (written !== cells.filter((value) => value !== null && value !== undefined).length) {
    throw new Error(`row ${row} holds a value in a column its stand-in row has no cell in`);
  }
  return `${xml}</row>`;
}

/** A reference's row numbers at or after `from` moved by `shift` (after the sheet's name, where there is one). */
function shifted(reference: string, from: number, shift: number): string {
  const bang = reference.lastIndexOf("!");
  const move = (text: string) =>
    text.replace(
      /(\$?[A-Z]{1,3}\$?)(\d+)/g,
      (_whole, column: string, row: string) => `${column}${Number(row) >= from ? Number(row) + shift : row}`,
    );
  return bang < 0 ? move(reference) : `${reference.slice(0, bang + 1)}${move(reference.slice(bang + 1))}`;
}

/** A stand-in row number where the written sheet has it. */
const movedRow = (row: number, sheet: StreamedSheet): number => (row >= sheet.shiftFrom ? row + sheet.shift : row);

function expect(condition: boolean, what: string): asserts condition {
  if (!condition) throw new Error(`the workbook exceljs wrote is not as expected: ${what}`);
}

/** Attribute values as written in XML (sheet names are matched escaped). */
const escapedAttribute = (text: string): string =>
  text.replace(/&/g, "&amp;").replace(/"/g, "&quot;").replace(/</g, "&lt;").replace(/>/g, "&gt;").replace(/'/g, "&apos;");

/** The sheet's index in the workbook and its part name, through the workbook's relationships. */
function sheetPart(workbook: string, relationships: string, name: string): { index: number; part: string } {
  const sheets = [...workbook.matchAll(/<sheet\s[^>]*>/g)].map((match) => match[0]);
  const index = sheets.findIndex((tag) => tag.includes(` name="${escapedAttribute(name)}"`));
  expect(index >= 0, `no sheet ${name}`);
  const id = / r:id="([^"]+)"/.exec(sheets[index] as string)?.[1];
  const target = [...relationships.matchAll(/<Relationship\s[^>]*>/g)].map((match) => match[0]).find((tag) => tag.includes(` Id="${id}"`));
  const path = target === undefined ? undefined : / Target="([^"]+)"/.exec(target)?.[1];
  expect(path !== undefined, `no part for sheet ${name}`);
  return { index, part: path.startsWith("/") ? path.slice(1) : `xl/${path}` };
}

/** The table parts a sheet's relationships name. */
function tablesOf(parts: Record<string, Uint8Array>, sheetPartName: string): string[] {
  const slash = sheetPartName.lastIndexOf("/");
  const rels = parts[`${sheetPartName.slice(0, slash)}/_rels/${sheetPartName.slice(slash + 1)}.rels`];
  if (rels === undefined) return [];
  return [...strFromU8(rels).matchAll(/<Relationship\s[^>]*Type="[^"]*\/table"[^>]*>/g)].map((match) => {
    const target = / Target="([^"]+)"/.exec(match[0])?.[1] ?? "";
    return target.startsWith("/") ? target.slice(1) : `xl/${target.replace(/^\.\.\//, "")}`;
  });
}

/** The sheet's XML around its rows, with its extent and its dropdowns' ranges made to span the rows written. */
function sheetEnds(xml: string, sheet: StreamedSheet): { head: string; standIns: Map<number, StandInRow>; tail: string } {
  const open = xml.indexOf("<sheetData>");
  const close = xml.indexOf("</sheetData>");
  expect(open >= 0 && close > open, "a sheet without its rows");
  const dimension = /<dimension ref="([A-Z]+\d+):([A-Z]+)(\d+)"\/>/.exec(xml.slice(0, open));
  expect(dimension !== null, "a sheet without its extent");
  const head = xml
    .slice(0, open + "<sheetData>".length)
    .replace(dimension[0], `<dimension ref="${dimension[1]}:${dimension[2]}${sheet.lastRow ?? movedRow(Number(dimension[3]), sheet)}"/>`);
  let tail = xml.slice(close);
  if (sheet.shift !== 0)
    tail = tail.replace(/ sqref="([^"]*)"/g, (_whole, ranges: string) => ` sqref="${shifted(ranges, sheet.shiftFrom, sheet.shift)}"`);
  return { head, standIns: standInRows(xml.slice(open + "<sheetData>".length, close)), tail };
}

function* rowPieces(sheet: StreamedSheet, standIns: ReadonlyMap<number, StandInRow>, strings: AddedStrings): Generator<string> {
  let piece = "";
  let count = 0;
  const rest = [...standIns.keys()]
    .filter((row) => sheet.restFrom !== undefined && row >= sheet.restFrom)
    .sort((a, b) => a - b)
    .map((row): StreamedRow => ({ row: row + sheet.shift, like: row }));
  function* all(): Generator<StreamedRow> {
    yield* sheet.rows();
    yield* rest;
  }
  for (const each of all()) {
    const standIn = standIns.get(each.like);
    expect(standIn !== undefined, `no stand-in row ${each.like} in ${sheet.name}`);
    piece += "cells" in each ? filled(standIn, each.row, each.cells, each.height, strings) : copied(standIn, each.like, each.row);
    if (++count % ROWS_PER_PIECE === 0) {
      yield piece;
      piece = "";
    }
  }
  if (piece !== "") yield piece;
}

/**
 * The workbook `bytes` (as exceljs wrote them, with stand-in rows) with each
 * sheet of `sheets` holding its rows.
 */
export function withStreamedRows(bytes: Uint8Array, sheets: readonly StreamedSheet[]): Uint8Array {
  const parts = unzipSync(bytes);
  const workbookPart = "xl/workbook.xml";
  const sharedPart = "xl/sharedStrings.xml";
  let workbook = strFromU8(parts[workbookPart] ?? new Uint8Array());
  const relationships = strFromU8(parts["xl/_rels/workbook.xml.rels"] ?? new Uint8Array());
  const shared = parts[sharedPart] === undefined ? null : strFromU8(parts[sharedPart]);
  const strings = new AddedStrings(uniqueCount(shared));
  const streamed = new Map<string, { sheet: StreamedSheet; head: string; standIns: Map<number, StandInRow>; tail: string }>();
  const changed = new Map<string, string>();
  for (const sheet of sheets) {
    const { index, part } = sheetPart(workbook, relationships, sheet.name);
    const xml = parts[part];
    expect(xml !== undefined, `no part ${part}`);
    streamed.set(part, { sheet, ...sheetEnds(strFromU8(xml), sheet) });
    if (sheet.shift === 0) continue;
    for (const table of tablesOf(parts, part)) {
      const tableXml = parts[table];
      expect(tableXml !== undefined, `no table part ${table}`);
      changed.set(
        table,
        strFromU8(tableXml).replace(/ ref="([^"]*)"/g, (_whole, range: string) => ` ref="${shifted(range, sheet.shiftFrom, sheet.shift)}"`),
      );
    }
    workbook = workbook.replace(
      new RegExp(`(<definedName name="_xlnm\\.Print_Area" localSheetId="${index}">)([^<]*)(</definedName>)`),
      (_whole, open: string, reference: string, close: string) => `${open}${shifted(reference, sheet.shiftFrom, sheet.shift)}${close}`,
    );
  }
  changed.set(workbookPart, workbook);
  const chunks: Uint8Array[] = [];
  let length = 0;
  const zip = new Zip((error, chunk) => {
    if (error) throw error;
    chunks.push(chunk);
    length += chunk.length;
  });
  const add = (name: string, pieces: Iterable<Uint8Array>): void => {
    const entry = new ZipDeflate(name, { level: 6 });
    zip.add(entry);
    for (const piece of pieces) entry.push(piece);
    entry.push(new Uint8Array(0), true);
  };
  for (const [name, data] of Object.entries(parts)) {
    // exceljs's folder entries are no part (OPC); the shared strings go last, once the rows have added theirs.
    if (name.endsWith("/") || name === sharedPart) continue;
    const sheet = streamed.get(name);
    const xml = changed.get(name);
    if (sheet === undefined) {
      add(name, [xml === undefined ? data : strToU8(xml)]);
      continue;
    }
    add(
      name,
      (function* () {
        yield strToU8(sheet.head);
        for (const piece of rowPieces(sheet.sheet, sheet.standIns, strings)) yield strToU8(piece);
        yield strToU8(sheet.tail);
      })(),
    );
  }
  if (shared !== null) add(sharedPart, [strToU8(withAddedStrings(shared, strings))]);
  else expect(strings.texts.length === 0, "texts without shared strings");
  zip.end();
  const whole = new Uint8Array(length);
  let offset = 0;
  for (const chunk of chunks) {
    whole.set(chunk, offset);
    offset += chunk.length;
  }
  return whole;
}
