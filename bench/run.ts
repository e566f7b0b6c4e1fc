/**
 * `npm run bench`: the performance figures of SPEC 9, from one run, each
 * beside its floor. Timings are the median of several runs after warm-up.
 */
import { allocateCredits, assessLog, HoursLedger, type LogRow, readProfile, summarizeLog, validateRows } from "../src/core";
import { generateLog, type Grid } from "./data";

const ROWS = 100_000;
const AS_OF = "2024-12-31";

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)]!;
}

function time(runs: number, work: () => unknown): number {
  for (let i = 0; i < 3; i++) work();
  const samples: number[] = [];
  for (let i = 0; i < runs; i++) {
    const start = performance.now();
    work();
    samples.push(performance.now() - start);
  }
  return median(samples);
}

/** The floor (SPEC 9): read every cell once, trim and lower-case each text cell. */
function floorLoop(grid: Grid): number {
  let checksum = 0;
  for (let r = 1; r < grid.length; r++) {
    const row = grid[r]!;
    for (let c = 0; c < row.length; c++) {
      const cell = row[c];
      if (typeof cell === "string") checksum += cell.trim().toLowerCase().length;
      else if (typeof cell === "number") checksum += cell;
    }
  }
  return checksum;
}

function toLogRows(grid: Grid): LogRow[] {
  const rows: LogRow[] = new Array(grid.length - 1);
  for (let r = 1; r < grid.length; r++) rows[r - 1] = { row: r + 1, cells: grid[r]! };
  return rows;
}

function format(ms: number): string {
  return `${ms.toFixed(1)} ms`;
}

export interface Figure {
  name: string;
  ms: number;
  floorMs: number;
  targetRatio: number;
  targetMs?: number;
}

export function report(figures: Figure[]): void {
  for (const figure of figures) {
    const ratio = figure.ms / figure.floorMs;
    const verdict =
      ratio <= figure.targetRatio && (figure.targetMs === undefined || figure.ms < figure.targetMs) ? "meets target" : "MISSES target";
    const msTarget = figure.targetMs === undefined ? "" : `, under ${figure.targetMs} ms`;
    console.log(
      `${figure.name}: ${format(figure.ms)}  floor ${format(figure.floorMs)}  ratio ${ratio.toFixed(2)}x  (target ≤ ${figure.targetRatio}x${msTarget}: ${verdict})`,
    );
  }
}

async function main(): Promise<void> {
  const grid = generateLog(ROWS);
  console.log(`Benchmark on ${ROWS.toLocaleString("en")} generated rows (node ${process.version}, median of runs)`);
  const floorMs = time(15, () => floorLoop(grid));
  const rows = toLogRows(grid);
  const coreMs = time(15, () => summarizeLog({ rows, profileCells: [], dateSystem: "1900" }, { asOf: AS_OF }));
  const reportMs = time(9, () => assessLog({ rows, profileCells: [], dateSystem: "1900" }, { asOf: AS_OF }));
  const figures: Figure[] = [
    { name: "core validate + allocate (summarizeLog)", ms: coreMs, floorMs, targetRatio: 3, targetMs: 100 },
    { name: "core per-row results + duplicates + allocate (assessLog)", ms: reportMs, floorMs, targetRatio: 3, targetMs: 100 },
  ];
  const extra = await Promise.all([
    import("./functions").then((m) => m.benchFunctions(grid, floorMs, time)),
    import("./cli").then((m) => m.benchCli(grid)),
  ]);
  for (const part of extra) figures.push(...part.figures);
  report(figures);
  for (const part of extra) for (const line of part.notes) console.log(line);
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
