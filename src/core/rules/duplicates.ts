/**
 * The possible-duplicate rule (docs/rules.md §2.3): a row that repeats an earlier row's date,
 * activity and provider (any case) is warned of, naming the earlier row. Its hours still count.
 */
import type { Activity } from "../catalog";
import { type Finding, type RowWarningCode, finding } from "../findings";
import { DAY_NUMBER_OFFSET } from "../dates";
import { NumberTable } from "../engine/numberTable";
import { ACTIVITY_INDEX, ACTIVITY_SLOTS } from "./activity";

/**
 * Provider names the text cache of `ProviderNumbers` keeps: a real log names a few dozen. Past that, each
 * name is folded again, and a log that names a new provider on each of its 1,048,576 rows keeps one map of
 * names, not two.
 */
const PROVIDER_TEXTS_CACHED = 4_096;

/**
 * A copy of a text that holds on to nothing else. A cell read from a CSV piece is a slice of the piece's
 * text, and keeping it keeps the whole piece: the names of a log with a new provider on each row would
 * keep the whole file. (A slice of a joined text, the short way to copy, is again a slice; JSON.parse
 * makes a text of its own.)
 */
const ownCopy = (text: string): string => JSON.parse(JSON.stringify(text)) as string;

/** Provider names as small numbers, whatever their case (the possible-duplicate check matches them so). */
export class ProviderNumbers {
  private readonly byText = new Map<string, number>();
  private readonly byFolded = new Map<string, number>();

  get count(): number {
    return this.byFolded.size;
  }

  of(provider: string): number {
    let number = this.byText.get(provider);
    if (number === undefined) {
      const folded = provider.toLowerCase();
      number = this.byFolded.get(folded);
      if (number === undefined) {
        number = this.byFolded.size;
        // toLowerCase makes a new text where it changes one, and gives back the same one otherwise.
        this.byFolded.set(folded === provider ? ownCopy(folded) : folded, number);
      }
      if (this.byText.size < PROVIDER_TEXTS_CACHED) this.byText.set(ownCopy(provider), number);
    }
    return number;
  }
}

/**
 * The possible-duplicate key of (date, activity, provider) as one number. Days of years 1 to 9999 shift to
 * 0 … 2^22, the activity index is below 2^4 and provider numbers below 2^27: exact in a double.
 */
export function duplicateKey(day: number, combination: number): number {
  return combination * 4_194_304 + (day + DAY_NUMBER_OFFSET);
}

/**
 * Remembers (date, activity, provider) of the rows seen so far for the possible-duplicate warning, one row
 * at a time (the pane's form checks a would-be row against the log). Keys are numbers built from small
 * indexes: string keys for 100,000 rows cost more than the rest of the row rules. A whole log's check
 * uses `DuplicateCheck`, which finds the same rows.
 */
export class DuplicateIndex {
  private readonly providers = new ProviderNumbers();
  private readonly firstRows: NumberTable;

  /** `rows`: how many rows the log has, if known, so that the index is made once at its size. */
  constructor(rows?: number) {
    this.firstRows = new NumberTable(rows);
  }

  /** The earlier row with the same date, activity and provider; otherwise remembers this row and returns undefined. */
  earlierRow(day: number, activity: Activity, provider: string, row: number): number | undefined {
    const combination = this.providers.of(provider) * ACTIVITY_SLOTS + (ACTIVITY_INDEX.get(activity) ?? ACTIVITY_SLOTS - 1);
    return this.firstRows.getOrSet(duplicateKey(day, combination), row);
  }
}

/** The possible-duplicate warning of a row that repeats an earlier row's date, activity and provider. */
export function duplicateWarning(earlier: number): Finding<"possible-duplicate"> {
  return finding(
    "possible-duplicate",
    null,
    `Same date, activity and provider as row ${earlier}: remove one if the activity was logged twice.`,
    "finding.duplicate",
    { row: earlier },
  );
}

/** A row's warnings with the possible-duplicate warning, which comes last. */
export function withDuplicateWarning(warnings: readonly Finding<RowWarningCode>[], earlier: number): readonly Finding<RowWarningCode>[] {
  return [...warnings, duplicateWarning(earlier)];
}
