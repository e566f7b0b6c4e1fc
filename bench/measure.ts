/** Timing helpers of the benchmarks. */
import type { Grid } from "./data";

export function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)]!;
}

export function time(runs: number, work: () => unknown): number {
  for (let i = 0; i < 3; i++) work();
  const samples: number[] = [];
  for (let i = 0; i < runs; i++) {
    const start = performance.now();
    work();
    samples.push(performance.now() - start);
  }
  return median(samples);
}

/** Times `work` and the floor in turns, each after a minor garbage collection (see `timeInTurns`): the medians of each. */
export function timeAgainstFloor(grid: Grid, runs: number, work: () => unknown): { ms: number; floorMs: number } {
  return timeInTurns(
    runs,
    () => floorLoop(grid),
    () => undefined,
    () => work(),
  );
}

/** A full garbage collection where node runs with --expose-gc (npm run bench does), so that each timed run starts alike. */
const gc = (globalThis as { gc?: (options?: { type: "minor" | "major" }) => void }).gc;
export const collectGarbage = (): void => gc?.({ type: "minor" });

/**
 * Times `work` and `floor` in turns, each run after its own `prepare` (not timed: what Excel does before
 * calling, such as handing each formula a fresh copy of the range): the medians of each. Both start after
 * a full garbage collection, so that neither pays for collecting what the other, or `prepare`, left.
 */
export function timeInTurns<T>(
  runs: number,
  floor: () => unknown,
  prepare: () => T,
  work: (prepared: T) => unknown,
): { ms: number; floorMs: number } {
  for (let i = 0; i < 3; i++) {
    floor();
    work(prepare());
  }
  const samples: number[] = [];
  const floorSamples: number[] = [];
  for (let i = 0; i < runs; i++) {
    collectGarbage();
    let start = performance.now();
    floor();
    floorSamples.push(performance.now() - start);
    const prepared = prepare();
    collectGarbage();
    start = performance.now();
    work(prepared);
    samples.push(performance.now() - start);
  }
  return { ms: median(samples), floorMs: median(floorSamples) };
}

/** As `timeInTurns`, with the floor's input prepared afresh for each run too (the same kind of input as the work's). */
export function timeInTurnsPrepared<T>(
  runs: number,
  prepare: () => T,
  floor: (prepared: T) => unknown,
  work: (prepared: T) => unknown,
): { ms: number; floorMs: number } {
  for (let i = 0; i < 3; i++) {
    floor(prepare());
    work(prepare());
  }
  const samples: number[] = [];
  const floorSamples: number[] = [];
  for (let i = 0; i < runs; i++) {
    let prepared = prepare();
    collectGarbage();
    let start = performance.now();
    floor(prepared);
    floorSamples.push(performance.now() - start);
    prepared = prepare();
    collectGarbage();
    start = performance.now();
    work(prepared);
    samples.push(performance.now() - start);
  }
  return { ms: median(samples), floorMs: median(floorSamples) };
}

/** The floor (docs/rules.md §9): read every cell once, trim and lower-case each text cell. */
export function floorLoop(grid: Grid): number {
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

export function format(ms: number): string {
  return `${ms.toFixed(1)} ms`;
}

export interface Figure {
  name: string;
  ms: number;
  floorMs: number;
  /** What the floor is, when it is not docs/rules.md §9's bare loop over the same rows. */
  floorName?: string;
  targetRatio: number;
  targetMs?: number;
  /**
   * To profile where the time goes when the target is missed: prepares one run of the measured work (as
   * `timeInTurns` prepares it, outside the profile) and returns it.
   */
  work?: () => () => unknown;
}

/** `work` for a figure whose runs need no preparation. */
export function repeated(once: () => unknown): () => () => unknown {
  return () => once;
}

export function meetsTarget(figure: Figure): boolean {
  return figure.ms / figure.floorMs <= figure.targetRatio && (figure.targetMs === undefined || figure.ms < figure.targetMs);
}

export function printFigures(figures: Figure[]): void {
  for (const figure of figures) {
    const ratio = figure.ms / figure.floorMs;
    const verdict = meetsTarget(figure) ? "meets target" : "MISSES target";
    const msTarget = figure.targetMs === undefined ? "" : `, under ${figure.targetMs} ms`;
    const floor = figure.floorName === undefined ? "floor" : `floor (${figure.floorName})`;
    console.log(
      `${figure.name}: ${format(figure.ms)}  ${floor} ${format(figure.floorMs)}  ratio ${ratio.toFixed(2)}x  (target ≤ ${figure.targetRatio}x${msTarget}: ${verdict})`,
    );
  }
}
