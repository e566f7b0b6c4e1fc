/**
 * docs/rules.md §8's `as_of` and today: CREDIT, HOURS, MISSING and STATUS check the log as of `as_of` (a date
 * serial in the workbook's date system, or ISO text), as `verify --as-of` does; without it as of today,
 * and they give Excel a new answer by themselves when the day changes (a fake clock stands in for
 * midnight). Excel calls them as streaming functions: answers arrive through the invocation.
 */
import { type DateSystem, type LogRow, type Report, isoDateToExcelSerial, verifyLog } from "../../src/core";
import { CHECK_EVERY_MS, dayFollowers } from "../../src/functions/dayChange";
import { DetachedCellError } from "../../src/functions/cellError";
import { setDateSystemSource } from "../../src/functions/dateSystem";
import { forgetEvaluations } from "../../src/functions/evaluation";
import { CREDIT, HOURS, MISSING, STATUS } from "../../src/functions/functions";
import { FakeInvocation } from "./invocation";

type Cell = string | number | boolean | null;

const TODAY = "2025-01-15";
const TOMORROW = "2025-01-16";

/** A first credit one hour short as of today: the hour is dated tomorrow. */
function logFor(system: DateSystem): Cell[][] {
  const serial = (iso: string) => isoDateToExcelSerial(iso, system);
  return [
    ["Date", "Activity", "Format", "Provider", "Credential", "Quantity", "Notes"],
    [serial("2024-11-02"), "treatment", "In person", "Jane Roe", "CST-T", 6, ""],
    [serial("2024-11-09"), "small-group", "Virtual", "", "", 6, ""],
    [serial("2024-12-01"), "one-on-one", "Virtual", "Mentor M", "Mentor", 11, ""],
    [serial(TOMORROW), "one-on-one", "Virtual", "Mentor M", "Mentor", 1, "booked"],
    [serial("2024-12-05"), "one-on-one", "Virtual", "", "Mentor", 2, "no provider"],
  ];
}

async function verified(range: Cell[][], system: DateSystem, asOf: string): Promise<Report> {
  const rows: LogRow[] = range.slice(1).map((cells, index) => ({ row: index + 2, cells }));
  return (await verifyLog({ rows, profileCells: [], dateSystem: system }, { asOf })).report;
}

function statusLine(report: Report, row: number): string {
  const reported = report.rows.find((each) => each.row === row);
  if (reported === undefined) return "";
  return reported.errors.length === 0 ? "OK" : reported.errors.map((error) => `${error.code}: ${error.message}`).join(" | ");
}

beforeEach(() => {
  jest.useFakeTimers({ now: new Date(2025, 0, 15, 12, 0, 0) });
  setDateSystemSource(() => "1900");
  forgetEvaluations();
});
/** Every streaming call of a test, canceled after it as Excel does when a workbook closes. */
const opened: { cancel(): void }[] = [];
function invocation<T>(): FakeInvocation<T> {
  const made = new FakeInvocation<T>();
  opened.push(made);
  return made;
}

afterEach(() => {
  for (const each of opened.splice(0)) each.cancel();
  expect(dayFollowers()).toBe(0);
  jest.useRealTimers();
  setDateSystemSource();
});

describe("as_of: the as-of date of verify --as-of", () => {
  test.each<[DateSystem, string]>([
    ["1900", "serial"],
    ["1904", "serial"],
    ["1900", "ISO text"],
  ])("CREDIT, HOURS, MISSING and STATUS agree with verify --as-of (%s date system, as_of as %s)", async (system, form) => {
    setDateSystemSource(() => system);
    const range = logFor(system);
    for (const asOf of ["2024-12-31", TODAY, TOMORROW, "2026-06-30"]) {
      const report = await verified(range, system, asOf);
      const as_of = form === "serial" ? isoDateToExcelSerial(asOf, system) : asOf;
      expect(CREDIT(range, undefined, as_of)).toBe(report.credits);
      expect(MISSING(range, undefined, undefined, as_of)).toBe(report.next.missing.total);
      for (const category of ["A", "B", "C"] as const) {
        expect(HOURS(range, category, undefined, as_of)).toBe(report.hours[category]);
        expect(MISSING(range, category, undefined, as_of)).toBe(report.next.missing[category]);
      }
      range.slice(1).forEach((cells, index) => expect(STATUS([cells], as_of)).toBe(statusLine(report, index + 2)));
    }
  });

  test("a row dated tomorrow is future-date as of today; with as_of tomorrow it counts, as verify --as-of does", async () => {
    const range = logFor("1900");
    const tomorrowRow = [range[4]!];
    const today = await verified(range, "1900", TODAY);
    expect(STATUS(tomorrowRow)).toBe(`future-date: Date ${TOMORROW} is after ${TODAY}: log an activity once it has taken place.`);
    expect(STATUS(tomorrowRow)).toBe(statusLine(today, 5));
    expect(CREDIT(range)).toBe(0);
    expect(CREDIT(range)).toBe(today.credits);
    expect(HOURS(range, "C")).toBe(11);
    expect(MISSING(range)).toBe(1);

    const tomorrow = await verified(range, "1900", TOMORROW);
    expect(STATUS(tomorrowRow, TOMORROW)).toBe("OK");
    expect(CREDIT(range, undefined, TOMORROW)).toBe(1);
    expect(CREDIT(range, undefined, TOMORROW)).toBe(tomorrow.credits);
    expect(HOURS(range, "C", undefined, isoDateToExcelSerial(TOMORROW, "1900"))).toBe(12);
    expect(MISSING(range, undefined, undefined, TOMORROW)).toBe(tomorrow.next.missing.total);
  });

  test("a time of day in an as_of serial is ignored, as in the log's dates", () => {
    const range = logFor("1900");
    expect(CREDIT(range, undefined, isoDateToExcelSerial(TOMORROW, "1900") + 0.75)).toBe(1);
  });

  test("a certification date after as_of is a profile error as of that date", () => {
    const profile = [[""], [""], [isoDateToExcelSerial("2025-01-10", "1900")], [""], [""], [""]];
    expect(CREDIT(logFor("1900"), profile)).toBe(0);
    const error = CREDIT(logFor("1900"), profile, "2025-01-01") as DetachedCellError;
    expect(error.code).toBe("#VALUE!");
    expect(error.message).toMatch(/^Profile: CST-T certified on 2025-01-10 is in the future/);
  });

  test.each<[unknown, RegExp]>([
    ["31/12/2025", /^as_of "31\/12\/2025" can be read more than one way: enter an Excel date or ISO text YYYY-MM-DD\. Leave as_of out/],
    [
      "2025-02-30",
      /^as_of "2025-02-30" is not a real calendar date: check the month and the day\. Leave as_of out to check the log as of today\.$/,
    ],
    ["soon", /^as_of "soon" is not a date: enter a date such as 2024-03-15\. Leave as_of out/],
    [true, /^as_of true is not a date: enter a date such as 2024-03-15\./],
    [-3, /^as_of -3 is not a real calendar date/],
  ])("a bad as_of (%p) is #VALUE! saying what to enter", (as_of, message) => {
    const range = logFor("1900");
    for (const result of [
      CREDIT(range, undefined, as_of),
      HOURS(range, "A", undefined, as_of),
      MISSING(range, "", undefined, as_of),
      STATUS([range[1]!], as_of),
    ]) {
      expect(result).toBeInstanceOf(DetachedCellError);
      expect((result as DetachedCellError).code).toBe("#VALUE!");
      expect((result as DetachedCellError).message).toMatch(message);
    }
  });

  test("blank as_of is today", () => {
    const range = logFor("1900");
    expect(CREDIT(range, undefined, "")).toBe(0);
    expect(CREDIT(range, undefined, null)).toBe(0);
    expect(STATUS([range[4]!], "  ")).toMatch(/^future-date: /);
  });

  test("an as_of cell holding an Excel error passes the error on, as Excel's own functions do", () => {
    const range = logFor("1900");
    const notAvailable = { type: "Error", basicType: "Error", basicValue: "#N/A", errorType: "NotAvailable" };
    expect(CREDIT(range, undefined, notAvailable)).toEqual(
      new DetachedCellError("#N/A", "as_of holds Excel's error #N/A: correct that cell, or the formula behind it."),
    );
    expect(STATUS([range[1]!], { type: "Error", basicType: "Error", basicValue: "#DIV/0!", code: "#DIV/0!" })).toEqual(
      new DetachedCellError("#DIV/0!"),
    );
  });
});

describe("the day changes: functions without as_of answer anew by themselves (streaming)", () => {
  function streamAll(range: Cell[][]) {
    const credit = invocation<number>();
    const hoursC = invocation<number>();
    const missing = invocation<number>();
    const status = invocation<string>();
    const okStatus = invocation<string>();
    CREDIT(range, undefined, undefined, credit.asInvocation);
    HOURS(range, "C", undefined, undefined, hoursC.asInvocation);
    MISSING(range, undefined, undefined, undefined, missing.asInvocation);
    STATUS([range[4]!], undefined, status.asInvocation);
    STATUS([range[1]!], undefined, okStatus.asInvocation);
    return { credit, hoursC, missing, status, okStatus };
  }

  test("at midnight the row dated tomorrow becomes valid: CREDIT, HOURS, MISSING and STATUS set new answers without being called again", async () => {
    jest.setSystemTime(new Date(2025, 0, 15, 23, 59, 30));
    const range = logFor("1900");
    const cells = streamAll(range);
    expect(cells.credit.results).toEqual([0]);
    expect(cells.hoursC.results).toEqual([11]);
    expect(cells.missing.results).toEqual([1]);
    expect(cells.status.last).toMatch(/^future-date: /);
    expect(cells.okStatus.results).toEqual(["OK"]);

    jest.advanceTimersByTime(29_000);
    expect(cells.credit.results).toEqual([0]);

    jest.advanceTimersByTime(2_000);
    const tomorrow = await verified(range, "1900", TOMORROW);
    expect(cells.credit.results).toEqual([0, tomorrow.credits]);
    expect(cells.credit.last).toBe(1);
    expect(cells.hoursC.results).toEqual([11, tomorrow.hours.C]);
    expect(cells.missing.results).toEqual([1, tomorrow.next.missing.total]);
    expect(cells.status.results).toEqual([expect.stringMatching(/^future-date: /), "OK"]);
    // An answer the day does not change is not set again: its cell is left alone.
    expect(cells.okStatus.results).toEqual(["OK"]);
  });

  test("a day change the midnight timer missed (a computer asleep at midnight) is caught within a minute", () => {
    const range = logFor("1900");
    const cells = streamAll(range);
    // The clock jumps two days ahead while the timers stand still, as after a sleep.
    jest.setSystemTime(new Date(2025, 0, 17, 8, 0, 0));
    jest.advanceTimersByTime(CHECK_EVERY_MS);
    expect(cells.credit.results).toEqual([0, 1]);
  });

  test("a profile certification date that is tomorrow stops being an error at midnight", () => {
    jest.setSystemTime(new Date(2025, 0, 15, 23, 0, 0));
    const credit = invocation<number>();
    const profile = [[""], [""], [TOMORROW], [""], [""], [""]];
    CREDIT(logFor("1900"), profile, undefined, credit.asInvocation);
    expect(credit.last).toMatchObject({ code: "#VALUE!", message: expect.stringMatching(/is in the future/) });
    jest.advanceTimersByTime(3_600_000);
    expect(credit.last).toBe(1);
  });

  test("with as_of, a function answers once and does not follow the day", () => {
    const credit = invocation<number>();
    CREDIT(logFor("1900"), undefined, TODAY, credit.asInvocation);
    expect(dayFollowers()).toBe(0);
    jest.advanceTimersByTime(3 * 86_400_000);
    expect(credit.results).toEqual([0]);
  });

  test("a canceled formula (its arguments changed, its cell cleared) stops following the day; the timer stops with the last one", () => {
    const range = logFor("1900");
    const cells = streamAll(range);
    // The STATUS of the row dated 2024-11-02, more than a month ago, does not follow the day (below).
    expect(dayFollowers()).toBe(4);
    for (const each of Object.values(cells)) each.cancel();
    expect(dayFollowers()).toBe(0);
    expect(jest.getTimerCount()).toBe(0);
    jest.advanceTimersByTime(2 * 86_400_000);
    for (const each of Object.values(cells)) expect(each.results).toHaveLength(1);
  });

  test("a STATUS follows the day only where its row's answer can change with it: a row dated more than a month ago, or without a date, answers once", () => {
    const serial = (iso: string) => isoDateToExcelSerial(iso, "1900");
    const rows: Cell[][] = [
      [serial("2024-12-14"), "one-on-one", "Virtual", "Mentor M", "Mentor", 1, ""],
      [serial("2024-12-15"), "one-on-one", "Virtual", "Mentor M", "Mentor", 1, ""],
      [serial(TODAY), "one-on-one", "Virtual", "Mentor M", "Mentor", 1, ""],
      [serial(TOMORROW), "one-on-one", "Virtual", "Mentor M", "Mentor", 1, ""],
      ["", "one-on-one", "Virtual", "Mentor M", "Mentor", 1, ""],
      ["not a date", "one-on-one", "Virtual", "Mentor M", "Mentor", 1, ""],
      ["", "", "", "", "", "", ""],
    ];
    const cells = rows.map((row) => {
      const cell = invocation<string>();
      STATUS([row], undefined, cell.asInvocation);
      return cell;
    });
    // 2024-12-14 is 32 days before today, 2024-12-15 31: the first keeps its answer unless the clock goes back more than a month.
    expect(cells.map((cell) => cell.onCanceled !== undefined)).toEqual([false, true, true, true, false, false, false]);
    expect(dayFollowers()).toBe(3);
    expect(cells.map((cell) => cell.results.length)).toEqual([1, 1, 1, 1, 1, 1, 1]);
  });

  test("the clock set back before a recent row's date: its STATUS says the date is in the future, as CREDIT stops counting it", () => {
    const range = logFor("1900");
    const recent = [
      ...range.slice(0, 3),
      [isoDateToExcelSerial("2025-01-10", "1900"), "one-on-one", "Virtual", "Mentor M", "Mentor", 12, ""],
    ];
    const status = invocation<string>();
    const credit = invocation<number>();
    STATUS([recent[3]!], undefined, status.asInvocation);
    CREDIT(recent, undefined, undefined, credit.asInvocation);
    expect([status.last, credit.last]).toEqual(["OK", 1]);
    // Set back by hand to 2025-01-05: within a minute the timer sees the earlier day.
    jest.setSystemTime(new Date(2025, 0, 5, 12, 0, 0));
    jest.advanceTimersByTime(CHECK_EVERY_MS);
    expect(status.last).toMatch(/^future-date: /);
    expect(credit.last).toBe(0);
  });

  test("a STATUS column whose cells are canceled in any order: those left still hear of the day, the canceled never", () => {
    jest.setSystemTime(new Date(2025, 0, 15, 23, 59, 30));
    const range = logFor("1900");
    // Six STATUS cells on the row dated tomorrow; the 1st, 4th and 6th are canceled (the last, a middle one, the first).
    const column = Array.from({ length: 6 }, () => invocation<string>());
    for (const cell of column) STATUS([range[4]!], undefined, cell.asInvocation);
    expect(dayFollowers()).toBe(6);
    for (const index of [5, 3, 0]) column[index]!.cancel();
    // Canceling twice (Excel may) changes nothing.
    column[3]!.cancel();
    expect(dayFollowers()).toBe(3);
    jest.advanceTimersByTime(31_000);
    const answers = column.map((cell) => cell.results.length);
    expect(answers).toEqual([1, 2, 2, 1, 2, 1]);
    for (const index of [1, 2, 4]) expect(column[index]!.last).toBe("OK");
    column[4]!.cancel();
    expect(dayFollowers()).toBe(2);
    for (const cell of column) cell.cancel();
    expect(dayFollowers()).toBe(0);
    expect(jest.getTimerCount()).toBe(0);
  });

  test("a formula canceled while the day's news goes round (another cell's new answer ends it) does not hear of it", () => {
    jest.setSystemTime(new Date(2025, 0, 15, 23, 59, 30));
    const range = logFor("1900");
    const first = invocation<string>();
    const second = invocation<string>();
    STATUS([range[4]!], undefined, first.asInvocation);
    STATUS([range[4]!], undefined, second.asInvocation);
    // Excel cancels the second formula as the first one's new answer arrives.
    const setFirst = first.setResult;
    (first as { setResult: (value: unknown) => void }).setResult = (value) => {
      setFirst(value);
      second.cancel();
    };
    jest.advanceTimersByTime(31_000);
    expect(first.results).toEqual([expect.stringMatching(/^future-date: /), "OK"]);
    expect(second.results).toEqual([expect.stringMatching(/^future-date: /)]);
    expect(dayFollowers()).toBe(1);
  });

  test("while Excel is still asked for the date system, the first answer arrives once it replies; canceled before, nothing arrives", async () => {
    let reply: (system: DateSystem) => void = () => undefined;
    setDateSystemSource(() => new Promise<DateSystem>((resolve) => (reply = resolve)));
    const credit = invocation<number>();
    const canceled = invocation<number>();
    CREDIT(logFor("1904"), undefined, undefined, credit.asInvocation);
    CREDIT(logFor("1904"), undefined, undefined, canceled.asInvocation);
    canceled.cancel();
    expect(credit.results).toEqual([]);
    reply("1904");
    await Promise.resolve();
    await Promise.resolve();
    expect(credit.results).toEqual([0]);
    expect(canceled.results).toEqual([]);
    expect(dayFollowers()).toBe(1);
    credit.cancel();
  });
});
