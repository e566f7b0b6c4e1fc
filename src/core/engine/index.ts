/**
 * The engine that applies the row rules fast to whole logs: for the core's own evaluation and for the
 * custom functions' recalculation, which keeps its own results between recalculations. Not part of the
 * core's public face (`core/index.ts`): callers see `RowResult` and `RowResults`.
 */
export { type RowResultSlot, checkRowInto, newRowResult } from "./rowCheck";
