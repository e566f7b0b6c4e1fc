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
  };
}

/** The order Excel calls the formulas in is its own: the whole-log formulas first, or the STATUS column first. */
type Order = "log first" | "STATUS first";

function recalculate({ logs, rows }: Copies, order: Order = "log first"): unknown[] {
  const [credit, hoursA, hoursB, hoursC, missing] = logs as [Grid, Grid, Grid, Grid, Grid];
  forgetEvaluations();
  const statuses: unknown[] = [];
  if (order === "STATUS first") for (const row of rows) statuses.push(STATUS(row));
  const answers: unknown[] = [CREDIT(credit), HOURS(hoursA, "A"), HOURS(hoursB, "B"), HOURS(hoursC, "C"), MISSING(missing)];
  if (order === "log first") for (const row of rows) statuses.push(STATUS(row));
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
    for (const order of ["log first", "STATUS first"] as const) {
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
