import { checkLog, type CellValue, reportLog, type ProfileOverrides } from "../../src/core";
import { type Cells, logRows, oneOnOne, smallGroup, treatment } from "./helpers";

const asOf = "2024-12-31";

function credit(rows: Cells[], profile: readonly CellValue[] = [], overrides: ProfileOverrides = {}) {
  const assessment = checkLog({ rows: logRows(...rows), profileCells: profile, dateSystem: "1900" }, { asOf, overrides });
  const { next } = assessment.allocation;
  const hours = (milli: number) => milli / 1000;
  return {
    credits: assessment.allocation.credits,
    next: {
      credit: next.credit,
      missing: { A: hours(next.missing.A), B: hours(next.missing.B), C: hours(next.missing.C), total: hours(next.missing.total) },
      blockedBy: next.blockedBy,
    },
    profileErrors: assessment.profile.errors.map((e) => e.code),
  };
}

const firstCreditRows: Cells[] = [treatment("2020-01-10", 6), smallGroup("2020-01-11", 6), oneOnOne("2020-01-12", 12)];

describe("docs/rules.md §3: the first credit (current rules)", () => {
  test("A ≥ 6, B ≥ 6, C ≥ 6, total 24 earns one credit", () => {
    expect(credit(firstCreditRows).credits).toBe(1);
  });
  test("quantities are rounded on their decimal value: A 6, B 6, C 9.84 and C 2.155 make C 12.00 and earn 1 credit", () => {
    expect(
      credit([treatment("2020-01-10", 6), smallGroup("2020-01-11", 6), oneOnOne("2020-01-12", 9.84), oneOnOne("2020-01-13", 2.155)])
        .credits,
    ).toBe(1);
  });
  test("A 5.99 h is not enough, whatever the total", () => {
    expect(credit([treatment("2020-01-10", 5.99), smallGroup("2020-01-11", 10), oneOnOne("2020-01-12", 10)]).credits).toBe(0);
  });
  test("the minimums met but 23.99 h in all is not enough", () => {
    expect(credit([treatment("2020-01-10", 6), smallGroup("2020-01-11", 6), oneOnOne("2020-01-12", 11.99)]).credits).toBe(0);
  });
  test("an empty log needs A 6, B 6, C 6 and 24 in all for the first credit", () => {
    expect(credit([]).next).toEqual({ credit: 1, missing: { A: 6, B: 6, C: 6, total: 24 }, blockedBy: null });
  });
  test("next credit: the shortfall per category and in total", () => {
    // A 10, C 6: B still needs 6, and 2 more hours in any category.
    expect(credit([treatment("2020-01-10", 10), oneOnOne("2020-01-12", 6)]).next.missing).toEqual({ A: 0, B: 6, C: 0, total: 8 });
  });
});

describe("docs/rules.md §3: the second credit needs Technique Certification (CST-T)", () => {
  test("without CST-T: one credit, and the next is blocked by technique-certification (the docs/rules.md §7 example)", () => {
    expect(credit(firstCreditRows).next).toEqual({
      credit: 2,
      missing: { A: 12, B: 0, C: 12, total: 24 },
      blockedBy: "technique-certification",
    });
  });

  const certified = ["Nora Lindqvist", "", "2021-06-01"];
  const secondCreditRows: Cells[] = [...firstCreditRows, treatment("2021-06-01", 12), oneOnOne("2021-07-01", 12)];

  test("A ≥ 12 and C ≥ 12 dated on or after the CST-T date earn the second credit", () => {
    expect(credit(secondCreditRows, certified).credits).toBe(2);
  });
  test("hours the day before the CST-T date do not count toward the second credit", () => {
    expect(credit([...firstCreditRows, treatment("2021-05-31", 12), oneOnOne("2021-07-01", 12)], certified).credits).toBe(1);
  });
  test("B hours cannot count toward the second credit", () => {
    const rows: Cells[] = [...firstCreditRows, treatment("2021-06-01", 12), oneOnOne("2021-07-01", 6), smallGroup("2021-07-01", 20)];
    const result = credit(rows, certified);
    expect(result.credits).toBe(1);
    expect(result.next).toEqual({ credit: 2, missing: { A: 0, B: 0, C: 6, total: 6 }, blockedBy: null });
  });
  test("the CST-T date from the --cst-t override", () => {
    expect(credit(secondCreditRows, [], { techniqueCertifiedOn: "2021-06-01" }).credits).toBe(2);
  });
});

describe("docs/rules.md §3: the third and later credits need Diplomate Certification (CST-D)", () => {
  const rows: Cells[] = [
    ...firstCreditRows,
    treatment("2021-06-01", 12),
    oneOnOne("2021-07-01", 12),
    treatment("2022-03-01", 12),
    oneOnOne("2022-03-02", 12),
  ];
  test("without CST-D: two credits, the third blocked by diplomate-certification", () => {
    const result = credit(rows, ["", "", "2021-06-01"]);
    expect(result.credits).toBe(2);
    expect(result.next.blockedBy).toBe("diplomate-certification");
    expect(result.next.credit).toBe(3);
  });
  test("with CST-D on 2022-03-01: three credits; hours before it count only toward the second", () => {
    expect(credit(rows, ["", "", "2021-06-01", "2022-03-01"]).credits).toBe(3);
    expect(credit(rows, ["", "", "2021-06-01", "2022-03-02"]).credits).toBe(2);
  });
  test("4th and later credits follow the 3rd (interpretation)", () => {
    const more: Cells[] = [...rows, treatment("2023-01-01", 12), oneOnOne("2023-01-02", 12)];
    const result = credit(more, ["", "", "2021-06-01", "2022-01-01"]);
    expect(result.credits).toBe(4);
    expect(result.next).toEqual({ credit: 5, missing: { A: 12, B: 0, C: 12, total: 24 }, blockedBy: null });
  });
});

describe("docs/rules.md §3: credits already awarded", () => {
  test("with 1 credit awarded, the log's hours count toward the 2nd credit onward", () => {
    const rows: Cells[] = [treatment("2021-06-01", 12), oneOnOne("2021-07-01", 12)];
    expect(credit(rows, ["", "", "2021-01-01", "", 1]).credits).toBe(1);
    expect(credit(rows, ["", "", "", "", 1]).next).toEqual({
      credit: 2,
      missing: { A: 12, B: 0, C: 12, total: 24 },
      blockedBy: "technique-certification",
    });
    // The same hours would not earn a first credit (no B hours).
    expect(credit(rows, ["", "", "2021-01-01", "", 0]).credits).toBe(0);
  });
  test("with 2 awarded, the next is the 3rd", () => {
    expect(credit([], ["", "", "2021-01-01", "2022-01-01", 2]).next.credit).toBe(3);
  });
});

describe("docs/rules.md §3: rule set 2014 (every credit A ≥ 6, B ≥ 6, C ≥ 6, total 24, no certification)", () => {
  const rows: Cells[] = [treatment("2015-01-10", 12), smallGroup("2015-01-11", 12), oneOnOne("2015-01-12", 24)];
  test("48 hours with 12 A and 12 B earn two credits", () => {
    expect(credit(rows, [], { ruleSet: "2014" }).credits).toBe(2);
    expect(credit(rows, ["", "", "", "", "", "2014"]).credits).toBe(2);
  });
  test("the same hours under the current rules earn one credit (no CST-T)", () => {
    expect(credit(rows).credits).toBe(1);
  });
  test("the third credit needs A 6 and B 6 again; the spare C hours already cover its C 6", () => {
    expect(credit(rows, [], { ruleSet: "2014" }).next).toEqual({ credit: 3, missing: { A: 6, B: 6, C: 0, total: 24 }, blockedBy: null });
  });
});

describe("docs/rules.md §3: the allocation is exact, not a chronological fill (the greedy trap)", () => {
  test("early A hours spent on the first credit would leave the second short", () => {
    // Chronologically the first credit would take A 12, B 6, C 6, leaving A 6 for the second.
    const rows: Cells[] = [
      treatment("2021-06-01", 12),
      treatment("2021-06-02", 6),
      smallGroup("2021-06-03", 6),
      oneOnOne("2021-06-04", 24),
    ];
    expect(credit(rows, ["", "", "2021-06-01"]).credits).toBe(2);
  });
  test("hours before the certification go to the first credit, later ones to the second", () => {
    const rows: Cells[] = [
      oneOnOne("2021-07-01", 12),
      treatment("2021-07-02", 12),
      treatment("2019-01-01", 6),
      smallGroup("2019-01-02", 6),
      oneOnOne("2019-01-03", 12),
    ];
    expect(credit(rows, ["", "", "2021-06-01"]).credits).toBe(2);
    expect(credit(rows.slice(0, 4), ["", "", "2021-06-01"]).credits).toBe(1);
  });
  test("a row's hours may be split between credits", () => {
    const rows: Cells[] = [treatment("2021-06-01", 18), smallGroup("2021-06-03", 6), oneOnOne("2021-06-04", 24)];
    expect(credit(rows, ["", "", "2021-06-01"]).credits).toBe(2);
  });
  test("an hour never counts twice: 47.99 hours never make two credits", () => {
    const rows: Cells[] = [treatment("2021-06-01", 18), smallGroup("2021-06-03", 6), oneOnOne("2021-06-04", 23.99)];
    expect(credit(rows, ["", "", "2021-06-01"]).credits).toBe(1);
  });
});

describe("docs/rules.md §3: profile", () => {
  test("bad-email", () => expect(credit([], ["N", "not-an-email"]).profileErrors).toEqual(["bad-email"]));
  test("bad-certification-date: not a date, in the future, or CST-D before CST-T", () => {
    expect(credit([], ["", "", "03/04/2020"]).profileErrors).toEqual(["bad-certification-date"]);
    expect(credit([], ["", "", "2025-01-01"]).profileErrors).toEqual(["bad-certification-date"]);
    expect(credit([], ["", "", "2021-01-01", "2020-01-01"]).profileErrors).toEqual(["bad-certification-date"]);
    expect(credit([], ["", "", "2021-01-01", "2021-01-01"]).profileErrors).toEqual([]);
  });
  test("bad-awarded: a whole number ≥ 0", () => {
    for (const awarded of [-1, 1.5, "x", true]) expect(credit([], ["", "", "", "", awarded]).profileErrors).toEqual(["bad-awarded"]);
    expect(credit([], ["", "", "", "", "2"]).profileErrors).toEqual([]);
  });
  test("unknown-rule-set", () => expect(credit([], ["", "", "", "", "", "2019"]).profileErrors).toEqual(["unknown-rule-set"]));
  test("missing-name, for export only", async () => {
    const input = { rows: logRows(...firstCreditRows), profileCells: [], dateSystem: "1900" as const };
    expect(checkLog(input, { asOf }).profile.errors).toEqual([]);
    expect(checkLog(input, { asOf, forExport: true }).profile.errors.map((e) => e.code)).toEqual(["missing-name"]);
    const { report } = await reportLog(input, { asOf, forExport: true });
    expect(report.valid).toBe(false);
    expect(report.profile.errors[0]!.code).toBe("missing-name");
  });
  test("profile dates as Excel serials in the workbook's date system", () => {
    const rows: Cells[] = [...firstCreditRows, treatment("2021-06-01", 12), oneOnOne("2021-07-01", 12)];
    const serial1904 = 44348 - 1462; // 2021-06-01
    const assessment = checkLog({ rows: logRows(...rows), profileCells: ["", "", serial1904], dateSystem: "1904" }, { asOf });
    expect(assessment.profile.profile.techniqueCertifiedOn).toBe("2021-06-01");
  });
});

describe("docs/rules.md §7: the report", () => {
  test("the JSON of the spec's example", async () => {
    const { report } = await reportLog({ rows: logRows(...firstCreditRows), profileCells: [], dateSystem: "1900" }, { asOf });
    expect(report).toMatchObject({
      ruleSet: "current",
      credits: 1,
      hours: { A: 6, B: 6, C: 12 },
      valid: true,
      rows: [
        { row: 2, category: "A", hours: 6, errors: [], warnings: [] },
        { row: 3, category: "B", hours: 6, errors: [], warnings: [] },
        { row: 4, category: "C", hours: 12, errors: [], warnings: [] },
      ],
      next: { credit: 2, missing: { A: 12, B: 0, C: 12, total: 24 }, blockedBy: "technique-certification" },
      submission: null,
    });
    expect(report.fingerprint).toMatch(/^[0-9a-f]{64}$/);
  });
  test("hours are rounded to 2 decimals; hours of rows with errors are left out", async () => {
    const rows: Cells[] = [
      ["2020-01-01", "precepting", "in person", "", "", 0.33, ""],
      ["2020-01-02", "treatment", "virtual", "X", "CST-T", 3, ""],
    ];
    const { report } = await reportLog({ rows: logRows(...rows), profileCells: [], dateSystem: "1900" }, { asOf });
    expect(report.hours).toEqual({ A: 0, B: 0.5, C: 0 });
    expect(report.rows.map((r) => r.hours)).toEqual([0.5, 0]);
    expect(report.valid).toBe(false);
  });
});
