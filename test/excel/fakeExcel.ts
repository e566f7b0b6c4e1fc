/**
 * A small Excel object model for testing the Office.js workbook, made of
 * office-addin-mock objects: properties must be loaded and synced before
 * they are read, as in Excel. Writes (values, number formats, validation,
 * names) land in a plain model of sheets and tables that tests inspect.
 */
import { OfficeMockObject } from "office-addin-mock";

export type Cell = string | number | boolean;

export interface FakeSheet {
  name: string;
  cells: Cell[][];
  visibility: string;
  numberFormats: Map<string, string>;
  validations: Map<string, unknown>;
}

export interface FakeTable {
  name: string;
  sheet: string;
  /** Zero-based worksheet row of the header; the table starts in column A. */
  headerRow: number;
  width: number;
  rowCount: number;
}

interface Area {
  sheet: string;
  top: number;
  left: number;
  bottom: number;
  right: number;
}

type MockObject = OfficeMockObject & Record<string, unknown>;

const PLAIN = Symbol("plain");

function columnIndex(letters: string): number {
  return [...letters.toUpperCase()].reduce((sum, letter) => sum * 26 + letter.charCodeAt(0) - 64, 0) - 1;
}

export class FakeExcel {
  readonly sheets: FakeSheet[] = [];
  readonly tables: FakeTable[] = [];
  selected: string | null = null;
  active: string | null = null;
  readonly mock: MockObject;
  private readonly context: MockObject;
  private created = 0;

  constructor(options: { date1904?: boolean } = {}) {
    this.mock = new OfficeMockObject({
      context: { workbook: {} },
      run: async (batch: (context: unknown) => Promise<unknown>) => batch(this.context),
    }) as MockObject;
    // Enumerations are plain values in Office.js, not loadable objects.
    this.mock.SheetVisibility = { visible: "Visible", hidden: "Hidden" };
    this.mock.ClearApplyTo = { contents: "Contents" };
    this.context = this.mock.context as MockObject;
    const workbook = this.context.workbook as MockObject;
    workbook.tables = {
      getItemOrNullObject: (name: string) => this.tableObject(this.findTable(name)),
      getItem: (name: string) => {
        const table = this.findTable(name);
        if (table === undefined) throw Object.assign(new Error(`The table ${name} does not exist.`), { code: "ItemNotFound" });
        return this.tableObject(table);
      },
    };
    workbook.worksheets = {
      getItemOrNullObject: (name: string) => this.sheetObject(this.findSheet(name)),
      getItem: (name: string) => {
        const sheet = this.findSheet(name);
        if (sheet === undefined) throw Object.assign(new Error(`The sheet ${name} does not exist.`), { code: "ItemNotFound" });
        return this.sheetObject(sheet);
      },
      add: (name: string) => this.sheetObject(this.addSheet(name)),
    };
    workbook.functions = {
      date: (year: number, month: number, day: number) => {
        const base = options.date1904 ? Date.UTC(1904, 0, 1) : Date.UTC(1899, 11, 30);
        return this.register({ value: (Date.UTC(year, month - 1, day) - base) / 86_400_000, error: "" });
      },
    };
  }

  /** The mock's context, whose `sync` tests count. */
  get requestContext(): { sync: () => Promise<void> } {
    return this.context as unknown as { sync: () => Promise<void> };
  }

  findSheet(name: string): FakeSheet | undefined {
    return this.sheets.find((sheet) => sheet.name.toLowerCase() === name.toLowerCase());
  }

  findTable(name: string): FakeTable | undefined {
    return this.tables.find((table) => table.name.toLowerCase() === name.toLowerCase());
  }

  addSheet(name: string, cells: Cell[][] = []): FakeSheet {
    if (this.findSheet(name) !== undefined) throw new Error(`A sheet named ${name} already exists.`);
    const sheet: FakeSheet = { name, cells, visibility: "Visible", numberFormats: new Map(), validations: new Map() };
    this.sheets.push(sheet);
    return sheet;
  }

  addTable(name: string, sheetName: string, headerRow: number, width: number, rowCount: number): FakeTable {
    const table = { name, sheet: sheetName, headerRow, width, rowCount };
    this.tables.push(table);
    return table;
  }

  cell(sheetName: string, row: number, column: number): Cell {
    return this.findSheet(sheetName)?.cells[row]?.[column] ?? "";
  }

  private write(area: Area, values: unknown[][]): void {
    const sheet = this.findSheet(area.sheet) as FakeSheet;
    values.forEach((row, r) =>
      row.forEach((value, c) => {
        if (value === null) return;
        while (sheet.cells.length <= area.top + r) sheet.cells.push([]);
        (sheet.cells[area.top + r] as Cell[])[area.left + c] = value as Cell;
      }),
    );
  }

  /**
   * A mock object reachable from the context, so `context.sync()` delivers its
   * loaded properties; `onWrite` receives assignments made by the code under test.
   */
  private register(data: Record<string, unknown>, onWrite?: (property: string, value: unknown) => void): MockObject {
    const methods: Record<string, unknown> = {};
    const scalars: Record<string, unknown> = {};
    for (const [key, value] of Object.entries(data)) (typeof value === "function" ? methods : scalars)[key] = value;
    const target = new OfficeMockObject(scalars) as MockObject;
    Object.assign(target, methods);
    (this.context as unknown as { _properties: Map<string, unknown> })._properties.set(`created${this.created++}`, target);
    if (onWrite === undefined) return target;
    const loaded = (property: string) =>
      (target as unknown as { _properties: Map<string, { _valueBeforeLoaded: unknown }> })._properties.get(property)?._valueBeforeLoaded;
    return new Proxy(target, {
      set(object, property, value) {
        const isInternal =
          typeof property !== "string" ||
          property.startsWith("_") ||
          value === loaded(property) ||
          (typeof value === "string" && value.startsWith("Error,"));
        if (!isInternal) onWrite(property, value);
        return Reflect.set(object, property, value);
      },
    });
  }

  private valuesOf(area: Area): Cell[][] {
    const rows: Cell[][] = [];
    for (let r = area.top; r <= area.bottom; r++) {
      const row: Cell[] = [];
      for (let c = area.left; c <= area.right; c++) row.push(this.cell(area.sheet, r, c));
      rows.push(row);
    }
    return rows;
  }

  private usedArea(sheetName: string): Area {
    const sheet = this.findSheet(sheetName) as FakeSheet;
    let bottom = 0;
    let right = 0;
    sheet.cells.forEach((row, r) =>
      row.forEach((value, c) => {
        if (value !== "" && value !== undefined) {
          bottom = Math.max(bottom, r);
          right = Math.max(right, c);
        }
      }),
    );
    return { sheet: sheetName, top: 0, left: 0, bottom, right };
  }

  private parseAddress(sheetName: string, address: string): Area {
    const whole = /^([A-Z]+):([A-Z]+)$/i.exec(address);
    if (whole)
      return { sheet: sheetName, top: 0, bottom: 1_048_575, left: columnIndex(whole[1] as string), right: columnIndex(whole[2] as string) };
    const rows = /^(\d+):(\d+)$/.exec(address);
    if (rows) return { sheet: sheetName, top: Number(rows[1]) - 1, bottom: Number(rows[2]) - 1, left: 0, right: 16_383 };
    const [from, to = from] = address.split(":") as [string, string?];
    const parse = (ref: string) => {
      const match = /^([A-Z]+)(\d+)$/i.exec(ref);
      if (!match) throw new Error(`Unsupported address ${address}`);
      return { column: columnIndex(match[1] as string), row: Number(match[2]) - 1 };
    };
    const start = parse(from);
    const end = parse(to);
    return { sheet: sheetName, top: start.row, left: start.column, bottom: end.row, right: end.column };
  }

  rangeObject(area: Area): MockObject {
    const sheet = this.findSheet(area.sheet) as FakeSheet;
    const key = `${area.top},${area.left},${area.bottom},${area.right}`;
    const tooBig = area.bottom - area.top > 100_000 || area.right - area.left > 1000;
    const range = this.register(
      {
        values: tooBig ? [] : this.valuesOf(area),
        rowIndex: area.top,
        columnIndex: area.left,
        rowCount: area.bottom - area.top + 1,
        columnCount: area.right - area.left + 1,
        address: `${area.sheet}!${key}`,
        format: { font: {} },
        dataValidation: {},
        getRow: (index: number) => this.rangeObject({ ...area, top: area.top + index, bottom: area.top + index }),
        getRowsBelow: (count = 1) => this.rangeObject({ ...area, top: area.bottom + 1, bottom: area.bottom + count }),
        getColumnsAfter: (count = 1) => this.rangeObject({ ...area, left: area.right + 1, right: area.right + count }),
        getBoundingRect: (other: { [PLAIN]?: Area }) => {
          const b = other[PLAIN] as Area;
          return this.rangeObject({
            sheet: area.sheet,
            top: Math.min(area.top, b.top),
            left: Math.min(area.left, b.left),
            bottom: Math.max(area.bottom, b.bottom),
            right: Math.max(area.right, b.right),
          });
        },
        getIntersection: (other: { [PLAIN]?: Area }) => {
          const b = other[PLAIN] as Area;
          return this.rangeObject({
            sheet: area.sheet,
            top: Math.max(area.top, b.top),
            left: Math.max(area.left, b.left),
            bottom: Math.min(area.bottom, b.bottom),
            right: Math.min(area.right, b.right),
          });
        },
        select: () => {
          this.selected = `${area.sheet}!R${area.top + 1}C${area.left + 1}:R${area.bottom + 1}C${area.right + 1}`;
        },
        clear: () => {
          sheet.cells.length = 0;
        },
      },
      (property, value) => {
        if (property === "values") this.write(area, value as unknown[][]);
        else if (property === "numberFormat") sheet.numberFormats.set(key, String((value as unknown[][])[0]?.[0]));
      },
    );
    return this.withPlain(range, area);
  }

  private withPlain(object: MockObject, area: Area): MockObject {
    (object as unknown as Record<symbol, Area>)[PLAIN] = area;
    return object;
  }

  sheetObject(sheet: FakeSheet | undefined): MockObject {
    if (sheet === undefined) return this.register({ isNullObject: true, name: "" });
    const object = this.register(
      {
        isNullObject: false,
        name: sheet.name,
        visibility: sheet.visibility,
        getRange: (address?: string) => {
          const range = this.rangeObject(address === undefined ? this.usedArea(sheet.name) : this.parseAddress(sheet.name, address));
          return this.trackValidation(range, sheet);
        },
        getUsedRange: () => this.rangeObject(this.usedArea(sheet.name)),
        activate: () => {
          this.active = sheet.name;
        },
        tables: {
          add: (address: string, hasHeaders: boolean) => {
            const area = this.parseAddress(sheet.name, address);
            if (!hasHeaders) throw new Error("The fake only supports tables with headers.");
            const table = this.addTable(
              `Table${this.tables.length + 1}`,
              sheet.name,
              area.top,
              area.right - area.left + 1,
              area.bottom - area.top,
            );
            return this.tableObject(table);
          },
        },
      },
      (property, value) => {
        if (property === "visibility") sheet.visibility = String(value);
      },
    );
    return object;
  }

  /** Range writes of nested objects (format, dataValidation) are plain assignments: read them after the batch. */
  private trackValidation(range: MockObject, sheet: FakeSheet): MockObject {
    const area = (range as unknown as Record<symbol, Area>)[PLAIN] as Area;
    const key = `${area.top},${area.left},${area.bottom},${area.right}`;
    const validation = range.dataValidation as Record<string, unknown>;
    Object.defineProperty(validation, "rule", {
      set(rule: unknown) {
        sheet.validations.set(key, rule);
      },
      get() {
        return sheet.validations.get(key);
      },
      configurable: true,
    });
    return range;
  }

  tableObject(table: FakeTable | undefined): MockObject {
    if (table === undefined) return this.register({ isNullObject: true, name: "" });
    const bodyArea = (): Area => ({
      sheet: table.sheet,
      top: table.headerRow + 1,
      bottom: table.headerRow + table.rowCount,
      left: 0,
      right: table.width - 1,
    });
    const sheet = this.findSheet(table.sheet) as FakeSheet;
    const columnObject = (index: number) => ({
      getDataBodyRange: () => this.trackValidation(this.rangeObject({ ...bodyArea(), left: index, right: index }), sheet),
    });
    const object = this.register(
      {
        isNullObject: false,
        name: table.name,
        getHeaderRowRange: () => this.rangeObject({ ...bodyArea(), top: table.headerRow, bottom: table.headerRow }),
        getDataBodyRange: () => this.rangeObject(bodyArea()),
        getRange: () => this.rangeObject({ ...bodyArea(), top: table.headerRow }),
        rows: {
          add: (_index: number | undefined, values: unknown[][]) => {
            this.write({ ...bodyArea(), top: table.headerRow + table.rowCount + 1 }, values);
            table.rowCount += values.length;
          },
        },
        columns: {
          getItemAt: columnObject,
          add: (_index: number | undefined, _values: unknown, name: string) => {
            table.width++;
            this.write(
              { sheet: table.sheet, top: table.headerRow, left: table.width - 1, bottom: table.headerRow, right: table.width - 1 },
              [[name]],
            );
            return columnObject(table.width - 1);
          },
        },
      },
      (property, value) => {
        if (property === "name") table.name = String(value);
      },
    );
    object.worksheet = this.sheetObject(sheet);
    return object;
  }
}
