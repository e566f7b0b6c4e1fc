/**
 * The sheet view reads what a person types as they mean it in their locale:
 * dates with month names or in either order when only one reading is a date,
 * the locale's decimal mark, an activity by the start of its label; what can
 * be read two ways is refused, saying both readings and how to type it.
 */
import { FORM, LOG_FIELD_DEFINITIONS, activityByCode } from "../../src/core";
import { localeFormat, readTypedEntry } from "../../src/sheet/typedEntry";

const field = (key: string) => LOG_FIELD_DEFINITIONS.find((each) => each.key === key) ?? null;
const date = field("date");
const quantity = field("quantity");
const activity = field("activity");
const en = localeFormat("en-US");

test("a numeric date that two orders read as two dates is refused, naming both and how to type it", () => {
  expect(readTypedEntry("3/10/2024", date, en)).toEqual({
    ok: false,
    message:
      '"3/10/2024" could be 3 October 2024 or 10 March 2024: type it as 2024-10-03 or 2024-03-10 (year-month-day), or with the month\'s name.',
    problem: {
      kind: "ambiguous-date",
      text: "3/10/2024",
      dayFirst: "2024-10-03",
      monthFirst: "2024-03-10",
      dayFirstShown: "3 October 2024",
      monthFirstShown: "10 March 2024",
    },
  });
  expect(readTypedEntry("3/10/2024", date, localeFormat("de-DE"))).toMatchObject({
    ok: false,
    message: expect.stringMatching(/3 Oktober 2024 or 10 März 2024/),
  });
});

test("a numeric date only one order reads is that date; the same day and month either way is one date", () => {
  expect(readTypedEntry("13/10/2024", date, en)).toEqual({ ok: true, text: "2024-10-13" });
  expect(readTypedEntry("10/13/2024", date, en)).toEqual({ ok: true, text: "2024-10-13" });
  expect(readTypedEntry("5.5.24", date, en)).toEqual({ ok: true, text: "2024-05-05" });
  expect(readTypedEntry("31/02/2024", date, en)).toEqual({
    ok: false,
    message: '"31/02/2024" is not a real calendar date: check the month and the day.',
    problem: { kind: "not-calendar-date", text: "31/02/2024" },
  });
});

test.each([
  ["en-US", "10 March 2024"],
  ["en-US", "March 10, 2024"],
  ["en-US", "10 Mar 2024"],
  ["de-DE", "10. März 2024"],
  ["fr-FR", "10 mars 2024"],
  ["es-ES", "10 de marzo de 2024"],
  ["pt-BR", "10 de março de 2024"],
])("with the month's name (%s: %s) a date is read in the user's language, and in English", (locale, text) => {
  expect(readTypedEntry(text, date, localeFormat(locale))).toEqual({ ok: true, text: "2024-03-10" });
});

test("ISO text stays as it is; text that is no date is left for the rules to report", () => {
  expect(readTypedEntry("2024-03-10", date, en)).toEqual({ ok: true, text: "2024-03-10" });
  expect(readTypedEntry("last Tuesday", date, en)).toEqual({ ok: true, text: "last Tuesday" });
});

test("the locale's decimal mark, and a comma before one or two decimals anywhere", () => {
  expect(readTypedEntry("1,5", quantity, en)).toEqual({ ok: true, text: "1.5" });
  expect(readTypedEntry("1,500", quantity, en)).toEqual({ ok: true, text: "1500" });
  expect(readTypedEntry("1.5", quantity, en)).toEqual({ ok: true, text: "1.5" });
  const de = localeFormat("de-DE");
  expect(readTypedEntry("1,5", quantity, de)).toEqual({ ok: true, text: "1.5" });
  expect(readTypedEntry("1.500,25", quantity, de)).toEqual({ ok: true, text: "1500.25" });
  expect(readTypedEntry("two", quantity, de)).toEqual({ ok: true, text: "two" });
});

test("an activity by the start of its label or code, when only one matches: the label is written", () => {
  expect(readTypedEntry("Small group", activity, en)).toEqual({ ok: true, text: activityByCode("small-group")?.label });
  expect(readTypedEntry("study group session", activity, en)).toEqual({ ok: true, text: activityByCode("study-group")?.label });
  expect(readTypedEntry("Treatment", activity, en)).toEqual({ ok: true, text: activityByCode("treatment")?.label });
  // "group" starts no label; "Reiki" is no activity: written as typed, and the rules say so.
  expect(readTypedEntry("group", activity, en)).toEqual({ ok: true, text: "group" });
  expect(readTypedEntry("Reiki", activity, en)).toEqual({ ok: true, text: "Reiki" });
});

test("cells outside the form, and text columns, are written as typed", () => {
  expect(readTypedEntry("3/10/2024", null, en)).toEqual({ ok: true, text: "3/10/2024" });
  expect(readTypedEntry("1,5", field("notes"), en)).toEqual({ ok: true, text: "1,5" });
  expect(FORM.log.map((column) => column.key)).toContain("notes");
});
