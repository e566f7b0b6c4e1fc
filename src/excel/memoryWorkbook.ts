/**
 * The workbook in memory: plain arrays of cells, for the browser preview and
 * the tests. It follows the Office.js workbook's rules (the table, the Status
 * column, never writing over input) so the UI behaves the same on both.
 */
import {
  type CellValue,
  type DateSystem,
  type LogRow,
  type PageLayout,
  type WorkbookContent,
  INPUT_COLUMN_COUNT,
  LOG_SHEET,
  LOG_TABLE,
  PROFILE_FIELDS,
  PROFILE_SHEET,
  SUBMISSION_SHEET,
  formLayout,
  isEmptyRow,
  listFormula,
} from "../core";
import {
  type GoToTarget,
  type InsertFormResult,
  type RowMark,
  type TrackingWorkbook,
  type VerificationLine,
  FORM_LISTS_SHEET,
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
  /** Dropdowns by the list formula they take their choices from, keyed as the formats are ("row,column", or column index for table columns). */
  readonly validations: Record<string, string>;
  /** Column widths in characters, by column index. */
  readonly widths: Record<number, number>;
  hidden: boolean;
  frozenRows: number;
  page: PageLayout | null;
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
      this.addSheet(sheet.name).cells.push(...sheet.cells.map((row) => [...row]));
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

  private addSheet(name: string): MemorySheet {
    const sheet: MemorySheet = {
      name,
      cells: [],
      columnFormats: {},
      cellFormats: {},
      validations: {},
      widths: {},
      hidden: false,
      frozenRows: 0,
      page: null,
    };
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

  async readForm(): Promise<WorkbookContent> {
    const table = this.table();
    const profile = this.sheet(PROFILE_SHEET);
    const rows: LogRow[] = [];
    if (table !== undefined) {
      this.tableBody(table).forEach((cells, index) => rows.push({ row: table.headerRow + 1 + index, cells }));
    }
    const profileCells = PROFILE_FIELDS.map((_, index) => profile?.cells[index]?.[1] ?? "");
    const submission = this.sheet(SUBMISSION_SHEET);
    return {
      log: { rows, profileCells, dateSystem: this.dateSystem },
      hasLog: table !== undefined,
      hasProfile: profile !== undefined,
      submissionRows: submission === undefined ? null : submission.cells.map((row) => [...row]),
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

    // The form's layout (layout.ts), as Office.js and exceljs apply it.
    for (const layout of formLayout().sheets) {
      const sheet = this.addSheet(layout.name);
      sheet.hidden = layout.hidden;
      sheet.frozenRows = layout.frozenRows;
      sheet.page = layout.page;
      for (const { column, width } of layout.widths) sheet.widths[column - 1] = width;
      for (const { row, column, value } of layout.values) this.write(sheet, row, column - 1, value);
      const key = (range: (typeof layout.formats)[number]["range"]): string[] =>
        range.kind === "tableColumn"
          ? [String(range.column - 1)]
          : Array.from({ length: range.bottom - range.top + 1 }, (_, r) =>
              Array.from({ length: range.right - range.left + 1 }, (__, c) => `${range.top + r},${range.left - 1 + c}`),
            ).flat();
      for (const { range, numberFormat } of layout.formats) {
        for (const each of key(range)) {
          if (range.kind === "tableColumn") sheet.columnFormats[Number(each)] = numberFormat;
          else sheet.cellFormats[each] = numberFormat;
        }
      }
      for (const { range, list } of layout.validations) for (const each of key(range)) sheet.validations[each] = listFormula(list);
      if (layout.name === PROFILE_SHEET) PROFILE_FIELDS.forEach((field, index) => this.write(sheet, index + 1, 1, field.defaultValue));
      if (layout.table !== null) {
        layout.table.headers.forEach((header, column) => this.write(sheet, layout.table!.headerRow, column, header));
        // An Excel table always has at least one data row.
        layout.table.headers.forEach((_, column) => this.write(sheet, layout.table!.headerRow + 1, column, ""));
        const choices: Record<number, readonly string[]> = {};
        const listsLayout = formLayout().sheets.find((candidate) => candidate.name === FORM_LISTS_SHEET);
        for (const { range, list } of layout.validations) {
          if (range.kind !== "tableColumn") continue;
          choices[range.column - 1] = (listsLayout?.values ?? [])
            .filter((value) => value.column === list.column && value.row >= list.firstRow)
            .map((value) => value.value);
        }
        this.tables.push({
          name: layout.table.name,
          sheet: layout.name,
          headerRow: layout.table.headerRow,
          headers: [...layout.table.headers],
          dataRows: 1,
          choices,
        });
      }
    }
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
    cells.slice(0, PROFILE_FIELDS.length).forEach((value, index) => this.write(profile, index + 1, 1, value ?? ""));
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
