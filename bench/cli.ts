/** `verify` on a 100,000-row CSV log, whole processes with startup, against the CSV reader alone (SPEC 9). */
import { spawnSync } from "node:child_process";
import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { excelSerialToIsoDate } from "../src/core";
import { type Grid, toCsv } from "./data";
import { type Figure, median } from "./measure";

function timeProcess(args: string[], runs: number): number {
  const samples: number[] = [];
  for (let i = 0; i < runs + 1; i++) {
    const start = performance.now();
    const result = spawnSync(process.execPath, args, { stdio: ["ignore", "ignore", "pipe"] });
    const elapsed = performance.now() - start;
    if (result.status !== 0 && result.status !== 1) throw new Error(`${args.join(" ")} failed: ${result.stderr.toString()}`);
    if (i > 0) samples.push(elapsed); // the first run warms the file cache
  }
  return median(samples);
}

export async function benchCli(grid: Grid) {
  const folder = mkdtempSync(join(tmpdir(), "cst-bench-"));
  const file = join(folder, "log-100000.csv");
  writeFileSync(
    file,
    toCsv(grid, (serial) => excelSerialToIsoDate(serial, "1900") ?? ""),
  );
  const root = join(__dirname, "..");
  const readerMs = timeProcess([join(root, "lib", "bench-read-csv.cjs"), file], 7);
  const verifyMs = timeProcess([join(root, "lib", "cli.cjs"), "verify", file, "--json", "--as-of", "2024-12-31"], 7);
  const nodeMs = timeProcess(["-e", "0"], 7);
  const figures: Figure[] = [
    { name: "verify on a 100,000-row CSV (process, startup included)", ms: verifyMs, floorMs: readerMs, targetRatio: 2 },
  ];
  return { figures, notes: [`  (floor: the CSV reader alone in its own process; an empty node process takes ${nodeMs.toFixed(0)} ms)`] };
}
