/**
 * A log's check keeps its rows' results column by column and finds possible
 * duplicates by day (`RowResults`, `DuplicateCheck`); checking the rows one at
 * a time (`validateRows`, `DuplicateIndex`) is the reference it must equal,
 * warnings and their order included, whichever way the duplicates are found.
 */
import fc from "fast-check";
import { runs } from "../support/properties";
import { ACTIVITIES, type CellValue, checkLog, isoDateToExcelSerial, type LogRow, validateRows } from "../../src/core";
import { DuplicateCheck } from "../../src/core/engine/duplicateCheck";

const asOf = "2024-12-31";
const options = { asOf, dateSystem: "1900" as const };
const toRows = (cells: CellValue[][]): LogRow[] => cells.map((row, index) => ({ row: index + 2, cells: row }));

/** Few dates, activities and providers, so that rows repeat each other often; dates in the three forms a reader gives. */
function rowArb(dates: readonly string[]): fc.Arbitrary<CellValue[]> {
  const date = fc
    .record({ iso: fc.constantFrom(...dates), form: fc.constantFrom("text", "serial", "decoded") })
    .map(({ iso, form }): CellValue => (form === "text" ? iso : form === "serial" ? isoDateToExcelSerial(iso, "1900") : { isoDate: iso }));
  return fc.tuple(
    date,
    fc.constantFrom(...ACTIVITIES.slice(0, 6).map((activity) => activity.code), "not an activity", ""),
    fc.constantFrom("In person", "Virtual", ""),
    fc.constantFrom("Dana Whitfield", "dana whitfield", " DANA WHITFIELD ", "Marco Ibáñez", ""),
    fc.constantFrom("CST-T", "Mentor", ""),
    fc.constantFrom(1, 2.5, 14, 1.005, "3", 0, "x"),
    fc.constantFrom("", "note"),
  );
}

function expectSameAsRowByRow(cells: CellValue[][]): void {
  const rows = toRows(cells);
  const results = checkLog({ rows, profileCells: [], dateSystem: "1900" }, { asOf }).rows;
  const reference = validateRows(rows, options);
  expect(results.length).toBe(reference.length);
  expect([...results]).toEqual(reference);
  reference.forEach((row, index) => {
    expect(results.rowNumber(index)).toBe(row.row);
    expect(results.category(index)).toBe(row.category);
    expect(results.hours(index)).toBe(row.hours);
    expect(results.errors(index)).toEqual(row.errors);
    expect(results.warnings(index)).toEqual(row.warnings);
  });
}

describe("a log's row results equal its rows checked one at a time", () => {
  test("dates within a few years (duplicates found by day)", () => {
    const dates = ["2019-03-04", "2019-03-05", "2020-02-29", "2024-12-31", "2025-01-02"];
    fc.assert(fc.property(fc.array(rowArb(dates), { maxLength: 60 }), expectSameAsRowByRow), runs(300));
  });

  test("dates centuries apart (duplicates found through the table)", () => {
    const dates = ["1900-03-01", "1900-03-02", "2099-12-31", "2024-06-01"];
    fc.assert(fc.property(fc.array(rowArb(dates), { maxLength: 60 }), expectSameAsRowByRow), runs(300));
  });

  test("the possible-duplicate warning names the first row of the day, after the row's own warnings", () => {
    const cells: CellValue[][] = [
      ["2024-03-05", "treatment", "In person", "Dana Whitfield", "CST-T", 1, ""],
      ["2024-03-06", "treatment", "In person", "Dana Whitfield", "CST-T", 1, ""],
      ["2024-03-05", "treatment", "In person", "dana whitfield", "CST-T", 13, ""],
      ["2024-03-05", "treatment", "In person", "Dana Whitfield", "CST-T", 2, ""],
    ];
    const results = checkLog({ rows: toRows(cells), profileCells: [], dateSystem: "1900" }, { asOf }).rows;
    expect(results.warnings(0)).toEqual([]);
    expect(results.warnings(1)).toEqual([]);
    expect(results.warnings(2).map((warning) => warning.code)).toEqual(["long-row", "possible-duplicate"]);
    expect(results.warnings(2)[1]?.message).toBe("Same date, activity and provider as row 2: remove one if the activity was logged twice.");
    expect(results.warnings(3).map((warning) => warning.message)).toEqual([
      "Same date, activity and provider as row 2: remove one if the activity was logged twice.",
    ]);
    expect(results.at(3).date).toBe("2024-03-05");
    expect(() => results.at(4)).toThrow(RangeError);
  });
});

test("row numbers beyond 32 bits are kept exactly, duplicates naming them included", () => {
  const cells: CellValue[] = ["2024-03-05", "treatment", "In person", "Dana Whitfield", "CST-T", 1, ""];
  const rows: LogRow[] = [
    { row: 2, cells },
    { row: 5_000_000_000, cells },
    { row: 5_000_000_001, cells: ["2024-03-06", ...cells.slice(1)] },
    { row: 5_000_000_002, cells: ["2024-03-06", ...cells.slice(1)] },
  ];
  const results = checkLog({ rows, profileCells: [], dateSystem: "1900" }, { asOf }).rows;
  expect([...results]).toEqual(validateRows(rows, options));
  expect(results.rowNumber(1)).toBe(5_000_000_000);
  expect(results.warnings(3)[0]?.message).toContain("as row 5000000001:");
});

describe("DuplicateCheck", () => {
  // The first activity of the catalog, by its index.
  const activity = 0;

  function found(check: DuplicateCheck): { method: string; pairs: [number, number][] } {
    const pairs: [number, number][] = [];
    const method = check.resolve((index, earlier) => pairs.push([index, earlier]));
    return { method, pairs: pairs.sort((a, b) => a[0] - b[0]) };
  }

  test("by day and through the table, the same rows are found, each naming the first of its kind", () => {
    const days = [100, 5, 100, 100, 5, 7];
    const providers = ["a", "a", "A", "b", "a", "a"];
    const near = new DuplicateCheck();
    const far = new DuplicateCheck();
    days.forEach((day, index) => {
      near.add(index, day, activity, providers[index]!);
      // The same rows, with the days spread over centuries: too far apart for an array of days.
      far.add(index, day * 1000, activity, providers[index]!);
    });
    const expected = [
      [2, 0],
      [4, 1],
    ];
    expect(found(near)).toEqual({ method: "by day", pairs: expected });
    expect(found(far)).toEqual({ method: "by table", pairs: expected });
  });

  test("indexes that skip rows (rows without a date or an activity are not added) are the ones named", () => {
    const check = new DuplicateCheck(2);
    check.add(3, 10, activity, "x");
    check.add(8, 11, activity, "x");
    check.add(9, 10, activity, "x");
    expect(found(check)).toEqual({ method: "by day", pairs: [[9, 3]] });
  });

  test("through the table, a log large enough that its rows' slots collide finds what a map of keys finds", () => {
    // 20,000 rows over days centuries apart, of six activities and forty providers: many repeat an earlier
    // row, and in a table of 65,536 slots many land in a taken slot and probe on.
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 2 ** 31 - 1 }), (seed) => {
        let state = seed;
        const next = (below: number): number => {
          state = (Math.imul(state, 1_103_515_245) + 12_345) & 0x7fffffff;
          return state % below;
        };
        const check = new DuplicateCheck();
        const firstOf = new Map<string, number>();
        const expected: [number, number][] = [];
        for (let index = 0; index < 20_000; index++) {
          const day = next(400) * 1_000 - 700_000;
          const activityIndex = next(6);
          const provider = `provider ${next(40)}`;
          check.add(index, day, activityIndex, provider);
          const key = `${day}/${activityIndex}/${provider}`;
          const first = firstOf.get(key);
          if (first === undefined) firstOf.set(key, index);
          else expected.push([index, first]);
        }
        const result = found(check);
        expect(result.method).toBe("by table");
        expect(expected.length).toBeGreaterThan(1_000);
        expect(result.pairs).toEqual(expected);
      }),
      runs(5),
    );
  });
});
