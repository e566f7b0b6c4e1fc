/**
 * The open workbook's date system (1900 or 1904), read once while the add-in runs.
 *
 * Date cells reach the functions as serial numbers, and serial 0 is 1904-01-01
 * in a 1904 workbook but not a date at all in a 1900 one, so the functions
 * must know which system the workbook uses. It is asked of Excel the way the
 * pane asks it (`src/excel/dateSystem.ts`); where there is no Excel API at
 * all (Node, tests, a browser outside Excel) it is 1900, Excel's default.
 * An answer is cached: a workbook's date system can be changed only in
 * Excel's options, which is rare enough that reopening the workbook is the
 * remedy. A failed read is not an answer and is never cached: the functions
 * that asked show an error saying so, and the next calculation asks again.
 */
import { type DateSystem, errorText } from "../core";
import { readDateSystemFromExcel } from "../excel/dateSystem";

/** Where the date system comes from: a plain answer when it is known at once, a promise when Excel must be asked. */
export type DateSystemSource = () => DateSystem | Promise<DateSystem>;

/** Excel did not answer: the functions say so rather than count in a date system that may be wrong. */
export class DateSystemUnread extends Error {
  /** What Excel answered instead. */
  readonly detail: string;

  constructor(cause: unknown) {
    const detail = errorText(cause);
    super(`Excel did not tell the workbook's date system (${detail}): recalculate (Ctrl+Alt+F9) to ask again.`);
    this.name = "DateSystemUnread";
    this.detail = detail;
  }
}

/** Asks Excel; without an Excel API, 1900 at once. */
export const excelDateSystemSource: DateSystemSource = () => {
  const excel = (globalThis as { Excel?: { run?: unknown } }).Excel;
  if (typeof excel !== "object" || excel === null || typeof excel.run !== "function") return "1900";
  return readDateSystemFromExcel().then(
    (system) => system ?? "1900",
    (error: unknown) => Promise.reject(new DateSystemUnread(error)),
  );
};

let source: DateSystemSource = excelDateSystemSource;
let known: DateSystem | null = null;
let pending: Promise<DateSystem> | null = null;

/**
 * The workbook's date system, read on first use and then remembered. Once
 * known it is returned as a plain value, so the functions answer without
 * waiting (and a benchmark can time them without a promise in the way).
 */
export function workbookDateSystem(): DateSystem | Promise<DateSystem> {
  if (known !== null) return known;
  if (pending === null) {
    let answer: DateSystem | Promise<DateSystem>;
    try {
      answer = source();
    } catch (error) {
      return Promise.reject(error instanceof DateSystemUnread ? error : new DateSystemUnread(error));
    }
    if (typeof answer === "string") {
      known = answer;
      return answer;
    }
    pending = answer.then(
      (system) => (known = system),
      (error: unknown) => {
        // Not remembered: the next call asks Excel again.
        pending = null;
        throw error instanceof DateSystemUnread ? error : new DateSystemUnread(error);
      },
    );
  }
  return pending;
}

/** Replaces where the date system comes from (tests, a host that knows it) and forgets the remembered answer. */
export function setDateSystemSource(next: DateSystemSource = excelDateSystemSource): void {
  source = next;
  known = null;
  pending = null;
}
