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

/** Times `work` and the floor in turns: the medians of each. */
export function timeAgainstFloor(grid: Grid, runs: number, work: () => unknown): { ms: number; floorMs: number } {
  for (let i = 0; i < 3; i++) {
    work();
    floorLoop(grid);
  }
  const samples: number[] = [];
  const floorSamples: number[] = [];
  for (let i = 0; i < runs; i++) {
    let start = performance.now();
    floorLoop(grid);
    floorSamples.push(performance.now() - start);
    start = performance.now();
    work();
    samples.push(performance.now() - start);
  }
  return { ms: median(samples), floorMs: median(floorSamples) };
}

/** The floor (SPEC 9): read every cell once, trim and lower-case each text cell. */
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
  targetRatio: number;
  targetMs?: number;
}

export function printFigures(figures: Figure[]): void {
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
