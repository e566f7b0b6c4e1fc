/**
 * docs/rules.md §3's next credit: the hours still missing are the smallest that complete it. The allocation finds
 * them from two maximum flows per category (the minimum-cut argument in allocation.ts); a bisection over
 * thousandths of an hour, one maximum flow per step, is the definition. Both must agree on every log.
 */
import fc from "fast-check";
import { runs } from "../support/properties";
import { allocateCredits, HoursLedger, type Category, readProfile, isoDateToDayNumber, dayNumberToIsoDate } from "../../src/core";

const asOf = "2024-12-31";
const firstDay = isoDateToDayNumber("2013-05-01");
const lastDay = isoDateToDayNumber(asOf);

const entryArb = fc.record({
  category: fc.constantFrom<Category>("A", "B", "C"),
  day: fc.integer({ min: firstDay, max: lastDay }),
  // Thousandths of an hour, as rows credit them (1.5 h per day × 0.01 day is 15 thousandths).
  hours: fc.oneof(
    fc.integer({ min: 1, max: 40_000 }),
    fc.integer({ min: 1, max: 400 }).map((n) => n * 15),
  ),
});

const profileArb = fc
  .record({
    ruleSet: fc.constantFrom("current", "2014"),
    technique: fc.option(fc.integer({ min: firstDay, max: lastDay }), { nil: null }),
    diplomateAfter: fc.option(fc.integer({ min: 0, max: 4000 }), { nil: null }),
    awarded: fc.integer({ min: 0, max: 4 }),
  })
  .map(({ ruleSet, technique, diplomateAfter, awarded }) => {
    const techniqueOn = technique === null ? "" : dayNumberToIsoDate(technique);
    const diplomate = technique !== null && diplomateAfter !== null ? technique + diplomateAfter : null;
    const diplomateOn = diplomate !== null && diplomate <= lastDay ? dayNumberToIsoDate(diplomate) : "";
    return readProfile(["", "", techniqueOn, diplomateOn, awarded, ruleSet], { asOf, dateSystem: "1900" }).profile;
  });

test("the next credit's missing hours from two maximum flows are those a bisection finds, in every category and in total", () => {
  fc.assert(
    fc.property(fc.array(entryArb, { maxLength: 30 }), profileArb, (entries, profile) => {
      const ledger = new HoursLedger();
      for (const { category, day, hours } of entries) ledger.add(category, day, hours);
      const fast = allocateCredits(ledger, profile, { asOf });
      const bisected = allocateCredits(ledger, profile, { asOf, bisect: true });
      expect(fast).toEqual(bisected);
    }),
    runs(400),
  );
});
