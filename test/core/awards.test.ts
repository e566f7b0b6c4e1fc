/**
 * docs/rules.md §4: credits over the years. One log for the whole path: P credits
 * awarded before this log, W awarded from earlier submissions of it; the
 * log's rows meet K of credits P+1, P+2, …; it newly earns max(0, K − W),
 * numbered from P+W+1. An hour counts toward at most one credit over the
 * mentee's whole path.
 */
import fc from "fast-check";
import {
  type CellValue,
  type ProfileOverrides,
  canonicalInputOf,
  checkLog,
  creditBreakdown,
  fingerprint,
  prepareSubmission,
  readSubmissionSheet,
  reportLog,
  verifyLog,
} from "../../src/core";
import { dayNumberToIsoDate, isoDateToDayNumber } from "../../src/core/dates";
import { runs } from "../support/properties";
import { type Cells, logRows, oneOnOne, smallGroup, treatment } from "./helpers";

const asOf = "2024-12-31";
const assess = (rows: Cells[], overrides: ProfileOverrides) =>
  checkLog({ rows: logRows(...rows), profileCells: [], dateSystem: "1900" }, { asOf, overrides });

/** 30 hours that meet the 1st credit: A 6, B 6, C 18. */
const firstCreditRows: Cells[] = [treatment("2020-01-10", 6), smallGroup("2020-01-11", 6), oneOnOne("2020-01-12", 18)];
/** A 12 and C 12 after the CST-T date: the 2nd credit. */
const secondCreditRows: Cells[] = [treatment("2022-03-01", 12), oneOnOne("2022-04-01", 12)];
const certified: ProfileOverrides = { techniqueCertifiedOn: "2022-01-01" };

describe("docs/rules.md §4: one log for the whole path", () => {
  test("the 1st credit earned and awarded from this log (W = 1): the same log earns nothing more, and the next is the 2nd", () => {
    const before = assess(firstCreditRows, {});
    expect(before.allocation).toMatchObject({ credits: 1, supported: 1, firstNewCredit: 1 });
    const after = assess(firstCreditRows, { creditsAwardedFromLog: 1 });
    expect(after.allocation).toMatchObject({ credits: 0, supported: 1, firstNewCredit: 2 });
    expect(after.allocation.next.credit).toBe(2);
    expect(after.valid).toBe(true);
  });

  test("the same hours with the award put in P instead (the mistake docs/rules.md §4 measured) earn the 2nd credit from the 1st's hours: W is the field for this log", () => {
    // Under the 2014 rules every credit is alike, so 30 h meet 1 credit under either numbering: P moves the numbers, not the hours.
    expect(assess(firstCreditRows, { ruleSet: "2014", creditsAwarded: 1 }).allocation.credits).toBe(1);
    expect(assess(firstCreditRows, { ruleSet: "2014", creditsAwardedFromLog: 1 }).allocation.credits).toBe(0);
  });

  test("more hours after CST-T earn exactly the 2nd credit, numbered 2, with the 1st kept", async () => {
    const rows = [...firstCreditRows, ...secondCreditRows];
    const assessment = assess(rows, { ...certified, creditsAwardedFromLog: 1 });
    expect(assessment.allocation).toMatchObject({ credits: 1, supported: 2, firstNewCredit: 2 });
    expect(assessment.allocation.next.credit).toBe(3);
    const { report } = await reportLog(
      { rows: logRows(...rows), profileCells: [], dateSystem: "1900" },
      { asOf, overrides: { ...certified, creditsAwardedFromLog: 1 } },
    );
    expect(report).toMatchObject({ credits: 1, awarded: { before: 0, fromLog: 1 }, firstNewCredit: 2 });
  });

  test("the breakdown shows the awarded credit as awarded and the new one as new", () => {
    const rows = [...firstCreditRows, ...secondCreditRows];
    const assessment = assess(rows, { ...certified, creditsAwardedFromLog: 1 });
    const breakdown = creditBreakdown(assessment.ledger, assessment.profile.profile, assessment.allocation, asOf);
    expect(breakdown.earned.map(({ credit, awarded }) => ({ credit, awarded }))).toEqual([
      { credit: 1, awarded: true },
      { credit: 2, awarded: false },
    ]);
    expect(breakdown.next.credit).toBe(3);
  });

  test("W larger than the log supports is awards-unsupported, naming how many it still supports", () => {
    const assessment = assess(firstCreditRows, { creditsAwardedFromLog: 2 });
    expect(assessment.valid).toBe(false);
    const error = assessment.profile.errors.find((each) => each.code === "awards-unsupported");
    expect(error?.field).toBe("creditsAwardedFromLog");
    expect(error?.message).toMatch(/support only 1 of them/);
    expect(assessment.allocation.credits).toBe(0);
    // The next credit is the one after every credit awarded: the 3rd.
    expect(assessment.allocation.next.credit).toBe(3);
    expect(assess(firstCreditRows.slice(1), { creditsAwardedFromLog: 1 }).profile.errors[0]?.message).toMatch(/support none of them/);
  });

  test("P credits awarded before this log: this log's hours count from credit P+1 (the 2nd needs CST-T)", () => {
    const assessment = assess(firstCreditRows, { creditsAwarded: 1 });
    expect(assessment.allocation).toMatchObject({ credits: 0, supported: 0, firstNewCredit: 2 });
    expect(assessment.allocation.next).toMatchObject({ credit: 2, blockedBy: "technique-certification" });
    expect(assess([...firstCreditRows, ...secondCreditRows], { ...certified, creditsAwarded: 1 }).allocation).toMatchObject({
      credits: 1,
      firstNewCredit: 2,
    });
  });

  test("W must be a whole number from 0, as P must", () => {
    for (const bad of [-1, 1.5, "two", true] as CellValue[]) {
      const assessment = assess(firstCreditRows, { creditsAwardedFromLog: bad });
      expect(assessment.profile.errors.map((each) => [each.code, each.field])).toEqual([["bad-awarded", "creditsAwardedFromLog"]]);
      expect(assessment.profile.errors[0]?.message).toMatch(/^Credits awarded from this log /);
    }
  });
});

const firstDay = isoDateToDayNumber("2014-05-01");
const lastDay = isoDateToDayNumber(asOf);
const dateArb = fc.integer({ min: firstDay, max: lastDay }).map(dayNumberToIsoDate);
const rowArb: fc.Arbitrary<Cells> = fc.oneof(
  fc.record({ date: dateArb, h: fc.integer({ min: 50, max: 1600 }) }).map(({ date, h }) => treatment(date, h / 100)),
  fc.record({ date: dateArb, h: fc.integer({ min: 50, max: 1600 }) }).map(({ date, h }) => oneOnOne(date, h / 100)),
  fc.record({ date: dateArb, h: fc.integer({ min: 50, max: 800 }) }).map(({ date, h }) => smallGroup(date, h / 100)),
);
const pathProfileArb = fc.record({
  ruleSet: fc.constantFrom("current" as const, "2014" as const),
  techniqueCertifiedOn: fc.option(dateArb, { nil: undefined }),
  creditsAwarded: fc.integer({ min: 0, max: 2 }),
});

describe("docs/rules.md §4 properties: an hour counts once over the whole path", () => {
  test("for any log and any P, W: the credits awarded from it plus those newly earned never exceed what it supports", () => {
    fc.assert(
      fc.property(fc.array(rowArb, { maxLength: 40 }), pathProfileArb, fc.integer({ min: 0, max: 4 }), (rows, profile, fromLog) => {
        const whole = assess(rows, profile).allocation.supported;
        const assessment = assess(rows, { ...profile, creditsAwardedFromLog: fromLog });
        const { credits, supported } = assessment.allocation;
        expect(supported).toBe(whole);
        if (fromLog <= supported) expect(fromLog + credits).toBe(supported);
        else {
          expect(credits).toBe(0);
          expect(assessment.profile.errors.map((each) => each.code)).toContain("awards-unsupported");
        }
      }),
      runs(150),
    );
  });

  test("credits earned step by step (each award recorded in W, more rows logged) sum to what the whole log earns at once", () => {
    fc.assert(
      fc.property(fc.array(fc.array(rowArb, { maxLength: 15 }), { minLength: 1, maxLength: 4 }), pathProfileArb, (steps, profile) => {
        let rows: Cells[] = [];
        let awardedFromLog = 0;
        for (const step of steps) {
          rows = [...rows, ...step];
          const { credits } = assess(rows, { ...profile, creditsAwardedFromLog: awardedFromLog }).allocation;
          awardedFromLog += credits;
        }
        expect(awardedFromLog).toBe(assess(rows, profile).allocation.credits);
      }),
      runs(100),
    );
  });

  test("recording an award and verifying again never raises the credits awarded plus newly earned", () => {
    fc.assert(
      fc.property(fc.array(rowArb, { maxLength: 40 }), pathProfileArb, fc.integer({ min: 0, max: 3 }), (rows, profile, fromLog) => {
        const before = assess(rows, { ...profile, creditsAwardedFromLog: fromLog }).allocation;
        const recorded = fromLog + before.credits;
        const after = assess(rows, { ...profile, creditsAwardedFromLog: recorded }).allocation;
        expect(recorded + after.credits).toBeLessThanOrEqual(fromLog + before.credits);
        expect(after.credits).toBe(0);
      }),
      runs(150),
    );
  });
});

describe("docs/rules.md §4: submissions exported under canonical form version 1 still verify", () => {
  /** A submission as exports before W made it: six profile cells, the old label, the version 1 fingerprint and digests. */
  async function versionOneSubmission() {
    const log = {
      rows: logRows(...firstCreditRows),
      profileCells: ["Ann Mentee", "ann@example.org", "", "", 0, "current"],
      dateSystem: "1900" as const,
    };
    const prepared = await prepareSubmission(log, { asOf, exportedAt: "2025-01-15T10:00:00.000Z" });
    if (!prepared.ok) throw new Error("the log should export");
    const v1 = await fingerprint({ ...canonicalInputOf(prepared.submission.log, "current"), version: 1 });
    const lines = prepared.submission.sheet.lines
      // Exports before W had no digest of it, and named P by its old label.
      .filter((line) => line.label !== "Profile field: Credits awarded from this log")
      .map((line) => {
        if (line.label === "Fingerprint (SHA-256)") return [line.label, v1];
        if (line.label === "Canonical form") return [line.label, "cst-mentorship-log/1"];
        if (line.label === "Profile field: Credits awarded before this log") return ["Profile field: Credits already awarded", line.value];
        return [line.label, line.value];
      });
    expect(prepared.submission.sheet.lines.some((line) => line.value === "cst-mentorship-log/2")).toBe(true);
    return {
      log: { ...prepared.submission.log, profileCells: prepared.submission.log.profileCells.slice(0, 6) },
      stored: readSubmissionSheet(lines),
    };
  }

  test("unchanged: the version 1 fingerprint is recomputed, and the summary matches", async () => {
    const { log, stored } = await versionOneSubmission();
    const { report } = await verifyLog(log, { submission: stored });
    expect(report).toMatchObject({ submission: "unchanged", summaryMismatches: [], edits: [] });
  });

  test("edited: a changed row is found by the version 1 digests, and no profile field is reported changed", async () => {
    const { log, stored } = await versionOneSubmission();
    const rows = log.rows.map((row, index) => (index === 1 ? { ...row, cells: [...row.cells.slice(0, 5), 7, ""] } : row));
    const { report } = await verifyLog({ ...log, rows }, { submission: stored });
    expect(report.submission).toBe("edited");
    expect(report.edits).toEqual([{ row: 3, change: "changed" }]);
  });
});
