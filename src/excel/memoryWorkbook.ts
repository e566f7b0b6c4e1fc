/**
 * The workbook in memory: plain arrays of cells, for the browser preview and
 * the tests. It follows Excel's rules as the Office.js workbook meets them
 * (see officeWorkbook.ts): text typed or written into a cell is read as Excel
 * reads it (a string starting with "=", "+", "-" or "@" becomes a formula,
 * kept as `{ formula }` since this workbook cannot compute it; "12" becomes a
 * number; an ISO date a date) unless the cell is formatted as Text, and the
 * add-in's writes keep text as text by formatting those cells as Text first.
 * It keeps the add-in to its own places (the CST Status column, its own
 * CST Verification sheet) and tells its listeners of every change, so the UI
 * behaves the same on both.
 */
import {
  type CellValue,
  type DateSystem,
  type FieldKind,
  type LogRow,
  type WorkbookContent,
  INPUT_COLUMN_COUNT,
  LISTS_SHEET as FORM_LISTS_SHEET,
  LOG_SHEET,
  LOG_TABLE,
  PROFILE_FIELDS,
  PROFILE_INDEX,
  PROFILE_SHEET,
  SUBMISSION_SHEET,
  isBlankCell,
} from "../core";
import {
  type FormRead,
  type GoToTarget,
  type InsertFormResult,
  type ProfileChanges,
  type RowMark,
  type TrackingWorkbook,
  type VerificationRow,
  type VerificationWrite,
  VERIFICATION_FIRST_ROW,
  VERIFICATION_MARK,
  VERIFICATION_SHEET,
  WorkbookError,
  noFormError,
  noProfileError,
} from "./workbook";
import {
  cellName,
  formAlreadyHere,
  formulaInTheWay,
  inputColumns,
  profileRowProblem,
  rowBelowNotEmpty,
  rowChanged,
  sameCell,
  sameCells,
} from "./decisions";
import {
  type MemorySelection,
  type MemorySheet,
  type MemorySnapshot,
  type MemoryTable,
  type MemoryWorkbookOptions,
  formatOf,
  enteredValue,
  isFormulaCell,
  newSheet,
  putCell,
  writeCell,
} from "./memorySheets";
import { markStatusColumn, writeVerificationSheet } from "./memoryOwnPlaces";
import { applyFormLayout, fillForm } from "./memoryLayout";

export type { MemorySheet, MemorySnapshot } from "./memorySheets";

export class MemoryWorkbook implements TrackingWorkbook {
  private readonly sheets: MemorySheet[] = [];
  private readonly tables: MemoryTable[] = [];
  private selection: MemorySelection | null = null;
  private version = 0;
  /** Moves with every change of what `readForm` reads (see `changed`). */
  private revision = 0;
  /** Listeners to changes of the workbook's cells and sheets (the pane). */
  private readonly listeners = new Set<() => void>();
  /** Watchers of everything the grid shows, the selection included (the preview's sheet view). */
  private readonly watchers = new Set<() => void>();
  private cached: MemorySnapshot | null = null;
  readonly dateSystem: DateSystem;

  constructor(options: MemoryWorkbookOptions = {}) {
    this.dateSystem = options.dateSystem ?? "1900";
    for (const sheet of options.sheets ?? []) {
      this.addSheet(sheet.name).cells.push(...sheet.cells.map((row) => [...row]));
    }
  }

  /**
   * A workbook holding the tracking form filled with a log read from a file
   * (the web tracker's Open): the form as insertForm makes it, the Profile
   * values when the file has a Profile sheet (else the form's defaults), and
   * each non-empty row in its own worksheet row, so that findings, the saved
   * form and `verify` name the rows the file had. Nothing else of the file is
   * carried over.
   */
  static async fromContent(content: WorkbookContent): Promise<MemoryWorkbook> {
    const workbook = new MemoryWorkbook({ dateSystem: content.log.dateSystem });
    await workbook.insertForm();
    workbook.fillForm(content);
    return workbook;
  }

  private fillForm(content: WorkbookContent): void {
    const { table, sheet } = this.requireTable();
    fillForm(this.sheet(PROFILE_SHEET) as MemorySheet, table, sheet, content, this.dateSystem);
    this.changed();
  }

  // ---- Observing -------------------------------------------------------

  subscribe = (listener: () => void): (() => void) => {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  };

  /** Like subscribe, and also told when the selection moves: for the preview's sheet view. */
  watch = (watcher: () => void): (() => void) => {
    this.watchers.add(watcher);
    return () => this.watchers.delete(watcher);
  };

  /**
   * What the sheet view draws, the same object until the workbook changes.
   * Its rows are the workbook's own row arrays, which a write replaces rather
   * than changes (see write): taking a snapshot of a long log copies a
   * pointer per row, not every cell. The formats are the sheet's own, read
   * while drawing the newest snapshot.
   */
  getSnapshot = (): MemorySnapshot => {
    if (this.cached === null || this.cached.version !== this.version) {
      this.cached = {
        version: this.version,
        sheets: this.sheets.map((sheet) => ({ ...sheet, cells: [...sheet.cells] })),
        tables: this.tables.map((table) => ({ ...table, headers: [...table.headers] })),
        selection: this.selection,
        dateSystem: this.dateSystem,
      };
    }
    return this.cached;
  };

  /**
   * Tells of a change: "form" for what `readForm` reads (the log's input cells, the Profile, the Submission
   * sheet), which moves the revision `readForm` gives; "other" for any other cell (the CST Status column,
   * the verification sheet, a person's own sheet); "selection" for the sheet view only.
   */
  private changed(what: "form" | "other" | "selection" = "form"): void {
    this.version++;
    if (what === "form") this.revision++;
    if (what !== "selection") for (const listener of [...this.listeners]) listener();
    for (const watcher of [...this.watchers]) watcher();
  }

  /** Whether `readForm` reads the sheet: the Profile, the log's sheet, the Submission sheet. */
  private readByForm(sheetName: string): boolean {
    const name = sheetName.toLowerCase();
    return [PROFILE_SHEET, SUBMISSION_SHEET, this.table()?.sheet ?? LOG_SHEET].some((each) => each.toLowerCase() === name);
  }

  // ---- Cells -----------------------------------------------------------

  sheet(name: string): MemorySheet | undefined {
    return this.sheets.find((sheet) => sheet.name.toLowerCase() === name.toLowerCase());
  }

  private table(): MemoryTable | undefined {
    return this.tables.find((table) => table.name.toLowerCase() === LOG_TABLE.toLowerCase());
  }

  private requireTable(): { table: MemoryTable; sheet: MemorySheet } {
    const table = this.table();
    if (table === undefined) throw noFormError();
    return { table, sheet: this.sheet(table.sheet) as MemorySheet };
  }

  /** The value of a cell (row from 1, column from 0). */
  cell(sheetName: string, row: number, column: number): CellValue {
    return this.sheet(sheetName)?.cells[row - 1]?.[column];
  }

  /**
   * Sets a cell as a person typing in Excel would: text is read as Excel
   * reads it (see enteredValue); typing in the row right below the log table,
   * or in the header row right of it, makes the table grow.
   */
  setCell(sheetName: string, row: number, column: number, value: CellValue): void {
    const sheet = this.sheet(sheetName);
    if (sheet === undefined) throw new WorkbookError(`There is no sheet named ${sheetName}.`, "excel.noSheet", { sheet: sheetName });
    writeCell(sheet, row, column, enteredValue(value, formatOf(sheet, row, column), this.dateSystem));
    const table = this.table();
    if (table !== undefined && table.sheet === sheet.name && !isBlankCell(value)) {
      // Excel grows a table when a person types in the row right below it, or next to its header row.
      if (row === table.headerRow + table.dataRows + 1 && column < table.headers.length) table.dataRows++;
      // A header typed over is the column's new name.
      else if (row === table.headerRow && column < table.headers.length) table.headers[column] = String(value);
      else if (row === table.headerRow && column === table.headers.length) table.headers.push(String(value));
    }
    this.changed(this.readByForm(sheet.name) ? "form" : "other");
  }

  /** Deletes a data row of the log table as a person would (Delete > Table Rows): the rows below move up. */
  deleteTableRow(row: number): void {
    const { table, sheet } = this.requireTable();
    this.removeTableRow(table, sheet, row);
    this.changed();
  }

  /** Writes a value as the add-in writes it (see putCell). */
  private put(sheet: MemorySheet, row: number, column: number, value: CellValue, kind?: FieldKind): void {
    putCell(sheet, row, column, value, this.dateSystem, kind);
  }

  private addSheet(name: string): MemorySheet {
    const sheet = newSheet(name);
    this.sheets.push(sheet);
    return sheet;
  }

  /** The input cells of each data row of the table, in the form's order, whatever the order of the table's columns. */
  private tableBody(table: MemoryTable): CellValue[][] {
    const sheet = this.sheet(table.sheet) as MemorySheet;
    const columns = inputColumns(table.headers);
    const body: CellValue[][] = [];
    for (let i = 0; i < table.dataRows; i++) {
      const row = sheet.cells[table.headerRow + i] ?? [];
      body.push(columns.map((column) => row[column] ?? ""));
    }
    return body;
  }

  /** Deletes a data row of the table: its columns of the rows below move up one row; the table's only row is cleared instead. */
  private removeTableRow(table: MemoryTable, sheet: MemorySheet, row: number): void {
    const width = table.headers.length;
    const last = table.headerRow + table.dataRows;
    const clear = (r: number) => {
      for (let column = 0; column < width; column++) {
        if (sheet.cells[r - 1] !== undefined) writeCell(sheet, r, column, "");
        delete sheet.cellFormats[`${r},${column}`];
      }
    };
    if (table.dataRows === 1) return clear(row);
    for (let r = row; r < last; r++) {
      for (let column = 0; column < width; column++) {
        writeCell(sheet, r, column, sheet.cells[r]?.[column] ?? "");
        const below = sheet.cellFormats[`${r + 1},${column}`];
        if (below === undefined) delete sheet.cellFormats[`${r},${column}`];
        else sheet.cellFormats[`${r},${column}`] = below;
      }
    }
    clear(last);
    table.dataRows--;
  }

  // ---- TrackingWorkbook ------------------------------------------------

  async readForm(): Promise<FormRead> {
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
      revision: this.revision,
    };
  }

  async insertForm(): Promise<InsertFormResult> {
    const existing = [
      this.sheet(PROFILE_SHEET)?.name,
      this.sheet(LOG_SHEET)?.name,
      this.sheet(FORM_LISTS_SHEET)?.name,
      this.table()?.name,
    ].filter((name): name is string => name !== undefined);
    if (existing.length > 0) return formAlreadyHere(existing);

    this.tables.push(...applyFormLayout((name) => this.addSheet(name), this.dateSystem));
    this.changed();
    return { inserted: true };
  }

  async appendRow(cells: readonly CellValue[]): Promise<number> {
    const { table, sheet } = this.requireTable();
    const columns = inputColumns(table.headers);
    // A row is free when its input cells are blank and hold no formula.
    const isFree = (row: number) => columns.every((column) => isBlankCell(sheet.cells[row - 1]?.[column]));
    let index: number | null = null;
    for (let i = table.dataRows - 1; i >= 0 && isFree(table.headerRow + 1 + i); i--) index = i;
    if (index === null) {
      index = table.dataRows;
      const below = sheet.cells[table.headerRow + index] ?? [];
      if (below.slice(0, table.headers.length).some((value) => !isBlankCell(value))) {
        throw rowBelowNotEmpty(table.headerRow + index + 1);
      }
      table.dataRows++;
    }
    const row = table.headerRow + 1 + index;
    columns.forEach((column, position) => this.put(sheet, row, column, cells[position] ?? ""));
    this.changed();
    return row;
  }

  /** The input cells of worksheet row `row` of the log; refuses when they are no longer `expected`. */
  private lineAt(row: number, expected: readonly CellValue[]): { table: MemoryTable; sheet: MemorySheet; columns: number[] } {
    const { table, sheet } = this.requireTable();
    const columns = inputColumns(table.headers);
    if (row <= table.headerRow || row > table.headerRow + table.dataRows) throw rowChanged(row);
    const current = columns.map((column) => sheet.cells[row - 1]?.[column] ?? "");
    if (!sameCells(current, expected, INPUT_COLUMN_COUNT)) throw rowChanged(row);
    return { table, sheet, columns };
  }

  async writeRow(row: number, cells: readonly CellValue[], expected: readonly CellValue[]): Promise<void> {
    const { sheet, columns } = this.lineAt(row, expected);
    const changes = columns.flatMap((column, position) => (sameCell(cells[position], expected[position]) ? [] : [{ column, position }]));
    for (const { column } of changes) {
      const current = sheet.cells[row - 1]?.[column];
      if (isFormulaCell(current)) throw formulaInTheWay(cellName(sheet.name, row, column), current.formula);
    }
    if (changes.length === 0) return;
    for (const { column, position } of changes) this.put(sheet, row, column, cells[position] ?? "");
    this.changed();
  }

  async removeRow(row: number, expected: readonly CellValue[]): Promise<void> {
    const { table, sheet } = this.lineAt(row, expected);
    this.removeTableRow(table, sheet, row);
    this.changed();
  }

  async writeProfile(changes: ProfileChanges): Promise<void> {
    const profile = this.sheet(PROFILE_SHEET);
    if (profile === undefined) throw noProfileError();
    const fields = PROFILE_FIELDS.map((field, index) => ({ field, index })).filter(({ field }) => field.key in changes);
    for (const { field, index } of fields) {
      const current = profile.cells[index]?.[1];
      if (isFormulaCell(current)) throw formulaInTheWay(cellName(PROFILE_SHEET, index + 1, 1), current.formula);
      const problem = profileRowProblem(field, index + 1, profile.cells[index]?.[0]);
      if (problem !== null) throw problem;
    }
    if (fields.length === 0) return;
    for (const { field, index } of fields) {
      // A form made before the field has no label for it yet.
      const label = profile.cells[index]?.[0];
      if (label === undefined || label === null || label === "") this.put(profile, index + 1, 0, field.label);
      const value = changes[field.key] ?? "";
      this.put(profile, index + 1, 1, value, field.kind);
    }
    this.changed();
  }

  async markRows(marks: readonly RowMark[]): Promise<void> {
    const { table, sheet } = this.requireTable();
    markStatusColumn(table, sheet, marks, this.dateSystem);
    this.changed("other");
  }

  async writeVerification(write: VerificationWrite): Promise<void> {
    const found = this.sheet(VERIFICATION_SHEET);
    writeVerificationSheet(found ?? this.addSheet(VERIFICATION_SHEET), found === undefined, write, this.dateSystem);
    this.changed("other");
  }

  async readVerification(): Promise<VerificationRow[]> {
    const sheet = this.sheet(VERIFICATION_SHEET);
    if (sheet === undefined || sheet.cells[0]?.[0] !== VERIFICATION_MARK) return [];
    return sheet.cells.slice(VERIFICATION_FIRST_ROW - 1).map((row) => [...row]);
  }

  async goTo(target: GoToTarget): Promise<void> {
    if (target.kind === "profile") {
      const profile = this.sheet(PROFILE_SHEET);
      if (profile === undefined) throw noProfileError();
      this.selection = { sheet: profile.name, row: PROFILE_INDEX[target.field] + 1, columns: 2 };
    } else {
      const { table } = this.requireTable();
      this.selection = { sheet: table.sheet, row: target.row, columns: table.headers.length };
    }
    this.changed("selection");
  }
}
