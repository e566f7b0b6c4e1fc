/**
 * Hours per category in a language's words, for the command line, the printed submission and the pane:
 * "A 6 h, B 6 h and C 12 h", "A 6 Std., B 6 Std. und C 12 Std.". Hours come in the caller's unit (the
 * core's millihours), and each surface's `number` writes them its own way.
 */
import type { MessageId } from "./catalog";
import { DEFAULT_LANGUAGE } from "./languages";
import type { MessageValues, Translator } from "./translator";

/** What formats the words: a language's messages and how it joins a list. */
export interface HoursWording {
  readonly t: (id: MessageId, values?: MessageValues) => string;
  readonly list: (items: readonly string[]) => string;
  /** An amount of hours, in the caller's unit, as the surface writes it in hours. */
  readonly number: (amount: number) => string;
}

/** A number as a translator's language writes it; English plainly, as the command line always wrote it ("1234.5"). */
export function numberIn(tr: Translator, value: number): string {
  return tr.language === DEFAULT_LANGUAGE ? String(value) : tr.intl.formatNumber(value);
}

/** The words of hours in a translator's language, numbers as `numberIn` writes them; `toHours` turns the caller's unit into hours. */
export function translatorHoursWording(tr: Translator, toHours: (amount: number) => number): HoursWording {
  return { t: tr.t, list: tr.list, number: (amount) => numberIn(tr, toHours(amount)) };
}

/** "A 6 h, B 6 h and C 12 h": the hours of each of `categories`. */
export function categoryHoursWords(wording: HoursWording, hours: Readonly<Record<string, number>>, categories: readonly string[]): string {
  return wording.list(
    categories.map((category) => wording.t("words.categoryHours", { category, hours: wording.number(hours[category] ?? 0) })),
  );
}

/**
 * What a credit still needs in the categories it takes (`categories`): "A 4.5 h and C 6.5 h (11 h in all)",
 * or "11 h in any of A, B and C" when no category still needs a minimum.
 */
export function missingHoursWords(
  wording: HoursWording,
  missing: Readonly<Record<string, number>> & { readonly total: number },
  categories: readonly string[],
): string {
  const needed = categories.filter((category) => (missing[category] ?? 0) > 0);
  if (needed.length === 0)
    return wording.t("cli.missingAny", { hours: wording.number(missing.total), categories: wording.list(categories) });
  const named = needed.reduce((sum, category) => sum + (missing[category] ?? 0), 0);
  const total = named === missing.total ? "none" : wording.number(missing.total);
  return wording.t("cli.missing", { parts: categoryHoursWords(wording, missing, needed), total });
}
