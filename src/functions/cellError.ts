/**
 * Excel error values for the custom functions. Only #VALUE! and #N/A carry a
 * custom message in Excel (the message shows in the cell's error flag), so
 * every failure here is one of those two, with a message that says what to fix.
 *
 * `CustomFunctions.Error` is looked up when a function returns an error, not
 * before: office.js defines `CustomFunctions.associate` as soon as it runs,
 * but `Error` and `ErrorCode` arrive only with the host's script
 * (excel-win32-16.01.js, excel-web-16.00.js, ...) that office.js loads
 * asynchronously, usually after the page's bundles have run. Where there is
 * no runtime at all (Node, the tests, a browser outside Excel) a
 * DetachedCellError stands in, with the same code and message.
 */

/**
 * The codes of `CustomFunctions.ErrorCode` the functions return, by the enum's member names: #VALUE! and
 * #N/A with a message; #DIV/0!, #NUM! and #NULL! only when an argument holds that error and the function
 * passes it on, as Excel's own functions do. #NAME? and #REF! reach a function as inputs but cannot be
 * returned (https://learn.microsoft.com/office/dev/add-ins/excel/custom-functions-errors).
 */
import { runtimeTranslator } from "../i18n";

export const ERROR_CODES = {
  invalidValue: "#VALUE!",
  notAvailable: "#N/A",
  divisionByZero: "#DIV/0!",
  invalidNumber: "#NUM!",
  nullReference: "#NULL!",
} as const satisfies Partial<Record<keyof typeof CustomFunctions.ErrorCode, `${CustomFunctions.ErrorCode}`>>;
export type FunctionErrorKind = keyof typeof ERROR_CODES;
export type FunctionErrorCode = (typeof ERROR_CODES)[FunctionErrorKind];

/** The codes that carry a message in Excel (shown in the cell's error flag). */
const WITH_MESSAGE: ReadonlySet<FunctionErrorKind> = new Set(["invalidValue", "notAvailable"]);

const KIND_OF_CODE: ReadonlyMap<string, FunctionErrorKind> = new Map(
  Object.entries(ERROR_CODES).map(([kind, code]) => [code, kind as FunctionErrorKind]),
);

/** A failure a function reports as an Excel error value instead of throwing. */
export interface FunctionFailure {
  readonly failure: FunctionErrorKind;
  readonly message: string;
}

/**
 * Failures are made by `failure` only, as instances of one class: `isFailure` is then one prototype check,
 * which a sheet's STATUS column asks twice per row (a property lookup on the row's array costs more).
 */
class Failure implements FunctionFailure {
  constructor(
    readonly failure: FunctionErrorKind,
    readonly message: string,
  ) {}
}

export function failure(kind: FunctionErrorKind, message: string): FunctionFailure {
  return new Failure(kind, message);
}

/**
 * An argument that holds an Excel error, passed on as Excel's own functions pass errors on (=LEN(#N/A) is
 * #N/A): the same error where a custom function may return it, with a message naming the argument where
 * the code carries one. Errors a function cannot return (#REF!, #NAME?, and the errors of newer Excel such
 * as #SPILL! or #CALC!) become #VALUE! with a message naming the error.
 */
export function passedOnError(code: string, argument: string): FunctionFailure {
  const kind = KIND_OF_CODE.get(code) ?? "invalidValue";
  return failure(kind, runtimeTranslator().t("functions.passedOnError", { argument, code }));
}

export function isFailure(value: unknown): value is FunctionFailure {
  return value instanceof Failure;
}

/** What a function returns for a failure: the runtime's `CustomFunctions.Error`, or a DetachedCellError without a runtime. */
export interface CellErrorValue {
  readonly code: string;
  readonly message?: string;
}

/**
 * Stands in for `CustomFunctions.Error` where the runtime is absent (Node,
 * the tests, a browser outside Excel), so the functions still return a value
 * with the same code and message instead of throwing.
 */
export class DetachedCellError implements CellErrorValue {
  constructor(
    readonly code: string,
    readonly message?: string,
  ) {}
}

/** `CustomFunctions` as far as it has arrived: nothing, `associate` alone (office.js), or with `Error` (the host's script). */
type ArrivingRuntime = Partial<Pick<typeof CustomFunctions, "Error" | "ErrorCode">>;

/** The Excel error value of a failure: `new CustomFunctions.Error(code, message)` once the runtime has it. */
export function toCellError(failed: FunctionFailure): CellErrorValue {
  const runtime = (globalThis as { CustomFunctions?: ArrivingRuntime }).CustomFunctions;
  const RuntimeError = runtime?.Error;
  const message = WITH_MESSAGE.has(failed.failure) ? failed.message : undefined;
  if (typeof RuntimeError !== "function") return new DetachedCellError(ERROR_CODES[failed.failure], message);
  const code = runtime?.ErrorCode?.[failed.failure] ?? (ERROR_CODES[failed.failure] as CustomFunctions.ErrorCode);
  return new RuntimeError(code, message);
}
