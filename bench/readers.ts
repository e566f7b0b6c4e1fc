/**
 * The figures that chose the workbook reader: each candidate reads the same
 * corpus (bench/corpus.ts), every file in a fresh process, and is judged on
 * what it read (the log's dates, quantities and notes; a refusal for a
 * hostile file), its time and its peak resident memory.
 *
 * Candidates: the strict reader (src/workbook/read-xlsx.ts, zip.js + saxes),
 * exceljs 4.4 with the guards the project had (bench/candidates), exceljs
 * alone, and SheetJS (npm xlsx 0.18.5, the last release on npm).
 */
import { spawnSync } from "node:child_process";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { isDeepStrictEqual } from "node:util";
import { type CorpusFile, buildCorpus } from "./corpus";
import type { Cell } from "./reader-child";

export const CANDIDATES = ["strict", "exceljs-guarded", "exceljs", "sheetjs"] as const;
const TIMEOUT_MS = 60_000;

interface Outcome {
  readonly correct: boolean;
  readonly note: string;
  readonly ms: number | null;
  readonly peakMb: number | null;
}

function runCandidate(candidate: string, file: CorpusFile, child: string): Outcome {
  const result = spawnSync(process.execPath, ["--max-old-space-size=3072", child, candidate, file.file], {
    encoding: "utf8",
    timeout: TIMEOUT_MS,
    env: { ...process.env, TZ: "UTC" },
    maxBuffer: 16 * 1024 * 1024,
  });
  if (result.error !== undefined || result.status !== 0) {
    const how =
      result.signal === "SIGTERM" ? `no answer in ${TIMEOUT_MS / 1000} s` : `crashed (${result.signal ?? `exit ${result.status}`})`;
    return { correct: false, note: how, ms: null, peakMb: null };
  }
  const { results, ms, peakKb } = JSON.parse(result.stdout) as {
    results: { rows?: Cell[][]; rowCount?: number; error?: string }[];
    ms: number;
    peakKb: number;
  };
  const read = results[0] ?? {};
  const figures = { ms, peakMb: peakKb / 1024 };
  const expected = file.expected;
  if (expected === "refuse") {
    return read.error === undefined
      ? { correct: false, note: `read ${read.rowCount} rows`, ...figures }
      : { correct: ms < 10_000 && peakKb < 1024 * 1024, note: "refused", ...figures };
  }
  if (read.error !== undefined) return { correct: false, note: `refused: ${read.error.slice(0, 70)}`, ...figures };
  if ("rowCount" in expected) {
    return { correct: read.rowCount === expected.rowCount, note: `${read.rowCount} rows`, ...figures };
  }
  if (isDeepStrictEqual(read.rows, expected)) return { correct: true, note: "right", ...figures };
  return { correct: false, note: `wrong: ${JSON.stringify(read.rows).slice(0, 70)}`, ...figures };
}

const cellText = (outcome: Outcome): string =>
  `${outcome.correct ? "ok" : "WRONG"} ${outcome.ms === null ? "" : `${outcome.ms.toFixed(0)} ms ${outcome.peakMb?.toFixed(0)} MiB `}(${outcome.note})`;

export async function benchReaders(root: string): Promise<string[]> {
  const folder = mkdtempSync(join(tmpdir(), "cst-readers-"));
  try {
    const { files, missing } = await buildCorpus(join(folder, "corpus"), root);
    const child = join(root, "lib", "bench-reader.cjs");
    const lines = ["Workbook readers on the same corpus (each file in a fresh process: correct?, time, peak resident memory):"];
    const correct = new Map<string, number>(CANDIDATES.map((candidate) => [candidate, 0]));
    for (const file of files) {
      lines.push(`  ${file.kind}`);
      for (const candidate of CANDIDATES) {
        const outcome = runCandidate(candidate, file, child);
        if (outcome.correct) correct.set(candidate, (correct.get(candidate) ?? 0) + 1);
        lines.push(`    ${candidate.padEnd(16)} ${cellText(outcome)}`);
      }
    }
    lines.push(
      `  Right answers out of ${files.length}: ${CANDIDATES.map((candidate) => `${candidate} ${correct.get(candidate)}`).join(", ")}`,
    );
    if (missing.length > 0) lines.push(`  Left out (tool missing): ${[...new Set(missing)].join(", ")}`);
    return lines;
  } finally {
    rmSync(folder, { recursive: true, force: true });
  }
}
