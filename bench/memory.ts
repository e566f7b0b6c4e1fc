/**
 * The memory targets of docs/rules.md §9, from real processes: the peak resident memory
 * GNU time reports for the built command line, with its stdout to a file and
 * into a pipe whose reader sleeps between reads (lib/bench-slow-reader.cjs),
 * each beside its target and its floors (an empty node process; the least a
 * streaming check takes, bench/stream-floor.ts).
 */
import { spawnSync } from "node:child_process";
import { mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { excelSerialToIsoDate } from "../src/core";
import { writeWholeCsv, writeWholeWorkbook } from "../test/support/hostile-files";
import { type Grid, toCsv } from "./data";

const GNU_TIME = "/usr/bin/time";
const MIB = 1024 * 1024;

type Sink = "file" | "slow pipe";

interface Peak {
  readonly seconds: number;
  readonly peakBytes: number;
}

/** One process under GNU time, its stdout to a file or into the slow reader; its time and peak resident memory. */
function runPeak(args: readonly string[], sink: Sink, folder: string, reader: string): Peak {
  const stats = join(folder, "peak.txt");
  const output = join(folder, "stdout.txt");
  const timed = [GNU_TIME, "-f", "%e %M", "-o", stats, process.execPath, ...args];
  const script = sink === "file" ? `"$@" > "${output}"` : `"$@" | "${process.execPath}" "${reader}"`;
  const result = spawnSync("bash", ["-o", "pipefail", "-c", script, "bash", ...timed], { stdio: ["ignore", "ignore", "pipe"] });
  if (result.status !== 0 && result.status !== 1) throw new Error(`${args.join(" ")} failed: ${result.stderr.toString()}`);
  const [seconds, kilobytes] = readFileSync(stats, "utf8").trim().split(/\s+/).slice(-2).map(Number);
  return { seconds: seconds ?? NaN, peakBytes: (kilobytes ?? NaN) * 1024 };
}

/** The largest peak and its time over `runs` runs of each command and sink, taken in turns. */
function peaksInTurns(commands: readonly (readonly string[])[], runs: number, folder: string, reader: string): Map<string, Peak> {
  const peaks = new Map<string, Peak>();
  for (let round = 0; round < runs; round++) {
    for (const args of commands) {
      for (const sink of ["file", "slow pipe"] as const) {
        const key = `${args.join(" ")}|${sink}`;
        const peak = runPeak(args, sink, folder, reader);
        const worst = peaks.get(key);
        if (worst === undefined || peak.peakBytes > worst.peakBytes) peaks.set(key, peak);
      }
    }
  }
  return peaks;
}

const mib = (bytes: number): string => `${(bytes / MIB).toFixed(0)} MiB`;

export function benchMemory(grid: Grid): { notes: string[] } {
  const notes: string[] = [];
  if (spawnSync(GNU_TIME, ["-f", "%M", "true"], { stdio: "ignore" }).status !== 0) {
    return { notes: ["memory targets need GNU time (Debian package time): not measured"] };
  }
  const folder = mkdtempSync(join(tmpdir(), "cst-bench-memory-"));
  const root = join(__dirname, "..");
  const cli = join(root, "lib", "cli.cjs");
  const reader = join(root, "lib", "bench-slow-reader.cjs");
  try {
    const csv = join(folder, "million.csv");
    const workbook = join(folder, "million.xlsx");
    const log = join(folder, "log-100000.csv");
    writeWholeCsv(csv);
    writeWholeWorkbook(workbook);
    writeFileSync(
      log,
      toCsv(grid, (serial) => excelSerialToIsoDate(serial, "1900") ?? ""),
    );
    const asOf = ["--as-of", "2024-12-31"];
    const targets = [
      { name: "verify --json of a 1,048,576-row CSV log", args: [cli, "verify", csv, "--json", ...asOf], file: csv, mib: 256, seconds: 10 },
      { name: "verify of the same CSV log (the report as text)", args: [cli, "verify", csv, ...asOf], file: csv, mib: 256, seconds: 10 },
      { name: "verify --json of a 1,048,576-row workbook", args: [cli, "verify", workbook, "--json", ...asOf], file: workbook, mib: 512 },
      {
        name: "export of a 100,000-row CSV log",
        args: [cli, "export", log, join(folder, "export.xlsx"), "--name", "Bench Mentee", ...asOf],
        file: log,
        mib: 512,
      },
    ];
    const empty = ["-e", "0"];
    const floor = [join(root, "lib", "bench-stream-floor.cjs"), csv];
    const peaks = peaksInTurns([empty, floor, ...targets.map((target) => target.args)], 2, folder, reader);
    const emptyPeak = peaks.get(`${empty.join(" ")}|file`) as Peak;
    const floorPeak = peaks.get(`${floor.join(" ")}|file`) as Peak;
    const floorPipe = peaks.get(`${floor.join(" ")}|slow pipe`) as Peak;
    notes.push(
      `memory (peak resident, GNU time, the larger of 2 runs each; stdout to a file / into a reader that sleeps 10 ms per 64 KiB):`,
      `  floors: an empty node process ${mib(emptyPeak.peakBytes)}; the least a streaming check of the 1,048,576-row CSV takes (bench/stream-floor.ts) ${mib(floorPeak.peakBytes)} / ${mib(floorPipe.peakBytes)}`,
    );
    for (const target of targets) {
      const toFile = peaks.get(`${target.args.join(" ")}|file`) as Peak;
      const toPipe = peaks.get(`${target.args.join(" ")}|slow pipe`) as Peak;
      const worst = Math.max(toFile.peakBytes, toPipe.peakBytes);
      const meets = worst <= target.mib * MIB && (target.seconds === undefined || toFile.seconds <= target.seconds);
      notes.push(
        `  ${target.name} (${mib(statSync(target.file).size)}): ${mib(toFile.peakBytes)} in ${toFile.seconds.toFixed(1)} s / ${mib(toPipe.peakBytes)} in ${toPipe.seconds.toFixed(1)} s  (target ≤ ${target.mib} MiB${target.seconds === undefined ? "" : ` and ${target.seconds} s`}: ${meets ? "meets target" : "MISSES target"})`,
      );
    }
    return { notes };
  } finally {
    rmSync(folder, { recursive: true, force: true });
  }
}
