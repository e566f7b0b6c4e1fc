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
  type PageLayout,
  type WorkbookContent,
  DECIMAL_TEXT,
  EXCEL_LAST_ROW,
  FORM,
  INPUT_COLUMN_COUNT,
  LOG_SHEET,
  LOG_TABLE,
  VERIFICATION_WIDTHS,
  PROFILE_FIELDS,
  PROFILE_INDEX,
  PROFILE_SHEET,
  SUBMISSION_SHEET,
  TEXT_FORMAT,
  formLayout,
  isBlankCell,
  isEmptyRow,
  isoDateToExcelSerial,
  listFormula,
  parseIsoDate,
  readDateCell,
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
  FORM_LISTS_SHEET,
  NO_FORM_MESSAGE,
  NO_PROFILE_MESSAGE,
  STATUS_HEADER,
  VERIFICATION_FIRST_ROW,
  VERIFICATION_MARK,
  VERIFICATION_SHEET,
  WorkbookError,
} from "./workbook";
import {
  cellName,
  existingFormReason,
  formulaInTheWay,
  inputColumns,
  isStatusText,
  profileRowProblem,
  requireOwnVerificationSheet,
  rowChangedMessage,
  sameCell,
  sameCells,
  statusColumn,
  valueInTheWay,
  writtenFormat,
} from "./decisions";

export interface MemorySheet {
  readonly name: string;
  /** Rows from worksheet row 1; cells from column A. */
  readonly cells: CellValue[][];
  /** Number formats by column index (whole columns, as the form sets them), below row 1. */
  readonly columnFormats: Record<number, string>;
  /** Number formats of single cells, keyed "row,column" (row from 1, column from 0); they win over the column's. */
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

/** A cell holding a formula this workbook keeps without a result. */
export function isFormulaCell(value: CellValue): value is { formula: string } {
  return typeof value === "object" && value !== null && "formula" in value;
}

/** The number format of a cell (row from 1, column from 0): the cell's own, else its column's below the header row, else General. */
export function formatOf(sheet: MemorySheet, row: number, column: number): string {
  return sheet.cellFormats[`${row},${column}`] ?? (row > 1 ? sheet.columnFormats[column] : undefined) ?? "General";
}

/**
 * What a cell holds once a value is entered into it, as Excel reads what is
 * typed (and what Range.values is given): see officeWorkbook.ts.
 */
export function enteredValue(value: CellValue, format: string, dateSystem: DateSystem): CellValue {
  if (typeof value !== "string" || value === "" || format === TEXT_FORMAT) return value;
  if (DECIMAL_TEXT.test(value)) return Number(value);
  const first = value[0] as string;
  if ("=+-@".includes(first)) return { formula: first === "=" ? value : first === "@" ? `=${value.slice(1)}` : `=${value}` };
  const date = parseIsoDate(value.trim());
  if (date !== null) return isoDateToExcelSerial(date, dateSystem);
  if (/^(true|false)$/i.test(value.trim())) return value.trim().toLowerCase() === "true";
  return value;
}

/**
 * A cell read from a file as Excel holds it once the file is open: a date in
 * a date field as its serial number (a reader hands dates over as
 * `{ isoDate }`, a CSV log as text), numeric text in a number field as the
 * number; anything else as read, blank as "". The form's writer turns these
 * back into the same cells, so a log opened and saved reads as it did.
 */
function asOpened(value: CellValue, kind: FieldKind, dateSystem: DateSystem): CellValue {
  if (isBlankCell(value)) return value ?? "";
  if (kind === "date" && typeof value !== "number") {
    const reading = readDateCell(value, dateSystem);
    if (reading.ok) return isoDateToExcelSerial(reading.date, dateSystem);
  }
  if ((kind === "number" || kind === "wholeNumber") && typeof value === "string" && DECIMAL_TEXT.test(value)) {
    const number = Number(value);
    if (Number.isFinite(number)) return number;
  }
  return value;
}

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
    const system = this.dateSystem;
    const profile = this.sheet(PROFILE_SHEET) as MemorySheet;
    if (content.hasProfile) {
      PROFILE_FIELDS.forEach((field, index) => {
        const value = asOpened(content.log.profileCells[index], field.kind, system);
        this.put(profile, index + 1, 1, value, field.kind);
      });
    }
    const { table, sheet } = this.requireTable();
    const first = table.headerRow + 1;
    const kept = content.log.rows.filter((row) => !isEmptyRow(row.cells));
    const inPlace = kept.every(
      (row, index) =>
        Number.isInteger(row.row) &&
        row.row >= first &&
        row.row <= EXCEL_LAST_ROW &&
        (index === 0 || row.row > (kept[index - 1] as LogRow).row),
    );
    kept.forEach((row, index) => {
      const at = inPlace ? row.row : first + index;
      table.dataRows = Math.max(table.dataRows, at - table.headerRow);
      FORM.log.forEach((column, position) => this.put(sheet, at, position, asOpened(row.cells[position], column.kind, system)));
    });
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
    if (table === undefined) throw new WorkbookError(NO_FORM_MESSAGE);
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
    if (sheet === undefined) throw new WorkbookError(`There is no sheet named ${sheetName}.`);
    this.write(sheet, row, column, enteredValue(value, formatOf(sheet, row, column), this.dateSystem));
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

  /**
   * Writes one cell. A row's array is never changed once made: the write puts
   * a new array in its place, so a snapshot (which shares the row arrays it
   * was taken with) keeps the values it saw.
   */
  private write(sheet: MemorySheet, row: number, column: number, value: CellValue): void {
    while (sheet.cells.length < row) sheet.cells.push([]);
    const cells = [...(sheet.cells[row - 1] as CellValue[])];
    while (cells.length <= column) cells.push("");
    cells[column] = value;
    sheet.cells[row - 1] = cells;
  }

  /** Writes a value as the add-in writes it: a string into a cell formatted as Text first, so it stays the text it is. */
  private put(sheet: MemorySheet, row: number, column: number, value: CellValue, kind?: FieldKind): void {
    const format = writtenFormat(value, kind);
    if (format !== null) sheet.cellFormats[`${row},${column}`] = format;
    this.write(sheet, row, column, enteredValue(value ?? "", formatOf(sheet, row, column), this.dateSystem));
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
        if (sheet.cells[r - 1] !== undefined) this.write(sheet, r, column, "");
        delete sheet.cellFormats[`${r},${column}`];
      }
    };
    if (table.dataRows === 1) return clear(row);
    for (let r = row; r < last; r++) {
      for (let column = 0; column < width; column++) {
        this.write(sheet, r, column, sheet.cells[r]?.[column] ?? "");
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
    if (existing.length > 0) return { inserted: false, reason: existingFormReason(existing) };

    // The form's layout (layout.ts), as Office.js and exceljs apply it: formats first, so the values written next are read through them.
    for (const layout of formLayout().sheets) {
      const sheet = this.addSheet(layout.name);
      sheet.hidden = layout.hidden;
      sheet.frozenRows = layout.frozenRows;
      sheet.page = layout.page;
      for (const { column, width } of layout.widths) sheet.widths[column - 1] = width;
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
      for (const { row, column, value } of layout.values)
        this.write(sheet, row, column - 1, enteredValue(value, formatOf(sheet, row, column - 1), this.dateSystem));
      for (const { range, list } of layout.validations) for (const each of key(range)) sheet.validations[each] = listFormula(list);
      for (const { row, column, value } of layout.defaults)
        this.write(sheet, row, column - 1, enteredValue(value, formatOf(sheet, row, column - 1), this.dateSystem));
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
        throw new WorkbookError(
          `Row ${table.headerRow + index + 1} below the ${LOG_TABLE} table is not empty: move what is there so the table can grow.`,
        );
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
    if (row <= table.headerRow || row > table.headerRow + table.dataRows) throw new WorkbookError(rowChangedMessage(row));
    const current = columns.map((column) => sheet.cells[row - 1]?.[column] ?? "");
    if (!sameCells(current, expected, INPUT_COLUMN_COUNT)) throw new WorkbookError(rowChangedMessage(row));
    return { table, sheet, columns };
  }

  async writeRow(row: number, cells: readonly CellValue[], expected: readonly CellValue[]): Promise<void> {
    const { sheet, columns } = this.lineAt(row, expected);
    const changes = columns.flatMap((column, position) => (sameCell(cells[position], expected[position]) ? [] : [{ column, position }]));
    for (const { column } of changes) {
      const current = sheet.cells[row - 1]?.[column];
      if (isFormulaCell(current)) throw new WorkbookError(formulaInTheWay(cellName(sheet.name, row, column), current.formula));
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
    if (profile === undefined) throw new WorkbookError(NO_PROFILE_MESSAGE);
    const fields = PROFILE_FIELDS.map((field, index) => ({ field, index })).filter(({ field }) => field.key in changes);
    for (const { field, index } of fields) {
      const current = profile.cells[index]?.[1];
      if (isFormulaCell(current)) throw new WorkbookError(formulaInTheWay(cellName(PROFILE_SHEET, index + 1, 1), current.formula));
      const problem = profileRowProblem(field, index + 1, profile.cells[index]?.[0]);
      if (problem !== null) throw new WorkbookError(problem);
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
    const columns = inputColumns(table.headers);
    let column = statusColumn(table.headers, columns, (at) => cellName(sheet.name, table.headerRow, at));
    const first = table.headerRow + 1;
    const last = table.headerRow + table.dataRows;
    const inTheWay = (row: number, at: number): string | null => {
      const value = sheet.cells[row - 1]?.[at];
      if (isFormulaCell(value)) return formulaInTheWay(cellName(sheet.name, row, at), value.formula);
      return null;
    };
    if (column < 0) {
      column = table.headers.length;
      for (let row = table.headerRow; row <= last; row++) {
        const value = sheet.cells[row - 1]?.[column];
        if (!isBlankCell(value)) {
          throw new WorkbookError(
            inTheWay(row, column) ?? valueInTheWay(cellName(sheet.name, row, column), value, `the ${STATUS_HEADER} column`),
          );
        }
      }
      table.headers.push(STATUS_HEADER);
      this.write(sheet, table.headerRow, column, STATUS_HEADER);
    } else {
      for (let row = first; row <= last; row++) {
        const formula = inTheWay(row, column);
        if (formula !== null) throw new WorkbookError(formula);
        const value = sheet.cells[row - 1]?.[column] ?? "";
        if (!isStatusText(value))
          throw new WorkbookError(valueInTheWay(cellName(sheet.name, row, column), value, `the ${STATUS_HEADER} column`));
      }
    }
    const byRow = new Map(marks.map((mark) => [mark.row, mark.text]));
    for (let row = first; row <= last; row++) this.put(sheet, row, column, byRow.get(row) ?? "");
    this.changed("other");
  }

  async writeVerification(write: VerificationWrite): Promise<void> {
    let sheet = this.sheet(VERIFICATION_SHEET);
    let start = VERIFICATION_FIRST_ROW;
    if (sheet === undefined) {
      sheet = this.addSheet(VERIFICATION_SHEET);
      this.put(sheet, 1, 0, VERIFICATION_MARK);
    } else {
      requireOwnVerificationSheet(sheet.cells[0]?.[0]);
      const target = sheet;
      if (write.mode === "replace") {
        target.cells.forEach((cells, index) =>
          cells.forEach((value, column) => {
            if (isFormulaCell(value)) throw new WorkbookError(formulaInTheWay(cellName(target.name, index + 1, column), value.formula));
          }),
        );
        target.cells.length = VERIFICATION_FIRST_ROW - 1;
      } else {
        const used = target.cells.reduce((lastRow, cells, index) => (cells.some((value) => !isBlankCell(value)) ? index + 1 : lastRow), 0);
        start = Math.max(start, used + 1);
      }
    }
    const target = sheet;
    write.rows.forEach((cells, index) => cells.forEach((value, column) => this.put(target, start + index, column, value ?? "")));
    for (const { column, width } of VERIFICATION_WIDTHS) target.widths[column - 1] = width;
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
      if (profile === undefined) throw new WorkbookError(NO_PROFILE_MESSAGE);
      this.selection = { sheet: profile.name, row: PROFILE_INDEX[target.field] + 1, columns: 2 };
    } else {
      const { table } = this.requireTable();
      this.selection = { sheet: table.sheet, row: target.row, columns: table.headers.length };
    }
    this.changed("selection");
  }
}
