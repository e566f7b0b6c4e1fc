/**
 * `npm run bench`: the performance figures of docs/rules.md §9, from one run, each
 * beside its floor. Timings are medians of several runs after warm-up; a
 * figure and its floor run in turns, so a busy machine slows both alike.
 */
import { join } from "node:path";
import { allocateCredits, checkLog, HoursLedger, type LogRow, readProfile, summarizeLog, validateRows } from "../src/core";
import { generateLog, type Grid } from "./data";
import { type Figure, format, meetsTarget, printFigures, repeated, time, timeAgainstFloor } from "./measure";
import { whereTheTimeGoes } from "./profile";

const ROWS = 100_000;
const AS_OF = "2024-12-31";

function toLogRows(grid: Grid): LogRow[] {
  const rows: LogRow[] = new Array(grid.length - 1);
  for (let r = 1; r < grid.length; r++) rows[r - 1] = { row: r + 1, cells: grid[r]! };
  return rows;
}

async function main(): Promise<void> {
  const grid = generateLog(ROWS);
  // `npm run bench -- memory`, `-- pane` or `-- recalc`: one part alone, each figure beside its floor or target.
  for (const [part, run] of [
    ["memory", async () => ({ figures: [], ...(await import("./memory").then((m) => m.benchMemory(grid))) })],
    ["pane", () => import("./pane").then((m) => m.benchPane(join(__dirname, "..")))],
    ["recalc", () => import("./recalc").then((m) => m.benchRecalculation())],
  ] as const) {
    if (!process.argv.includes(part)) continue;
    const { figures, notes } = await run();
    if (figures.length > 0) printFigures(figures);
    for (const line of notes) console.log(line);
    return;
  }
  console.log(`Benchmark on ${ROWS.toLocaleString("en")} generated rows (node ${process.version}, median of runs)`);
  const rows = toLogRows(grid);
  const gridInput = { grid, firstIndex: 1, rowNumberOffset: 1, profileCells: [], dateSystem: "1900" as const };
  const summarize = () => summarizeLog(gridInput, { asOf: AS_OF });
  const check = () => checkLog({ rows, profileCells: [], dateSystem: "1900" }, { asOf: AS_OF });
  const core = timeAgainstFloor(grid, 15, summarize);
  const report = timeAgainstFloor(grid, 15, check);
  const figures: Figure[] = [
    { name: "core validate + allocate (summarizeLog)", ...core, targetRatio: 3, targetMs: 100, work: repeated(summarize) },
    {
      name: "core per-row results + duplicate check + allocate (checkLog, for the report)",
      ...report,
      targetRatio: 3,
      targetMs: 100,
      work: repeated(check),
    },
  ];
  // In turns, not at once: each part times its work beside its floor on a machine doing nothing else of ours.
  const extra = [];
  extra.push(await import("./functions").then((m) => m.benchFunctions(grid)));
  extra.push(await import("./recalc").then((m) => m.benchRecalculation()));
  extra.push(await import("./cli").then((m) => m.benchCli(grid)));
  extra.push({ figures: [], ...(await import("./memory").then((m) => m.benchMemory(grid))) });
  extra.push(await import("./pane").then((m) => m.benchPane(join(__dirname, ".."))));
  for (const part of extra) figures.push(...part.figures);
  printFigures(figures);
  for (const part of extra) for (const line of part.notes) console.log(line);
  for (const figure of figures) {
    if (meetsTarget(figure) || figure.work === undefined) continue;
    console.log(`Where the time goes in "${figure.name}" (self time, sampled):`);
    for (const line of await whereTheTimeGoes(figure.name, figure.work)) console.log(line);
  }
  for (const line of await import("./roundTrips").then((m) => m.benchRoundTrips())) console.log(line);
  const { benchReaders } = await import("./readers");
  for (const line of await benchReaders(join(__dirname, ".."))) console.log(line);
  const profile = readProfile(["", "", "2016-01-01", "2018-01-01"], { asOf: AS_OF, dateSystem: "1900" }).profile;
  for (const size of [1_000, 100_000]) {
    const ledger = new HoursLedger();
    for (const row of validateRows(toLogRows(generateLog(size, 7)), { asOf: AS_OF, dateSystem: "1900" })) {
      if (row.category !== null && row.day !== null) ledger.add(row.category, row.day, row.hours);
    }
    const allocationMs = time(15, () => allocateCredits(ledger, profile, { asOf: AS_OF }));
    console.log(`allocation alone (credits and next credit) on the totals of ${size.toLocaleString("en")} rows: ${format(allocationMs)}`);
  }
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
