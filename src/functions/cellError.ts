/**
 * Excel error values for the custom functions. Only #VALUE! and #N/A carry a
 * custom message in Excel (the message shows in the cell's error flag), so
 * every failure here is one of those two, with a message that says what to fix.
 */

/** The error codes of `CustomFunctions.ErrorCode` the functions return. */
export const ERROR_CODES = { invalidValue: "#VALUE!", notAvailable: "#N/A" } as const;
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

/** The shape of `CustomFunctions.Error` (the runtime's class; no typings package ships it). */
export interface CellErrorValue {
  readonly code: string;
  readonly message?: string;
}

interface CustomFunctionsRuntime {
  readonly Error: new (code: string, message?: string) => CellErrorValue;
  readonly ErrorCode?: Readonly<Record<string, string>>;
  readonly associate?: (id: string, fn: (...args: never[]) => unknown) => void;
}

export function customFunctionsRuntime(): CustomFunctionsRuntime | undefined {
  const runtime = (globalThis as { CustomFunctions?: CustomFunctionsRuntime }).CustomFunctions;
  return typeof runtime === "object" && runtime !== null && typeof runtime.Error === "function" ? runtime : undefined;
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

/** The Excel error value of a failure: `new CustomFunctions.Error(code, message)` inside Excel. */
export function toCellError(failed: FunctionFailure): CellErrorValue {
  const runtime = customFunctionsRuntime();
  const code = runtime?.ErrorCode?.[failed.failure] ?? ERROR_CODES[failed.failure];
  return runtime ? new runtime.Error(code, failed.message) : new DetachedCellError(code, failed.message);
}
