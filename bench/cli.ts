/**
 * The command line's figures of docs/rules.md §9, whole processes with startup:
 * `verify` on a 100,000-row CSV log against the CSV reader alone (time, and
 * memory against the file's size), and `verify` on a folder of 1,000
 * exported submissions against exceljs alone loading the same files.
 */
import { spawnSync } from "node:child_process";
import { mkdirSync, mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { excelSerialToIsoDate } from "../src/core";
import { CSV_PIECE_BYTES } from "../src/workbook/limits";
import { exportedSubmission } from "./corpus";
import { type Grid, toCsv } from "./data";
import { type Figure, median } from "./measure";

const GNU_TIME = "/usr/bin/time";
const hasGnuTime = spawnSync(GNU_TIME, ["-f", "%M", "true"], { stdio: "ignore" }).status === 0;

/** One run of a node process: its time, and its peak resident memory when GNU time is there. */
function runProcess(args: readonly string[], folder: string): { ms: number; peakKb: number | null } {
  const stats = join(folder, "time.txt");
  const command = hasGnuTime ? GNU_TIME : process.execPath;
  const fullArgs = hasGnuTime ? ["-f", "%M", "-o", stats, process.execPath, ...args] : [...args];
  const start = performance.now();
  const result = spawnSync(command, fullArgs, { stdio: ["ignore", "ignore", "pipe"], maxBuffer: 64 * 1024 * 1024 });
  const ms = performance.now() - start;
  if (result.status !== 0 && result.status !== 1) throw new Error(`${args.join(" ")} failed: ${result.stderr.toString()}`);
  return { ms, peakKb: hasGnuTime ? Number(readFileSync(stats, "utf8").trim().split(/\s+/).pop()) : null };
}

/** Medians of each process's time and peak memory, the processes run in turns (the first round warms the file cache). */
function inTurns(commands: readonly (readonly string[])[], runs: number, folder: string): { ms: number; peakKb: number | null }[] {
  const samples = commands.map(() => ({ ms: [] as number[], peakKb: [] as number[] }));
  for (let round = 0; round <= runs; round++) {
    commands.forEach((args, index) => {
      const { ms, peakKb } = runProcess(args, folder);
      if (round === 0) return;
      samples[index]?.ms.push(ms);
      if (peakKb !== null) samples[index]?.peakKb.push(peakKb);
    });
  }
  return samples.map((sample) => ({ ms: median(sample.ms), peakKb: sample.peakKb.length > 0 ? median(sample.peakKb) : null }));
}

interface Measured {
  readonly ms: number;
  readonly peakKb: number | null;
}

const mib = (kilobytes: number): string => `${(kilobytes / 1024).toFixed(0)} MiB`;

export async function benchCli(grid: Grid) {
  const folder = mkdtempSync(join(tmpdir(), "cst-bench-"));
  const root = join(__dirname, "..");
  const cli = join(root, "lib", "cli.cjs");
  const notes: string[] = [];
  const figures: Figure[] = [];
  try {
    const file = join(folder, "log-100000.csv");
    writeFileSync(
      file,
      toCsv(grid, (serial) => excelSerialToIsoDate(serial, "1900") ?? ""),
    );
    const headerOnly = join(folder, "header-only.csv");
    writeFileSync(headerOnly, "Date,Activity,Format,Provider,Credential,Quantity,Notes\n");
    const [reader, verify, bare, loaded, streamFloor] = inTurns(
      [
        [join(root, "lib", "bench-read-csv.cjs"), file],
        [cli, "verify", file, "--json", "--as-of", "2024-12-31"],
        ["-e", "0"],
        [cli, "verify", headerOnly, "--json", "--as-of", "2024-12-31"],
        [join(root, "lib", "bench-stream-floor.cjs"), file],
      ],
      7,
      folder,
    ) as [Measured, Measured, Measured, Measured, Measured];
    figures.push({ name: "verify on a 100,000-row CSV (process, startup included)", ms: verify.ms, floorMs: reader.ms, targetRatio: 2 });
    notes.push(`  (floor: the CSV reader alone in its own process; an empty node process takes ${bare.ms.toFixed(0)} ms)`);
    const size = statSync(file).size;
    if (verify.peakKb !== null && reader.peakKb !== null && bare.peakKb !== null && loaded.peakKb !== null && streamFloor.peakKb !== null) {
      const above = (kilobytes: number) => (kilobytes - (bare.peakKb as number)) * 1024;
      const ratio = above(verify.peakKb) / size;
      notes.push(
        `memory of verify --json on the 100,000-row CSV (${(size / 1024 / 1024).toFixed(1)} MiB): peak ${mib(verify.peakKb)}, ${mib(above(verify.peakKb) / 1024)} above an empty node process (${mib(bare.peakKb)}): ${ratio.toFixed(1)}x the file size (for comparison with earlier runs: docs/rules.md §9 now sets 256 MiB for a 1,048,576-row CSV, below); the CSV reader alone: ${(above(reader.peakKb) / size).toFixed(1)}x`,
      );
      notes.push(
        `  above verify on a CSV of its header alone (${mib(loaded.peakKb)}: the program loaded, no rows), the rows take ${mib(verify.peakKb - loaded.peakKb)}: ${(((verify.peakKb - loaded.peakKb) * 1024) / size).toFixed(1)}x the file size`,
      );
      notes.push(
        `  the least a process takes to check its argument with zod, read that file ${CSV_PIECE_BYTES / 1024} KiB at a time as verify does, split each line, hash it and write a line per row, keeping no row (bench/stream-floor.ts): peak ${mib(streamFloor.peakKb)}, ${(above(streamFloor.peakKb) / size).toFixed(1)}x the file size above an empty node process`,
      );
    } else notes.push("memory figures need GNU time (Debian package time): not measured");

    const batch = join(folder, "submissions");
    mkdirSync(batch);
    const files: string[] = [];
    for (let i = 0; i < 1000; i++) {
      const path = join(batch, `submission-${String(i).padStart(4, "0")}.xlsx`);
      writeFileSync(path, await exportedSubmission(30 + ((i * 37) % 271), 1000 + i));
      files.push(path);
    }
    const [exceljs, verifyBatch] = inTurns(
      [
        [join(root, "lib", "bench-reader.cjs"), "exceljs-load", ...files],
        [cli, "verify", batch, "--json"],
      ],
      3,
      folder,
    ) as [Measured, Measured];
    figures.push({
      name: "verify on a folder of 1,000 exported submissions, 30 to 300 rows (process)",
      ms: verifyBatch.ms,
      floorMs: exceljs.ms,
      targetRatio: 1.2,
    });
    notes.push("  (floor: exceljs alone loading the same 1,000 files in one process)");
    return { figures, notes };
  } finally {
    rmSync(folder, { recursive: true, force: true });
  }
}
