/**
 * The CST functions called the way Excel calls them (2-D arrays of numbers,
 * text, booleans and blanks; dates as serial numbers in the workbook's date
 * system) and compared with the core's report for the same rows (docs/rules.md §8: on
 * the same data every function agrees with verify).
 */
import fc from "fast-check";
import { type DateSystem, type LogRow, type Report, LOG_COLUMNS, reportLog, isoDateToExcelSerial, todayIsoDate } from "../../src/core";
import { DetachedCellError } from "../../src/functions/cellError";
import { setDateSystemSource } from "../../src/functions/dateSystem";
import { CATEGORY, CREDIT, CREDITED, HOURS, MISSING, STATUS } from "../../src/functions/functions";
import { readLogRange } from "../../src/functions/range";

type Cell = string | number | boolean | null;

/** The sample log with ISO dates; `grid` turns them into serial numbers. */
const SAMPLE: readonly (readonly Cell[])[] = [
  ["2024-01-10", "Treatment received from a CST-T or CST-D", "In person", "Jane Roe", "CST-T", 6, ""],
  ["2024-01-11", "small-group", "Virtual", "", "", 6, ""],
  ["2024-01-12", "one-on-one", "virtual", "Mentor M", "Mentor", 12, "long session"],
  ["", null, "", null, "", "", ""],
  ["2024-01-13", "treatment", "Virtual", "Jane Roe", "CST-T", 2, ""],
  ["2024-02-01", "precepting", "In-person", "", "", 2, "note"],
  ["2024-02-02", "clinical-applications", "in person", "", "", 8, ""],
  ["2024-03-01", "one-on-one", "In person", "", "", 1, ""],
  [null, null, null, null, null, null, null],
  ["2024-03-02", "ONE-ON-ONE", "In person", "Mentor M", "", "1.5", ""],
];

function serialGrid(rows: readonly (readonly Cell[])[], system: DateSystem): Cell[][] {
  return rows.map((row) =>
    row.map((cell, column) => (column === 0 && typeof cell === "string" && cell !== "" ? isoDateToExcelSerial(cell, system) : cell)),
  );
}

function logRows(grid: readonly (readonly Cell[])[], firstRow: number): LogRow[] {
  return grid.map((cells, index) => ({ row: firstRow + index, cells }));
}

async function reportOf(
  grid: readonly (readonly Cell[])[],
  system: DateSystem,
  profileCells: readonly Cell[] = [],
  firstRow = 1,
): Promise<Report> {
  return (await reportLog({ rows: logRows(grid, firstRow), profileCells, dateSystem: system })).report;
}

function expectCellError(value: unknown, code: "#VALUE!" | "#N/A", message: RegExp): void {
  expect(value).toBeInstanceOf(DetachedCellError);
  const error = value as DetachedCellError;
  expect(error.code).toBe(code);
  expect(error.message).toMatch(message);
}

const HEADER: Cell[] = ["date", "ACTIVITY", " Format ", "Provider", "credential", "Quantity", "Notes"];

afterEach(() => setDateSystemSource(() => "1900"));
beforeEach(() => setDateSystemSource(() => "1900"));

describe.each<DateSystem>(["1900", "1904"])("functions agree with the core's report (%s date system)", (system) => {
  beforeEach(() => setDateSystemSource(() => system));

  test.each([
    ["without a header row", false],
    ["with a header row", true],
  ])("CREDIT, HOURS and MISSING %s", async (_label, withHeader) => {
    const grid = serialGrid(SAMPLE, system);
    const range = withHeader ? [HEADER, ...grid] : grid;
    const report = await reportOf(grid, system);

    expect(report.credits).toBe(1);
    expect(CREDIT(range)).toBe(report.credits);
    for (const category of ["A", "B", "C"] as const) {
      expect(HOURS(range, category)).toBe(report.hours[category]);
      expect(HOURS(range, category.toLowerCase())).toBe(report.hours[category]);
      expect(MISSING(range, category)).toBe(report.next.missing[category]);
    }
    expect(HOURS(range)).toBe(report.hours.A + report.hours.B + report.hours.C);
    expect(HOURS(range, "")).toBe(report.hours.A + report.hours.B + report.hours.C);
    expect(MISSING(range)).toBe(report.next.missing.total);
  });

  test("STATUS gives OK or the row's errors, as the report lists them", async () => {
    const grid = serialGrid(SAMPLE, system);
    const report = await reportOf(grid, system);
    const byRow = new Map(report.rows.map((row) => [row.row, row]));
    grid.forEach((cells, index) => {
      const status = STATUS([cells]);
      const reported = byRow.get(index + 1);
      if (reported === undefined) {
        expect(status).toBe("");
        return;
      }
      expect(status).toBe(
        reported.errors.length === 0 ? "OK" : reported.errors.map((error) => `${error.code}: ${error.message}`).join(" | "),
      );
    });
    expect(STATUS([grid[4]!])).toMatch(/^virtual-not-allowed: /);
    expect(STATUS([grid[7]!])).toMatch(/^missing-provider: /);
  });

  test("a profile range changes the credit as the core's profile does", async () => {
    const grid = serialGrid(SAMPLE, system);
    const profile: Cell[] = ["Ana Mentee", "ana@example.org", "", "", 2, "2014"];
    const report = await reportOf(grid, system, profile);
    expect(
      CREDIT(
        grid,
        profile.map((value) => [value]),
      ),
    ).toBe(report.credits);
    expect(
      MISSING(
        grid,
        undefined,
        profile.map((value) => [value]),
      ),
    ).toBe(report.next.missing.total);
    // The same values in one row, and with the labels beside them (a form older than row 7: its old label), read the same.
    expect(CREDIT(grid, [profile])).toBe(report.credits);
    const labelled = ["Mentee name", "Email", "CST-T certified on", "CST-D certified on", "Credits already awarded", "Rule set"].map(
      (label, index) => [label, profile[index] ?? null],
    );
    expect(CREDIT(grid, labelled)).toBe(report.credits);
  });

  test("docs/rules.md §4: the seven profile values (CSTProfile, W in row 7) give what verify gives with W set", async () => {
    const grid = serialGrid(SAMPLE, system);
    for (const fromLog of [0, 1, 2]) {
      const profile: Cell[] = ["Ana Mentee", "ana@example.org", "", "", 0, "current", fromLog];
      const report = await reportOf(grid, system, profile);
      const column = profile.map((value) => [value]);
      if (fromLog <= 1) {
        expect(CREDIT(grid, column)).toBe(report.credits);
        expect(MISSING(grid, undefined, column)).toBe(report.next.missing.total);
      } else {
        // The log supports 1 credit, not the 2 awarded from it: the profile's error, as verify's.
        expect(report.profile.errors.map((error) => error.code)).toEqual(["awards-unsupported"]);
        expectCellError(
          CREDIT(grid, column),
          "#VALUE!",
          /^Profile: Credits awarded from this log is 2, but the log's rows now support only 1/,
        );
      }
    }
    expect(CREDIT(grid, [["Ana"], [""], [""], [""], [0], ["current"], [1]])).toBe(0);
  });
});

describe("the workbook's date system", () => {
  test("1904 serials read as 1904 dates; 1900 serials in a 1904 workbook are other dates", async () => {
    setDateSystemSource(() => "1904");
    expect(CREDIT(serialGrid(SAMPLE, "1904"))).toBe(1);
    // Serial 0 is 1904-01-01 in a 1904 workbook and no date at all in a 1900 one.
    const serialZero = [0, "one-on-one", "In person", "M", "", 1, ""];
    expect(STATUS([serialZero])).toMatch(/^before-eligibility: .*dated 1904-01-01/);
    setDateSystemSource(() => "1900");
    expect(STATUS([serialZero])).toMatch(/^bad-date: /);
  });

  test("while Excel is still being asked, the functions answer once it replies", async () => {
    let reply: (system: DateSystem) => void = () => undefined;
    setDateSystemSource(() => new Promise<DateSystem>((resolve) => (reply = resolve)));
    const pending = CREDIT(serialGrid(SAMPLE, "1904"));
    expect(pending).toBeInstanceOf(Promise);
    reply("1904");
    await expect(pending).resolves.toBe(1);
    // Remembered: later calls answer at once.
    expect(CREDIT(serialGrid(SAMPLE, "1904"))).toBe(1);
  });

  test("a source that fails is no answer: the function says so, and the next call asks again", async () => {
    setDateSystemSource(() => Promise.reject(new Error("no Excel")));
    await expect(CREDIT(serialGrid(SAMPLE, "1904"))).resolves.toMatchObject({
      code: "#N/A",
      message: expect.stringContaining("did not tell the workbook's date system (no Excel)"),
    });
    setDateSystemSource(() => {
      throw new Error("no Excel");
    });
    await expect(CREDIT(serialGrid(SAMPLE, "1904"))).resolves.toMatchObject({ code: "#N/A" });
    let calls = 0;
    setDateSystemSource(() => (++calls === 1 ? Promise.reject(new Error("busy")) : Promise.resolve("1904")));
    await expect(CREDIT(serialGrid(SAMPLE, "1904"))).resolves.toMatchObject({ code: "#N/A" });
    await expect(CREDIT(serialGrid(SAMPLE, "1904"))).resolves.toBe(1);
  });
});

describe("reading the range", () => {
  test("row numbers are positions within the range, header row included", () => {
    const grid = serialGrid(SAMPLE, "1900");
    const plain = readLogRange(grid) as LogRow[];
    expect(plain.map((row) => row.row).slice(0, 3)).toEqual([1, 2, 3]);
    const headed = readLogRange([HEADER, ...grid]) as LogRow[];
    expect(headed.map((row) => row.row).slice(0, 3)).toEqual([2, 3, 4]);
    expect(headed).toHaveLength(grid.length);
  });

  test("a header row after blank rows is still recognised", () => {
    const grid = serialGrid(SAMPLE, "1900");
    const rows = readLogRange([["", "", "", "", "", "", ""], HEADER, ...grid]) as LogRow[];
    expect(rows.some((row) => row.cells[0] === "date")).toBe(false);
    expect(rows.find((row) => row.cells[1] === SAMPLE[0]![1])?.row).toBe(3);
  });

  test("columns after Notes (the table's computed columns) are ignored", () => {
    const grid = serialGrid(SAMPLE, "1900").map((row) => [...row, "B", 6, "OK"]);
    expect(CREDIT(grid)).toBe(1);
    expect(STATUS([grid[0]!])).toBe("OK");
    const computedOnly = [[null, null, null, null, null, null, null, "B", 0, ""]];
    expect(readLogRange(computedOnly)).toEqual([{ row: 1, cells: [null, null, null, null, null, null, null] }]);
  });

  test("an Excel error inside the range makes a cell-error on its row, naming the error (docs/rules.md §8; errorCells.test.ts has the shapes)", () => {
    const row: unknown[] = [
      { type: "Error", basicType: "Error", basicValue: "#N/A", errorType: "NotAvailable" },
      "one-on-one",
      "In person",
      "M",
      "Mentor",
      1,
      "",
    ];
    expect(STATUS([row])).toBe("cell-error: Date holds Excel's error #N/A: correct the cell, or the formula behind it.");
  });

  test("only the header row: nothing earned, everything missing", () => {
    expect(CREDIT([[...LOG_COLUMNS]])).toBe(0);
    expect(MISSING([[...LOG_COLUMNS]])).toBe(24);
  });
});

describe("bad input returns an Excel error value with what to fix", () => {
  const grid = serialGrid(SAMPLE, "1900");

  test("a log that is not seven columns is #VALUE!", () => {
    expectCellError(
      CREDIT(grid.map((row) => row.slice(0, 6))),
      "#VALUE!",
      /The log has 6 columns \(10 rows by 6 columns\); it needs 7: select the MentorshipLog table/,
    );
    expectCellError(HOURS([[5]]), "#VALUE!", /it needs 7/);
    expectCellError(CREDIT("MentorshipLog" as unknown as unknown[][]), "#VALUE!", /not a range of cells/);
    expectCellError(CREDIT([]), "#VALUE!", /not a range of cells/);
  });

  test("an unknown category letter is #VALUE!", () => {
    expectCellError(HOURS(grid, "D"), "#VALUE!", /Category "D" is not A, B or C: enter "A"/);
    expectCellError(MISSING(grid, "total"), "#VALUE!", /is not A, B or C/);
  });

  test("a profile range of the wrong shape is #VALUE!", () => {
    expectCellError(
      CREDIT(grid, [["a"], ["b"]]),
      "#VALUE!",
      /The profile is 2 rows by 1 column: select the Profile sheet's value cells, the name CSTProfile or Profile!B1:B7/,
    );
    expectCellError(CREDIT(grid, [[1, 2, 3, 4, 5, 6, 7, 8]]), "#VALUE!", /1 row by 8 columns/);
  });

  test("a profile value that changes the credit is #VALUE! naming the field", () => {
    expectCellError(
      CREDIT(grid, [[""], [""], [""], [""], [""], ["2025"]]),
      "#VALUE!",
      /^Profile: Rule set "2025" is unknown: enter current or 2014\./,
    );
    expectCellError(CREDIT(grid, [[""], [""], [""], [""], [-1], [""]]), "#VALUE!", /^Profile: Credits awarded before this log -1/);
    const tomorrow = isoDateToExcelSerial("2999-01-01", "1900");
    expectCellError(
      MISSING(grid, "A", [[""], [""], [tomorrow], [""], [""], [""]]),
      "#VALUE!",
      /^Profile: CST-T certified on .* is in the future/,
    );
  });

  test("a bad email does not change the credit, so it does not stop the functions", () => {
    expect(CREDIT(grid, [["Ana"], ["not an email"], [""], [""], [0], ["current"]])).toBe(1);
  });

  test("STATUS needs exactly one row", () => {
    expectCellError(STATUS(grid.slice(0, 2)), "#VALUE!", /The row is 2 rows by 7 columns; it must be one row/);
    expectCellError(STATUS([grid[0]!.slice(0, 3)]), "#VALUE!", /it needs 7: select one row of the log's 7 input columns/);
  });
});

describe("CST.CATEGORY and CST.CREDITED", () => {
  test("category of an activity by label or code, any case and spacing", () => {
    expect(CATEGORY("Treatment received from a CST-T or CST-D")).toBe("A");
    expect(CATEGORY("  ONE-ON-ONE ")).toBe("C");
    expect(CATEGORY("Small group mentorship (4-8 participants)")).toBe("B");
  });

  test("an unknown or empty activity is #N/A", () => {
    expectCellError(CATEGORY("massage"), "#N/A", /Activity "massage" is not in the program's list/);
    expectCellError(CATEGORY(""), "#N/A", /Activity is empty: choose an activity/);
    expectCellError(CATEGORY(null), "#N/A", /Activity is empty/);
    expectCellError(CREDITED("massage", 2), "#N/A", /not in the program's list/);
  });

  test("conversions and caps of docs/rules.md §1", () => {
    expect(CREDITED("precepting", 3)).toBe(4.5);
    expect(CREDITED("intensive-therapist", 1)).toBe(1.5);
    expect(CREDITED("study-group", 2)).toBe(2);
    expect(CREDITED("empower-recording", "3")).toBe(3);
    expect(CREDITED("clinical-applications", 8)).toBe(6);
    expect(CREDITED("beyond-the-dura", 5.5)).toBe(5.5);
    expect(CREDITED("one-on-one", 0.333)).toBe(0.33);
  });

  test("a bad quantity is #VALUE! with the core's message", () => {
    expectCellError(CREDITED("precepting", -1), "#VALUE!", /Quantity -1 must be more than 0: enter the number of days\./);
    expectCellError(CREDITED("one-on-one", "two"), "#VALUE!", /Quantity "two" is not a number/);
    expectCellError(CREDITED("one-on-one", ""), "#VALUE!", /Quantity is empty/);
    expectCellError(CREDITED("one-on-one", 5000), "#VALUE!", /over 1000/);
  });

  test("CREDITED agrees with the hours the core credits a valid row", async () => {
    const grid = serialGrid(SAMPLE, "1900");
    const report = await reportOf(grid, "1900");
    for (const row of report.rows) {
      if (row.errors.length > 0) continue;
      const cells = grid[row.row - 1]!;
      expect(CREDITED(cells[1], cells[5])).toBe(row.hours);
    }
  });
});

describe("inside Excel", () => {
  class RuntimeError {
    constructor(
      readonly code: string,
      readonly message?: string,
    ) {}
  }
  const globals = globalThis as { CustomFunctions?: unknown };

  afterEach(() => {
    delete globals.CustomFunctions;
  });

  test("errors are the runtime's CustomFunctions.Error with its ErrorCode", () => {
    globals.CustomFunctions = { Error: RuntimeError, ErrorCode: { invalidValue: "#VALUE!", notAvailable: "#N/A" } };
    const error = HOURS([[1]]);
    expect(error).toBeInstanceOf(RuntimeError);
    expect((error as RuntimeError).code).toBe("#VALUE!");
    expect(CATEGORY("nothing")).toEqual(
      new RuntimeError(
        "#N/A",
        `Activity "nothing" is not in the program's list: enter an activity's label or code, such as one-on-one or treatment.`,
      ),
    );
  });
});

describe("no function throws", () => {
  const cell = fc.oneof(
    fc.string(),
    fc.double(),
    fc.integer({ min: -10, max: 3_000_000 }),
    fc.boolean(),
    fc.constant(null),
    fc.constant(undefined),
    fc.constant(""),
    fc.constantFrom("treatment", "one-on-one", "In person", "Virtual", "CST-T", "2024-01-10", "03/04/2024", "#N/A"),
    fc.record({ code: fc.constantFrom("#N/A", "#REF!") }),
    fc.constantFrom("#N/A", "#REF!", "#DIV/0!", "#SPILL!").map((code) => ({ type: "Error", basicType: "Error", basicValue: code, code })),
    fc.constantFrom("#N/A", "#REF!", "#CALC!").map((code) => ({ type: "Error", basicType: "Error", basicValue: code, errorType: "X" })),
    fc.record({ type: fc.constant("Entity"), basicType: fc.constant("Error"), basicValue: fc.constant("#VALUE!"), text: fc.string() }),
    fc.object(),
  );
  const range = fc.oneof(fc.array(fc.array(cell, { minLength: 0, maxLength: 9 }), { maxLength: 8 }), cell);

  test("arbitrary ranges and values give a number, a text or an error value", () => {
    fc.assert(
      fc.property(range, range, cell, (log, profile, value) => {
        const results = [
          CREDIT(log as unknown[][], profile as unknown[][]),
          CREDIT(log as unknown[][], undefined, value),
          HOURS(log as unknown[][], value as string, profile as unknown[][]),
          HOURS(log as unknown[][], undefined, undefined, value),
          MISSING(log as unknown[][], value as string),
          MISSING(log as unknown[][], undefined, profile as unknown[][], value),
          STATUS(log as unknown[][]),
          STATUS(log as unknown[][], value),
          CATEGORY(value),
          CREDITED(value, value),
          CREDITED("one-on-one", value),
        ];
        for (const result of results) {
          expect(result instanceof DetachedCellError || typeof result === "number" || typeof result === "string").toBe(true);
        }
      }),
      { numRuns: 300 },
    );
  });
});

test("the as-of date is today, as verify's default", () => {
  const today = todayIsoDate();
  const tomorrowSerial = isoDateToExcelSerial(today, "1900") + 1;
  expect(STATUS([[tomorrowSerial, "one-on-one", "In person", "M", "", 1, ""]])).toMatch(/^future-date: /);
  expect(STATUS([[tomorrowSerial - 1, "one-on-one", "In person", "M", "Mentor", 1, ""]])).toBe("OK");
});
