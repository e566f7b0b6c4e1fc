import { type CellValue, isEmptyRow, validateRow, validateRows, milliToHours, type RowOptions } from "../../src/core";
import { type Cells, logRows, treatment } from "./helpers";

const options: RowOptions = { asOf: "2024-06-30", dateSystem: "1900" };

function check(cells: Cells, opts: RowOptions = options) {
  const [row] = logRows(cells);
  const result = validateRow(row!.cells, row!.row, opts);
  return {
    errors: result.errors.map((e) => e.code),
    warnings: result.warnings.map((w) => w.code),
    hours: milliToHours(result.hours),
    messages: [...result.errors, ...result.warnings].map((f) => f.message),
  };
}

const withDate = (date: CellValue): Cells => [date, "one-on-one", "virtual", "Marco Ibáñez", "Mentor", 2, ""];

describe("docs/rules.md §2: errors", () => {
  test("missing-date: no date", () => {
    expect(check(withDate("")).errors).toEqual(["missing-date"]);
    expect(check(withDate(null)).errors).toEqual(["missing-date"]);
    expect(check(withDate("   ")).errors).toEqual(["missing-date"]);
  });

  test("bad-date: not a real calendar date", () => {
    expect(check(withDate("2023-02-29")).errors).toEqual(["bad-date"]);
    expect(check(withDate("2024-13-01")).errors).toEqual(["bad-date"]);
    expect(check(withDate("2024-04-31")).errors).toEqual(["bad-date"]);
    expect(check(withDate(60)).errors).toEqual(["bad-date"]); // Excel's fictitious 1900-02-29
    expect(check(withDate(0)).errors).toEqual(["bad-date"]);
    expect(check(withDate(-5)).errors).toEqual(["bad-date"]);
    expect(check(withDate(1e12)).errors).toEqual(["bad-date"]);
    expect(check(withDate(true)).errors).toEqual(["bad-date"]);
    expect(check(withDate("soon")).errors).toEqual(["bad-date"]);
    expect(check(withDate("2024-02-29")).errors).toEqual([]);
  });

  test("ambiguous-date: a text date other than ISO YYYY-MM-DD asks for a real Excel date or ISO text", () => {
    for (const text of ["03/04/2024", "3.4.2024", "March 4, 2024", "2024/03/04", "45000"]) {
      const result = check(withDate(text));
      expect(result.errors).toEqual(["ambiguous-date"]);
      expect(result.messages[0]).toMatch(/Excel date or ISO text YYYY-MM-DD/);
    }
  });

  test("future-date: after the as-of date; the as-of date itself is fine", () => {
    expect(check(withDate("2024-07-01")).errors).toEqual(["future-date"]);
    expect(check(withDate("2024-06-30")).errors).toEqual([]);
  });

  test.each([
    ["A", treatment("2013-12-31", 2), treatment("2014-01-01", 2)],
    [
      "B",
      ["2013-04-30", "small-group", "virtual", "", "", 2, ""] as Cells,
      ["2013-05-01", "small-group", "virtual", "", "", 2, ""] as Cells,
    ],
    ["C", withDate("2014-04-30"), withDate("2014-05-01")],
  ])("before-eligibility: category %s, the day before and the first day", (_category, before, first) => {
    expect(check(before).errors).toEqual(["before-eligibility"]);
    expect(check(first).errors).toEqual([]);
  });

  test("unknown-activity", () => {
    expect(check(["2024-01-02", "reiki", "virtual", "X", "", 1, ""]).errors).toEqual(["unknown-activity"]);
  });

  test("virtual-not-allowed: Category A (treatment) is in person only", () => {
    expect(check(["2024-01-02", "treatment", "Virtual", "Dana Whitfield", "CST-T", 1, ""]).errors).toEqual(["virtual-not-allowed"]);
    expect(check(["2024-01-02", "treatment", "in-person", "Dana Whitfield", "CST-T", 1, ""]).errors).toEqual([]);
  });

  test("missing-format; In person, In-person, Virtual in any case are accepted", () => {
    expect(check(["2024-01-02", "small-group", "", "", "", 1, ""]).errors).toEqual(["missing-format"]);
    expect(check(["2024-01-02", "small-group", "phone", "", "", 1, ""]).errors).toEqual(["missing-format"]);
    for (const format of ["In person", "In-person", "in-person", "IN PERSON", "Virtual", "VIRTUAL", " virtual "]) {
      expect(check(["2024-01-02", "small-group", format, "", "", 1, ""]).errors).toEqual([]);
    }
  });

  test("bad-quantity: sessions and recordings count whole; days may be fractional", () => {
    const result = check(["2024-01-02", "study-group", "virtual", "", "", 1.5, ""]);
    expect(result.errors).toEqual(["bad-quantity"]);
    expect(result.messages[0]).toMatch(/sessions count whole/);
    expect(check(["2024-01-02", "empower-recording", "virtual", "", "", "0.5", ""]).errors).toEqual(["bad-quantity"]);
    expect(check(["2024-01-02", "study-group", "virtual", "", "", 2, ""])).toMatchObject({ errors: [], hours: 2 });
    expect(check(["2024-01-02", "precepting", "in person", "", "", 1.5, ""])).toMatchObject({ errors: [], hours: 2.25 });
  });

  test("sessions and recordings are judged whole on the quantity rounded to 0.01: 1.995 is 2 (rounded), 1.99 is not whole", () => {
    for (const activity of ["study-group", "empower-recording"]) {
      for (const quantity of [1.995, "1.995", 2.004, "2.004"]) {
        expect(check(["2024-01-02", activity, "virtual", "", "", quantity, ""])).toMatchObject({
          errors: [],
          warnings: ["rounded"],
          hours: 2,
        });
      }
      for (const quantity of [5.9999999, "5.9999999"]) {
        expect(check(["2024-01-02", activity, "virtual", "", "", quantity, ""])).toMatchObject({
          errors: [],
          warnings: ["rounded"],
          hours: 6,
        });
      }
      for (const quantity of [1.99, "1.99", 1.985, 2.005, "2.01"]) {
        const result = check(["2024-01-02", activity, "virtual", "", "", quantity, ""]);
        expect([quantity, result.errors, result.hours]).toEqual([quantity, ["bad-quantity"], 0]);
        expect(result.messages[0]).toMatch(/count whole/);
      }
    }
  });

  test("cell-error: a cell holding an Excel error or a formula without its result makes the row an error, naming the cell", () => {
    const withError = check(["2024-01-02", "small-group", "virtual", "", "", { excelError: "#DIV/0!" }, ""]);
    expect(withError).toMatchObject({ errors: ["cell-error"], hours: 0 });
    expect(withError.messages[0]).toMatch(/^Quantity holds Excel's error #DIV\/0!/);
    const dateError = check([{ excelError: "#N/A" }, "small-group", "virtual", "", "", 1, ""]);
    expect(dateError.errors).toEqual(["cell-error"]);
    const uncomputed = check(["2024-01-02", "small-group", "virtual", "", "", { formula: "B2*2" }, ""]);
    expect(uncomputed.errors).toEqual(["cell-error"]);
    expect(uncomputed.messages[0]).toMatch(/^Quantity is a formula saved without its result/);
  });

  test("cell-error in Notes, which no rule reads, is a warning naming the cell: the row still counts", () => {
    const withError = check(["2024-01-02", "small-group", "virtual", "", "", 1, { excelError: "#REF!" }]);
    expect(withError).toMatchObject({ errors: [], warnings: ["cell-error"], hours: 1 });
    expect(withError.messages[0]).toMatch(/^Notes holds Excel's error #REF!/);
    const uncomputed = check(["2024-01-02", "small-group", "virtual", "", "", 2, { formula: "see email" }]);
    expect(uncomputed).toMatchObject({ errors: [], warnings: ["cell-error"], hours: 2 });
    expect(uncomputed.messages[0]).toMatch(/^Notes is a formula saved without its result/);
    // With an error elsewhere, the row's hours are 0 for that error alone.
    const both = check([{ excelError: "#N/A" }, "small-group", "virtual", "", "", 1, { excelError: "#N/A" }]);
    expect(both).toMatchObject({ errors: ["cell-error"], warnings: ["cell-error"], hours: 0 });
  });

  test("bad-quantity: not a number, zero, negative, or over 1000", () => {
    for (const quantity of ["two", "", 0, -1, 1000.01, 5000, true, "1,5", Number.NaN, Number.POSITIVE_INFINITY, 0.001]) {
      expect(check(["2024-01-02", "small-group", "virtual", "", "", quantity as CellValue, ""]).errors).toEqual(["bad-quantity"]);
    }
    expect(check(["2024-01-02", "small-group", "virtual", "", "", 1000, ""]).errors).toEqual([]);
    expect(check(["2024-01-02", "small-group", "virtual", "", "", "2.5", ""]).hours).toBe(2.5);
  });

  test("missing-provider: Category A or C row without a provider name", () => {
    expect(check(["2024-01-02", "treatment", "in person", "", "CST-T", 1, ""]).errors).toEqual(["missing-provider"]);
    expect(check(["2024-01-02", "one-on-one", "virtual", "  ", "Mentor", 1, ""]).errors).toEqual(["missing-provider"]);
    expect(check(["2024-01-02", "small-group", "virtual", "", "", 1, ""]).errors).toEqual([]);
  });

  test("bad-credential: Category A provider other than CST-T or CST-D; CST counts as CST-T", () => {
    for (const credential of ["Mentor", "LMT", "", "CST-X"]) {
      expect(check(treatment("2024-01-02", 1, credential)).errors).toEqual(["bad-credential"]);
    }
    for (const credential of ["CST-T", "CST-D", "CST", "cst", "cst-d", "CST D", "CST-T "]) {
      expect(check(treatment("2024-01-02", 1, credential)).errors).toEqual([]);
    }
    expect(check(["2024-01-02", "one-on-one", "virtual", "Marco Ibáñez", "Mentor", 1, ""]).errors).toEqual([]);
  });

  test("bad-credential: 1x1 mentorship counts only with a certified CST mentor (Mentor, Certified mentor, CST mentor, any case and spacing)", () => {
    const oneOnOne = (credential: CellValue): Cells => ["2024-01-02", "one-on-one", "virtual", "Marco Ibáñez", credential, 1, ""];
    for (const credential of ["PT", "", "CST-D", "CST-T", null, "Mentor-in-training"]) {
      const result = check(oneOnOne(credential));
      expect(result.errors).toEqual(["bad-credential"]);
      expect(result.messages[0]).toMatch(/certified CST mentor/);
      expect(result.hours).toBe(0);
    }
    for (const credential of ["Mentor", "certified mentor", " CST  Mentor ", "MENTOR", "Certified CST mentor", "cst-mentor"]) {
      expect(check(oneOnOne(credential))).toMatchObject({ errors: [], hours: 1 });
    }
  });

  test("a row with any error credits 0 hours, and each error says what to fix", () => {
    const result = check(["2013-01-01", "treatment", "virtual", "", "LMT", 5, ""]);
    expect(result.errors).toEqual(["before-eligibility", "virtual-not-allowed", "missing-provider", "bad-credential"]);
    expect(result.hours).toBe(0);
    for (const message of result.messages) expect(message).toMatch(/:/);
  });
});

describe("docs/rules.md §2: warnings (the row still counts)", () => {
  test("capped: clinical applications over 6 h", () => {
    expect(check(["2024-01-02", "clinical-applications", "in person", "", "", 7, ""])).toMatchObject({
      warnings: ["capped"],
      hours: 6,
      errors: [],
    });
  });

  test("possible-duplicate: same date, activity and provider as an earlier row", () => {
    const results = validateRows(
      logRows(treatment("2024-01-02", 1), treatment("2024-01-03", 1), [
        "2024-01-02",
        "Treatment",
        "in person",
        "dana whitfield ",
        "CST-T",
        2,
        "",
      ]),
      options,
    );
    expect(results.map((r) => r.warnings.map((w) => w.code))).toEqual([[], [], ["possible-duplicate"]]);
    expect(results[2]!.warnings[0]!.message).toContain("row 2");
    expect(milliToHours(results[2]!.hours)).toBe(2);
  });

  test("rounded: a quantity is rounded on its decimal value, half away from zero: 1.005 is 1.01, 2.155 is 2.16, 0.145 is 0.15", () => {
    const hoursOf = (quantity: CellValue) => check(["2024-01-02", "small-group", "virtual", "", "", quantity, ""]);
    expect(hoursOf(1.005)).toMatchObject({ hours: 1.01, warnings: ["rounded"] });
    expect(hoursOf(2.155)).toMatchObject({ hours: 2.16, warnings: ["rounded"] });
    expect(hoursOf(0.145)).toMatchObject({ hours: 0.15, warnings: ["rounded"] });
    expect(hoursOf(4.185)).toMatchObject({ hours: 4.19, warnings: ["rounded"] });
    expect(hoursOf("2.675")).toMatchObject({ hours: 2.68, warnings: ["rounded"] });
    expect(hoursOf(" 1.005 ")).toMatchObject({ hours: 1.01, warnings: ["rounded"] });
    expect(hoursOf("1.500")).toMatchObject({ hours: 1.5, warnings: [] });
  });

  test("rounded: warned whenever the decimal text has more than two decimals (5.9999999 counts as 6, with the warning)", () => {
    expect(check(["2024-01-02", "small-group", "virtual", "", "", 5.9999999, ""])).toMatchObject({ hours: 6, warnings: ["rounded"] });
    expect(check(["2024-01-02", "small-group", "virtual", "", "", 999.999999, ""])).toMatchObject({
      hours: 1000,
      warnings: ["rounded", "long-row"],
    });
  });

  test("rounded: more than 2 decimals, rounded to 0.01", () => {
    expect(check(["2024-01-02", "small-group", "virtual", "", "", 1.234, ""])).toMatchObject({ warnings: ["rounded"], hours: 1.23 });
    expect(check(["2024-01-02", "small-group", "virtual", "", "", 0.29, ""])).toMatchObject({ warnings: [], hours: 0.29 });
  });

  test("long-row: more than 12 hours in one hours-unit row", () => {
    expect(check(["2024-01-02", "small-group", "virtual", "", "", 12.5, ""]).warnings).toEqual(["long-row"]);
    expect(check(["2024-01-02", "small-group", "virtual", "", "", 12, ""]).warnings).toEqual([]);
    expect(check(["2024-01-02", "study-group", "virtual", "", "", 13, ""]).warnings).toEqual([]);
  });
});

describe("docs/rules.md §2: exact hours", () => {
  test("60 rows of 0.2 h are exactly 12 h", () => {
    const rows = logRows(
      ...Array.from({ length: 60 }, (_, i): Cells => [
        `2024-01-${String((i % 28) + 1).padStart(2, "0")}`,
        "csir-call",
        "virtual",
        `Call ${i}`,
        "",
        0.2,
        "",
      ]),
    );
    const total = validateRows(rows, options).reduce((sum, row) => sum + row.hours, 0);
    expect(total).toBe(12_000);
    expect(milliToHours(total)).toBe(12);
  });

  test("a row is empty when its seven input cells are, whatever computed columns after Notes hold", () => {
    expect(isEmptyRow(["", null, " ", undefined, "", "", "", "B", 0, "OK"])).toBe(true);
    expect(isEmptyRow(["", "", "", "", "", "", "a note"])).toBe(false);
  });

  test("blank rows are skipped; rows keep their source row numbers", () => {
    const results = validateRows(
      [
        { row: 2, cells: ["", null, "  ", undefined, "", "", ""] },
        { row: 3, cells: ["2024-01-02", "small-group", "virtual", "", "", 1, ""] },
      ],
      options,
    );
    expect(results.map((r) => r.row)).toEqual([3]);
  });
});
