/**
 * docs/rules.md §8's error cells. functions.json sets `allowErrorForDataTypeAny`, so a cell holding an Excel error
 * reaches a function: as `new CustomFunctions.Error(code)` (`type: "Error"`, `code`, `basicValue`), or,
 * with `allowCustomDataForDataTypeAny`, as a data types error value (`type: "Error"`, `basicValue`,
 * `errorType`). In the log it makes a cell-error on its row, naming the error, as verify reports a
 * workbook's error cell; CATEGORY and CREDITED pass an error argument on, as Excel's own functions do.
 */
import { type CellValue, type LogRow, isoDateToExcelSerial, verifyLog } from "../../src/core";
import { DetachedCellError } from "../../src/functions/cellError";
import { setDateSystemSource } from "../../src/functions/dateSystem";
import { CATEGORY, CREDIT, CREDITED, HOURS, MISSING, STATUS } from "../../src/functions/functions";
import { excelErrorCode, toCellValue } from "../../src/functions/range";

/** `new CustomFunctions.Error(code)` as Excel passes it for an error cell. */
class RuntimeError {
  readonly type = "Error";
  readonly basicType = "Error";
  readonly basicValue: string;
  constructor(
    readonly code: string,
    readonly message?: string,
  ) {
    this.basicValue = code;
  }
}

const ERROR_TYPES: Record<string, string> = {
  "#N/A": "NotAvailable",
  "#REF!": "Ref",
  "#DIV/0!": "Div0",
  "#SPILL!": "Spill",
  "#NAME?": "Name",
};

/** A data types error value (`Excel.ErrorCellValue`), as Excel passes it with allowCustomDataForDataTypeAny. */
function dataTypeError(code: string): object {
  return { type: "Error", basicType: "Error", basicValue: code, errorType: ERROR_TYPES[code] ?? "Value" };
}

const SHAPES: [string, (code: string) => object][] = [
  ["CustomFunctions.Error", (code) => new RuntimeError(code)],
  ["a data types error value", dataTypeError],
];

const globals = globalThis as { CustomFunctions?: unknown };

beforeEach(() => setDateSystemSource(() => "1900"));
afterEach(() => {
  delete globals.CustomFunctions;
  setDateSystemSource();
});

const serial = (iso: string) => isoDateToExcelSerial(iso, "1900");

describe.each(SHAPES)("an error cell in the log, as %s", (_shape, errorOf) => {
  test.each(["#N/A", "#REF!", "#DIV/0!", "#SPILL!"])(
    "%s makes its row a cell-error naming the error, not an error for the whole log",
    async (code) => {
      const range: unknown[][] = [
        [serial("2024-01-10"), "treatment", "In person", "Jane Roe", "CST-T", 6, ""],
        [serial("2024-01-11"), "small-group", "Virtual", "", "", errorOf(code), ""],
        [serial("2024-01-12"), "one-on-one", "Virtual", "Mentor M", "Mentor", 12, ""],
        [errorOf(code), "small-group", "Virtual", "", "", 6, errorOf(code)],
      ];
      const quantity = `cell-error: Quantity holds Excel's error ${code}: correct the cell, or the formula behind it.`;
      expect(STATUS([range[1]!])).toBe(quantity);
      // In Notes, which no rule reads, the error cell is a warning: STATUS names errors only.
      expect(STATUS([range[3]!])).toBe(`cell-error: Date holds Excel's error ${code}: correct the cell, or the formula behind it.`);

      // verify on the same cells, as a workbook reader gives an error cell.
      const rows: LogRow[] = range.map((cells, index) => ({ row: index + 1, cells: cells.map(toCellValue) }));
      expect(rows[1]!.cells[5]).toEqual({ excelError: code });
      const { report } = await verifyLog({ rows, profileCells: [], dateSystem: "1900" }, {});
      expect(report.rows[1]!.errors.map((error) => `${error.code}: ${error.message}`).join(" | ")).toBe(quantity);
      expect(CREDIT(range)).toBe(report.credits);
      expect(HOURS(range)).toBe(report.hours.A + report.hours.B + report.hours.C);
      expect(HOURS(range, "B")).toBe(0);
      expect(MISSING(range, "B")).toBe(report.next.missing.B);
      expect(MISSING(range, "B")).toBe(6);
    },
  );

  test("in Notes alone, the row still counts: a cell-error warning in verify, OK in STATUS, its hours in CREDIT and HOURS", async () => {
    const range: unknown[][] = [
      [serial("2024-01-10"), "treatment", "In person", "Jane Roe", "CST-T", 6, errorOf("#N/A")],
      [serial("2024-01-11"), "small-group", "Virtual", "", "", 6, ""],
      [serial("2024-01-12"), "one-on-one", "Virtual", "Mentor M", "Mentor", 12, errorOf("#REF!")],
    ];
    expect(STATUS([range[0]!])).toBe("OK");
    const rows: LogRow[] = range.map((cells, index) => ({ row: index + 1, cells: cells.map(toCellValue) }));
    const { report } = await verifyLog({ rows, profileCells: [], dateSystem: "1900" }, {});
    expect(report.rows.map((row) => [row.errors.length, row.warnings.map((warning) => warning.code)])).toEqual([
      [0, ["cell-error"]],
      [0, []],
      [0, ["cell-error"]],
    ]);
    expect(report.rows[0]!.warnings[0]!.message).toBe("Notes holds Excel's error #N/A: correct the cell, or the formula behind it.");
    expect(report).toMatchObject({ credits: 1, valid: true });
    expect(CREDIT(range)).toBe(1);
    expect(HOURS(range)).toBe(24);
  });

  test("in the profile, it is the profile field's error, named", () => {
    const range = [[serial("2024-01-10"), "treatment", "In person", "Jane Roe", "CST-T", 6, ""]];
    const profile = [[""], [""], [errorOf("#N/A")], [""], [""], [""]];
    const result = CREDIT(range, profile) as DetachedCellError;
    expect(result).toBeInstanceOf(DetachedCellError);
    expect(result.message).toBe("Profile: CST-T certified on #N/A is not a date: enter a date such as 2024-03-15.");
  });
});

describe("only error values are error cells", () => {
  test("both shapes, and an instance of the runtime's own CustomFunctions.Error", () => {
    expect(excelErrorCode(new RuntimeError("#N/A"))).toBe("#N/A");
    expect(excelErrorCode(dataTypeError("#REF!"))).toBe("#REF!");
    class BareRuntimeError {
      constructor(readonly code: string) {}
    }
    globals.CustomFunctions = { Error: BareRuntimeError };
    expect(excelErrorCode(new BareRuntimeError("#NUM!"))).toBe("#NUM!");
  });

  test("nothing else: an entity (whose basic value is #VALUE!), a formatted number, a plain object, text that looks like an error", () => {
    const entity = { type: "Entity", basicType: "Error", basicValue: "#VALUE!", text: "Dana Whitfield", properties: {} };
    const formatted = { type: "Double", basicType: "Double", basicValue: 6, numberFormat: "0.00" };
    for (const value of [entity, formatted, { code: "#N/A" }, { type: "Error" }, { type: "Error", basicValue: 7 }, "#N/A", null, 0]) {
      expect(excelErrorCode(value)).toBeNull();
      expect(toCellValue(value)).not.toEqual(expect.objectContaining({ excelError: expect.anything() }));
    }
    // A data type's value reads as what its cell shows.
    expect(toCellValue(entity)).toBe("Dana Whitfield");
    expect(toCellValue(formatted)).toBe(6);
    expect(STATUS([[serial("2024-01-10"), "treatment", "In person", entity, "CST-T", formatted, ""]])).toBe("OK");
    expect(STATUS([[serial("2024-01-10"), "treatment", "In person", "Jane", "CST-T", "#N/A", ""]])).toMatch(
      /^bad-quantity: Quantity "#N\/A" is not a number/,
    );
  });
});

describe("CATEGORY and CREDITED pass an error argument on, as Excel's own functions do", () => {
  test.each(SHAPES)("%s: #N/A, #DIV/0!, #NUM! and #NULL! come back as themselves", (_shape, errorOf) => {
    expect(CATEGORY(errorOf("#N/A"))).toEqual(
      new DetachedCellError("#N/A", "Activity holds Excel's error #N/A: correct that cell, or the formula behind it."),
    );
    expect(CREDITED(errorOf("#DIV/0!"), 2)).toEqual(new DetachedCellError("#DIV/0!"));
    expect(CREDITED("precepting", errorOf("#NUM!"))).toEqual(new DetachedCellError("#NUM!"));
    expect(CREDITED("precepting", errorOf("#NULL!"))).toEqual(new DetachedCellError("#NULL!"));
    expect(CREDITED("precepting", errorOf("#N/A"))).toEqual(
      new DetachedCellError("#N/A", "Quantity holds Excel's error #N/A: correct that cell, or the formula behind it."),
    );
  });

  test("errors a custom function cannot return (#REF!, #NAME?, #SPILL!) come back as #VALUE! naming them", () => {
    for (const code of ["#REF!", "#NAME?", "#SPILL!"]) {
      expect(CATEGORY(dataTypeError(code))).toEqual(
        new DetachedCellError("#VALUE!", `Activity holds Excel's error ${code}: correct that cell, or the formula behind it.`),
      );
    }
  });

  test("inside Excel they are the runtime's CustomFunctions.Error with its ErrorCode", () => {
    const ErrorCode = {
      invalidValue: "#VALUE!",
      notAvailable: "#N/A",
      divisionByZero: "#DIV/0!",
      invalidNumber: "#NUM!",
      nullReference: "#NULL!",
    };
    globals.CustomFunctions = { Error: RuntimeError, ErrorCode };
    const passed = CREDITED("precepting", new RuntimeError("#DIV/0!"));
    expect(passed).toBeInstanceOf(RuntimeError);
    expect(passed).toMatchObject({ code: "#DIV/0!", message: undefined });
    expect(CATEGORY(new RuntimeError("#N/A"))).toMatchObject({
      code: "#N/A",
      message: expect.stringMatching(/^Activity holds Excel's error #N\/A/),
    });
  });

  test("a valid activity and quantity still answer", () => {
    const cells: CellValue[] = ["precepting", 2];
    expect(CREDITED(cells[0], cells[1])).toBe(3);
    expect(CATEGORY("one-on-one")).toBe("C");
  });
});
