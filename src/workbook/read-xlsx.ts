/**
 * Reads a tracking-form workbook (.xlsx) from its bytes: the `Profile`
 * sheet, the `MentorshipLog` table (or a sheet whose first row has the
 * headers), the date system, and the `Submission` sheet of an exported
 * submission. Workbooks come from Excel, LibreOffice, Google Sheets,
 * openpyxl, SheetJS, gnumeric and exceljs, so nothing here assumes more than
 * the file format (ECMA-376) promises, and whatever else a workbook carries
 * (charts, comments, images, pivot tables) is never opened.
 *
 * A strict reader of only the parts the form needs, over fflate and zip.js
 * (zip) and saxes (XML): sizes declared in the zip are checked before anything is
 * inflated, and worksheets are parsed as a stream, so memory follows the
 * log, not the file's XML (bench/readers.ts has the figures that chose it
 * over exceljs, which also stays the writer).
 *
 * No Node APIs: the bytes come in, so the same reader runs in the browser.
 */
import {
  type DateSystem,
  type FormDefinition,
  type StreamedLogInput,
  type WorkbookContent,
  FORM,
  LOG_COLUMNS,
  LOG_SHEET,
  LOG_TABLE,
  SUBMISSION_SHEET,
} from "../core";
import { UnreadableFileError } from "./errors";
import { NOT_A_WORKBOOK, zipFormatProblem } from "./formats";
import { LIMITS } from "./limits";
import {
  type Relationship,
  type TablePart,
  type WorkbookPart,
  relationshipsHandler,
  sharedStringsHandler,
  stylesHandler,
  tableHandler,
  workbookHandler,
} from "./ooxml";
import { type RowReader, sheetHandler } from "./sheet";
import { type StreamedRows, streamedTableLog } from "./sheet-stream";
import { TableRows } from "./table-rows";
import { HeaderRows, ProfileRows, SubmissionRows, mapColumns } from "./form-sheets";
import { type XmlHandler, xmlSink } from "./xml";
import { type PartSink, type ZipDirectory, partKey, readZipDirectory, streamParts } from "./zip";

/** Parses each named part with its handler. */
async function parseParts(directory: ZipDirectory, handlers: ReadonlyMap<string, XmlHandler>): Promise<void> {
  const names = [...handlers.keys()].filter((name) => directory.has(name));
  const sinks = new Map<string, PartSink>();
  for (const name of names) sinks.set(name, xmlSink(directory.get(name)?.name ?? name, handlers.get(name) as XmlHandler));
  await streamParts(directory, sinks);
}

interface Range {
  readonly top: number;
  readonly left: number;
  readonly bottom: number;
  readonly right: number;
}

/** Row and column numbers of an A1-style range ("B2:H40"; a single cell is a one-cell range), or null. */
export function decodeRange(ref: string): Range | null {
  const match = /^\$?([A-Z]{1,3})\$?(\d{1,7})(?::\$?([A-Z]{1,3})\$?(\d{1,7}))?$/i.exec(ref.trim());
  if (match === null) return null;
  const column = (letters: string) => [...letters.toUpperCase()].reduce((sum, letter) => sum * 26 + letter.charCodeAt(0) - 64, 0);
  const left = column(match[1] as string);
  const top = Number(match[2]);
  const right = match[3] === undefined ? left : column(match[3]);
  const bottom = match[4] === undefined ? top : Number(match[4]);
  const range = { top: Math.min(top, bottom), left: Math.min(left, right), bottom: Math.max(top, bottom), right: Math.max(left, right) };
  if (range.top < 1 || range.bottom > LIMITS.maxRow || range.left < 1 || range.right > LIMITS.maxColumn) return null;
  return range;
}

interface Worksheet {
  readonly name: string;
  readonly part: string;
  readonly relationships: ReadonlyMap<string, Relationship>;
}

const sameName = (a: string, b: string): boolean => a.trim().toLowerCase() === b.toLowerCase();

/** Relationships of every part that has them, by the part's key. */
async function readAllRelationships(directory: ZipDirectory): Promise<Map<string, Map<string, Relationship>>> {
  const all = new Map<string, Map<string, Relationship>>();
  const handlers = new Map<string, XmlHandler>();
  for (const name of directory.names()) {
    const match = /^(.*?)_rels\/([^/]*)\.rels$/i.exec(name.replace(/\\/g, "/").replace(/^\/+/, ""));
    if (match === null) continue;
    const source = `${match[1]}${match[2]}`;
    const relationships = new Map<string, Relationship>();
    all.set(partKey(source), relationships);
    handlers.set(name, relationshipsHandler(source, relationships));
  }
  await parseParts(directory, handlers);
  return all;
}

const firstOfType = (relationships: ReadonlyMap<string, Relationship> | undefined, type: string): string | null => {
  for (const relationship of relationships?.values() ?? [])
    if (relationship.type === type && relationship.target !== null) return relationship.target;
  return null;
};

/**
 * Reads a tracking-form workbook's bytes. Throws `UnreadableFileError` when
 * the bytes are not a workbook, when a limit of `LIMITS` is passed, or when
 * it has neither the `MentorshipLog` table nor a sheet with the headers.
 */
export async function readWorkbookLog(bytes: Uint8Array, form: FormDefinition = FORM): Promise<WorkbookContent> {
  return (await readWorkbookFile(bytes, form)).content;
}

/** A workbook's sheets, for saying what of it a tracking form does not carry (the web tracker's Open). */
export interface WorkbookSheets {
  /** Every sheet's name in the workbook's order, chart sheets and hidden sheets included. */
  readonly names: readonly string[];
  /** The sheet the log was read from. */
  readonly logSheet: string;
  /**
   * Whether the workbook is the tracking form alone, as this project writes it: its three sheets (the hidden
   * lists sheet too), a log table of the seven columns, no comments. Saving it again loses nothing of note.
   */
  readonly formOnly: boolean;
}

/** Reads a tracking-form workbook's bytes as `readWorkbookLog` does, with the names of its sheets. */
export async function readWorkbookFile(
  bytes: Uint8Array,
  form: FormDefinition = FORM,
  options: { readonly streamLog?: boolean } = {},
): Promise<{ content: WorkbookContent; sheets: WorkbookSheets; streamedLog?: StreamedLogInput }> {
  const directory = readZipDirectory(bytes);
  const problem = zipFormatProblem(directory);
  if (problem !== null) throw UnreadableFileError.of(problem);

  // 1. Relationships: they name the workbook part, its sheets, and each sheet's tables.
  const relationships = await readAllRelationships(directory);
  const workbookPartName =
    firstOfType(relationships.get(""), "officedocument") ?? (directory.has("xl/workbook.xml") ? "xl/workbook.xml" : null);
  if (workbookPartName === null || !directory.has(workbookPartName)) throw UnreadableFileError.of(NOT_A_WORKBOOK);
  const workbookRelationships = relationships.get(partKey(workbookPartName)) ?? new Map<string, Relationship>();

  // 2. The workbook part, shared strings, styles and table parts.
  const workbook: WorkbookPart = { sheets: [], date1904: false };
  const sharedStrings: string[] = [];
  const dateStyles: boolean[] = [];
  const handlers = new Map<string, XmlHandler>([[workbookPartName, workbookHandler(workbook)]]);
  const sharedStringsPart = firstOfType(workbookRelationships, "sharedstrings");
  if (sharedStringsPart !== null) handlers.set(sharedStringsPart, sharedStringsHandler(sharedStrings));
  const stylesPart = firstOfType(workbookRelationships, "styles");
  if (stylesPart !== null) handlers.set(stylesPart, stylesHandler(dateStyles));
  const tables = new Map<string, TablePart[]>();
  for (const relationship of workbookRelationships.values()) {
    if (relationship.type !== "worksheet" || relationship.target === null) continue;
    const sheetTables: TablePart[] = [];
    tables.set(partKey(relationship.target), sheetTables);
    for (const own of relationships.get(partKey(relationship.target))?.values() ?? []) {
      if (own.type !== "table" || own.target === null || handlers.has(own.target)) continue;
      const table: TablePart = { names: [], ref: "", headerRowCount: 1, totalsRowCount: 0, columns: [] };
      sheetTables.push(table);
      handlers.set(own.target, tableHandler(table));
    }
  }
  await parseParts(directory, handlers);
  const dateSystem: DateSystem = workbook.date1904 ? "1904" : "1900";

  const worksheets: Worksheet[] = [];
  for (const sheet of workbook.sheets) {
    const relationship = workbookRelationships.get(sheet.relationshipId);
    if (relationship?.type !== "worksheet" || relationship.target === null || !directory.has(relationship.target)) continue;
    worksheets.push({
      name: sheet.name,
      part: relationship.target,
      relationships: relationships.get(partKey(relationship.target)) ?? new Map(),
    });
  }

  // 3. Which sheets to read, and what to keep of each.
  const readers = new Map<Worksheet, RowReader[]>();
  const addReader = (sheet: Worksheet, reader: RowReader): void => {
    readers.set(sheet, [...(readers.get(sheet) ?? []), reader]);
  };
  let tableRows: TableRows | null = null;
  let streamed: { sheet: Worksheet; rows: () => StreamedRows } | null = null;
  const noSubmission = !worksheets.some((sheet) => sameName(sheet.name, SUBMISSION_SHEET));
  let tableSheet: string | null = null;
  let tableWidth = 0;
  for (const sheet of worksheets) {
    const table = tables.get(partKey(sheet.part))?.find((candidate) => candidate.names.some((name) => sameName(name, LOG_TABLE)));
    if (table === undefined) continue;
    const range = decodeRange(table.ref);
    if (range === null)
      throw new UnreadableFileError(
        `the ${LOG_TABLE} table has no readable range (${JSON.stringify(table.ref)}): recreate the table`,
        "unreadable.table.badRange",
        { table: LOG_TABLE, range: JSON.stringify(table.ref) },
      );
    const names = new Map<number, string>();
    table.columns.forEach((name, index) => names.set(range.left + index, name.trim().toLowerCase()));
    const mapped = mapColumns(names);
    if ("missing" in mapped) {
      throw new UnreadableFileError(
        `the ${LOG_TABLE} table lacks the column${mapped.missing.length > 1 ? "s" : ""} ${mapped.missing.join(", ")}: its headers must be ${LOG_COLUMNS.join(", ")}`,
        "unreadable.table.missingColumns",
        { table: LOG_TABLE, count: mapped.missing.length, columns: mapped.missing.join(", "), headers: LOG_COLUMNS.join(", ") },
      );
    }
    const newTableRows = () =>
      new TableRows(range.top + table.headerRowCount, range.bottom - table.totalsRowCount, mapped.columns, {
        left: range.left,
        right: range.right,
        growsDown: table.totalsRowCount === 0,
      });
    tableRows = newTableRows();
    tableSheet = sheet.name;
    tableWidth = range.right - range.left + 1;
    // To verify a log that is no submission, its rows are checked as they stream (sheet-stream.ts), never all held.
    const alone = !worksheets.some(
      (other) => sameName(other.name, SUBMISSION_SHEET) || (other === sheet && sameName(other.name, form.profileSheet)),
    );
    if (options.streamLog === true && alone) streamed = { sheet, rows: newTableRows };
    else addReader(sheet, tableRows);
    break;
  }
  // Without the table: the Tracking Form sheet with the headers in its first row, else the first other sheet with them.
  const candidates: { sheet: Worksheet; reader: HeaderRows }[] = [];
  if (tableRows === null) {
    const ordered = [
      ...worksheets.filter((sheet) => sameName(sheet.name, LOG_SHEET)),
      ...worksheets.filter((sheet) => !sameName(sheet.name, LOG_SHEET)),
    ];
    for (const sheet of ordered) {
      const reader = new HeaderRows(options.streamLog === true && noSubmission);
      candidates.push({ sheet, reader });
      addReader(sheet, reader);
    }
  }
  const profileSheet = worksheets.find((sheet) => sameName(sheet.name, form.profileSheet));
  const profile = new ProfileRows();
  if (profileSheet !== undefined) addReader(profileSheet, profile);
  const submissionSheet = worksheets.find((sheet) => sameName(sheet.name, SUBMISSION_SHEET));
  const submission = new SubmissionRows();
  if (submissionSheet !== undefined) addReader(submissionSheet, submission);

  // 4. The sheets, each streamed to its readers.
  const sheetHandlers = new Map<string, XmlHandler>();
  for (const [sheet, sheetReaders] of readers) {
    sheetHandlers.set(sheet.part, sheetHandler({ sharedStrings, dateStyles, dateSystem, sheetName: sheet.name }, sheetReaders));
  }
  await parseParts(directory, sheetHandlers);
  tableRows?.finish(LOG_TABLE);

  const matched = candidates.find((candidate) => candidate.reader.matched);
  if (matched !== undefined && options.streamLog === true && noSubmission && !sameName(matched.sheet.name, form.profileSheet)) {
    streamed = { sheet: matched.sheet, rows: () => new HeaderRows() };
  }
  const logRows = tableRows?.rows ?? matched?.reader.rows ?? null;
  const logSheet = tableSheet ?? matched?.sheet.name ?? null;
  if (logRows === null || logSheet === null) {
    throw new UnreadableFileError(
      `it has no ${LOG_TABLE} table and no sheet ("${LOG_SHEET}" or another) whose first row has the headers ${LOG_COLUMNS.join(", ")}: insert the tracking form, or start from the template`,
      "unreadable.noLog",
      { table: LOG_TABLE, sheet: LOG_SHEET, headers: LOG_COLUMNS.join(", ") },
    );
  }
  const streamedLog =
    streamed === null
      ? undefined
      : await streamedTableLog(
          directory,
          streamed.sheet.part,
          { sharedStrings, dateStyles, dateSystem, sheetName: streamed.sheet.name },
          streamed.rows,
          {
            profileCells: profileSheet === undefined ? form.profile.map(() => "") : profile.profileCells(form),
            dateSystem,
          },
        );
  const content: WorkbookContent = {
    log: {
      rows: logRows,
      profileCells: profileSheet === undefined ? form.profile.map(() => "") : profile.profileCells(form),
      dateSystem,
    },
    hasLog: true,
    hasProfile: profileSheet !== undefined,
    submissionRows: submissionSheet === undefined ? null : submission.rows,
  };
  const names = workbook.sheets.map((sheet) => sheet.name);
  const formSheets = [form.profileSheet, form.logSheet, form.listsSheet];
  const hasComments = worksheets.some((sheet) => [...sheet.relationships.values()].some((each) => /comment/i.test(each.type)));
  const formOnly =
    names.length === formSheets.length &&
    formSheets.every((name) => names.some((each) => sameName(each, name))) &&
    tableWidth === form.log.length &&
    !hasComments;
  return { content, sheets: { names, logSheet, formOnly }, ...(streamedLog === undefined ? {} : { streamedLog }) };
}
