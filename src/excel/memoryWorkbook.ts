/**
 * The workbook in memory: plain arrays of cells, for the browser preview and
 * the tests. It follows the Office.js workbook's rules (the table, the Status
 * column, never writing over input) so the UI behaves the same on both.
 */
import {
  type CellValue,
  type DateSystem,
  type LogRow,
  LOG_COLUMN_DEFINITIONS,
  LOG_COLUMNS,
  LOG_SHEET,
  LOG_TABLE,
  PROFILE_ROW_DEFINITIONS,
  PROFILE_SHEET,
  SUBMISSION_SHEET,
  isEmptyRow,
} from "../core";
import {
  type FormContent,
  type GoToTarget,
  type InsertFormResult,
  type RowMark,
  type TrackingWorkbook,
  type VerificationLine,
  FORM_LISTS_SHEET,
  INPUT_COLUMN_COUNT,
  NO_FORM_MESSAGE,
  NO_PROFILE_MESSAGE,
  STATUS_HEADER,
  VERIFICATION_SHEET,
  WorkbookError,
  existingFormReason,
  firstFreeRowIndex,
} from "./workbook";

export interface MemorySheet {
  readonly name: string;
  /** Rows from worksheet row 1; cells from column A. */
  readonly cells: CellValue[][];
  /** Number formats by column index (whole columns, as the form sets them). */
  readonly columnFormats: Record<number, string>;
  /** Number formats of single cells, keyed "row,column" (row from 1, column from 0). */
  readonly cellFormats: Record<string, string>;
  readonly hidden: boolean;
}

export interface MemoryTable {
  readonly name: string;
  readonly sheet: string;
  /** Worksheet row of the header row; the table starts in column A. */
  readonly headerRow: number;
  readonly headers: string[];
  /** Data rows, not counting the header. */
  dataRows: number;
  /** Dropdown choices by column index. */
  readonly choices: Record<number, readonly string[]>;
}

export interface MemorySelection {
  readonly sheet: string;
  readonly row: number;
  /** Columns selected, from index 0. */
  readonly columns: number;
}

export interface MemorySnapshot {
  readonly version: number;
  readonly sheets: readonly MemorySheet[];
  readonly tables: readonly MemoryTable[];
  readonly selection: MemorySelection | null;
  readonly dateSystem: DateSystem;
}

export interface MemoryWorkbookOptions {
  readonly dateSystem?: DateSystem;
  /** Sheets the workbook opens with (for example a user's own sheet, or a submission). */
  readonly sheets?: readonly { readonly name: string; readonly cells: readonly (readonly CellValue[])[] }[];
}

export class MemoryWorkbook implements TrackingWorkbook {
  private readonly sheets: MemorySheet[] = [];
  private readonly tables: MemoryTable[] = [];
  private selection: MemorySelection | null = null;
  private version = 0;
  private readonly listeners = new Set<() => void>();
  private cached: MemorySnapshot | null = null;
  readonly dateSystem: DateSystem;

  constructor(options: MemoryWorkbookOptions = {}) {
    this.dateSystem = options.dateSystem ?? "1900";
    for (const sheet of options.sheets ?? []) {
      this.sheets.push({ name: sheet.name, cells: sheet.cells.map((row) => [...row]), columnFormats: {}, cellFormats: {}, hidden: false });
    }
  }

  // ---- Observing (the preview's grid view) -----------------------------

  subscribe = (listener: () => void): (() => void) => {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  };

  getSnapshot = (): MemorySnapshot => {
    if (this.cached === null || this.cached.version !== this.version) {
      this.cached = {
        version: this.version,
        sheets: this.sheets.map((sheet) => ({ ...sheet, cells: sheet.cells.map((row) => [...row]) })),
        tables: this.tables.map((table) => ({ ...table, headers: [...table.headers] })),
        selection: this.selection,
        dateSystem: this.dateSystem,
      };
    }
    return this.cached;
  };

  private changed(): void {
    this.version++;
    for (const listener of this.listeners) listener();
  }

  // ---- Cells -----------------------------------------------------------

  sheet(name: string): MemorySheet | undefined {
    return this.sheets.find((sheet) => sheet.name.toLowerCase() === name.toLowerCase());
  }

  private table(): MemoryTable | undefined {
    return this.tables.find((table) => table.name.toLowerCase() === LOG_TABLE.toLowerCase());
  }

  /** The value of a cell (row from 1, column from 0). */
  cell(sheetName: string, row: number, column: number): CellValue {
    return this.sheet(sheetName)?.cells[row - 1]?.[column];
  }

  /** Sets a cell as a person typing in Excel would. */
  setCell(sheetName: string, row: number, column: number, value: CellValue): void {
    const sheet = this.sheet(sheetName);
    if (sheet === undefined) throw new WorkbookError(`There is no sheet named ${sheetName}.`);
    this.write(sheet, row, column, value);
    const table = this.table();
    if (
      table !== undefined &&
      table.sheet === sheet.name &&
      row === table.headerRow + table.dataRows + 1 &&
      column < table.headers.length
    ) {
      // Excel grows a table when a person types in the row right below it.
      table.dataRows++;
    }
    this.changed();
  }

  private write(sheet: MemorySheet, row: number, column: number, value: CellValue): void {
    while (sheet.cells.length < row) sheet.cells.push([]);
    const cells = sheet.cells[row - 1] as CellValue[];
    while (cells.length <= column) cells.push("");
    cells[column] = value;
  }

  private addSheet(name: string, hidden = false): MemorySheet {
    const sheet: MemorySheet = { name, cells: [], columnFormats: {}, cellFormats: {}, hidden };
    this.sheets.push(sheet);
    return sheet;
  }

  private tableBody(table: MemoryTable): CellValue[][] {
    const sheet = this.sheet(table.sheet) as MemorySheet;
    const body: CellValue[][] = [];
    for (let i = 0; i < table.dataRows; i++) {
      const row = sheet.cells[table.headerRow + i] ?? [];
      body.push(Array.from({ length: INPUT_COLUMN_COUNT }, (_, column) => row[column] ?? ""));
    }
    return body;
  }

  // ---- TrackingWorkbook ------------------------------------------------

  async readForm(): Promise<FormContent> {
    const table = this.table();
    const profile = this.sheet(PROFILE_SHEET);
    const rows: LogRow[] = [];
    if (table !== undefined) {
      this.tableBody(table).forEach((cells, index) => rows.push({ row: table.headerRow + 1 + index, cells }));
    }
    const profileCells = PROFILE_ROW_DEFINITIONS.map((_, index) => profile?.cells[index]?.[1] ?? "");
    const submission = this.sheet(SUBMISSION_SHEET);
    return {
      hasLog: table !== undefined,
      hasProfile: profile !== undefined,
      profileCells,
      rows,
      dateSystem: this.dateSystem,
      submission: submission === undefined ? null : submission.cells.map((row) => [...row]),
    };
  }

  async insertForm(): Promise<InsertFormResult> {
    const existing = [
      this.sheet(PROFILE_SHEET)?.name,
      this.sheet(LOG_SHEET)?.name,
      this.sheet(FORM_LISTS_SHEET)?.name,
      this.table()?.name,
    ].filter((name): name is string => name !== undefined);
    if (existing.length > 0) return { inserted: false, reason: existingFormReason(existing) };

    const lists = this.addSheet(FORM_LISTS_SHEET, true);
    [...LOG_COLUMN_DEFINITIONS.map((d) => ({ label: d.header, choices: d.choices })), ...PROFILE_ROW_DEFINITIONS]
      .filter((list) => list.choices !== null)
      .forEach((list, column) => [list.label, ...(list.choices ?? [])].forEach((value, row) => this.write(lists, row + 1, column, value)));
    const profile = this.addSheet(PROFILE_SHEET);
    PROFILE_ROW_DEFINITIONS.forEach((definition, index) => {
      this.write(profile, index + 1, 0, definition.label);
      this.write(profile, index + 1, 1, definition.defaultValue);
      if (definition.numberFormat !== null) profile.cellFormats[`${index + 1},1`] = definition.numberFormat;
    });
    const log = this.addSheet(LOG_SHEET);
    LOG_COLUMNS.forEach((header, column) => this.write(log, 1, column, header));
    const choices: Record<number, readonly string[]> = {};
    LOG_COLUMN_DEFINITIONS.forEach((definition, column) => {
      if (definition.numberFormat !== null) log.columnFormats[column] = definition.numberFormat;
      if (definition.choices !== null) choices[column] = definition.choices;
    });
    // An Excel table always has at least one data row.
    LOG_COLUMNS.forEach((_, column) => this.write(log, 2, column, ""));
    this.tables.push({ name: LOG_TABLE, sheet: LOG_SHEET, headerRow: 1, headers: [...LOG_COLUMNS], dataRows: 1, choices });
    this.changed();
    return { inserted: true };
  }

  async appendRow(cells: readonly CellValue[]): Promise<number> {
    const table = this.table();
    if (table === undefined) throw new WorkbookError(NO_FORM_MESSAGE);
    const sheet = this.sheet(table.sheet) as MemorySheet;
    const free = firstFreeRowIndex(this.tableBody(table), isEmptyRow);
    let index = free;
    if (index === null) {
      index = table.dataRows;
      const below = sheet.cells[table.headerRow + index] ?? [];
      if (!isEmptyRow(below.slice(0, table.headers.length))) {
        throw new WorkbookError(
          `Row ${table.headerRow + index + 1} below the ${LOG_TABLE} table is not empty: move what is there so the table can grow.`,
        );
      }
      table.dataRows++;
    }
    const row = table.headerRow + 1 + index;
    cells.slice(0, INPUT_COLUMN_COUNT).forEach((value, column) => this.write(sheet, row, column, value ?? ""));
    this.changed();
    return row;
  }

  async writeProfile(cells: readonly CellValue[]): Promise<void> {
    const profile = this.sheet(PROFILE_SHEET);
    if (profile === undefined) throw new WorkbookError(NO_PROFILE_MESSAGE);
    cells.slice(0, PROFILE_ROW_DEFINITIONS.length).forEach((value, index) => this.write(profile, index + 1, 1, value ?? ""));
    this.changed();
  }

  async markRows(marks: readonly RowMark[]): Promise<void> {
    const table = this.table();
    if (table === undefined) throw new WorkbookError(NO_FORM_MESSAGE);
    const sheet = this.sheet(table.sheet) as MemorySheet;
    let column = table.headers.findIndex((header) => header.toLowerCase() === STATUS_HEADER.toLowerCase());
    if (column < 0) {
      column = table.headers.length;
      const right = sheet.cells.slice(table.headerRow - 1, table.headerRow + table.dataRows).map((row) => row[column]);
      if (right.some((value) => value !== undefined && value !== null && value !== "")) {
        throw new WorkbookError(
          `The column right of the ${LOG_TABLE} table is not empty: clear it so the Status column can be added beside the log.`,
        );
      }
      table.headers.push(STATUS_HEADER);
      this.write(sheet, table.headerRow, column, STATUS_HEADER);
    }
    const byRow = new Map(marks.map((mark) => [mark.row, mark.text]));
    for (let i = 0; i < table.dataRows; i++) {
      const row = table.headerRow + 1 + i;
      this.write(sheet, row, column, byRow.get(row) ?? "");
    }
    this.changed();
  }

  async writeVerification(lines: readonly VerificationLine[]): Promise<void> {
    const existing = this.sheet(VERIFICATION_SHEET);
    const sheet = existing ?? this.addSheet(VERIFICATION_SHEET);
    sheet.cells.length = 0;
    lines.forEach(([label, value], index) => {
      this.write(sheet, index + 1, 0, label);
      this.write(sheet, index + 1, 1, value);
    });
    this.changed();
  }

  async goTo(target: GoToTarget): Promise<void> {
    if (target.kind === "profile") {
      const profile = this.sheet(PROFILE_SHEET);
      if (profile === undefined) throw new WorkbookError(NO_PROFILE_MESSAGE);
      this.selection = { sheet: profile.name, row: target.field + 1, columns: 2 };
    } else {
      const table = this.table();
      if (table === undefined) throw new WorkbookError(NO_FORM_MESSAGE);
      this.selection = { sheet: table.sheet, row: target.row, columns: table.headers.length };
    }
    this.changed();
  }
}
