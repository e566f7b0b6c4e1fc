/**
 * The open workbook's date system (1900 or 1904), read once while the add-in runs.
 *
 * Date cells reach the functions as serial numbers, and serial 0 is 1904-01-01
 * in a 1904 workbook but not a date at all in a 1900 one, so the functions
 * must know which system the workbook uses. Reading it needs the Excel API,
 * which a custom function can call in the shared runtime (`Excel.run`).
 * In order:
 * 1. `Workbook.use1904DateSystem`, where the host's Excel API has it (it is
 *    a preview API: hosts without it leave the property undefined or refuse
 *    to load it);
 * 2. Excel's own DATE function through `workbook.functions` (ExcelApi 1.2):
 *    DATE(1904,1,1) is serial 0 in a 1904 workbook and 1462 in a 1900 one;
 * 3. otherwise 1900, Excel's default on every platform. This fallback is
 *    taken where there is no Excel API at all (the functions called from
 *    Node, tests, a browser outside Excel); in a 1904 workbook it would shift
 *    dates by 1462 days, which is why the two reads above come first.
 * The answer is cached: a workbook's date system can be changed only in
 * Excel's options, which is rare enough that reopening the workbook is the
 * remedy.
 */
import type { DateSystem } from "../core";

/** Where the date system comes from: a plain answer when it is known at once, a promise when Excel must be asked. */
export type DateSystemSource = () => DateSystem | Promise<DateSystem>;

const SERIAL_OF_1904_01_01_IN_1904 = 0;

interface ExcelLike {
  run<T>(batch: (context: Excel.RequestContext) => Promise<T>): Promise<T>;
}

function excelApi(): ExcelLike | undefined {
  const excel = (globalThis as { Excel?: ExcelLike }).Excel;
  return typeof excel === "object" && excel !== null && typeof excel.run === "function" ? excel : undefined;
}

async function readUse1904Property(excel: ExcelLike): Promise<DateSystem | null> {
  try {
    return await excel.run(async (context) => {
      const workbook = context.workbook as Excel.Workbook & { use1904DateSystem?: unknown };
      workbook.load("use1904DateSystem");
      await context.sync();
      const value = workbook.use1904DateSystem;
      return typeof value === "boolean" ? (value ? "1904" : "1900") : null;
    });
  } catch {
    return null;
  }
}

async function probeWithDateFunction(excel: ExcelLike): Promise<DateSystem | null> {
  try {
    return await excel.run(async (context) => {
      const result = context.workbook.functions.date(1904, 1, 1);
      result.load("value");
      await context.sync();
      const serial: unknown = result.value;
      if (typeof serial !== "number") return null;
      return serial === SERIAL_OF_1904_01_01_IN_1904 ? "1904" : "1900";
    });
  } catch {
    return null;
  }
}

async function readThroughExcel(excel: ExcelLike): Promise<DateSystem> {
  return (await readUse1904Property(excel)) ?? (await probeWithDateFunction(excel)) ?? "1900";
}

/** Reads the date system through the Excel API; without one, 1900 at once (see above). */
export const excelDateSystemSource: DateSystemSource = () => {
  const excel = excelApi();
  return excel === undefined ? "1900" : readThroughExcel(excel);
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
    } catch {
      answer = "1900";
    }
    if (typeof answer === "string") {
      known = answer;
      return answer;
    }
    pending = answer.then(
      (system) => (known = system),
      () => (known = "1900"),
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
