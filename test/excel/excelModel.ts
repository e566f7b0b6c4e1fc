/**
 * A model of Excel behind Office.js, built from Microsoft's documentation
 * rather than from the code under test, so that a test fails where Excel
 * would. Each behaviour names the page it follows; where the pages leave a
 * behaviour open the model takes the conservative reading and says so.
 *
 * - Commands are queued on proxy objects and run in order at `context.sync()`;
 *   a property must be loaded and synced before it is read, or reading it
 *   throws PropertyNotLoaded (the text is office.js's own
 *   `L_PropertyNotLoaded`).
 *   https://learn.microsoft.com/office/dev/add-ins/develop/application-specific-api-model
 * - `Range.values` takes strings as if typed: "If the returned value starts
 *   with a plus ("+"), minus ("-"), or equal sign ("="), Excel interprets this
 *   value as a formula"; ISO dates become dates; numbers in text become
 *   numbers (the page's own sample writes '29.96' as a number). A cell
 *   formatted as Text (`@`) keeps what it is given as text.
 *   https://learn.microsoft.com/javascript/api/excel/excel.range#excel-excel-range-values-member
 *   https://learn.microsoft.com/office/dev/add-ins/excel/excel-add-ins-blank-null-values
 *   https://learn.microsoft.com/office/troubleshoot/excel/long-numbers-incorrectly-in-excel
 *   Open in the docs: a leading "@". Excel's grid takes it as the start of a
 *   formula (Lotus syntax); the model does the same, the conservative choice.
 * - A formula reads back through `values` as its result and through
 *   `formulas` as its text; cells without a formula read back their value.
 *   The model computes only arithmetic on numbers, a string literal and
 *   HYPERLINK(link, [name]); any other formula reads back "#NAME?", the value
 *   Excel gives a formula naming something it does not know
 *   (https://support.microsoft.com/office/how-to-correct-a-name-error-b6d54e31-a743-4d7d-9b61-40002a7b4286).
 *   A formula with unbalanced quotes or parentheses is refused
 *   (InvalidArgument), as Excel refuses to enter it.
 *   https://learn.microsoft.com/office/dev/add-ins/excel/excel-add-ins-ranges-set-get-values
 * - `null` in a 2-D array leaves that cell as it is; "" clears a value and
 *   resets a number format to General.
 *   https://learn.microsoft.com/office/dev/add-ins/excel/excel-add-ins-blank-null-values
 * - Excel on the web refuses a request or a response over 5 MB with
 *   RichApi.Error RequestPayloadSizeLimitExceeded /
 *   ResponsePayloadSizeLimitExceeded (codes and texts from office.js); the
 *   model counts the JSON size of what each sync sends and receives and
 *   refuses at 5,000,000 bytes (the smaller reading of "5MB"). A range read
 *   is limited to 5,000,000 cells.
 *   https://learn.microsoft.com/office/dev/add-ins/concepts/resource-limits-and-performance-optimization#excel-add-ins
 * - Change events fire for edits made in the grid and for edits made by
 *   add-in code ("Any change that complies with default behavior of Excel
 *   will trigger the corresponding event(s)"), after the change, with
 *   `source: "Local"`. Handlers are registered at sync; each event needs its
 *   requirement set (WorksheetCollection.onChanged: ExcelApi 1.9).
 *   https://learn.microsoft.com/office/dev/add-ins/excel/excel-add-ins-events
 * - Tables: `rows.add` inserts ("Any rows below the inserted row are shifted
 *   downwards") and its rows take the formats of the row above; typing in
 *   the row right below a table makes it grow (Excel's AutoCorrect option
 *   "Include new rows and columns in table"); deleting the only data row
 *   leaves one empty data row (an Excel table always has one). A new table
 *   column takes a unique header: a taken name gets a number appended.
 *   https://learn.microsoft.com/javascript/api/excel/excel.tablerowcollection#excel-excel-tablerowcollection-add-member(1)
 * - `*OrNullObject` methods give an object whose `isNullObject` is known after
 *   the next sync; `getItem` of something missing fails the sync with
 *   ItemNotFound.
 *   https://learn.microsoft.com/office/dev/add-ins/develop/application-specific-api-model#ornullobject-methods-and-properties
 * - A batch runs in queue order, so a reference to a sheet is resolved when
 *   its command runs: a data-validation list whose source names a sheet not
 *   added yet (`='CST Lists'!$A$2:$A$12`) fails the batch, as a name on such
 *   a sheet does. Open in the docs: the error code; the model says
 *   InvalidArgument, the code Excel gives a rule it cannot take.
 *   https://learn.microsoft.com/office/dev/add-ins/excel/excel-add-ins-data-validation
 * - While a person edits a cell, a batch fails (InvalidOperation) unless it
 *   was run with `Excel.run({ delayForCellEdit: true }, …)` (ExcelApi 1.11),
 *   which waits until the edit ends: "When false, if the user is in cell
 *   edit when the batch request is processed by the host, the batch
 *   automatically fails." Open in the docs: the error code; the model says
 *   InvalidOperation.
 *   https://learn.microsoft.com/javascript/api/excel/excel.runoptions
 *   https://learn.microsoft.com/office/dev/add-ins/excel/excel-add-ins-workbooks#delay-execution-while-cell-is-being-edited
 * - The task pane: `Office.addin.showAsTaskpane()` resolves without showing
 *   anything (Excel ignores it for add-ins in Microsoft's marketplace since
 *   2026-02-23); only the person opens the pane (`showPane`), and
 *   `Office.addin.onVisibilityModeChanged` tells the add-in. Change events
 *   reach the add-in's code while its pane is hidden: with a shared runtime
 *   the code keeps running ("Runtimes in Office Add-ins").
 *   https://learn.microsoft.com/office/dev/add-ins/develop/show-hide-add-in
 *   https://learn.microsoft.com/office/dev/add-ins/testing/runtimes
 */

export type Scalar = string | number | boolean;

/** The largest request or response Excel on the web takes; "5MB" read as the smaller 5,000,000 bytes. */
export const PAYLOAD_LIMIT = 5_000_000;
/** A range read is limited to 5,000,000 cells. */
export const READ_CELL_LIMIT = 5_000_000;
const LAST_ROW = 1_048_575;
const LAST_COLUMN = 16_383;
const GENERAL = "General";
const TEXT = "@";

// ---- Errors as Office.js raises them ------------------------------------------------

export class RichApiError extends Error {
  constructor(
    readonly code: string,
    message: string,
  ) {
    super(message);
    this.name = "RichApi.Error";
  }
}

const PROPERTY_NOT_LOADED = (name: string) =>
  `The property '${name}' is not available. Before reading the property's value, call the load method on the containing object and call "context.sync()" on the associated request context.`;
const PAYLOAD_MESSAGE = (what: "request" | "response") =>
  `The ${what} payload size has exceeded the limit. Please refer to the documentation: "https://docs.microsoft.com/office/dev/add-ins/concepts/resource-limits-and-performance-optimization#excel-add-ins".`;
const fail = (code: string, message: string): never => {
  throw new RichApiError(code, message);
};

// ---- Addresses ----------------------------------------------------------------------

export function columnName(index: number): string {
  let letters = "";
  for (let n = index + 1; n > 0; n = Math.floor((n - 1) / 26)) letters = String.fromCharCode(65 + ((n - 1) % 26)) + letters;
  return letters;
}

function columnNumber(letters: string): number {
  return [...letters.toUpperCase()].reduce((sum, letter) => sum * 26 + letter.charCodeAt(0) - 64, 0) - 1;
}

/** A block of cells, 0-based and inclusive. */
export interface Area {
  readonly sheet: ModelSheet;
  readonly top: number;
  readonly left: number;
  readonly bottom: number;
  readonly right: number;
}

function parseAddress(sheet: ModelSheet, address: string): Area {
  const text = address.includes("!") ? (address.split("!").pop() as string) : address;
  const columns = /^\$?([A-Z]+):\$?([A-Z]+)$/i.exec(text);
  if (columns)
    return { sheet, top: 0, bottom: LAST_ROW, left: columnNumber(columns[1] as string), right: columnNumber(columns[2] as string) };
  const rows = /^\$?(\d+):\$?(\d+)$/.exec(text);
  if (rows) return { sheet, top: Number(rows[1]) - 1, bottom: Number(rows[2]) - 1, left: 0, right: LAST_COLUMN };
  const [from, to = from] = text.split(":") as [string, string?];
  const cell = (ref: string) => {
    const match = /^\$?([A-Z]+)\$?(\d+)$/i.exec(ref);
    if (!match) return fail("InvalidArgument", `The argument 'address' doesn't work for this situation (${address}).`);
    return { column: columnNumber(match[1] as string), row: Number(match[2]) - 1 };
  };
  const start = cell(from);
  const end = cell(to);
  return {
    sheet,
    top: Math.min(start.row, end.row),
    left: Math.min(start.column, end.column),
    bottom: Math.max(start.row, end.row),
    right: Math.max(start.column, end.column),
  };
}

/** The sheets a formula refers to: 'Quoted name'!A1 or Name!A1. */
export function referencedSheets(formula: string): string[] {
  const names: string[] = [];
  for (const match of formula.matchAll(/'((?:[^']|'')+)'!|([A-Za-z_][A-Za-z0-9_.]*)!/g)) {
    names.push(match[1] !== undefined ? match[1].replace(/''/g, "'") : (match[2] as string));
  }
  return names;
}

function quotedSheet(name: string): string {
  return /^[A-Za-z_][A-Za-z0-9_.]*$/.test(name) ? name : `'${name.replace(/'/g, "''")}'`;
}

/** "'Tracking Form'!H2:H10", as Range.address reads. */
export function areaAddress(area: Area): string {
  const from = `${columnName(area.left)}${area.top + 1}`;
  const to = `${columnName(area.right)}${area.bottom + 1}`;
  return `${quotedSheet(area.sheet.name)}!${from === to ? from : `${from}:${to}`}`;
}

function cellCount(area: Area): number {
  return (area.bottom - area.top + 1) * (area.right - area.left + 1);
}

function intersect(a: Area, b: Area): Area | null {
  if (a.sheet !== b.sheet) return null;
  const area = {
    sheet: a.sheet,
    top: Math.max(a.top, b.top),
    left: Math.max(a.left, b.left),
    bottom: Math.min(a.bottom, b.bottom),
    right: Math.min(a.right, b.right),
  };
  return area.top <= area.bottom && area.left <= area.right ? area : null;
}

// ---- Payload sizes ------------------------------------------------------------------

/** UTF-8 bytes of a value's JSON: what a request or response carries. */
export function jsonBytes(value: unknown): number {
  const text = JSON.stringify(value) ?? "";
  let bytes = 0;
  for (let i = 0; i < text.length; i++) {
    const code = text.charCodeAt(i);
    // Each half of a surrogate pair counts 2: the pair is 4 bytes.
    bytes += code < 0x80 ? 1 : code < 0x800 || (code >= 0xd800 && code <= 0xdfff) ? 2 : 3;
  }
  return bytes;
}

// ---- Formulas -----------------------------------------------------------------------

/** Whether Excel can enter this formula: quotes and parentheses balanced. */
function wellFormed(formula: string): boolean {
  let depth = 0;
  let quoted = false;
  for (const char of formula.slice(1)) {
    if (char === '"') quoted = !quoted;
    else if (!quoted && char === "(") depth++;
    else if (!quoted && char === ")" && --depth < 0) return false;
  }
  return !quoted && depth === 0 && formula.length > 1;
}

/** Arithmetic on number literals: + - * / and parentheses; null when the text is anything else. */
function arithmetic(text: string): number | null {
  const tokens = text.match(/\d+(?:\.\d*)?(?:[eE][+-]?\d+)?|\.\d+|[-+*/()]|\S/g) ?? [];
  let at = 0;
  const peek = () => tokens[at];
  const factor = (): number | null => {
    const token = tokens[at++];
    if (token === "+" || token === "-") {
      const value = factor();
      return value === null ? null : token === "-" ? -value : value;
    }
    if (token === "(") {
      const value = sum();
      return tokens[at++] === ")" ? value : null;
    }
    return token !== undefined && /^[\d.]/.test(token) ? Number(token) : null;
  };
  const product = (): number | null => {
    let value = factor();
    while (value !== null && (peek() === "*" || peek() === "/")) {
      const op = tokens[at++];
      const right = factor();
      value = right === null ? null : op === "*" ? value * right : value / right;
    }
    return value;
  };
  const sum = (): number | null => {
    let value = product();
    while (value !== null && (peek() === "+" || peek() === "-")) {
      const op = tokens[at++];
      const right = product();
      value = right === null ? null : op === "+" ? value + right : value - right;
    }
    return value;
  };
  const value = sum();
  return value !== null && at === tokens.length && Number.isFinite(value) ? value : null;
}

const STRING_LITERAL = /^"((?:[^"]|"")*)"$/;
const unquote = (literal: string) => (STRING_LITERAL.exec(literal.trim())?.[1] ?? "").replace(/""/g, '"');

/** What a formula's cell holds as its value. */
export function formulaResult(formula: string): Scalar {
  const body = formula.slice(1).trim();
  const number = arithmetic(body);
  if (number !== null) return number;
  if (STRING_LITERAL.test(body)) return unquote(body);
  const link = /^HYPERLINK\(\s*("(?:[^"]|"")*")\s*(?:,\s*("(?:[^"]|"")*")\s*)?\)$/i.exec(body);
  if (link) return unquote(link[2] ?? (link[1] as string));
  return "#NAME?";
}

// ---- Sheets -------------------------------------------------------------------------

export interface CellState {
  readonly value: Scalar;
  readonly formula: string | null;
  readonly numberFormat: string;
}

const ISO_DATE = /^(\d{4})-(\d{2})-(\d{2})$/;
const NUMBER_TEXT = /^\s*[+-]?(\d+(\.\d*)?|\.\d+)([eE][+-]?\d+)?\s*$/;

export class ModelSheet {
  visibility = "Visible";
  private readonly rows: (Scalar[] | undefined)[] = [];
  private readonly formulaRows = new Map<number, Map<number, string>>();
  private readonly formatRows = new Map<number, Map<number, string>>();
  readonly validations = new Map<string, unknown>();
  /** Input and error messages of dropdowns (ExcelApi 1.8), by address. */
  readonly validationMessages = new Map<string, { prompt?: unknown; errorAlert?: unknown }>();
  readonly columnWidths = new Map<number, number>();
  readonly boldCells = new Set<string>();
  /** Rows frozen at the top (ExcelApi 1.7). */
  frozenRows = 0;
  /** Page setup for printing (ExcelApi 1.9): what was set, by property. */
  readonly page: Record<string, unknown> = {};

  constructor(
    readonly id: string,
    public name: string,
    private readonly dateBase: number,
  ) {}

  value(row: number, column: number): Scalar {
    return this.rows[row]?.[column] ?? "";
  }

  formula(row: number, column: number): string | null {
    return this.formulaRows.get(row)?.get(column) ?? null;
  }

  numberFormat(row: number, column: number): string {
    return this.formatRows.get(row)?.get(column) ?? GENERAL;
  }

  cell(row: number, column: number): CellState {
    return { value: this.value(row, column), formula: this.formula(row, column), numberFormat: this.numberFormat(row, column) };
  }

  /** Stores a cell as it is, whatever it holds. */
  put(row: number, column: number, value: Scalar, formula: string | null): void {
    let cells = this.rows[row];
    if (cells === undefined) {
      if (value === "" && formula === null) {
        this.formulaRows.get(row)?.delete(column);
        return;
      }
      cells = [];
      this.rows[row] = cells;
    }
    while (cells.length < column) cells.push("");
    cells[column] = value;
    if (formula === null) this.formulaRows.get(row)?.delete(column);
    else {
      const formulas = this.formulaRows.get(row) ?? new Map<number, string>();
      formulas.set(column, formula);
      this.formulaRows.set(row, formulas);
    }
  }

  setNumberFormat(row: number, column: number, format: string): void {
    const formats = this.formatRows.get(row) ?? new Map<number, string>();
    if (format === "" || format === GENERAL) formats.delete(column);
    else formats.set(column, format);
    this.formatRows.set(row, formats);
  }

  /**
   * Enters what Range.values (or a person typing) gives a cell: a string is
   * read as typed unless the cell is formatted as Text.
   */
  enter(row: number, column: number, input: Scalar): void {
    if (typeof input !== "string") return this.put(row, column, input, null);
    if (input === "") return this.put(row, column, "", null);
    if (this.numberFormat(row, column) === TEXT) return this.put(row, column, input, null);
    if (NUMBER_TEXT.test(input)) return this.put(row, column, Number(input), null);
    const first = input[0] as string;
    if ("=+-@".includes(first)) {
      const formula = first === "=" ? input : first === "@" ? `=${input.slice(1)}` : `=${input}`;
      if (!wellFormed(formula)) fail("InvalidArgument", "There's a problem with this formula.");
      return this.put(row, column, formulaResult(formula), formula);
    }
    const date = ISO_DATE.exec(input);
    if (date) {
      const serial = (Date.UTC(Number(date[1]), Number(date[2]) - 1, Number(date[3])) - this.dateBase) / 86_400_000;
      if (Number.isInteger(serial)) return this.put(row, column, serial, null);
    }
    if (/^(true|false)$/i.test(input)) return this.put(row, column, input.toLowerCase() === "true", null);
    return this.put(row, column, input, null);
  }

  /** Enters a formula as Range.formulas gives it: text not starting with "=" is entered as a value. */
  enterFormula(row: number, column: number, input: Scalar): void {
    if (typeof input === "string" && input.startsWith("=") && this.numberFormat(row, column) !== TEXT) {
      if (!wellFormed(input)) fail("InvalidArgument", "There's a problem with this formula.");
      return this.put(row, column, formulaResult(input), input);
    }
    this.enter(row, column, input);
  }

  clear(area: Area, what: "Contents" | "Formats" | "All"): void {
    const bottom = Math.min(area.bottom, this.rows.length - 1, LAST_ROW);
    if (what !== "Formats") {
      for (let row = area.top; row <= bottom; row++) {
        const cells = this.rows[row];
        if (cells === undefined) continue;
        for (let column = area.left; column <= Math.min(area.right, cells.length - 1); column++) this.put(row, column, "", null);
      }
    }
    if (what !== "Contents") {
      for (const [row, formats] of this.formatRows) {
        if (row < area.top || row > area.bottom) continue;
        for (const column of [...formats.keys()]) if (column >= area.left && column <= area.right) formats.delete(column);
      }
    }
  }

  /** The used area (of the sheet, or within an area): cells with a value or formula, or (unless valuesOnly) a number format. */
  usedArea(valuesOnly: boolean, within?: Area): Area | null {
    let top = Infinity;
    let left = Infinity;
    let bottom = -1;
    let right = -1;
    const include = (row: number, column: number) => {
      if (within !== undefined && (row < within.top || row > within.bottom || column < within.left || column > within.right)) return;
      top = Math.min(top, row);
      left = Math.min(left, column);
      bottom = Math.max(bottom, row);
      right = Math.max(right, column);
    };
    this.rows.forEach((cells, row) => cells?.forEach((value, column) => value !== "" && include(row, column)));
    for (const [row, formulas] of this.formulaRows) for (const column of formulas.keys()) include(row, column);
    if (!valuesOnly) for (const [row, formats] of this.formatRows) for (const column of formats.keys()) include(row, column);
    return bottom < 0 ? null : { sheet: this, top, left, bottom, right };
  }

  /** Moves the cells of columns left..right from row `from` down (count > 0) or up (count < 0), as inserting or deleting cells does. */
  shiftRows(from: number, count: number, left: number, right: number): void {
    let last = this.rows.length - 1;
    for (const row of this.formulaRows.keys()) last = Math.max(last, row);
    for (const row of this.formatRows.keys()) last = Math.max(last, row);
    const move = (source: number, target: number) => {
      for (let column = left; column <= right; column++) {
        const cell = this.cell(source, column);
        this.put(target, column, cell.value, cell.formula);
        this.setNumberFormat(target, column, cell.numberFormat);
      }
    };
    const clearRows = (top: number, bottom: number) => {
      if (top <= bottom) this.clear({ sheet: this, top, bottom, left, right }, "All");
    };
    if (count > 0) {
      for (let row = last; row >= from; row--) move(row, row + count);
      clearRows(from, from + count - 1);
    } else {
      for (let row = from; row <= last + count; row++) move(row - count, row);
      clearRows(Math.max(from, last + count + 1), last);
    }
  }

  /** Moves the cells of rows top..bottom from column `from` one or more columns right. */
  shiftColumns(from: number, count: number, top: number, bottom: number): void {
    for (let row = top; row <= bottom; row++) {
      const cells = this.rows[row];
      let last = (cells?.length ?? 0) - 1;
      for (const column of this.formulaRows.get(row)?.keys() ?? []) last = Math.max(last, column);
      for (let column = last; column >= from; column--) {
        const cell = this.cell(row, column);
        this.put(row, column + count, cell.value, cell.formula);
        this.setNumberFormat(row, column + count, cell.numberFormat);
      }
      this.clear({ sheet: this, top: row, bottom: row, left: from, right: from + count - 1 }, "All");
    }
  }
}

export interface ModelTable {
  readonly id: string;
  name: string;
  /** The table style's name, such as TableStyleMedium2. */
  style?: string;
  readonly sheet: ModelSheet;
  /** 0-based worksheet row of the header row and column of the first column. */
  headerRow: number;
  readonly left: number;
  width: number;
  /** Data rows (at least one). */
  rowCount: number;
}

const tableArea = (table: ModelTable): Area => ({
  sheet: table.sheet,
  top: table.headerRow,
  left: table.left,
  bottom: table.headerRow + table.rowCount,
  right: table.left + table.width - 1,
});
const bodyArea = (table: ModelTable): Area => ({ ...tableArea(table), top: table.headerRow + 1 });

// ---- Events -------------------------------------------------------------------------

type EventKind =
  | "WorksheetsChanged"
  | "WorksheetChanged"
  | "TablesChanged"
  | "TableChanged"
  | "WorksheetAdded"
  | "WorksheetDeleted"
  | "WorksheetNameChanged";

interface Registration {
  readonly kind: EventKind;
  /** The sheet or table the handler watches (for WorksheetChanged and TableChanged). */
  readonly id: string | null;
  readonly handler: (args: unknown) => Promise<unknown>;
}

interface Change {
  readonly kind: "changed" | "added" | "deleted";
  readonly sheet: ModelSheet;
  readonly area: Area | null;
  readonly changeType: "RangeEdited" | "RowInserted" | "RowDeleted" | "ColumnInserted";
  readonly byAddin: boolean;
}

// ---- The request context and proxies --------------------------------------------------

interface Action {
  /** What the request carries for this command. */
  readonly request: unknown;
  /** Runs the command in Excel; a load returns what the response carries and what to keep once the sync succeeds. */
  readonly run: () => { readonly response: unknown; readonly commit: () => void } | void;
}

export interface SyncRecord {
  readonly requestBytes: number;
  responseBytes: number;
  /** Cells whose values, formulas or number formats the sync moved (sent or received). */
  cells: number;
}

class ModelContext {
  readonly workbook: WorkbookProxy;
  private queue: Action[] = [];

  constructor(
    readonly model: ExcelModel,
    /** Excel.run's `delayForCellEdit`: wait for a cell edit to end rather than fail. */
    readonly delayForCellEdit = false,
  ) {
    this.workbook = new WorkbookProxy(this);
  }

  enqueue(action: Action): void {
    this.queue.push(action);
  }

  async sync(): Promise<void> {
    const actions = this.queue;
    this.queue = [];
    await this.model.execute(actions, this.delayForCellEdit);
  }
}

type Kind =
  | "workbook"
  | "worksheet"
  | "worksheets"
  | "table"
  | "tables"
  | "names"
  | "range"
  | "column"
  | "columns"
  | "row"
  | "rows"
  | "function"
  | "application";

abstract class ClientObject<T> {
  private resolved: { readonly target: T | null } | null = null;
  private readonly loaded = new Map<string, unknown>();

  constructor(
    readonly context: ModelContext,
    private readonly resolver: () => T | null,
    private readonly kind: Kind,
    private readonly nullable = false,
  ) {
    context.enqueue({
      request: { get: kind },
      run: () => {
        const target = this.resolve();
        if (!this.nullable) return;
        return { response: { isNullObject: target === null }, commit: () => this.loaded.set("isNullObject", target === null) };
      },
    });
  }

  protected resolve(): T | null {
    if (this.resolved === null) this.resolved = { target: this.resolver() };
    return this.resolved.target;
  }

  /** The Excel object; a null object has none. */
  target(): T {
    const target = this.resolve();
    if (target === null) return fail("ItemNotFound", `The requested resource doesn't exist (${this.kind}).`);
    return target;
  }

  get isNullObject(): boolean {
    return this.loadedValue("isNullObject") as boolean;
  }

  load(properties?: string | string[]): this {
    const names = (Array.isArray(properties) ? properties : (properties ?? "").split(","))
      .map((name) => name.trim())
      .filter((name) => name !== "");
    this.context.enqueue({
      request: { load: names },
      run: () => {
        const target = this.resolve();
        // A null object's properties read as null.
        const values = names.map((name): [string, unknown] => [
          name,
          name === "isNullObject" ? target === null : target === null && this.nullable ? null : this.read(name),
        ]);
        return { response: Object.fromEntries(values), commit: () => values.forEach(([name, value]) => this.loaded.set(name, value)) };
      },
    });
    return this;
  }

  /** Reads one property of the Excel object, while the sync runs. */
  protected abstract read(name: string): unknown;

  protected loadedValue(name: string): unknown {
    if (!this.loaded.has(name)) fail("PropertyNotLoaded", PROPERTY_NOT_LOADED(name));
    return this.loaded.get(name);
  }

  /** Queues a command that changes Excel. */
  protected command(request: unknown, run: (target: T) => void): void {
    this.context.enqueue({
      request,
      run: () => {
        run(this.target());
      },
    });
  }

  /** Queues a command that needs a requirement set the host may not have. */
  protected requires(version: string, api: string): void {
    this.context.enqueue({
      request: { requires: api },
      run: () => {
        if (!this.context.model.supports(version))
          fail("ApiNotFound", `The API you are trying to use could not be found (${api}, ExcelApi ${version}).`);
      },
    });
  }

  protected events(kind: EventKind, id: () => string | null) {
    const context = this.context;
    return {
      add: (handler: (args: unknown) => Promise<unknown>) => {
        let registration: Registration | null = null;
        context.enqueue({
          request: { addHandler: kind },
          run: () => {
            registration = { kind, id: id(), handler };
            context.model.register(registration);
          },
        });
        return {
          context,
          remove: () =>
            context.enqueue({
              request: { removeHandler: kind },
              run: () => {
                if (registration !== null) context.model.unregister(registration);
              },
            }),
        };
      },
    };
  }
}

class FunctionResultProxy extends ClientObject<{ value: number; error: string | null }> {
  constructor(context: ModelContext, value: () => number) {
    super(context, () => ({ value: value(), error: null }), "function");
  }
  protected read(name: string): unknown {
    return (this.target() as Record<string, unknown>)[name];
  }
  get value(): number {
    return this.loadedValue("value") as number;
  }
  get error(): string | null {
    return this.loadedValue("error") as string | null;
  }
}

/**
 * Excel's application (ExcelApi 1.11 for its separators): `decimalSeparator`
 * is the mark the grid reads typed numbers with ("based on Excel's local
 * settings"), which may differ from the web view's language (English Office
 * with German regional settings types 1,5);
 * `cultureInfo.numberFormat.numberDecimalSeparator` is the system's.
 * https://learn.microsoft.com/javascript/api/excel/excel.application#excel-excel-application-decimalseparator-member
 * https://learn.microsoft.com/javascript/api/excel/excel.cultureinfo
 */
class ApplicationProxy extends ClientObject<ExcelModel> {
  constructor(context: ModelContext) {
    super(context, () => context.model, "application");
  }
  protected read(name: string): unknown {
    const model = this.target();
    if (!model.supports("1.11"))
      fail("ApiNotFound", `The API you are trying to use could not be found (Application.${name}, ExcelApi 1.11).`);
    if (name === "decimalSeparator") return model.decimalSeparator;
    if (name === "cultureInfo/numberFormat/numberDecimalSeparator" || name === "cultureInfo")
      return { numberFormat: { numberDecimalSeparator: model.decimalSeparator } };
    return fail("InvalidArgument", `Application has no loadable property ${name} in this model.`);
  }
  get decimalSeparator(): string {
    return this.loadedValue("decimalSeparator") as string;
  }
}

class WorkbookProxy {
  readonly worksheets: WorksheetCollectionProxy;
  readonly tables: TableCollectionProxy;
  readonly names: NamedItemCollectionProxy;
  readonly application: ApplicationProxy;
  readonly functions: { date: (year: number, month: number, day: number) => FunctionResultProxy };

  constructor(readonly context: ModelContext) {
    this.worksheets = new WorksheetCollectionProxy(context);
    this.application = new ApplicationProxy(context);
    this.tables = new TableCollectionProxy(context);
    this.names = new NamedItemCollectionProxy(context);
    this.functions = {
      date: (year, month, day) => {
        const result = new FunctionResultProxy(context, () => (Date.UTC(year, month - 1, day) - context.model.dateBase) / 86_400_000);
        context.enqueue({
          request: { requires: "functions" },
          run: () => {
            if (!context.model.supports("1.2"))
              fail("ApiNotFound", "The API you are trying to use could not be found (Functions, ExcelApi 1.2).");
          },
        });
        return result;
      },
    };
  }
}

class WorksheetCollectionProxy extends ClientObject<ExcelModel> {
  constructor(context: ModelContext) {
    super(context, () => context.model, "worksheets");
  }
  protected read(name: string): unknown {
    return fail("InvalidArgument", `WorksheetCollection has no loadable property ${name} in this model.`);
  }
  getItem(name: string): WorksheetProxy {
    return new WorksheetProxy(
      this.context,
      () => this.context.model.sheet(name) ?? fail("ItemNotFound", `The worksheet ${name} doesn't exist.`),
    );
  }
  getItemOrNullObject(name: string): WorksheetProxy {
    return new WorksheetProxy(this.context, () => this.context.model.sheet(name) ?? null, true);
  }
  add(name: string): WorksheetProxy {
    let added: ModelSheet | null = null;
    this.command({ add: name }, (model) => {
      added = model.addSheet(name, [], { byAddin: true });
    });
    return new WorksheetProxy(this.context, () => added);
  }
  get onChanged() {
    this.requires("1.9", "WorksheetCollection.onChanged");
    return this.events("WorksheetsChanged", () => null);
  }
  get onAdded() {
    this.requires("1.7", "WorksheetCollection.onAdded");
    return this.events("WorksheetAdded", () => null);
  }
  get onDeleted() {
    this.requires("1.7", "WorksheetCollection.onDeleted");
    return this.events("WorksheetDeleted", () => null);
  }
  /** Renaming is not modelled: the handler is registered and never called. */
  get onNameChanged() {
    this.requires("1.17", "WorksheetCollection.onNameChanged");
    return this.events("WorksheetNameChanged", () => null);
  }
}

/**
 * The workbook's names (ExcelApi 1.4). `add` takes the range the name refers to; the range is found when
 * the batch runs, so a name on a sheet not added yet fails, as every reference does in queue order.
 * https://learn.microsoft.com/javascript/api/excel/excel.nameditemcollection#excel-excel-nameditemcollection-add-member(1)
 */
class NamedItemCollectionProxy extends ClientObject<ExcelModel> {
  constructor(context: ModelContext) {
    super(context, () => context.model, "names");
  }
  protected read(name: string): unknown {
    return fail("InvalidArgument", `NamedItemCollection has no loadable property ${name} in this model.`);
  }
  add(name: string, reference: RangeProxy): void {
    this.requires("1.4", "NamedItemCollection.add");
    this.command({ addName: name }, (model) => {
      // Names are case-insensitive and unique in a workbook.
      if (model.names.has(name.toLowerCase())) fail("InvalidArgument", `The name ${name} already exists.`);
      model.names.set(name.toLowerCase(), { name, area: reference.target() });
    });
  }
}

class TableCollectionProxy extends ClientObject<ExcelModel> {
  constructor(context: ModelContext) {
    super(context, () => context.model, "tables");
  }
  protected read(name: string): unknown {
    return fail("InvalidArgument", `TableCollection has no loadable property ${name} in this model.`);
  }
  getItem(name: string): TableProxy {
    return new TableProxy(this.context, () => this.context.model.table(name) ?? fail("ItemNotFound", `The table ${name} doesn't exist.`));
  }
  getItemOrNullObject(name: string): TableProxy {
    return new TableProxy(this.context, () => this.context.model.table(name) ?? null, true);
  }
  get onChanged() {
    this.requires("1.7", "TableCollection.onChanged");
    return this.events("TablesChanged", () => null);
  }
}

/**
 * Page zoom takes the documented values only: a scale of 10 to 400, or a
 * number of pages to fit wide and tall (null only where a scale is used).
 * A 0 ("as many pages as needed" in the file format) is not among them:
 * what Excel does with it is open, and the model refuses it.
 * https://learn.microsoft.com/javascript/api/excel/excel.pagelayoutzoomoptions
 */
function checkZoom(value: unknown): void {
  const zoom = (value ?? {}) as { scale?: unknown; horizontalFitToPages?: unknown; verticalFitToPages?: unknown };
  const pages = (count: unknown) => count === undefined || (typeof count === "number" && Number.isInteger(count) && count >= 1);
  const scaled = zoom.scale !== undefined && zoom.scale !== null;
  if (scaled && !(typeof zoom.scale === "number" && zoom.scale >= 10 && zoom.scale <= 400))
    fail("InvalidArgument", `The page scale ${String(zoom.scale)} is not between 10 and 400.`);
  for (const count of [zoom.horizontalFitToPages, zoom.verticalFitToPages]) {
    if (count === null ? !scaled : !pages(count)) fail("InvalidArgument", `${String(count)} is not a number of pages to fit.`);
  }
}

class WorksheetProxy extends ClientObject<ModelSheet> {
  readonly tables: { add: (address: string, hasHeaders: boolean) => TableProxy };

  /** Frozen panes (ExcelApi 1.7): rows frozen at the top. */
  get freezePanes(): { freezeRows: (count: number) => void } {
    this.requires("1.7", "Worksheet.freezePanes");
    return { freezeRows: (count) => this.command({ freezeRows: count }, (sheet) => (sheet.frozenRows = count)) };
  }

  /**
   * Page setup for printing (ExcelApi 1.9): each property set is recorded as
   * set; https://learn.microsoft.com/javascript/api/excel/excel.pagelayout
   */
  get pageLayout(): Record<string, unknown> {
    this.requires("1.9", "Worksheet.pageLayout");
    // Checked when the batch runs, as Excel checks what it is sent.
    const record = (name: string, value: unknown) =>
      this.command({ set: name, value }, (sheet) => {
        if (name === "zoom") checkZoom(value);
        sheet.page[name] = value;
      });
    const layout: Record<string, unknown> = {
      setPrintTitleRows: (rows: string) => record("printTitleRows", rows),
      headersFooters: {
        defaultForAllPages: new Proxy(
          {},
          {
            set: (_target, name, value) => (record(`footer.${String(name)}`, value), true),
            get: () => fail("PropertyNotLoaded", "not loaded"),
          },
        ),
      },
    };
    return new Proxy(layout, {
      set: (_target, name, value) => (record(String(name), value), true),
      get: (target, name) => (name in target ? target[name as string] : fail("PropertyNotLoaded", PROPERTY_NOT_LOADED(String(name)))),
    });
  }

  constructor(context: ModelContext, resolver: () => ModelSheet | null, nullable = false) {
    super(context, resolver, "worksheet", nullable);
    this.tables = {
      add: (address, hasHeaders) => {
        let added: ModelTable | null = null;
        this.command({ addTable: address }, (sheet) => {
          if (!hasHeaders) fail("InvalidArgument", "This model makes tables with headers only.");
          added = context.model.makeTable(sheet, parseAddress(sheet, address));
        });
        return new TableProxy(context, () => added);
      },
    };
  }
  protected read(name: string): unknown {
    const sheet = this.target();
    if (name === "name" || name === "id" || name === "visibility") return sheet[name];
    return fail("InvalidArgument", `Worksheet has no loadable property ${name} in this model.`);
  }
  get name(): string {
    return this.loadedValue("name") as string;
  }
  set name(value: string) {
    this.command({ set: "name", value }, (sheet) => (sheet.name = value));
  }
  get id(): string {
    return this.loadedValue("id") as string;
  }
  get visibility(): string {
    return this.loadedValue("visibility") as string;
  }
  set visibility(value: string) {
    this.command({ set: "visibility", value }, (sheet) => (sheet.visibility = value));
  }
  getRange(address?: string): RangeProxy {
    return new RangeProxy(this.context, () => {
      const sheet = this.target();
      return address === undefined ? { sheet, top: 0, left: 0, bottom: LAST_ROW, right: LAST_COLUMN } : parseAddress(sheet, address);
    });
  }
  getUsedRange(valuesOnly = false): RangeProxy {
    return new RangeProxy(this.context, () => {
      const sheet = this.target();
      return sheet.usedArea(valuesOnly) ?? { sheet, top: 0, left: 0, bottom: 0, right: 0 };
    });
  }
  getUsedRangeOrNullObject(valuesOnly = false): RangeProxy {
    return new RangeProxy(this.context, () => this.target().usedArea(valuesOnly), true);
  }
  activate(): void {
    this.command({ activate: true }, (sheet) => (this.context.model.activeSheet = sheet.name));
  }
  delete(): void {
    this.command({ delete: true }, (sheet) => this.context.model.deleteSheet(sheet, true));
  }
  get onChanged() {
    this.requires("1.7", "Worksheet.onChanged");
    return this.events("WorksheetChanged", () => this.target().id);
  }
}

class TableProxy extends ClientObject<ModelTable> {
  readonly rows: {
    add: (index?: number | null, values?: Scalar[][]) => TableRowProxy;
    getItemAt: (index: number) => TableRowProxy;
  };
  readonly columns: {
    getItemAt: (index: number) => TableColumnProxy;
    getItem: (name: string) => TableColumnProxy;
    add: (index?: number | null, values?: Scalar[][], name?: string) => TableColumnProxy;
  };

  constructor(context: ModelContext, resolver: () => ModelTable | null, nullable = false) {
    super(context, resolver, "table", nullable);
    this.rows = {
      add: (index, values) => {
        let at = 0;
        this.command({ addRows: values ?? [[]] }, (table) => {
          at = index === undefined || index === null || index < 0 ? table.rowCount : index;
          context.model.insertTableRows(table, at, values ?? [[]], true);
        });
        return new TableRowProxy(context, () => ({ table: this.target(), index: at }));
      },
      getItemAt: (index) =>
        new TableRowProxy(context, () => {
          const table = this.target();
          return index >= 0 && index < table.rowCount ? { table, index } : fail("InvalidArgument", `The table has no row ${index}.`);
        }),
    };
    const column = (find: (table: ModelTable) => number) =>
      new TableColumnProxy(context, () => {
        const table = this.target();
        const index = find(table);
        return index >= 0 && index < table.width ? { table, index } : fail("ItemNotFound", "The table column doesn't exist.");
      });
    this.columns = {
      getItemAt: (index) => column(() => index),
      getItem: (name) =>
        column((table) => context.model.headers(table).findIndex((header) => String(header).toLowerCase() === name.toLowerCase())),
      add: (index, values, name) => {
        let added = -1;
        this.command({ addColumn: name ?? null, values: values ?? null }, (table) => {
          if (index !== undefined && index !== null && index !== table.width)
            fail("InvalidArgument", "This model adds columns at the end only.");
          added = context.model.addTableColumn(table, name ?? null, values ?? null, true);
        });
        return new TableColumnProxy(context, () => ({ table: this.target(), index: added }));
      },
    };
  }
  protected read(name: string): unknown {
    const table = this.target();
    if (name === "name" || name === "id") return table[name];
    return fail("InvalidArgument", `Table has no loadable property ${name} in this model.`);
  }
  get name(): string {
    return this.loadedValue("name") as string;
  }
  get id(): string {
    return this.loadedValue("id") as string;
  }
  set name(value: string) {
    this.command({ set: "name", value }, (table) => (table.name = value));
  }
  get worksheet(): WorksheetProxy {
    return new WorksheetProxy(this.context, () => this.target().sheet);
  }
  set style(value: string) {
    this.command({ set: "style", value }, (table) => (table.style = value));
  }
  getHeaderRowRange(): RangeProxy {
    return new RangeProxy(this.context, () => {
      const area = tableArea(this.target());
      return { ...area, bottom: area.top };
    });
  }
  getDataBodyRange(): RangeProxy {
    return new RangeProxy(this.context, () => bodyArea(this.target()));
  }
  getRange(): RangeProxy {
    return new RangeProxy(this.context, () => tableArea(this.target()));
  }
  get onChanged() {
    this.requires("1.7", "Table.onChanged");
    return this.events("TableChanged", () => this.target().id);
  }
}

class TableColumnProxy extends ClientObject<{ table: ModelTable; index: number }> {
  constructor(context: ModelContext, resolver: () => { table: ModelTable; index: number } | null) {
    super(context, resolver, "column");
  }
  protected read(name: string): unknown {
    const { table, index } = this.target();
    if (name === "name") return this.context.model.headers(table)[index];
    if (name === "index") return index;
    return fail("InvalidArgument", `TableColumn has no loadable property ${name} in this model.`);
  }
  getDataBodyRange(): RangeProxy {
    return new RangeProxy(this.context, () => {
      const { table, index } = this.target();
      const column = table.left + index;
      return { ...bodyArea(table), left: column, right: column };
    });
  }
  getHeaderRowRange(): RangeProxy {
    return new RangeProxy(this.context, () => {
      const { table, index } = this.target();
      return { sheet: table.sheet, top: table.headerRow, bottom: table.headerRow, left: table.left + index, right: table.left + index };
    });
  }
}

class TableRowProxy extends ClientObject<{ table: ModelTable; index: number }> {
  constructor(context: ModelContext, resolver: () => { table: ModelTable; index: number } | null) {
    super(context, resolver, "row");
  }
  protected read(name: string): unknown {
    if (name === "index") return this.target().index;
    return fail("InvalidArgument", `TableRow has no loadable property ${name} in this model.`);
  }
  getRange(): RangeProxy {
    return new RangeProxy(this.context, () => {
      const { table, index } = this.target();
      const row = table.headerRow + 1 + index;
      return { ...tableArea(table), top: row, bottom: row };
    });
  }
  delete(): void {
    this.command({ deleteRow: true }, ({ table, index }) => this.context.model.deleteTableRow(table, index, true));
  }
}

class RangeProxy extends ClientObject<Area> {
  readonly format: { font: { bold: boolean }; columnWidth: number };
  readonly dataValidation: { rule: unknown; prompt: unknown; errorAlert: unknown };

  constructor(context: ModelContext, resolver: () => Area | null, nullable = false) {
    super(context, resolver, "range", nullable);
    // eslint-disable-next-line @typescript-eslint/no-this-alias
    const range = this;
    this.format = {
      font: {
        get bold(): boolean {
          return fail("PropertyNotLoaded", PROPERTY_NOT_LOADED("bold"));
        },
        set bold(value: boolean) {
          range.command({ set: "bold", value }, (area) => area.sheet.boldCells.add(areaAddress(area)));
        },
      },
      get columnWidth(): number {
        return fail("PropertyNotLoaded", PROPERTY_NOT_LOADED("columnWidth"));
      },
      set columnWidth(value: number) {
        range.command({ set: "columnWidth", value }, (area) => {
          for (let column = area.left; column <= area.right; column++) area.sheet.columnWidths.set(column, value);
        });
      },
    };
    this.dataValidation = {
      get rule(): unknown {
        return fail("PropertyNotLoaded", PROPERTY_NOT_LOADED("rule"));
      },
      set rule(value: unknown) {
        range.command({ set: "rule", value }, (area) => {
          const source = (value as { list?: { source?: unknown } } | null)?.list?.source;
          for (const name of typeof source === "string" ? referencedSheets(source) : []) {
            if (context.model.sheet(name) === undefined)
              fail("InvalidArgument", `The argument is invalid or missing or has an incorrect format (no sheet ${name} for ${source}).`);
          }
          area.sheet.validations.set(areaAddress(area).split("!")[1] as string, value);
        });
      },
      get prompt(): unknown {
        return fail("PropertyNotLoaded", PROPERTY_NOT_LOADED("prompt"));
      },
      set prompt(value: unknown) {
        range.requires("1.8", "DataValidation.prompt");
        range.command({ set: "prompt", value }, (area) => {
          const address = areaAddress(area).split("!")[1] as string;
          area.sheet.validationMessages.set(address, { ...area.sheet.validationMessages.get(address), prompt: value });
        });
      },
      get errorAlert(): unknown {
        return fail("PropertyNotLoaded", PROPERTY_NOT_LOADED("errorAlert"));
      },
      set errorAlert(value: unknown) {
        range.requires("1.8", "DataValidation.errorAlert");
        range.command({ set: "errorAlert", value }, (area) => {
          const address = areaAddress(area).split("!")[1] as string;
          area.sheet.validationMessages.set(address, { ...area.sheet.validationMessages.get(address), errorAlert: value });
        });
      },
    };
  }

  protected read(name: string): unknown {
    const area = this.target();
    const grid = (cell: (row: number, column: number) => unknown) => {
      if (cellCount(area) > READ_CELL_LIMIT)
        fail("RangeExceedsLimit", "The cell count in the range has exceeded the maximum supported number.");
      this.context.model.countCells(cellCount(area));
      const rows: unknown[][] = [];
      for (let row = area.top; row <= area.bottom; row++) {
        const cells: unknown[] = [];
        for (let column = area.left; column <= area.right; column++) cells.push(cell(row, column));
        rows.push(cells);
      }
      return rows;
    };
    switch (name) {
      case "values":
        return grid((row, column) => area.sheet.value(row, column));
      case "formulas":
        return grid((row, column) => area.sheet.formula(row, column) ?? area.sheet.value(row, column));
      case "numberFormat":
        return grid((row, column) => area.sheet.numberFormat(row, column));
      case "rowIndex":
        return area.top;
      case "columnIndex":
        return area.left;
      case "rowCount":
        return area.bottom - area.top + 1;
      case "columnCount":
        return area.right - area.left + 1;
      case "address":
        return areaAddress(area);
      default:
        return fail("InvalidArgument", `Range has no loadable property ${name} in this model.`);
    }
  }

  get values(): Scalar[][] {
    return this.loadedValue("values") as Scalar[][];
  }
  set values(values: Scalar[][]) {
    this.write("values", values, (sheet, row, column, value) => sheet.enter(row, column, value));
  }
  get formulas(): Scalar[][] {
    return this.loadedValue("formulas") as Scalar[][];
  }
  set formulas(values: Scalar[][]) {
    this.write("formulas", values, (sheet, row, column, value) => sheet.enterFormula(row, column, value));
  }
  get numberFormat(): string[][] {
    return this.loadedValue("numberFormat") as string[][];
  }
  set numberFormat(formats: string[][]) {
    this.write("numberFormat", formats, (sheet, row, column, format) => sheet.setNumberFormat(row, column, String(format)), false);
  }
  get rowIndex(): number {
    return this.loadedValue("rowIndex") as number;
  }
  get columnIndex(): number {
    return this.loadedValue("columnIndex") as number;
  }
  get rowCount(): number {
    return this.loadedValue("rowCount") as number;
  }
  get columnCount(): number {
    return this.loadedValue("columnCount") as number;
  }
  get address(): string {
    return this.loadedValue("address") as string;
  }

  /**
   * Writes a 2-D array cell by cell; null leaves a cell as it is. A single
   * value (not an array) is applied to every cell, as the reference says; a
   * 1x1 array is applied to every cell only for numberFormat (reported to
   * work in office-js-docs-pr issue 5400, and to fail for values and
   * formulas in office-js-docs-reference issue 578).
   */
  private write(
    property: string,
    values: Scalar[][] | Scalar,
    enter: (sheet: ModelSheet, row: number, column: number, value: Scalar) => void,
    changesData = true,
  ): void {
    this.context.enqueue({
      request: { set: property, value: values },
      run: () => {
        const area = this.target();
        const rows = area.bottom - area.top + 1;
        const columns = area.right - area.left + 1;
        const single = !Array.isArray(values)
          ? values
          : !changesData && values.length === 1 && values[0]?.length === 1
            ? (values[0][0] as Scalar)
            : undefined;
        if (single === undefined) {
          const grid = values as Scalar[][];
          if (grid.length !== rows || grid.some((row) => !Array.isArray(row) || row.length !== columns)) {
            fail("InvalidArgument", "The number of rows or columns in the input array doesn't match the size or dimensions of the range.");
          }
        }
        if (single !== undefined && cellCount(area) > READ_CELL_LIMIT) {
          // Whole columns: only formats are kept for them in this model.
          if (changesData) fail("InvalidArgument", "This model does not write values into whole columns.");
        }
        this.context.model.countCells(single !== undefined ? 1 : rows * columns);
        const bottom = single !== undefined ? Math.min(area.bottom, area.top + READ_CELL_LIMIT) : area.bottom;
        for (let row = area.top; row <= bottom; row++) {
          for (let column = area.left; column <= area.right; column++) {
            const value = single !== undefined ? single : (values as Scalar[][])[row - area.top]?.[column - area.left];
            if (value !== null && value !== undefined) enter(area.sheet, row, column, value);
          }
        }
        if (changesData) this.context.model.changed(area, "RangeEdited", true);
      },
    });
  }

  private derived(make: (area: Area) => Area | null, nullable = false): RangeProxy {
    return new RangeProxy(this.context, () => make(this.target()), nullable);
  }

  getCell(row: number, column: number): RangeProxy {
    return this.derived((area) => ({
      ...area,
      top: area.top + row,
      bottom: area.top + row,
      left: area.left + column,
      right: area.left + column,
    }));
  }
  getResizedRange(rows: number, columns: number): RangeProxy {
    return this.derived((area) => ({ ...area, bottom: area.bottom + rows, right: area.right + columns }));
  }
  getRow(index: number): RangeProxy {
    return this.derived((area) => ({ ...area, top: area.top + index, bottom: area.top + index }));
  }
  getLastRow(): RangeProxy {
    return this.derived((area) => ({ ...area, top: area.bottom }));
  }
  getRowsBelow(count = 1): RangeProxy {
    return this.derived((area) => ({ ...area, top: area.bottom + 1, bottom: area.bottom + count }));
  }
  getColumnsAfter(count = 1): RangeProxy {
    return this.derived((area) => ({ ...area, left: area.right + 1, right: area.right + count }));
  }
  getBoundingRect(other: RangeProxy): RangeProxy {
    return this.derived((area) => {
      const b = other.target();
      return {
        sheet: area.sheet,
        top: Math.min(area.top, b.top),
        left: Math.min(area.left, b.left),
        bottom: Math.max(area.bottom, b.bottom),
        right: Math.max(area.right, b.right),
      };
    });
  }
  getIntersection(other: RangeProxy): RangeProxy {
    return this.derived((area) => intersect(area, other.target()) ?? fail("ItemNotFound", "The ranges don't intersect."));
  }
  getIntersectionOrNullObject(other: RangeProxy): RangeProxy {
    return this.derived((area) => intersect(area, other.target()), true);
  }
  getUsedRangeOrNullObject(valuesOnly = false): RangeProxy {
    return this.derived((area) => area.sheet.usedArea(valuesOnly, area), true);
  }
  select(): void {
    this.command({ select: true }, (area) => (this.context.model.selected = areaAddress(area)));
  }
  clear(applyTo: "Contents" | "Formats" | "All" = "All"): void {
    this.command({ clear: applyTo }, (area) => {
      area.sheet.clear(area, applyTo);
      if (applyTo !== "Formats") this.context.model.changed(area, "RangeEdited", true);
    });
  }
}

// ---- The model ----------------------------------------------------------------------

export interface ExcelModelOptions {
  /** The highest ExcelApi requirement set the host supports (default 1.17). */
  readonly apiVersion?: string;
  readonly date1904?: boolean;
  /** The decimal mark of Excel's settings (default "."). */
  readonly decimalSeparator?: string;
}

function versionNumber(version: string): number[] {
  return version.split(".").map(Number);
}

function atLeast(have: string, need: string): boolean {
  const [a = 0, b = 0] = versionNumber(have);
  const [c = 0, d = 0] = versionNumber(need);
  return a > c || (a === c && b >= d);
}

export class ExcelModel {
  readonly sheets: ModelSheet[] = [];
  readonly tables: ModelTable[] = [];
  /** The workbook's names by lower-case name, and the block each refers to. */
  readonly names = new Map<string, { readonly name: string; readonly area: Area }>();
  readonly requests: SyncRecord[] = [];
  activeSheet: string | null = null;
  selected: string | null = null;
  readonly apiVersion: string;
  readonly dateBase: number;
  readonly decimalSeparator: string;
  private readonly registrations: Registration[] = [];
  private pending: Change[] = [];
  private deliveries: Promise<void>[] = [];
  private current: SyncRecord | null = null;
  private nextId = 1;
  /** The cell a person is editing, and a promise that settles when the edit ends. */
  private cellEdit: { readonly ended: Promise<void>; readonly end: () => void } | null = null;
  /** Each Excel.run that made its own context, with its options. */
  readonly runs: { readonly delayForCellEdit: boolean }[] = [];
  /** The base64 of each workbook Excel.createWorkbook opened. */
  readonly createdWorkbooks: string[] = [];
  /** How long each sync takes to come back (Excel on the web: a network round trip); 0 answers at once. */
  latencyMs = 0;
  /** Whether the task pane shows; only the person opens or closes it. */
  paneVisible = true;
  /** Dialogs the add-in opened over the workbook. */
  readonly dialogs: { readonly url: string; open: boolean }[] = [];
  /** Calls to Office.addin.showAsTaskpane, which show nothing. */
  showRequests = 0;
  /** Office's display language (Office.context.displayLanguage), read when installed. */
  displayLanguage = "en-US";
  private readonly visibilityHandlers: ((args: { visibilityMode: string }) => void)[] = [];

  constructor(options: ExcelModelOptions = {}) {
    this.apiVersion = options.apiVersion ?? "1.17";
    this.dateBase = options.date1904 ? Date.UTC(1904, 0, 1) : Date.UTC(1899, 11, 30);
    this.decimalSeparator = options.decimalSeparator ?? ".";
  }

  /** Number of context.sync() calls so far. */
  get syncs(): number {
    return this.requests.length;
  }

  /** The largest request or response so far, in bytes. */
  get largestPayload(): number {
    return this.requests.reduce((most, record) => Math.max(most, record.requestBytes, record.responseBytes), 0);
  }

  supports(version: string): boolean {
    return atLeast(this.apiVersion, version);
  }

  /** Puts this model where Office.js would be: the globals `Excel` and `Office`. */
  install(): this {
    const globals = globalThis as Record<string, unknown>;
    globals.Excel = {
      run: async <T>(first: unknown, second?: (context: ModelContext) => Promise<T>): Promise<T> => {
        const batch = (second ?? first) as (context: ModelContext) => Promise<T>;
        if (second !== undefined && first instanceof ModelContext) return batch(first);
        const options = second !== undefined ? (first as { delayForCellEdit?: unknown } | null) : null;
        this.runs.push({ delayForCellEdit: options?.delayForCellEdit === true });
        return batch(new ModelContext(this, options?.delayForCellEdit === true));
      },
      // A new workbook from base64 (ExcelApi 1.8) travels as one request: over the web's 5 MB it is refused.
      // https://learn.microsoft.com/javascript/api/excel#excel-excel-createworkbook-function(1)
      createWorkbook: async (base64?: string) => {
        this.requests.push({ requestBytes: jsonBytes(base64 ?? ""), responseBytes: 0, cells: 0 });
        await Promise.resolve();
        if (!this.supports("1.8")) fail("ApiNotFound", "The API you are trying to use could not be found (createWorkbook, ExcelApi 1.8).");
        if (jsonBytes(base64 ?? "") > PAYLOAD_LIMIT) fail("RequestPayloadSizeLimitExceeded", PAYLOAD_MESSAGE("request"));
        this.createdWorkbooks.push(base64 ?? "");
      },
      SheetVisibility: { visible: "Visible", hidden: "Hidden", veryHidden: "VeryHidden" },
      ClearApplyTo: { all: "All", formats: "Formats", contents: "Contents" },
      DeleteShiftDirection: { up: "Up", left: "Left" },
      EventSource: { local: "Local", remote: "Remote" },
      DataValidationAlertStyle: { stop: "Stop", warning: "Warning", information: "Information" },
      PageOrientation: { portrait: "Portrait", landscape: "Landscape" },
    };
    globals.Office = {
      context: {
        displayLanguage: this.displayLanguage,
        requirements: { isSetSupported: (name: string, version = "1.1") => name === "ExcelApi" && this.supports(version) },
        // Office.context.ui.displayDialogAsync (DialogApi 1.1): a dialog over the workbook, open until closed.
        // https://learn.microsoft.com/office/dev/add-ins/develop/dialog-api-in-office-add-ins
        ui: {
          displayDialogAsync: (url: string, _options: unknown, callback?: (result: unknown) => void) => {
            const dialog = { url, open: true };
            this.dialogs.push(dialog);
            callback?.({ status: "succeeded", value: { close: () => (dialog.open = false), addEventHandler: () => undefined } });
          },
        },
      },
      VisibilityMode: { hidden: "Hidden", taskpane: "Taskpane" },
      addin: {
        // Ignored for add-ins in Microsoft's marketplace: it resolves, and the pane stays as it was.
        showAsTaskpane: async () => {
          this.showRequests++;
        },
        hide: async () => this.hidePane(),
        onVisibilityModeChanged: async (handler: (args: { visibilityMode: string }) => void) => {
          this.visibilityHandlers.push(handler);
          return async () => {
            const index = this.visibilityHandlers.indexOf(handler);
            if (index >= 0) this.visibilityHandlers.splice(index, 1);
          };
        },
      },
    };
    return this;
  }

  static uninstall(): void {
    delete (globalThis as Record<string, unknown>).Excel;
    delete (globalThis as Record<string, unknown>).Office;
  }

  // ---- Running a sync ----

  async execute(actions: readonly Action[], delayForCellEdit = false): Promise<void> {
    const record: SyncRecord = { requestBytes: jsonBytes(actions.map((action) => action.request)), responseBytes: 0, cells: 0 };
    this.requests.push(record);
    // Excel answers asynchronously; on the web each sync crosses the network.
    await (this.latencyMs > 0 ? new Promise((resolve) => setTimeout(resolve, this.latencyMs)) : Promise.resolve());
    if (this.cellEdit !== null) {
      // The option is ExcelApi 1.11; a host without it fails the batch as if it were not given.
      if (!delayForCellEdit || !this.supports("1.11"))
        fail("InvalidOperation", "The operation failed because a cell is being edited in Excel (cell edit mode).");
      await this.cellEdit.ended;
    }
    if (record.requestBytes > PAYLOAD_LIMIT) fail("RequestPayloadSizeLimitExceeded", PAYLOAD_MESSAGE("request"));
    const responses: unknown[] = [];
    const commits: (() => void)[] = [];
    this.current = record;
    try {
      for (const action of actions) {
        const outcome = action.run();
        if (outcome) {
          responses.push(outcome.response);
          commits.push(outcome.commit);
        }
      }
    } finally {
      this.current = null;
      this.deliver();
    }
    record.responseBytes = jsonBytes(responses);
    if (record.responseBytes > PAYLOAD_LIMIT) fail("ResponsePayloadSizeLimitExceeded", PAYLOAD_MESSAGE("response"));
    for (const commit of commits) commit();
  }

  countCells(count: number): void {
    if (this.current !== null) this.current.cells += count;
  }

  // ---- Events ----

  register(registration: Registration): void {
    this.registrations.push(registration);
  }

  unregister(registration: Registration): void {
    const index = this.registrations.indexOf(registration);
    if (index >= 0) this.registrations.splice(index, 1);
  }

  /** Number of change handlers registered. */
  get handlerCount(): number {
    return this.registrations.length;
  }

  changed(area: Area, changeType: Change["changeType"], byAddin: boolean): void {
    this.pending.push({ kind: "changed", sheet: area.sheet, area, changeType, byAddin });
  }

  /** Hands the changes made so far to the handlers, after the change, as Excel does. */
  private deliver(): void {
    const changes = this.pending;
    this.pending = [];
    if (changes.length === 0) return;
    // Handlers registered when the change happened hear it (and only those still registered).
    const listening = [...this.registrations];
    const delivery = new Promise<void>((resolve) => setTimeout(resolve, 0)).then(async () => {
      for (const change of changes) {
        for (const registration of listening.filter((each) => this.registrations.includes(each))) {
          const args = this.eventArgs(registration, change);
          if (args !== null) await registration.handler(args).catch(() => undefined);
        }
      }
    });
    this.deliveries.push(delivery);
  }

  private eventArgs(registration: Registration, change: Change): Record<string, unknown> | null {
    const base = { source: "Local", worksheetId: change.sheet.id };
    if (change.kind === "added") return registration.kind === "WorksheetAdded" ? { ...base, type: "WorksheetAdded" } : null;
    if (change.kind === "deleted") return registration.kind === "WorksheetDeleted" ? { ...base, type: "WorksheetDeleted" } : null;
    const args = {
      ...base,
      changeType: change.changeType,
      address: change.area === null ? "" : (areaAddress(change.area).split("!")[1] as string),
      // Who made the change is told from ExcelApi 1.14 on (Excel.EventTriggerSource).
      ...(this.supports("1.14") ? { triggerSource: change.byAddin ? "ThisLocalAddin" : "Unknown" } : {}),
    };
    const onTable = (table: ModelTable) => change.area !== null && intersect(tableArea(table), change.area) !== null;
    switch (registration.kind) {
      case "WorksheetsChanged":
        return { ...args, type: "WorksheetChanged" };
      case "WorksheetChanged":
        return registration.id === change.sheet.id ? { ...args, type: "WorksheetChanged" } : null;
      case "TablesChanged": {
        const table = this.tables.find(onTable);
        return table === undefined ? null : { ...args, type: "TableChanged", tableId: table.id };
      }
      case "TableChanged": {
        const table = this.tables.find((candidate) => candidate.id === registration.id);
        return table !== undefined && onTable(table) ? { ...args, type: "TableChanged", tableId: table.id } : null;
      }
      default:
        return null;
    }
  }

  /** Waits until every event raised so far has reached its handlers. */
  async settle(): Promise<void> {
    while (this.deliveries.length > 0) await this.deliveries.shift();
  }

  // ---- The workbook ----

  sheet(name: string): ModelSheet | undefined {
    return this.sheets.find((sheet) => sheet.name.toLowerCase() === name.toLowerCase());
  }

  table(name: string): ModelTable | undefined {
    return this.tables.find((table) => table.name.toLowerCase() === name.toLowerCase());
  }

  headers(table: ModelTable): Scalar[] {
    return Array.from({ length: table.width }, (_, index) => table.sheet.value(table.headerRow, table.left + index));
  }

  /** Adds a sheet, optionally with cells (values as typed into cells formatted General). */
  addSheet(name: string, rows: readonly (readonly Scalar[])[] = [], options: { byAddin?: boolean } = {}): ModelSheet {
    if (this.sheet(name) !== undefined) fail("ItemAlreadyExists", `A sheet named ${name} already exists.`);
    const sheet = new ModelSheet(`{sheet-${this.nextId++}}`, name, this.dateBase);
    this.sheets.push(sheet);
    rows.forEach((cells, row) => cells.forEach((value, column) => sheet.put(row, column, value, null)));
    this.pending.push({ kind: "added", sheet, area: null, changeType: "RangeEdited", byAddin: options.byAddin ?? false });
    if (!options.byAddin) this.deliver();
    return sheet;
  }

  deleteSheet(sheet: ModelSheet, byAddin: boolean): void {
    this.sheets.splice(this.sheets.indexOf(sheet), 1);
    for (const table of this.tables.filter((candidate) => candidate.sheet === sheet)) this.tables.splice(this.tables.indexOf(table), 1);
    this.pending.push({ kind: "deleted", sheet, area: null, changeType: "RangeEdited", byAddin });
    if (!byAddin) this.deliver();
  }

  /** Makes a table as a person would: over `address` of a sheet, its first row the headers. */
  addTable(sheetName: string, address: string, name: string): ModelTable {
    const sheet = this.sheet(sheetName) ?? fail("ItemNotFound", `No sheet ${sheetName}.`);
    return this.makeTable(sheet, parseAddress(sheet, address), name);
  }

  /** Makes a table over an area whose first row holds the headers (blank headers become Column1, Column2, …). */
  makeTable(sheet: ModelSheet, area: Area, name?: string): ModelTable {
    const taken = new Set<string>();
    for (let column = area.left; column <= area.right; column++) {
      let header = String(sheet.value(area.top, column));
      if (header === "") header = `Column${column - area.left + 1}`;
      let unique = header;
      for (let n = 2; taken.has(unique.toLowerCase()); n++) unique = `${header}${n}`;
      taken.add(unique.toLowerCase());
      sheet.put(area.top, column, unique, null);
    }
    const table: ModelTable = {
      id: `{table-${this.nextId++}}`,
      name: name ?? `Table${this.tables.length + 1}`,
      sheet,
      headerRow: area.top,
      left: area.left,
      width: area.right - area.left + 1,
      rowCount: Math.max(1, area.bottom - area.top),
    };
    this.tables.push(table);
    return table;
  }

  /** Inserts rows into a table's body at `index`; the new rows take the number formats of the row above. */
  insertTableRows(table: ModelTable, index: number, values: readonly (readonly Scalar[])[], byAddin: boolean): void {
    const count = Math.max(1, values.length);
    const row = table.headerRow + 1 + index;
    const right = table.left + table.width - 1;
    table.sheet.shiftRows(row, count, table.left, right);
    const pattern = index > 0 ? row - 1 : row + count;
    for (let r = row; r < row + count; r++) {
      for (let column = table.left; column <= right; column++)
        table.sheet.setNumberFormat(r, column, table.sheet.numberFormat(pattern, column));
    }
    table.rowCount += count;
    values.forEach((cells, r) =>
      cells.forEach((value, c) => {
        if (value !== null && value !== undefined) table.sheet.enter(row + r, table.left + c, value);
      }),
    );
    this.changed({ sheet: table.sheet, top: row, bottom: row + count - 1, left: table.left, right }, "RowInserted", byAddin);
    if (!byAddin) this.deliver();
  }

  deleteTableRow(table: ModelTable, index: number, byAddin: boolean): void {
    const row = table.headerRow + 1 + index;
    const right = table.left + table.width - 1;
    if (table.rowCount === 1) table.sheet.clear({ sheet: table.sheet, top: row, bottom: row, left: table.left, right }, "Contents");
    else {
      table.sheet.shiftRows(row, -1, table.left, right);
      table.rowCount--;
    }
    this.changed({ sheet: table.sheet, top: row, bottom: row, left: table.left, right }, "RowDeleted", byAddin);
    if (!byAddin) this.deliver();
  }

  /** Adds a column at the right of a table; a header already taken gets a number appended, as Excel makes headers unique. */
  addTableColumn(table: ModelTable, name: string | null, values: readonly (readonly Scalar[])[] | null, byAddin: boolean): number {
    const column = table.left + table.width;
    table.sheet.shiftColumns(column, 1, table.headerRow, table.headerRow + table.rowCount);
    const taken = new Set(this.headers(table).map((header) => String(header).toLowerCase()));
    const base = name ?? `Column${table.width + 1}`;
    let header = base;
    for (let n = 2; taken.has(header.toLowerCase()); n++) header = `${base}${n}`;
    table.sheet.put(table.headerRow, column, header, null);
    table.width++;
    values?.slice(1).forEach((cells, r) => {
      const value = cells[0];
      if (value !== undefined && value !== null) table.sheet.enter(table.headerRow + 1 + r, column, value);
    });
    this.changed(
      { sheet: table.sheet, top: table.headerRow, bottom: table.headerRow + table.rowCount, left: column, right: column },
      "ColumnInserted",
      byAddin,
    );
    return table.width - 1;
  }

  // ---- A person at the keyboard ----

  /** A person starts editing a cell (F2, or typing into it): batches without delayForCellEdit fail until the edit ends. */
  startCellEdit(): void {
    if (this.cellEdit !== null) return;
    let end: () => void = () => undefined;
    const ended = new Promise<void>((resolve) => (end = resolve));
    this.cellEdit = { ended, end };
  }

  /** The edit ends (Enter or Esc): delayed batches run. */
  endCellEdit(): void {
    const edit = this.cellEdit;
    this.cellEdit = null;
    edit?.end();
  }

  /** The person opens the task pane (its ribbon button). */
  showPane(): void {
    this.setPaneVisible(true);
  }

  /** The person closes the task pane; the add-in's code keeps running in a shared runtime. */
  hidePane(): void {
    this.setPaneVisible(false);
  }

  private setPaneVisible(visible: boolean): void {
    if (this.paneVisible === visible) return;
    this.paneVisible = visible;
    for (const handler of [...this.visibilityHandlers]) handler({ visibilityMode: visible ? "Taskpane" : "Hidden" });
  }

  /** Types into a cell as a person would: read as typed; the row right below a table (or the column right of it) makes the table grow. */
  type(sheetName: string, address: string, text: string): void {
    const sheet = this.sheet(sheetName) ?? fail("ItemNotFound", `No sheet ${sheetName}.`);
    const area = parseAddress(sheet, address);
    const table = this.tables.find((candidate) => candidate.sheet === sheet && intersect(tableArea(candidate), area) !== null);
    const below = this.tables.find(
      (candidate) =>
        candidate.sheet === sheet &&
        area.top === candidate.headerRow + candidate.rowCount + 1 &&
        area.left >= candidate.left &&
        area.left < candidate.left + candidate.width,
    );
    const beside = this.tables.find(
      (candidate) => candidate.sheet === sheet && area.top === candidate.headerRow && area.left === candidate.left + candidate.width,
    );
    sheet.enter(area.top, area.left, text);
    if (table === undefined && beside !== undefined && text !== "") beside.width++;
    if (table === undefined && below !== undefined) {
      const right = below.left + below.width - 1;
      for (let column = below.left; column <= right; column++) {
        if (column !== area.left) sheet.setNumberFormat(area.top, column, sheet.numberFormat(area.top - 1, column));
      }
      below.rowCount++;
    }
    this.changed(area, "RangeEdited", false);
    this.deliver();
  }

  /** Enters a formula as a person would, with the result Excel computed for it (the model cannot compute every formula). */
  typeFormula(sheetName: string, address: string, formula: string, result: Scalar): void {
    const sheet = this.sheet(sheetName) ?? fail("ItemNotFound", `No sheet ${sheetName}.`);
    const area = parseAddress(sheet, address);
    sheet.put(area.top, area.left, result, formula);
    this.changed(area, "RangeEdited", false);
    this.deliver();
  }

  /** Inserts an empty table row above data row `index` (0-based), as "Insert > Table Rows Above" does. */
  insertTableRow(tableName: string, index: number): void {
    const table = this.table(tableName) ?? fail("ItemNotFound", `No table ${tableName}.`);
    this.insertTableRows(table, index, [[]], false);
  }

  /** Deletes data row `index` (0-based) of a table, as "Delete > Table Rows" does. */
  deleteTableRowByHand(tableName: string, index: number): void {
    const table = this.table(tableName) ?? fail("ItemNotFound", `No table ${tableName}.`);
    this.deleteTableRow(table, index, false);
  }

  /** Formats cells, as a person choosing a number format would. */
  setFormat(sheetName: string, address: string, format: string): void {
    const sheet = this.sheet(sheetName) ?? fail("ItemNotFound", `No sheet ${sheetName}.`);
    const area = parseAddress(sheet, address);
    for (let row = area.top; row <= area.bottom; row++)
      for (let column = area.left; column <= area.right; column++) sheet.setNumberFormat(row, column, format);
  }

  // ---- Reading the model in tests ----

  cell(sheetName: string, address: string): CellState {
    const sheet = this.sheet(sheetName) ?? fail("ItemNotFound", `No sheet ${sheetName}.`);
    const area = parseAddress(sheet, address);
    return sheet.cell(area.top, area.left);
  }

  /** Values of the block a workbook name refers to, as a formula passes them to a function (=CST.CREDIT(MentorshipLog, CSTProfile)). */
  nameValues(name: string): Scalar[][] {
    const named = this.names.get(name.toLowerCase()) ?? fail("ItemNotFound", `No name ${name}.`);
    return this.values(named.area.sheet.name, areaAddress(named.area));
  }

  /**
   * What a custom function receives for a range argument (=CST.CREDIT(MentorshipLog)): its values, as one
   * argument of one call. On the web the call travels within the 5 MB request limit, so an argument whose
   * JSON is larger is never delivered: the function is not called. What the cell then shows (#BUSY! while
   * Excel retries, or #CALC!) is open in Microsoft's pages; the model throws RequestPayloadSizeLimitExceeded.
   * https://learn.microsoft.com/office/dev/add-ins/concepts/resource-limits-and-performance-optimization#excel-add-ins
   */
  functionArgument(sheetName: string, address: string): Scalar[][] {
    const values = this.values(sheetName, address);
    if (jsonBytes(values) > PAYLOAD_LIMIT) fail("RequestPayloadSizeLimitExceeded", PAYLOAD_MESSAGE("request"));
    return values;
  }

  /** Values of a block of cells, as Range.values reads them. */
  values(sheetName: string, address: string): Scalar[][] {
    const sheet = this.sheet(sheetName) ?? fail("ItemNotFound", `No sheet ${sheetName}.`);
    const area = parseAddress(sheet, address);
    const rows: Scalar[][] = [];
    for (let row = area.top; row <= area.bottom; row++) {
      const cells: Scalar[] = [];
      for (let column = area.left; column <= area.right; column++) cells.push(sheet.value(row, column));
      rows.push(cells);
    }
    return rows;
  }
}
