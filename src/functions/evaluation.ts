/**
 * One evaluation of a log for all the formulas of a recalculation (docs/rules.md §9). A sheet holds CST.CREDIT,
 * CST.HOURS for each category and CST.MISSING over the same log; Excel calls each with its own fresh copy
 * of the range, so nothing but the content says that they are the same log. The evaluation is kept with
 * a copy of that content (the seven input columns, flat) and found again by comparing every cell exactly:
 * a few comparisons per cell, where evaluating the log takes the row rules for every row and the
 * allocation. A comparison is never sampled: one changed cell anywhere makes it another log.
 *
 * The key is everything an answer depends on: the log's cells, the profile's cells, the workbook's date
 * system and the as-of date. The allocation is made when a function first asks for it: CST.HOURS needs
 * only the rows.
 */
import {
  type Allocation,
  type CellValue,
  type DateSystem,
  type IsoDate,
  type ProfileCells,
  type Tally,
  LOG_COLUMNS,
  allocateCredits,
  tallyOfCheckedRows,
} from "../core";
import { type LogGrid, readLogGrid, toCellValue } from "./range";
import { type FunctionFailure, isFailure } from "./cellError";
import { forgetRowChecks, rowChecksFor, sameCell, sameValues } from "./rowChecks";

const WIDTH = LOG_COLUMNS.length;

function sameCells(a: readonly CellValue[], b: readonly CellValue[]): boolean {
  if (a.length !== b.length) return false;
  for (let i = 0; i < a.length; i++) if (!sameCell(a[i], b[i])) return false;
  return true;
}

/**
 * A log's input cells as they were when it was evaluated: each row's seven input cells, copied. Its own
 * copy: Excel's arrays are not kept, and a caller that changes an array it passed earlier (a test, say)
 * cannot make it match content it no longer holds. (A copy per row: copying cell by cell into one long
 * array costs several times more.)
 */
export class LogSnapshot {
  private constructor(
    /** Each row's seven input cells. */
    readonly rows: readonly (readonly CellValue[])[],
    private readonly firstIndex: number,
  ) {}

  /** A snapshot of rows already copied (seven cells each), which nothing changes. */
  static ofCopies(rows: readonly (readonly CellValue[])[], firstIndex: number): LogSnapshot {
    return new LogSnapshot(rows, firstIndex);
  }

  /**
   * Whether a range, as Excel passed it (not yet read for shape), holds exactly these cells. One pass,
   * cell by cell: a range that matches is read no further.
   */
  matchesRange(range: readonly unknown[]): boolean {
    const rows = this.rows;
    if (range.length !== rows.length) return false;
    for (let i = 0; i < range.length; i++) {
      const row: unknown = range[i];
      const kept = rows[i] as readonly CellValue[];
      if (!Array.isArray(row) || row.length < WIDTH) return false;
      // Most rows hold the very values kept: the careful loop only past one that differs.
      if (sameValues(row as readonly unknown[], kept)) continue;
      for (let j = 0; j < WIDTH; j++) {
        const value: unknown = row[j];
        const keptValue = kept[j];
        if (value === keptValue) continue;
        // An error value is kept as the core's { excelError }; anything else that differs is another log.
        if (
          typeof value === "object" && value !== null
            ? !sameCell(toCellValue(value), keptValue)
            : !(value !== value && keptValue !== keptValue)
        ) {
          return false;
        }
      }
    }
    return true;
  }

  /** Whether a range, read for shape, holds exactly these cells. */
  matches(read: LogGrid): boolean {
    const { grid } = read;
    const rows = this.rows;
    if (grid.length !== rows.length || read.firstIndex !== this.firstIndex) return false;
    for (let i = 0; i < grid.length; i++) {
      const row = grid[i] as readonly CellValue[];
      const kept = rows[i] as readonly CellValue[];
      for (let j = 0; j < WIDTH; j++) if (!sameCell(row[j], kept[j])) return false;
    }
    return true;
  }

  /** The cells as a log again: to evaluate the same log for another day without Excel's arrays. */
  asLogGrid(): LogGrid {
    return { grid: this.rows, firstIndex: this.firstIndex };
  }
}

/** A log evaluated for one profile, date system and as-of date. */
export interface LogEvaluation {
  /** The log's cells, for evaluating it again (another day) without the range Excel passed. */
  readonly snapshot: LogSnapshot;
  /** What the rows give: hours, profile, validity. */
  readonly tally: Tally;
  /** Credits and the next credit, made on first use. */
  allocation(): Allocation;
}

class Entry implements LogEvaluation {
  private allocated: Allocation | null = null;

  constructor(
    readonly snapshot: LogSnapshot,
    readonly profileCells: ProfileCells,
    readonly dateSystem: DateSystem,
    readonly asOf: IsoDate,
    readonly tally: Tally,
  ) {}

  allocation(): Allocation {
    if (this.allocated === null) {
      this.allocated = allocateCredits(this.tally.ledger, this.tally.profile.profile, { asOf: this.asOf });
    }
    return this.allocated;
  }

  isFor(log: LogGrid | LogSnapshot, profileCells: ProfileCells, dateSystem: DateSystem, asOf: IsoDate): boolean {
    if (!this.hasKey(profileCells, dateSystem, asOf)) return false;
    return log instanceof LogSnapshot ? log === this.snapshot : this.snapshot.matches(log);
  }

  hasKey(profileCells: ProfileCells, dateSystem: DateSystem, asOf: IsoDate): boolean {
    return this.asOf === asOf && this.dateSystem === dateSystem && sameCells(this.profileCells, profileCells);
  }
}

/**
 * Evaluations kept: enough for a workbook whose formulas use a log with and without a profile, or two
 * logs, or an as_of beside today, whatever order Excel calls them in.
 */
const KEPT = 4;
const kept: Entry[] = [];
/** How many times a log's rows were checked and credits allocated: what the sharing saves, for tests. */
/**
 * The evaluation of a log (a range Excel passed, already read for shape, or a snapshot of an earlier
 * one) for a profile, date system and as-of date: the one kept when all of them are the same, else a new one.
 */
export function evaluateLog(log: LogGrid | LogSnapshot, profileCells: ProfileCells, dateSystem: DateSystem, asOf: IsoDate): LogEvaluation {
  for (let i = 0; i < kept.length; i++) {
    const entry = kept[i] as Entry;
    if (entry.isFor(log, profileCells, dateSystem, asOf)) {
      if (i > 0) kept.unshift(...kept.splice(i, 1));
      return entry;
    }
  }
  const read = log instanceof LogSnapshot ? log.asLogGrid() : log;
  // Rows STATUS has already checked (or will check) are checked once for both, and copied once for
  // both: the snapshot keeps the row checks' copy of each row of the log (rowChecks.ts).
  const rows = rowChecksFor(asOf, dateSystem);
  rows.startLog();
  const sums = rows.tallyGrid(read.grid, read.firstIndex);
  const tally = tallyOfCheckedRows({ profileCells, dateSystem }, asOf, sums);
  const snapshot = log instanceof LogSnapshot ? log : LogSnapshot.ofCopies(sums.copies, read.firstIndex);
  const entry = new Entry(snapshot, [...profileCells], dateSystem, asOf, tally);
  kept.unshift(entry);
  if (kept.length > KEPT) kept.pop();
  return entry;
}

/**
 * The evaluation of a range as Excel passed it: the one kept when the range holds exactly its cells (and
 * the profile, date system and as-of date are the same), else the range read for shape and evaluated.
 */
export function evaluateRange(
  range: unknown,
  profileCells: ProfileCells,
  dateSystem: DateSystem,
  asOf: IsoDate,
): LogEvaluation | FunctionFailure {
  if (Array.isArray(range)) {
    for (let i = 0; i < kept.length; i++) {
      const entry = kept[i] as Entry;
      if (entry.hasKey(profileCells, dateSystem, asOf) && entry.snapshot.matchesRange(range)) {
        if (i > 0) kept.unshift(...kept.splice(i, 1));
        return entry;
      }
    }
  }
  const read = readLogGrid(range);
  return isFailure(read) ? read : evaluateLog(read, profileCells, dateSystem, asOf);
}

/** Forgets every kept evaluation and row check: the next formulas start from nothing (tests, and the benchmark's cold runs). */
export function forgetEvaluations(): void {
  kept.length = 0;
  forgetRowChecks();
}
