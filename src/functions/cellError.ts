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

/** The codes of `CustomFunctions.ErrorCode` the functions return, by the enum's member names. */
export const ERROR_CODES = { invalidValue: "#VALUE!", notAvailable: "#N/A" } as const satisfies Partial<
  Record<keyof typeof CustomFunctions.ErrorCode, `${CustomFunctions.ErrorCode}`>
>;
export type FunctionErrorKind = keyof typeof ERROR_CODES;
export type FunctionErrorCode = (typeof ERROR_CODES)[FunctionErrorKind];

/** A failure a function reports as an Excel error value instead of throwing. */
export interface FunctionFailure {
  readonly failure: FunctionErrorKind;
  readonly message: string;
}

export function failure(kind: FunctionErrorKind, message: string): FunctionFailure {
  return { failure: kind, message };
}

export function isFailure(value: unknown): value is FunctionFailure {
  return typeof value === "object" && value !== null && "failure" in value && "message" in value;
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
  if (typeof RuntimeError !== "function") return new DetachedCellError(ERROR_CODES[failed.failure], failed.message);
  const code = runtime?.ErrorCode?.[failed.failure] ?? (ERROR_CODES[failed.failure] as CustomFunctions.ErrorCode);
  return new RuntimeError(code, failed.message);
}
