import { ACTIVITIES, findActivity, validateRow, milliToHours } from "../../src/core";
import { logRows } from "./helpers";

const options = { asOf: "2024-12-31", dateSystem: "1900" as const };

function credited(
  activity: string,
  quantity: number,
  provider = "Lena Ortiz",
  credential = activity === "one-on-one" ? "Mentor" : "CST-D",
) {
  const [row] = logRows(["2024-03-01", activity, "In person", provider, credential, quantity]);
  const result = validateRow(row!.cells, row!.row, options);
  return {
    hours: milliToHours(result.hours),
    category: result.category,
    warnings: result.warnings.map((w) => w.code),
    errors: result.errors.map((e) => e.code),
  };
}

describe("docs/rules.md §1: the activity catalog", () => {
  test.each([
    ["treatment", 6, "A", 6],
    ["one-on-one", 2.5, "C", 2.5],
    ["small-group", 3, "B", 3],
    ["large-group", 1.25, "B", 1.25],
    ["study-group", 3, "B", 3],
    ["clinical-applications", 5, "B", 5],
    ["empower-recording", 4, "B", 4],
    ["beyond-the-dura", 6, "B", 6],
    ["precepting", 3, "B", 4.5],
    ["intensive-therapist", 2, "B", 3],
    ["csir-call", 1.5, "B", 1.5],
  ])("%s: quantity %d is category %s and credits %d h", (code, quantity, category, hours) => {
    expect(credited(code, quantity)).toMatchObject({ category, hours, errors: [] });
  });

  test("study group: 1 h per session", () => expect(credited("study-group", 5).hours).toBe(5));
  test("Empower Your Practice: 1 h per recording", () => expect(credited("empower-recording", 7).hours).toBe(7));
  test("precepting: 1.5 h per day", () => expect(credited("precepting", 1).hours).toBe(1.5));
  test("intensive therapist: 1.5 h per day, half days exact", () => expect(credited("intensive-therapist", 2.5).hours).toBe(3.75));

  test("clinical applications: up to 6 h per class (min(hours, 6)), with the capped warning", () => {
    expect(credited("clinical-applications", 8)).toMatchObject({ hours: 6, warnings: ["capped"] });
    expect(credited("clinical-applications", 6)).toMatchObject({ hours: 6, warnings: [] });
  });

  test("Beyond the Dura: up to 6 h per conference, with the capped warning", () => {
    expect(credited("beyond-the-dura", 16)).toMatchObject({ hours: 6, warnings: ["capped", "long-row"] });
    expect(credited("beyond-the-dura", 5.5)).toMatchObject({ hours: 5.5, warnings: [] });
  });

  test("input accepts the code or the label, case-insensitive, surrounding spaces ignored", () => {
    for (const activity of ACTIVITIES) {
      expect(findActivity(activity.code)).toBe(activity);
      expect(findActivity(`  ${activity.label.toUpperCase()}  `)).toBe(activity);
      expect(findActivity(activity.label.toLowerCase())).toBe(activity);
    }
    expect(findActivity("Small group mentorship (4-8 participants)")?.code).toBe("small-group");
  });

  test("unknown-activity: anything else", () => {
    expect(credited("massage", 2)).toMatchObject({ hours: 0, category: null, errors: ["unknown-activity"] });
    expect(credited("", 2).errors).toContain("unknown-activity");
    expect(findActivity("treatments")).toBeNull();
  });

  test("every activity has one code, one label, and a category A, B or C", () => {
    const codes = new Set(ACTIVITIES.map((a) => a.code));
    expect(codes.size).toBe(ACTIVITIES.length);
    expect(ACTIVITIES).toHaveLength(11);
    expect(ACTIVITIES.filter((a) => a.category === "A").map((a) => a.code)).toEqual(["treatment"]);
    expect(ACTIVITIES.filter((a) => a.category === "C").map((a) => a.code)).toEqual(["one-on-one"]);
  });
});
