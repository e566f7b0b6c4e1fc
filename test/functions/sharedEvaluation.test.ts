/**
 * docs/rules.md §9: the formulas of one recalculation share one evaluation of the log. Excel hands each formula
 * its own fresh copy of the range; the evaluation is found again by comparing the content, every cell.
 * These tests check that the sharing happens (one tally, one allocation, none for HOURS alone) and that
 * it never gives a stale answer: after any change of a cell, the profile, the as-of date or the date
 * system, every function answers as a fresh check of the log does.
 */
import fc from "fast-check";
import { runs } from "../support/properties";
import {
  type CellValue,
  type DateSystem,
  type LogRow,
  CATEGORIES,
  allocateCredits,
  checkLog,
  codedFindingsLine,
  isoDateToExcelSerial,
  milliToHours,
  tallyLog,
  todayIsoDate,
} from "../../src/core";
import { DetachedCellError } from "../../src/functions/cellError";
import { setDateSystemSource } from "../../src/functions/dateSystem";
import { evaluateRange, forgetEvaluations } from "../../src/functions/evaluation";
import { CREDIT, HOURS, MISSING, STATUS } from "../../src/functions/functions";
import { type LogGrid, readLogGrid, readLogRange, readProfileRange } from "../../src/functions/range";

// What the sharing saves, counted from outside: the core's tallies (of a log, or of rows the functions
// checked) and allocations, and the rows the engine checks, each wrapped in a counting function for this
// file only.
jest.mock("../../src/core", () => {
  const actual = jest.requireActual("../../src/core");
  return {
    ...actual,
    tallyLog: jest.fn(actual.tallyLog),
    tallyOfCheckedRows: jest.fn(actual.tallyOfCheckedRows),
    allocateCredits: jest.fn(actual.allocateCredits),
  };
});
jest.mock("../../src/core/engine", () => {
  const actual = jest.requireActual("../../src/core/engine");
  return { ...actual, checkRowInto: jest.fn(actual.checkRowInto) };
});
const core = jest.requireMock<{ tallyLog: jest.Mock; tallyOfCheckedRows: jest.Mock; allocateCredits: jest.Mock }>("../../src/core");
const engine = jest.requireMock<{ checkRowInto: jest.Mock }>("../../src/core/engine");

/** How many tallies, allocations and row checks were made since the last call. */
function takeEvaluationCounts(): { tallies: number; allocations: number; rowsChecked: number } {
  const taken = {
    tallies: core.tallyLog.mock.calls.length + core.tallyOfCheckedRows.mock.calls.length,
    allocations: core.allocateCredits.mock.calls.length,
    rowsChecked: engine.checkRowInto.mock.calls.length,
  };
  core.tallyLog.mockClear();
  core.tallyOfCheckedRows.mockClear();
  core.allocateCredits.mockClear();
  engine.checkRowInto.mockClear();
  return taken;
}

type Cell = unknown;

const HEADER = ["Date", "Activity", "Format", "Provider", "Credential", "Quantity", "Notes"];

function sampleLog(system: DateSystem): Cell[][] {
  const serial = (iso: string) => isoDateToExcelSerial(iso, system);
  return [
    HEADER,
    [serial("2024-01-10"), "treatment", "In person", "Jane Roe", "CST-T", 8, ""],
    [serial("2024-01-11"), "small-group", "Virtual", "", "", 6, ""],
    [serial("2024-01-12"), "one-on-one", "Virtual", "Mentor M", "Mentor", 12, ""],
    [serial("2024-03-01"), "treatment", "In person", "Jane Roe", "CST-D", 12, ""],
    [serial("2024-03-02"), "one-on-one", "In person", "Mentor M", "Mentor", 7.5, ""],
    [serial("2024-03-03"), "precepting", "In person", "", "", 2, ""],
  ];
}

/** A fresh copy, as Excel passes the range to each formula. */
const fresh = (range: readonly (readonly Cell[])[]): Cell[][] => range.map((row) => [...row]);

/**
 * What the sheet's formulas show: CREDIT, HOURS for each category and all, MISSING likewise, STATUS per
 * row. Excel picks the order; `statusFirst` tries the other one.
 */
function recalculate(range: readonly (readonly Cell[])[], profile?: Cell[][], asOf?: Cell, statusFirst = false) {
  const status = () => range.map((row) => STATUS([[...row]], asOf));
  const statuses = statusFirst ? status() : null;
  const answers: Record<string, unknown> = {
    credit: CREDIT(fresh(range), profile && fresh(profile), asOf),
    hours: HOURS(fresh(range), undefined, profile && fresh(profile), asOf),
    missing: MISSING(fresh(range), "", profile && fresh(profile), asOf),
  };
  for (const category of CATEGORIES) {
    answers[`hours ${category}`] = HOURS(fresh(range), category, profile && fresh(profile), asOf);
    answers[`missing ${category}`] = MISSING(fresh(range), category, profile && fresh(profile), asOf);
  }
  answers.status = statuses ?? status();
  return answers;
}

/** The same answers from a fresh check of the log by the core (what verify reports), nothing shared. */
function checked(range: readonly (readonly Cell[])[], system: DateSystem, profile: Cell[][] | undefined, asOf: string) {
  const rows = readLogRange(fresh(range)) as LogRow[];
  const profileCells = readProfileRange(profile) as CellValue[];
  const assessment = checkLog({ rows, profileCells, dateSystem: system }, { asOf });
  const blocking = assessment.profile.errors.find((error) => error.code !== "bad-email");
  const whole = (value: number) => (blocking === undefined ? value : new DetachedCellError("#VALUE!", `Profile: ${blocking.message}`));
  const { hours } = assessment;
  const { missing } = assessment.allocation.next;
  const answers: Record<string, unknown> = {
    credit: whole(assessment.allocation.credits),
    hours: whole(milliToHours(hours.A + hours.B + hours.C)),
    missing: whole(milliToHours(missing.total)),
  };
  for (const category of CATEGORIES) {
    answers[`hours ${category}`] = whole(milliToHours(hours[category]));
    answers[`missing ${category}`] = whole(milliToHours(missing[category]));
  }
  const byRow = new Map(assessment.rows.map((row) => [row.row, row]));
  answers.status = range.map((_, index) => {
    const row = byRow.get(index + 1);
    if (row === undefined) return "";
    return row.errors.length === 0 ? "OK" : codedFindingsLine(row.errors);
  });
  return answers;
}

beforeEach(() => {
  setDateSystemSource(() => "1900");
  forgetEvaluations();
  takeEvaluationCounts();
});
afterEach(() => setDateSystemSource());

describe("one evaluation per recalculation", () => {
  test.each([
    ["the whole-log formulas first", false],
    ["the STATUS formulas first", true],
  ])(
    "CREDIT, HOURS (each category and all), MISSING and a STATUS per row over fresh copies of the same range, %s: the log is evaluated once, each row checked once, the credits allocated once",
    (_order, statusFirst) => {
      const answers = recalculate(sampleLog("1900"), undefined, undefined, statusFirst);
      expect(answers).toEqual(checked(sampleLog("1900"), "1900", undefined, todayIsoDate()));
      expect(takeEvaluationCounts()).toEqual({ tallies: 1, allocations: 1, rowsChecked: 6 });
      // The next recalculation of the same cells (after an edit elsewhere, say) checks nothing again.
      recalculate(sampleLog("1900"), undefined, undefined, !statusFirst);
      expect(takeEvaluationCounts()).toEqual({ tallies: 0, allocations: 0, rowsChecked: 0 });
    },
  );

  test("after one row is edited, only that row is checked again", () => {
    recalculate(sampleLog("1900"));
    takeEvaluationCounts();
    const edited = sampleLog("1900");
    edited[2]![5] = 7;
    expect(recalculate(edited)).toEqual(checked(edited, "1900", undefined, todayIsoDate()));
    expect(takeEvaluationCounts()).toEqual({ tallies: 1, allocations: 1, rowsChecked: 1 });
  });

  test("a row inserted in the middle, rows called out of order, and repeated rows: each row found again, only the new one checked", () => {
    recalculate(sampleLog("1900"));
    takeEvaluationCounts();
    // A row inserted above the others moves each of them down one: no row is where it was.
    const inserted = sampleLog("1900");
    inserted.splice(1, 0, [isoDateToExcelSerial("2024-02-01", "1900"), "study-group", "Virtual", "", "", 2, "new"]);
    expect(recalculate(inserted, undefined, undefined, true)).toEqual(checked(inserted, "1900", undefined, todayIsoDate()));
    expect(takeEvaluationCounts()).toEqual({ tallies: 1, allocations: 1, rowsChecked: 1 });
    // The STATUS column called from the bottom up, and a log whose rows repeat: the same answers, nothing checked again.
    const reversed = [...inserted].reverse().map((row) => STATUS([[...row]]));
    expect(reversed).toEqual([...(checked(inserted, "1900", undefined, todayIsoDate()).status as unknown[])].reverse());
    const repeated = [HEADER, ...inserted.slice(1), ...inserted.slice(1, 4)];
    expect(recalculate(repeated)).toEqual(checked(repeated, "1900", undefined, todayIsoDate()));
    expect(takeEvaluationCounts()).toEqual({ tallies: 1, allocations: 1, rowsChecked: 0 });
  });

  test("the STATUS column called in order before anything is kept: each row checked once as it comes, then found again whatever changes", () => {
    const statuses = (range: readonly (readonly Cell[])[]) => range.map((row) => STATUS([[...row]]));
    const expected = (range: readonly (readonly Cell[])[]) => checked(range, "1900", undefined, todayIsoDate()).status;
    // Rows 7 and 8 repeat rows 1 and 3: the same answers; a repeat is checked again at most once.
    const log = [...sampleLog("1900"), sampleLog("1900")[1]!, sampleLog("1900")[3]!];
    expect(statuses(log)).toEqual(expected(log));
    expect(takeEvaluationCounts().rowsChecked).toBeLessThanOrEqual(8);
    // Called again from the top, and from the bottom up: every row is found, none checked again.
    expect(statuses(log)).toEqual(expected(log));
    expect([...log].reverse().map((row) => STATUS([[...row]]))).toEqual([...(expected(log) as unknown[])].reverse());
    expect(takeEvaluationCounts().rowsChecked).toBe(0);
    // One row edited in the middle: that row alone is checked; the rows after it are found where they were.
    const edited = log.map((row) => [...row]);
    edited[3]![5] = 5;
    expect(statuses(edited)).toEqual(expected(edited));
    expect(takeEvaluationCounts().rowsChecked).toBe(1);
    // The log's formulas after it find every row too.
    expect(recalculate(edited)).toEqual(checked(edited, "1900", undefined, todayIsoDate()));
    expect(takeEvaluationCounts()).toEqual({ tallies: 1, allocations: 1, rowsChecked: 0 });
  });

  test("the log's formulas first, then the STATUS column from the bottom up: every row found, none checked again", () => {
    const log = sampleLog("1900");
    CREDIT(fresh(log));
    expect(takeEvaluationCounts().rowsChecked).toBe(6);
    const statuses = [...log].reverse().map((row) => STATUS([[...row]]));
    expect(statuses).toEqual([...(checked(log, "1900", undefined, todayIsoDate()).status as unknown[])].reverse());
    expect(takeEvaluationCounts().rowsChecked).toBe(0);
  });

  test("HOURS alone never allocates credits", () => {
    for (const category of [undefined, "A", "B", "C"]) HOURS(sampleLog("1900"), category);
    expect(takeEvaluationCounts()).toEqual({ tallies: 1, allocations: 0, rowsChecked: 6 });
  });

  test("STATUS checks only its own row: no evaluation of the log", () => {
    for (const row of sampleLog("1900")) STATUS([row]);
    expect(takeEvaluationCounts()).toEqual({ tallies: 0, allocations: 0, rowsChecked: 6 });
  });
});

describe("never a stale answer", () => {
  test("one changed cell, anywhere, is another log: every function sees it", () => {
    const before = sampleLog("1900");
    recalculate(before);
    takeEvaluationCounts();
    const after = fresh(before);
    after[6]![5] = 20; // the last row's Quantity: 30 hours of precepting
    expect(recalculate(after)).toEqual(checked(after, "1900", undefined, todayIsoDate()));
    expect(recalculate(after)).not.toEqual(recalculate(before));
    const header = fresh(before);
    header[0]![6] = "Remarks"; // no longer a header row: a row with errors
    expect(recalculate(header)).toEqual(checked(header, "1900", undefined, todayIsoDate()));
  });

  test("an array changed in place after it was passed cannot make an old answer match", () => {
    const range = sampleLog("1900");
    expect(HOURS(range, "A")).toBe(20);
    range[4]![5] = 0.5; // the CST-D treatment row, changed in the array passed first
    expect(HOURS(range, "A")).toBe(8.5);
    expect(recalculate(range)).toEqual(checked(range, "1900", undefined, todayIsoDate()));
  });

  test("the profile, the as-of date and the date system are part of what is shared", () => {
    const range = sampleLog("1900");
    const certified = [[""], [""], [isoDateToExcelSerial("2024-01-01", "1900")], [isoDateToExcelSerial("2024-02-01", "1900")], [""], [""]];
    expect(recalculate(range, certified)).toEqual(checked(range, "1900", certified, todayIsoDate()));
    expect(recalculate(range)).toEqual(checked(range, "1900", undefined, todayIsoDate()));
    expect(recalculate(range, undefined, "2024-01-11")).toEqual(checked(range, "1900", undefined, "2024-01-11"));
    setDateSystemSource(() => "1904");
    expect(recalculate(range)).toEqual(checked(range, "1904", undefined, todayIsoDate()));
  });

  const SYSTEMS: DateSystem[] = ["1900", "1904"];
  const valueArb: fc.Arbitrary<Cell> = fc.oneof(
    fc.constantFrom("2024-02-29", "2031-01-01", "03/04/2024", "", null, " ", "Date"),
    fc.integer({ min: 40_000, max: 47_000 }),
    fc.constantFrom("treatment", "one-on-one", "small-group", "study-group", "precepting", "clinical-applications", "massage"),
    fc.constantFrom("In person", "Virtual", "online"),
    fc.constantFrom("Jane Roe", "Mentor M", "CST-T", "CST-D", "Mentor", "Certified mentor"),
    fc.constantFrom(0, 0.005, 1, 1.5, 2.155, 6, 12, 24, 1001, "2", "two", -0),
    fc.constantFrom("#N/A", "#REF!").map((code) => ({ type: "Error", basicType: "Error", basicValue: code, errorType: "X" })),
  );
  const editArb = fc.oneof(
    fc.record({ kind: fc.constant("cell" as const), row: fc.nat(), column: fc.integer({ min: 0, max: 6 }), value: valueArb }),
    fc.record({ kind: fc.constant("add" as const), value: valueArb }),
    fc.record({ kind: fc.constant("remove" as const), row: fc.nat() }),
    fc.record({
      kind: fc.constant("profile" as const),
      field: fc.integer({ min: 2, max: 5 }),
      value: fc.constantFrom<Cell>("", "2024-01-05", "2024-02-20", "2030-01-01", 1, 2, "2014", "current", "x"),
    }),
    fc.record({
      kind: fc.constant("asOf" as const),
      value: fc.constantFrom<Cell>(undefined, "2024-01-11", "2024-03-02", "2025-06-30", 45_500),
    }),
    fc.record({ kind: fc.constant("system" as const), value: fc.constantFrom(...SYSTEMS) }),
  );

  test("after any sequence of edits (cells, rows, profile, as_of, date system) every function answers as a fresh check does, whatever order Excel calls them in", () => {
    fc.assert(
      fc.property(fc.array(fc.tuple(editArb, fc.boolean()), { minLength: 1, maxLength: 12 }), (steps) => {
        forgetEvaluations();
        let range = sampleLog("1900");
        let profile: Cell[][] | undefined;
        let asOf: Cell;
        let system: DateSystem = "1900";
        setDateSystemSource(() => system);
        recalculate(range, profile, asOf);
        for (const [edit, statusFirst] of steps) {
          range = fresh(range);
          if (edit.kind === "cell") range[edit.row % range.length]![edit.column] = edit.value;
          else if (edit.kind === "add") range.push([edit.value, "one-on-one", "Virtual", "Mentor M", "Mentor", 2, ""]);
          else if (edit.kind === "remove" && range.length > 1) range.splice(edit.row % range.length, 1);
          else if (edit.kind === "profile") {
            profile = profile ? fresh(profile) : [[""], [""], [""], [""], [""], [""]];
            profile[edit.field]![0] = edit.value;
          } else if (edit.kind === "asOf") asOf = edit.value;
          else if (edit.kind === "system") {
            system = edit.value;
            setDateSystemSource(() => system);
          }
          const day = asOf === undefined ? todayIsoDate() : typeof asOf === "number" ? null : (asOf as string);
          const expected = checked(range, system, profile, day ?? isoToSerialDay(asOf as number, system));
          expect(recalculate(range, profile, asOf, statusFirst)).toEqual(expected);
        }
      }),
      runs(150),
    );
  });
});

describe("the evaluation adds up the rows as the core does", () => {
  const cellArb: fc.Arbitrary<Cell> = fc.oneof(
    fc.constantFrom("", null, " ", "2024-02-29", "2031-01-01", "x"),
    fc.integer({ min: 40_000, max: 47_000 }),
    fc.constantFrom("treatment", "one-on-one", "small-group", "precepting", "massage"),
    fc.constantFrom("In person", "Virtual"),
    fc.constantFrom("Jane Roe", "Mentor M", "CST-T", "CST-D", "Mentor"),
    fc.constantFrom(0, 1, 1.5, 6, 24, "two"),
  );
  // Rows alike enough to count (a date, an activity, a quantity) or not, blank rows, and a header or none.
  const rowArb = fc.oneof(
    fc.array(cellArb, { minLength: 7, maxLength: 7 }),
    fc.tuple(
      fc.integer({ min: 44_000, max: 46_000 }),
      fc.constantFrom("treatment", "one-on-one", "small-group", "precepting"),
      fc.constantFrom("In person", "Virtual"),
      fc.constantFrom("", "Jane Roe", "Mentor M"),
      fc.constantFrom("", "CST-T", "Mentor"),
      fc.constantFrom(1, 2.5, 6),
      fc.constantFrom("", "note"),
    ),
    fc.constant(["", "", "", "", "", "", ""]),
  );
  const logArb = fc.tuple(fc.boolean(), fc.array(rowArb, { maxLength: 30 })).map(([header, rows]) => (header ? [HEADER, ...rows] : rows));

  test("hours, the ledger, rows counted, rows with errors and validity, whatever STATUS checked before", () => {
    fc.assert(
      fc.property(logArb, fc.constantFrom<"none" | "all" | "some">("none", "all", "some"), (range, statusBefore) => {
        forgetEvaluations();
        if (range.length === 0) return;
        if (statusBefore !== "none") range.forEach((row, index) => (statusBefore === "all" || index % 3 === 0 ? STATUS([[...row]]) : null));
        const asOf = todayIsoDate();
        const evaluation = evaluateRange(fresh(range), [], "1900", asOf);
        const read = readLogGrid(fresh(range)) as LogGrid;
        const expected = tallyLog(
          { grid: read.grid, firstIndex: read.firstIndex, rowNumberOffset: 1, profileCells: [], dateSystem: "1900" },
          { asOf },
        );
        if (!("tally" in evaluation)) throw new Error("not evaluated");
        const { tally } = evaluation;
        expect([tally.hours, tally.rowCount, tally.rowsWithErrors, tally.valid]).toEqual([
          expected.hours,
          expected.rowCount,
          expected.rowsWithErrors,
          expected.valid,
        ]);
        // The ledger, through what is made of it.
        expect(allocateCredits(tally.ledger, tally.profile.profile, { asOf })).toEqual(
          allocateCredits(expected.ledger, expected.profile.profile, { asOf }),
        );
      }),
      runs(200),
    );
  });
});

/** The ISO date of an as_of serial in a date system (the functions' own reading is what is tested). */
function isoToSerialDay(serial: number, system: DateSystem): string {
  const base = system === "1904" ? Date.UTC(1904, 0, 1) : Date.UTC(1899, 11, 30);
  return new Date(base + serial * 86_400_000).toISOString().slice(0, 10);
}
