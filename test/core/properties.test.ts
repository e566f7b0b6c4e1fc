/**
 * Invariants of the rules core, checked on generated logs (fast-check).
 */
import fc from "fast-check";
import { runs } from "../support/properties";
import {
  checkLog,
  type CellValue,
  CATEGORIES,
  type Category,
  type LogRow,
  type ProfileOverrides,
  validateRows,
  creditRule,
  type Assessment,
} from "../../src/core";
import { isoDateToDayNumber, dayNumberToIsoDate } from "../../src/core/dates";

const asOf = "2024-12-31";
const firstDay = isoDateToDayNumber("2014-05-01");
const lastDay = isoDateToDayNumber(asOf);

const dateArb = fc.integer({ min: firstDay, max: lastDay }).map(dayNumberToIsoDate);

/** Valid rows whose credited hours are whole hundredths of an hour. */
const validRowArb: fc.Arbitrary<CellValue[]> = fc.oneof(
  fc
    .record({ date: dateArb, hundredths: fc.integer({ min: 25, max: 1600 }) })
    .map(({ date, hundredths }) => [date, "treatment", "In person", "Dana Whitfield", "CST-T", hundredths / 100, ""]),
  fc
    .record({ date: dateArb, hundredths: fc.integer({ min: 25, max: 1600 }) })
    .map(({ date, hundredths }) => [date, "one-on-one", "Virtual", "Marco Ibáñez", "Mentor", hundredths / 100, ""]),
  fc
    .record({ date: dateArb, hundredths: fc.integer({ min: 25, max: 800 }) })
    .map(({ date, hundredths }) => [date, "small-group", "Virtual", "", "", hundredths / 100, ""]),
  fc
    .record({ date: dateArb, sessions: fc.integer({ min: 1, max: 4 }) })
    .map(({ date, sessions }) => [date, "study-group", "In person", "", "", sessions, ""]),
  fc
    .record({ date: dateArb, halfDays: fc.integer({ min: 1, max: 10 }) })
    .map(({ date, halfDays }) => [date, "precepting", "In person", "", "", halfDays / 2, ""]),
  fc
    .record({ date: dateArb, hundredths: fc.integer({ min: 100, max: 1200 }) })
    .map(({ date, hundredths }) => [date, "clinical-applications", "In person", "", "", hundredths / 100, ""]),
);

const profileArb: fc.Arbitrary<ProfileOverrides> = fc
  .record({
    ruleSet: fc.constantFrom("current" as const, "2014" as const),
    technique: fc.option(fc.integer({ min: firstDay, max: lastDay }), { nil: null }),
    diplomateAfter: fc.option(fc.integer({ min: 0, max: 3000 }), { nil: null }),
    awarded: fc.integer({ min: 0, max: 3 }),
    fromLog: fc.integer({ min: 0, max: 2 }),
  })
  .map(({ ruleSet, technique, diplomateAfter, awarded, fromLog }) => {
    const overrides: { -readonly [K in keyof ProfileOverrides]: ProfileOverrides[K] } = {
      ruleSet,
      creditsAwarded: awarded,
      creditsAwardedFromLog: fromLog,
    };
    if (technique !== null) {
      overrides.techniqueCertifiedOn = dayNumberToIsoDate(technique);
      if (diplomateAfter !== null && technique + diplomateAfter <= lastDay)
        overrides.diplomateCertifiedOn = dayNumberToIsoDate(technique + diplomateAfter);
    }
    return overrides;
  });

const logArb = fc.array(validRowArb, { maxLength: 40 });

const toRows = (cells: CellValue[][]): LogRow[] => cells.map((row, index) => ({ row: index + 2, cells: row }));

function assess(cells: CellValue[][], overrides: ProfileOverrides): Assessment {
  return checkLog({ rows: toRows(cells), profileCells: [], dateSystem: "1900" }, { asOf, overrides });
}

const ROW_OF: Record<Category, (hours: number) => CellValue[]> = {
  A: (hours) => [asOf, "treatment", "In person", "Dana Whitfield", "CST-D", hours, ""],
  B: (hours) => [asOf, "small-group", "Virtual", "", "", hours, ""],
  C: (hours) => [asOf, "one-on-one", "Virtual", "Marco Ibáñez", "Mentor", hours, ""],
};

/** Rows dated on the as-of date adding `milli` thousandths of an hour in a category (one row holds at most 1000 h). */
function hoursRows(category: Category, milli: number): CellValue[][] {
  const rows: CellValue[][] = [];
  for (let left = milli; left > 0; left -= 1_000_000) rows.push(ROW_OF[category](Math.min(left, 1_000_000) / 1000));
  return rows;
}

describe("properties of the rules core", () => {
  test("an hour never counts twice: the credits' hours fit in the logged hours, and each credit gets exactly its 24 h and its minimums", () => {
    fc.assert(
      fc.property(logArb, profileArb, (cells, overrides) => {
        const assessment = assess(cells, overrides);
        const used: Record<Category, number> = { A: 0, B: 0, C: 0 };
        let creditCount = 0;
        for (const group of assessment.allocation.groups) {
          creditCount += group.count;
          let groupTotal = 0;
          for (const category of CATEGORIES) {
            used[category] += group.used[category];
            groupTotal += group.used[category];
            expect(group.used[category]).toBeGreaterThanOrEqual((group.rule.minimums[category] ?? 0) * 1000 * group.count);
            if (!group.rule.accepts.includes(category)) expect(group.used[category]).toBe(0);
          }
          expect(groupTotal).toBe(group.rule.total * 1000 * group.count);
        }
        // The groups are every credit the rows meet (K), those awarded from this log (W) first; the rest are new.
        expect(creditCount).toBe(assessment.allocation.supported);
        const fromLog = Number(overrides.creditsAwardedFromLog ?? 0);
        expect(assessment.allocation.credits).toBe(Math.max(0, assessment.allocation.supported - fromLog));
        for (const category of CATEGORIES) expect(used[category]).toBeLessThanOrEqual(assessment.hours[category]);
      }),
      runs(300),
    );
  });

  test("hours used by a credit that needs a certification are dated on or after it", () => {
    fc.assert(
      fc.property(logArb, profileArb, (cells, overrides) => {
        const assessment = assess(cells, overrides);
        const rows = validateRows(toRows(cells), { asOf, dateSystem: "1900" });
        for (const group of assessment.allocation.groups) {
          if (group.windowStart === null) continue;
          const windowStart = group.windowStart;
          for (const category of CATEGORIES) {
            const inWindow = rows
              .filter((row) => row.category === category && row.date !== null && row.date >= windowStart)
              .reduce((sum, row) => sum + row.hours, 0);
            expect(group.used[category]).toBeLessThanOrEqual(inWindow);
          }
        }
      }),
      runs(300),
    );
  });

  test("adding a valid row never lowers the credits", () => {
    fc.assert(
      fc.property(logArb, validRowArb, profileArb, (cells, extra, overrides) => {
        expect(assess([...cells, extra], overrides).allocation.credits).toBeGreaterThanOrEqual(assess(cells, overrides).allocation.credits);
      }),
      runs(300),
    );
  });

  test("row order never changes the result", () => {
    fc.assert(
      fc.property(
        logArb.chain((cells) =>
          fc.tuple(fc.constant(cells), fc.shuffledSubarray(cells, { minLength: cells.length, maxLength: cells.length })),
        ),
        profileArb,
        ([cells, shuffled], overrides) => {
          const a = assess(cells, overrides);
          const b = assess(shuffled, overrides);
          expect(b.allocation.credits).toBe(a.allocation.credits);
          expect(b.allocation.next).toEqual(a.allocation.next);
          expect(b.hours).toEqual(a.hours);
        },
      ),
      runs(300),
    );
  });

  const anyCell: fc.Arbitrary<CellValue> = fc.oneof(
    fc.string(),
    fc.constantFrom("", " ", "2024-02-30", "2024-01-01", "03/04/2024", "treatment", "Virtual", "CST", "NaN", "1e400", "-0", "1000.001"),
    fc.double(),
    fc.integer({ min: -1e9, max: 1e9 }),
    fc.constantFrom(0, -1, 60, 1e308, -1e308, Number.MAX_SAFE_INTEGER, 45000.5),
    fc.boolean(),
    fc.constant(null),
    fc.constant(undefined),
    fc.string().map((isoDate) => ({ isoDate })),
    fc.constantFrom("#N/A", "#REF!", "#DIV/0!", "#VALUE!").map((excelError) => ({ excelError })),
    fc.string().map((formula) => ({ formula })),
  );

  test("arbitrary cell values never throw, and a row without errors is a real credited activity", () => {
    fc.assert(
      fc.property(
        fc.array(fc.array(anyCell, { minLength: 0, maxLength: 9 }), { maxLength: 20 }),
        fc.array(anyCell, { maxLength: 6 }),
        (cells, profile) => {
          const assessment = checkLog({ rows: toRows(cells), profileCells: profile, dateSystem: "1900" }, { asOf });
          for (const row of assessment.rows) {
            if (row.errors.length === 0) {
              expect(row.category).not.toBeNull();
              expect(row.date).not.toBeNull();
              expect(row.hours).toBeGreaterThan(0);
            } else {
              expect(row.hours).toBe(0);
              for (const error of row.errors) expect(error.message.length).toBeGreaterThan(10);
            }
          }
          expect(Number.isInteger(assessment.allocation.credits)).toBe(true);
        },
      ),
      runs(500),
    );
  });

  test("adding exactly next.missing (remainder in any accepted category) completes the next credit (credits rise by at least one); one hour less in total does not", () => {
    fc.assert(
      fc.property(logArb, profileArb, (cells, profileOverrides) => {
        const before = assess(cells, profileOverrides);
        // A log that no longer supports the credits awarded from it is an error (docs/rules.md §4), not a next credit to complete.
        fc.pre(before.allocation.supported >= Number(profileOverrides.creditsAwardedFromLog ?? 0));
        const { next } = before.allocation;
        const overrides = { ...profileOverrides };
        if (next.blockedBy === "technique-certification") overrides.techniqueCertifiedOn = asOf;
        if (next.blockedBy === "diplomate-certification") overrides.diplomateCertifiedOn = asOf;
        const rule = creditRule(before.profile.profile.ruleSet, next.credit);
        const required = CATEGORIES.flatMap((category) => hoursRows(category, next.missing[category]));
        const remainder = next.missing.total - CATEGORIES.reduce((sum, category) => sum + next.missing[category], 0);
        expect(remainder).toBeGreaterThanOrEqual(0);
        for (const category of rule.accepts) {
          const after = assess([...cells, ...required, ...hoursRows(category, remainder)], overrides);
          // docs/rules.md §3: later credits may have been waiting only for this one, so credits rise by at least one.
          expect(after.allocation.credits).toBeGreaterThanOrEqual(before.allocation.credits + 1);
        }
        if (next.missing.total >= 1000) {
          // Take the hour off the remainder first, then off the categories.
          let short = 1000;
          const fewer: Record<Category, number> = { A: next.missing.A, B: next.missing.B, C: next.missing.C };
          const spare = Math.max(0, remainder - short);
          short -= remainder - spare;
          for (const category of CATEGORIES) {
            const cut = Math.min(short, fewer[category]);
            fewer[category] -= cut;
            short -= cut;
          }
          for (const category of rule.accepts) {
            const rows = [...CATEGORIES.flatMap((c) => hoursRows(c, fewer[c])), ...hoursRows(category, spare)];
            expect(assess([...cells, ...rows], overrides).allocation.credits).toBe(before.allocation.credits);
          }
        }
      }),
      runs(300),
    );
  });
});

/** A decimal text's value rounded to hundredths half up, by integer arithmetic on its digits (never on a float). */
function hundredthsHalfUp(text: string): number {
  const [whole = "0", fraction = ""] = text.split(".");
  const padded = `${fraction}000`;
  const kept = BigInt(whole) * 100n + BigInt(padded.slice(0, 2));
  return Number(kept + (Number(padded[2]) >= 5 ? 1n : 0n));
}

describe("docs/rules.md §2: a quantity is rounded on its decimal value", () => {
  const decimalText = fc
    .tuple(fc.integer({ min: 0, max: 999 }), fc.integer({ min: 0, max: 6 }), fc.nat())
    .map(([whole, places, digits]) => (places === 0 ? String(whole) : `${whole}.${String(digits % 10 ** places).padStart(places, "0")}`))
    .filter((text) => Number(text) >= 0.01);

  test("for decimal text with up to 6 decimals, the credited hundredths are the decimal value rounded half up", () => {
    fc.assert(
      fc.property(decimalText, fc.boolean(), (text, asNumber) => {
        const cell: CellValue = asNumber ? Number(text) : text;
        const [row] = validateRows([{ row: 2, cells: ["2024-01-02", "small-group", "Virtual", "", "", cell, ""] }], {
          asOf,
          dateSystem: "1900",
        });
        const expected = hundredthsHalfUp(text);
        // Hours are thousandths: hundredths of an hour × 10 (small-group credits 1 h per hour).
        expect(row?.hours).toBe(expected * 10);
        const threeOrMore = /\.\d{2}\d*[1-9]/.test(text);
        expect(row?.warnings.some((warning) => warning.code === "rounded")).toBe(threeOrMore);
      }),
      runs(1000),
    );
  });
});

describe("regression cases found by property tests", () => {
  test("adding the missing B hours completes two credits at once: credit 1 was waiting only for B (current rules, CST-T 2014-05-01)", () => {
    const day = "2014-05-01";
    const rows: CellValue[][] = [
      [day, "one-on-one", "Virtual", "Marco Ibáñez", "Mentor", 12.5, ""],
      [day, "one-on-one", "Virtual", "Marco Ibáñez", "Mentor", 0.76, ""],
      [day, "one-on-one", "Virtual", "Marco Ibáñez", "Mentor", 6.99, ""],
      [day, "treatment", "In person", "Dana Whitfield", "CST-D", 9.53, ""],
      [day, "treatment", "In person", "Dana Whitfield", "CST-D", 10.34, ""],
      [day, "treatment", "In person", "Dana Whitfield", "CST-D", 1.88, ""],
    ];
    const overrides: ProfileOverrides = { ruleSet: "current", techniqueCertifiedOn: day };
    const before = assess(rows, overrides);
    expect(before.allocation.credits).toBe(0);
    expect(before.allocation.next).toMatchObject({ credit: 1, missing: { A: 0, B: 6000, C: 0, total: 6000 } });
    const after = assess([...rows, [asOf, "small-group", "Virtual", "", "", 6, ""]], overrides);
    expect(after.allocation.credits).toBe(2);
    const fiveAndAHalf = assess([...rows, [asOf, "small-group", "Virtual", "", "", 5.99, ""]], overrides);
    expect(fiveAndAHalf.allocation.credits).toBe(0);
  });
});
