/**
 * One evaluation of a log for all the formulas of a recalculation (SPEC 9). A sheet holds CST.CREDIT,
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
  tallyLog,
} from "../core";
import type { LogGrid } from "./range";

const WIDTH = LOG_COLUMNS.length;

/** The same cell value: the same primitive (`Object.is`), or the same error, date or formula. */
function sameCell(a: CellValue, b: CellValue): boolean {
  if (Object.is(a, b)) return true;
  if (typeof a !== "object" || typeof b !== "object" || a === null || b === null) return false;
  if ("excelError" in a) return "excelError" in b && a.excelError === b.excelError;
  if ("isoDate" in a) return "isoDate" in b && a.isoDate === b.isoDate;
  return "formula" in a && "formula" in b && a.formula === b.formula;
}

function sameCells(a: readonly CellValue[], b: readonly CellValue[]): boolean {
  if (a.length !== b.length) return false;
  for (let i = 0; i < a.length; i++) if (!sameCell(a[i], b[i])) return false;
  return true;
}

/**
 * A log's input cells as they were when it was evaluated. Its own copy: Excel's arrays are not kept, and
 * a caller that changes an array it passed earlier (a test, say) cannot make it match content it no
 * longer holds.
 */
export class LogSnapshot {
  private rows: LogGrid | null = null;

  private constructor(
    private readonly cells: readonly CellValue[],
    private readonly rowCount: number,
    private readonly firstIndex: number,
  ) {}

  static of(read: LogGrid): LogSnapshot {
    const { grid } = read;
    const cells = new Array<CellValue>(grid.length * WIDTH);
    let k = 0;
    for (let i = 0; i < grid.length; i++) {
      const row = grid[i] as readonly CellValue[];
      for (let j = 0; j < WIDTH; j++) cells[k++] = row[j];
    }
    return new LogSnapshot(cells, grid.length, read.firstIndex);
  }

  /** Whether a range Excel passed holds exactly these cells. */
  matches(read: LogGrid): boolean {
    const { grid } = read;
    if (grid.length !== this.rowCount || read.firstIndex !== this.firstIndex) return false;
    const cells = this.cells;
    let k = 0;
    for (let i = 0; i < grid.length; i++) {
      const row = grid[i] as readonly CellValue[];
      for (let j = 0; j < WIDTH; j++) if (!sameCell(row[j], cells[k++])) return false;
    }
    return true;
  }

  /** The cells as rows again: to evaluate the same log for another day without Excel's arrays. */
  asLogGrid(): LogGrid {
    if (this.rows === null) {
      const grid: CellValue[][] = [];
      for (let i = 0; i < this.rowCount; i++) grid.push(this.cells.slice(i * WIDTH, (i + 1) * WIDTH));
      this.rows = { grid, firstIndex: this.firstIndex };
    }
    return this.rows;
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
      counts.allocations++;
      this.allocated = allocateCredits(this.tally.ledger, this.tally.profile.profile, { asOf: this.asOf });
    }
    return this.allocated;
  }

  isFor(log: LogGrid | LogSnapshot, profileCells: ProfileCells, dateSystem: DateSystem, asOf: IsoDate): boolean {
    if (this.asOf !== asOf || this.dateSystem !== dateSystem || !sameCells(this.profileCells, profileCells)) return false;
    return log instanceof LogSnapshot ? log === this.snapshot : this.snapshot.matches(log);
  }
}

/**
 * Evaluations kept: enough for a workbook whose formulas use a log with and without a profile, or two
 * logs, or an as_of beside today, whatever order Excel calls them in.
 */
const KEPT = 4;
const kept: Entry[] = [];
/** How many times a log's rows were checked and credits allocated: what the sharing saves, for tests. */
const counts = { tallies: 0, allocations: 0 };

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
  const snapshot = log instanceof LogSnapshot ? log : LogSnapshot.of(log);
  const read = log instanceof LogSnapshot ? log.asLogGrid() : log;
  counts.tallies++;
  const tally = tallyLog({ grid: read.grid, firstIndex: read.firstIndex, rowNumberOffset: 1, profileCells, dateSystem }, { asOf });
  const entry = new Entry(snapshot, [...profileCells], dateSystem, asOf, tally);
  kept.unshift(entry);
  if (kept.length > KEPT) kept.pop();
  return entry;
}

/** Forgets every kept evaluation (tests, and the benchmark's cold runs). */
export function forgetEvaluations(): void {
  kept.length = 0;
}

/** How many evaluations (the rows' tallies, the allocations) were made since the last call; for tests. */
export function takeEvaluationCounts(): { tallies: number; allocations: number } {
  const taken = { ...counts };
  counts.tallies = 0;
  counts.allocations = 0;
  return taken;
}
