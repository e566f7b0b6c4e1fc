/**
 * A row's check depends on the as-of date only through the date rule (a date after the as-of date): it
 * turns on the row's own `day` (RowResult), and the custom functions rely on it to let a STATUS on an
 * old row stop following the day. Checked against the check itself, as of any two days: a rule that
 * read the as-of date in another way would break it.
 */
import fc from "fast-check";
import { runs } from "../support/properties";
import { ACTIVITIES, type CellValue, dayNumberToIsoDate, isoDateToDayNumber, isoDateToExcelSerial, validateRow } from "../../src/core";

const around = isoDateToDayNumber("2024-06-15");
const dayArb = fc.integer({ min: around - 40, max: around + 40 });

const cellArb: fc.Arbitrary<CellValue> = fc.oneof(
  dayArb.map((day) => dayNumberToIsoDate(day)),
  dayArb.map((day) => isoDateToExcelSerial(dayNumberToIsoDate(day), "1900")),
  dayArb.map((day) => ({ isoDate: dayNumberToIsoDate(day) })),
  fc.constantFrom<CellValue>("", null, "2024-02-30", "03/04/2024", "soon", { excelError: "#N/A" }, 0, -3),
);

const rowArb: fc.Arbitrary<CellValue[]> = fc.tuple(
  cellArb,
  fc.constantFrom(...ACTIVITIES.map((activity) => activity.code), "not an activity", ""),
  fc.constantFrom("In person", "Virtual", ""),
  fc.constantFrom("Dana Whitfield", ""),
  fc.constantFrom("CST-T", "CST-D", "Mentor", ""),
  fc.constantFrom<CellValue>(1, 2.5, 14, "3", 0, "x", { excelError: "#DIV/0!" }),
  fc.constantFrom("", "note"),
);

const checkedAsOf = (cells: CellValue[], day: number) => validateRow(cells, 2, { asOf: dayNumberToIsoDate(day), dateSystem: "1900" });
/** The day the check turns on: the row's day, as of any day (the last test holds it the same). */
const turnDay = (cells: CellValue[]) => checkedAsOf(cells, around).day;

const codes = (cells: CellValue[], day: number) => checkedAsOf(cells, day).errors.map((error) => error.code);

test("the check is the same as of any two days from the day it turns on, and as of any two days when it turns on none", () => {
  fc.assert(
    fc.property(rowArb, dayArb, dayArb, (cells, first, second) => {
      const turns = turnDay(cells);
      if (turns === null || (first >= turns && second >= turns)) expect(checkedAsOf(cells, first)).toEqual(checkedAsOf(cells, second));
      // Before it the date is in the future, and the finding names the as-of date: the same findings, worded for each day.
      else if (first < turns && second < turns) expect(codes(cells, first)).toEqual(codes(cells, second));
    }),
    runs(400),
  );
});

test("the check does turn on that day: as of the day before it the row's date is in the future, as of the day itself it is not", () => {
  fc.assert(
    fc.property(rowArb, (cells) => {
      const turns = turnDay(cells);
      if (turns === null) return;
      const future = (day: number) => checkedAsOf(cells, day).errors.some((error) => error.code === "future-date");
      expect([future(turns - 1), future(turns)]).toEqual([true, false]);
    }),
    runs(200),
  );
});

test("a row's day is the same as of any day, and there is none without a date that reads", () => {
  fc.assert(
    fc.property(rowArb, dayArb, (cells, asOf) => {
      const day = checkedAsOf(cells, asOf).day;
      expect(day).toBe(turnDay(cells));
      if (day === null) expect(checkedAsOf(cells, asOf).errors.some((error) => error.field === "date")).toBe(true);
    }),
    runs(200),
  );
});
