/**
 * The results of checking log rows, kept by the rows' content, for one as-of date and date system. In
 * one recalculation Excel calls CST.STATUS once per row and evaluates the whole log once for CREDIT,
 * HOURS and MISSING (evaluation.ts): the same rows, checked by the same rules. Whichever comes first
 * checks a row; the other finds its result here by comparing the row's seven input cells exactly, which
 * costs a fraction of checking it again. A row's result depends only on its cells, the as-of date and
 * the date system (no profile, no other row: the duplicate check is the report's, not the functions').
 *
 * Kept by content, never by position, so an edited row is simply another row: nothing here can go
 * stale. What is kept per row is what the functions read (category, day, hours, and the errors of a row
 * that has some), in typed arrays: keeping an object per row would cost more in garbage collection than
 * it saves. The store starts afresh when it holds more rows than any log can (Excel's 1,048,576), so
 * that a long session of edits does not grow it without end.
 */
import {
  type CellValue,
  type Category,
  type DateSystem,
  type Finding,
  type IsoDate,
  type Millihours,
  type RowSums,
  type RowErrorCode,
  type RowOptions,
  CATEGORIES,
  EXCEL_LAST_ROW,
  LOG_COLUMNS,
  NO_DAY,
  codedFindingsLine,
  HoursLedger,
  isEmptyRow,
} from "../core";
import { checkRowInto, newRowResult } from "../core/engine";

const WIDTH = LOG_COLUMNS.length;
const FIRST_SIZE = 1 << 12;

/**
 * The same cell value: the same primitive, or the same error, date or formula. (0 and -0 count as the
 * same: every rule reads them alike, and Excel does not tell them apart.)
 */
export function sameCell(a: CellValue, b: CellValue): boolean {
  if (a === b) return true;
  if (typeof a !== "object" || typeof b !== "object" || a === null || b === null) return a !== a && b !== b;
  if ("excelError" in a) return "excelError" in b && a.excelError === b.excelError;
  if ("isoDate" in a) return "isoDate" in b && a.isoDate === b.isoDate;
  return "formula" in a && "formula" in b && a.formula === b.formula;
}

/**
 * Whether two rows hold the very same seven input values (`===`): the first look of every comparison of a
 * row, which most rows pass; a row that fails it is compared cell by cell (`sameCell`).
 */
export function sameValues(a: readonly unknown[], b: readonly unknown[]): boolean {
  return a[0] === b[0] && a[1] === b[1] && a[2] === b[2] && a[3] === b[3] && a[4] === b[4] && a[5] === b[5] && a[6] === b[6];
}

/** A row's seven input cells, copied. */
export function copyOfRow(row: readonly CellValue[]): CellValue[] {
  return row.length === WIDTH ? row.slice() : row.slice(0, WIDTH);
}

/** A cheap hash of a cell: numbers by value, text by length and end characters (rows of equal hash are compared anyway). */
function cellHash(value: CellValue): number {
  if (typeof value === "number") return (value * 4099) | 0;
  if (typeof value === "string") {
    const length = value.length;
    return length === 0 ? 1 : length * 31 + value.charCodeAt(0) * 7 + value.charCodeAt(length - 1);
  }
  if (value === null || value === undefined) return 0;
  return typeof value === "boolean" ? (value ? 2 : 3) : 5;
}

/**
 * A row's hash, from its date, activity, provider and quantity: they tell rows apart but for the rare
 * duplicate, and rows of equal hash are compared cell by cell.
 */
function rowHash(cells: readonly CellValue[]): number {
  let hash = Math.imul(cellHash(cells[0]) ^ Math.imul(cellHash(cells[5]), 0x85ebca6b), 0x9e3779b1);
  hash = Math.imul(hash ^ cellHash(cells[1]) ^ Math.imul(cellHash(cells[3]), 0xc2b2ae35), 0x9e3779b1);
  return hash ^ (hash >>> 15);
}

/** A category as kept per row: its index in CATEGORIES plus one, 0 for none. */
function categoryNumber(category: Category | null): number {
  return category === "A" ? 1 : category === "B" ? 2 : category === "C" ? 3 : 0;
}

function grown<T extends Int32Array | Int8Array>(array: T, make: (length: number) => T): T {
  const larger = make(array.length * 2);
  larger.set(array);
  return larger;
}

export class RowChecks {
  readonly options: RowOptions;
  private count = 0;
  /** Rows before this one are in the hash chains; the evaluation's rows are added to them only once STATUS needs them. */
  private indexed = 0;
  /** Whether CST.STATUS has asked: only then is a row looked up before it is checked. */
  private looked = false;
  /**
   * Whether every row since the store was cleared was STATUS's, each after the last one kept and not
   * the first (the STATUS column called in order, before any evaluation of the log): such a row is checked
   * and kept without a lookup by hash. A row that repeats an earlier one is then checked once more, which
   * changes no answer. Any other lookup, or a row kept by the evaluation, ends it.
   */
  private appending = true;
  /**
   * The row a lookup tries first: the one after the row found or kept last. Excel calls the STATUS
   * column in row order, and a log's evaluation reads its rows in order: after one of them has kept
   * the rows, the other finds each at this guess, compared cell by cell, without hashing any row.
   */
  private guess = 0;
  /** By the hash's top bits: the first row with it, plus one (0: none). Twice as many as rows can be kept. */
  private heads = new Int32Array(FIRST_SIZE * 2);
  private shift = 32 - Math.log2(FIRST_SIZE * 2);
  private hashes = new Int32Array(FIRST_SIZE);
  /** Per row: the next row in its chain, plus one. */
  private next = new Int32Array(FIRST_SIZE);
  /** Per row: its seven cells, in a copy that nothing changes (a log's snapshot keeps the same copy). */
  private kept: (readonly CellValue[])[] = [];
  /** Per row: index in CATEGORIES plus one (0: none), day (NO_DAY: none), credited hours. */
  private categories = new Int8Array(FIRST_SIZE);
  private days = new Int32Array(FIRST_SIZE);
  private hours = new Int32Array(FIRST_SIZE);
  /** Per row: 1 when it has errors. */
  private flawed = new Int8Array(FIRST_SIZE);
  /** The errors of the rows that have some, and the STATUS line of those asked for. */
  private readonly errors = new Map<number, readonly Finding<RowErrorCode>[]>();
  private readonly lines = new Map<number, string>();
  /** Each row's check is written here, then kept in the arrays above. */
  private readonly checked = newRowResult();

  constructor(asOf: IsoDate, dateSystem: DateSystem) {
    this.options = { asOf, dateSystem };
  }

  /**
   * A log's evaluation is about to check its rows. Rows no STATUS asked for are not worth keeping once
   * the log is evaluated again (after an edit): without STATUS, the store holds one log's rows.
   */
  startLog(): void {
    if (!this.looked) this.clear();
    this.guess = 0;
  }

  /**
   * A log's rows added up, as the core's `tallyLog` adds them (`tallyOfCheckedRows`): each row found
   * here, or checked and kept, in one pass. Row i of the grid is row number i + 1; rows before
   * `firstIndex` (a header) and blank rows are not rows of the log. Also each row's copy for the log's
   * snapshot: the copy kept here of the rows it checks (one copy for both), a copy of its own of the others.
   */
  tallyGrid(grid: readonly (readonly CellValue[])[], firstIndex: number): RowSums & { readonly copies: (readonly CellValue[])[] } {
    const copies: (readonly CellValue[])[] = [];
    const ledger = new HoursLedger();
    // Three sums in locals, and each row's result read from the arrays: this runs for every row.
    let hoursA: Millihours = 0;
    let hoursB: Millihours = 0;
    let hoursC: Millihours = 0;
    let rowCount = 0;
    let rowsWithErrors = 0;
    for (let i = 0; i < grid.length; i++) {
      const cells = grid[i] as readonly CellValue[];
      if (i < firstIndex || isEmptyRow(cells)) {
        copies.push(copyOfRow(cells));
        continue;
      }
      const index = this.rowOf(cells, i + 1);
      copies.push(this.kept[index] as readonly CellValue[]);
      rowCount++;
      if (this.flawed[index] === 1) {
        rowsWithErrors++;
        continue;
      }
      const category = this.categories[index] as number;
      const day = this.days[index] as number;
      if (category === 0 || day === NO_DAY) continue;
      const hours = this.hours[index] as number;
      if (category === 1) hoursA += hours;
      else if (category === 2) hoursB += hours;
      else hoursC += hours;
      ledger.add(CATEGORIES[category - 1] as Category, day, hours);
    }
    return { hours: { A: hoursA, B: hoursB, C: hoursC }, ledger, rowCount, rowsWithErrors, copies };
  }

  /**
   * The index of a log's row, for the log's evaluation. Once STATUS has asked, the row is looked for
   * first; before, it is checked and kept without hashing, and hashed only if STATUS comes to need it.
   */
  private rowOf(cells: readonly CellValue[], rowNumber: number): number {
    let index: number;
    if (this.looked) index = this.lookUp(cells, rowNumber);
    else {
      // The evaluation fills the store: STATUS, called in whatever order, then looks its rows up.
      this.appending = false;
      index = this.add(cells, rowNumber, copyOfRow(cells), null);
    }
    this.guess = index + 1;
    return index;
  }

  /** CST.STATUS's answer for a row that is not empty: OK, or its errors with their codes. */
  status(cells: readonly CellValue[]): string {
    const index = this.indexForStatus(cells);
    this.lastStatus = index;
    return this.statusOf(index);
  }

  /** The row `status` answered for last. */
  private lastStatus = -1;

  /** The day of the row `status` answered for last (its check's `day`), or null. */
  lastStatusDay(): number | null {
    const day = this.lastStatus < 0 ? NO_DAY : (this.days[this.lastStatus] as number);
    return day === NO_DAY ? null : day;
  }

  /** The index of a row STATUS asks about: found, or checked and kept. */
  private indexForStatus(cells: readonly CellValue[]): number {
    this.looked = true;
    let index: number;
    if (this.guess < this.count) index = this.lookUp(cells, 1);
    // After the last row kept, the column starts again at the first; or, while the store is filled in
    // order, it goes on.
    else if (this.count > 0 && this.holds(0, cells)) index = 0;
    else if (this.appending) index = this.add(cells, 1, copyOfRow(cells), null);
    else index = this.lookUp(cells, 1);
    this.guess = index + 1;
    return index;
  }

  private statusOf(index: number): string {
    if (this.flawed[index] === 0) return "OK";
    let line = this.lines.get(index);
    if (line === undefined) {
      line = codedFindingsLine(this.errors.get(index) as readonly Finding<RowErrorCode>[]);
      this.lines.set(index, line);
    }
    return line;
  }

  /** The row kept with these cells: the guess if it holds them, else by hash; checked and kept if none. */
  private lookUp(cells: readonly CellValue[], rowNumber: number): number {
    this.appending = false;
    if (this.guess < this.count && this.holds(this.guess, cells)) return this.guess;
    this.indexAll();
    const hash = rowHash(cells);
    const index = this.find(cells, hash);
    return index >= 0 ? index : this.add(cells, rowNumber, copyOfRow(cells), hash);
  }

  private find(cells: readonly CellValue[], hash: number): number {
    for (let index = (this.heads[hash >>> this.shift] as number) - 1; index >= 0; index = (this.next[index] as number) - 1) {
      if (this.hashes[index] === hash && this.holds(index, cells)) return index;
    }
    return -1;
  }

  private holds(index: number, cells: readonly CellValue[]): boolean {
    const kept = this.kept[index] as readonly CellValue[];
    // A row found is most often the very values kept.
    if (sameValues(kept, cells)) return true;
    for (let j = 0; j < WIDTH; j++) if (!sameCell(kept[j], cells[j])) return false;
    return true;
  }

  /** Checks a row and keeps the result; in the hash chains when its hash is given (then every row before it is too). */
  private add(cells: readonly CellValue[], rowNumber: number, kept: readonly CellValue[], hash: number | null): number {
    const result = this.checked;
    checkRowInto(result, cells, rowNumber, this.options);
    if (this.count >= EXCEL_LAST_ROW) this.clear();
    if (this.count === this.hashes.length) this.grow();
    const index = this.count++;
    this.kept.push(kept);
    this.categories[index] = categoryNumber(result.category);
    this.days[index] = result.day ?? NO_DAY;
    this.hours[index] = result.hours;
    this.flawed[index] = result.errors.length > 0 ? 1 : 0;
    if (result.errors.length > 0) this.errors.set(index, result.errors);
    if (hash !== null && this.indexed === index) {
      this.link(index, hash);
      this.indexed++;
    }
    return index;
  }

  private link(index: number, hash: number): void {
    this.hashes[index] = hash;
    const slot = hash >>> this.shift;
    this.next[index] = this.heads[slot] as number;
    this.heads[slot] = index + 1;
  }

  /** Puts the rows kept without hashing into the hash chains. */
  private indexAll(): void {
    while (this.indexed < this.count) {
      const index = this.indexed++;
      this.link(index, rowHash(this.kept[index] as readonly CellValue[]));
    }
  }

  private grow(): void {
    const int32 = (length: number) => new Int32Array(length);
    this.hashes = grown(this.hashes, int32);
    this.next = grown(this.next, int32);
    this.days = grown(this.days, int32);
    this.hours = grown(this.hours, int32);
    this.categories = grown(this.categories, (length) => new Int8Array(length));
    this.flawed = grown(this.flawed, (length) => new Int8Array(length));
    // Twice as many chains (at most one row per two chains), each rebuilt.
    this.heads = new Int32Array(this.heads.length * 2);
    this.shift--;
    for (let index = 0; index < this.indexed; index++) {
      const slot = (this.hashes[index] as number) >>> this.shift;
      this.next[index] = this.heads[slot] as number;
      this.heads[slot] = index + 1;
    }
  }

  private clear(): void {
    this.lastStatus = -1;
    this.appending = true;
    this.count = 0;
    this.guess = 0;
    this.indexed = 0;
    this.heads = new Int32Array(FIRST_SIZE * 2);
    this.shift = 32 - Math.log2(FIRST_SIZE * 2);
    this.hashes = new Int32Array(FIRST_SIZE);
    this.next = new Int32Array(FIRST_SIZE);
    this.kept = [];
    this.categories = new Int8Array(FIRST_SIZE);
    this.flawed = new Int8Array(FIRST_SIZE);
    this.days = new Int32Array(FIRST_SIZE);
    this.hours = new Int32Array(FIRST_SIZE);
    this.errors.clear();
    this.lines.clear();
  }
}

/** The row checks kept: today's and, for a while, another as-of date's (a formula with as_of, or yesterday's). */
const KEPT = 2;
const kept: RowChecks[] = [];

/** The row checks of an as-of date and date system: the ones kept, or new ones. */
export function rowChecksFor(asOf: IsoDate, dateSystem: DateSystem): RowChecks {
  for (let i = 0; i < kept.length; i++) {
    const checks = kept[i] as RowChecks;
    if (checks.options.asOf === asOf && checks.options.dateSystem === dateSystem) {
      if (i > 0) kept.unshift(...kept.splice(i, 1));
      return checks;
    }
  }
  const checks = new RowChecks(asOf, dateSystem);
  kept.unshift(checks);
  if (kept.length > KEPT) kept.pop();
  return checks;
}

/** Forgets every kept row check (tests, and the benchmark's cold runs). */
export function forgetRowChecks(): void {
  kept.length = 0;
}
