/** CST.CREDIT over a 100,000-row array, as Excel passes it (docs/rules.md §9). */
import { CREDIT } from "../src/functions/functions";
import { setDateSystemSource } from "../src/functions/dateSystem";
import { forgetEvaluations } from "../src/functions/evaluation";
import { type Figure, repeated, timeAgainstFloor } from "./measure";
import type { Grid } from "./data";

export async function benchFunctions(grid: Grid) {
  // Outside Excel the workbook's date system cannot be asked: it is the 1900 system, as in a new workbook.
  setDateSystemSource(() => "1900");
  const first = CREDIT(grid);
  const credits = first instanceof Promise ? await first : first;
  if (typeof credits !== "number") throw new Error(`CST.CREDIT returned ${JSON.stringify(credits)}`);
  // Each call evaluates the log, as after an edit: the evaluation kept from the call before is forgotten.
  const credit = () => {
    forgetEvaluations();
    return CREDIT(grid);
  };
  const measured = timeAgainstFloor(grid, 15, credit);
  const figures: Figure[] = [{ name: "CST.CREDIT over 100,000 rows", ...measured, targetRatio: 3, targetMs: 100, work: repeated(credit) }];
  return { figures, notes: [`  (CST.CREDIT returned ${credits})`] };
}
