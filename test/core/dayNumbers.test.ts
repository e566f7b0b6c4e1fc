/**
 * Day numbers order dates as their ISO text does: the row rules compare a row's date with the as-of date
 * and the eligibility dates as day numbers, and the duplicate check keys rows by day.
 */
import fc from "fast-check";
import { runs } from "../support/properties";
import { dayNumberToIsoDate, isoDateToDayNumber, validateRows } from "../../src/core";

const isoDate = fc
  .record({ year: fc.integer({ min: 1, max: 9999 }), month: fc.integer({ min: 1, max: 12 }), day: fc.integer({ min: 1, max: 28 }) })
  .map(({ year, month, day }) => `${String(year).padStart(4, "0")}-${String(month).padStart(2, "0")}-${String(day).padStart(2, "0")}`);

test("day numbers order any two dates of the years 1 to 9999 as their ISO text does, and read back as the same date", () => {
  fc.assert(
    fc.property(isoDate, isoDate, (a, b) => {
      expect(Math.sign(isoDateToDayNumber(a) - isoDateToDayNumber(b))).toBe(a < b ? -1 : a > b ? 1 : 0);
      expect(dayNumberToIsoDate(isoDateToDayNumber(a))).toBe(a);
    }),
    runs(500),
  );
});

test("the years 1 to 99 are not the years 1901 to 1999", () => {
  expect(isoDateToDayNumber("0050-01-01")).not.toBe(isoDateToDayNumber("1950-01-01"));
  const rows = validateRows(
    [
      { row: 2, cells: ["0099-12-31", "small-group", "Virtual", "", "", 2, ""] },
      { row: 3, cells: ["1999-12-31", "small-group", "Virtual", "", "", 2, ""] },
    ],
    { asOf: "1999-06-01", dateSystem: "1900" },
  );
  // 0099-12-31 is not after 1999-06-01.
  expect(rows[0]?.errors.map((error) => error.code)).toEqual(["before-eligibility"]);
  expect(rows[1]?.errors.map((error) => error.code)).toEqual(["future-date", "before-eligibility"]);
  // Not a duplicate of the row dated 0099-12-31.
  expect(rows[1]?.warnings).toEqual([]);
});
