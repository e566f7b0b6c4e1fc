/**
 * One recalculation of a sheet that holds CST.CREDIT, CST.HOURS for each category, CST.MISSING and a
 * CST.STATUS per row, over one log (docs/rules.md §9: at most 2x one evaluation of the log). Excel hands each
 * formula its own fresh copy of the range; the copies are made before each run, outside the timing, as
 * Excel makes them before it calls. Each run starts with nothing kept from the one before, as after an
 * edit of the log. The floor is one `summarizeLog` of the same log, as of the same day, timed in turns, on
 * a copy made the same way: texts read afresh cost the checks a hash each, on both sides.
 */
import { summarizeLog, todayIsoDate } from "../src/core";
import { setDateSystemSource } from "../src/functions/dateSystem";
import { forgetEvaluations } from "../src/functions/evaluation";
import { CREDIT, HOURS, MISSING, STATUS } from "../src/functions/functions";
import { generateLog, type Grid } from "./data";
import { type Figure, timeInTurnsPrepared } from "./measure";

interface Copies {
  readonly logs: Grid[];
  readonly rows: Grid[];
  /** One more copy, for the floor: the same log, read as freshly. */
  readonly floor: Grid;
  /** What Excel hands each formula as its last argument (one per STATUS, then the five whole-log formulas). */
  readonly invocations: Invocation[];
}

/**
 * A streaming function's invocation as Excel's runtime hands it: where the answer goes, and the
 * cancellation the function sets. Made before the call, as Excel makes it.
 */
class Invocation {
  result: unknown = undefined;
  onCanceled?: () => void = undefined;
  setResult(value: unknown): void {
    this.result = value;
  }
}

/**
 * The invocations of the previous run, canceled before the next one is prepared: Excel cancels a
 * formula's invocation when its arguments change and calls it anew, so no run inherits another's
 * followers of the day.
 */
let live: Invocation[] = [];

function invocationsFor(count: number): Invocation[] {
  for (const invocation of live) invocation.onCanceled?.();
  live = Array.from({ length: count }, () => new Invocation());
  return live;
}

/**
 * Fresh copies of the range for the five whole-log formulas, and of each row for its STATUS, as Excel's
 * runtime hands them: parsed from the message that carries them, so each copy's texts are strings of their
 * own, which a comparison must read through, not the same strings again.
 */
function copiesOf(grid: Grid): Copies {
  const text = JSON.stringify(grid);
  return {
    logs: Array.from({ length: 5 }, () => JSON.parse(text) as Grid),
    rows: (JSON.parse(text) as Grid).map((row) => [row]),
    floor: JSON.parse(text) as Grid,
    invocations: invocationsFor(grid.length + 5),
  };
}

/**
 * The order Excel calls the formulas in is its own: the whole-log formulas first, or the STATUS column
 * first. Excel calls each with a streaming invocation ("as Excel calls them"); outside Excel (tests, Node)
 * a function returns its answer instead.
 */
type Order = "log first" | "STATUS first" | "STATUS first, as Excel calls them" | "log first, as Excel calls them";

function recalculate({ logs, rows, invocations }: Copies, order: Order = "log first"): unknown[] {
  const [credit, hoursA, hoursB, hoursC, missing] = logs as [Grid, Grid, Grid, Grid, Grid];
  forgetEvaluations();
  const streaming = order.endsWith("as Excel calls them");
  const statusFirst = order.startsWith("STATUS first");
  const at = <T>(index: number) => (streaming ? (invocations[index] as unknown as CustomFunctions.StreamingInvocation<T>) : undefined);
  const statuses: unknown[] = [];
  const column = (): void => {
    for (let i = 0; i < rows.length; i++) statuses.push(STATUS(rows[i] as Grid, undefined, at(i)));
  };
  if (statusFirst) column();
  const n = rows.length;
  const answers: unknown[] = [
    CREDIT(credit, undefined, undefined, at(n)),
    HOURS(hoursA, "A", undefined, undefined, at(n + 1)),
    HOURS(hoursB, "B", undefined, undefined, at(n + 2)),
    HOURS(hoursC, "C", undefined, undefined, at(n + 3)),
    MISSING(missing, undefined, undefined, undefined, at(n + 4)),
  ];
  if (!statusFirst) column();
  if (streaming) return invocations.map((invocation) => invocation.result);
  return [...answers, ...statuses];
}

export async function benchRecalculation(): Promise<{ figures: Figure[]; notes: string[] }> {
  setDateSystemSource(() => "1900");
  const figures: Figure[] = [];
  const notes: string[] = [];
  for (const size of [500, 5_000]) {
    const grid = generateLog(size, 11);
    const input = { grid, firstIndex: 1, rowNumberOffset: 1, profileCells: [], dateSystem: "1900" as const };
    const asOf = todayIsoDate();
    const answers = recalculate(copiesOf(grid));
    const summary = summarizeLog(input, { asOf });
    if (answers[0] !== summary.allocation.credits)
      throw new Error(`CST.CREDIT gave ${String(answers[0])}, summarizeLog ${summary.allocation.credits}`);
    const streamed = recalculate(copiesOf(grid), "STATUS first, as Excel calls them");
    if (JSON.stringify([...streamed.slice(grid.length), ...streamed.slice(0, grid.length)]) !== JSON.stringify(answers))
      throw new Error("The answers set through invocations differ from those returned");
    for (const order of ["log first", "STATUS first", "log first, as Excel calls them", "STATUS first, as Excel calls them"] as const) {
      const measured = timeInTurnsPrepared(
        size < 1_000 ? 61 : 21,
        () => copiesOf(grid),
        (copies) => summarizeLog({ ...input, grid: copies.floor }, { asOf }),
        (copies) => recalculate(copies, order),
      );
      figures.push({
        name: `one recalculation: CREDIT + HOURS ×3 + MISSING + STATUS per row, ${size.toLocaleString("en")} rows, ${order}`,
        ...measured,
        floorName: "one summarizeLog",
        targetRatio: 2,
        work: () => {
          const copies = copiesOf(grid);
          return () => recalculate(copies, order);
        },
      });
    }
    notes.push(`  (${size.toLocaleString("en")} rows: CST.CREDIT ${String(answers[0])}, CST.MISSING ${String(answers[4])})`);
  }
  return { figures, notes };
}
