/**
 * Which languages the product speaks and which one a person gets (docs/rules.md,
 * "Languages"). A language is offered by its catalog alone: the build lists the
 * files of `messages/` (scripts/languages.cjs) into `process.env.CST_LANGUAGES`,
 * so adding `messages/<tag>.json` is all it takes.
 */
import { match } from "@formatjs/intl-localematcher";

/** The built-in language, and the fallback for any message a catalog lacks. */
export const DEFAULT_LANGUAGE = "en";

/**
 * Pseudo-locales for testing the layout, never offered in the menu: `en-XA`
 * (every message accented and about 40% longer) and `ar-XB` (the same, right to
 * left), after the tags Android and Chromium use for theirs.
 */
export const PSEUDO_LANGUAGES = ["en-XA", "ar-XB"] as const;
export type PseudoLanguage = (typeof PSEUDO_LANGUAGES)[number];

function listed(): readonly string[] {
  const text = process.env.CST_LANGUAGES;
  const tags: unknown = text === undefined || text === "" ? [DEFAULT_LANGUAGE] : JSON.parse(text);
  return Array.isArray(tags) ? tags.filter((tag): tag is string => typeof tag === "string") : [DEFAULT_LANGUAGE];
}

/** The languages with a catalog, English first. */
export const LANGUAGES: readonly string[] = [
  DEFAULT_LANGUAGE,
  ...listed()
    .filter((tag) => tag !== DEFAULT_LANGUAGE)
    .sort(),
];

export function isPseudoLanguage(tag: string): tag is PseudoLanguage {
  return (PSEUDO_LANGUAGES as readonly string[]).includes(tag);
}

/**
 * The best of `available` for a person who asks for `requested` in order of
 * preference (BCP 47 tags, as `navigator.languages` or Office give them), by
 * ECMA-402's lookup with likely subtags: "de-DE" gets "de", "pt-PT" gets
 * "pt-BR" while there is no "pt-PT" catalog; English when none fits.
 * https://tc39.es/ecma402/#sec-bestavailablelocale
 */
export function pickLanguage(requested: readonly string[], available: readonly string[] = LANGUAGES): string {
  const valid = requested.flatMap((tag) => {
    try {
      return [Intl.getCanonicalLocales(tag)[0] as string];
    } catch {
      return [];
    }
  });
  if (valid.length === 0) return DEFAULT_LANGUAGE;
  return match(valid, [...available, ...PSEUDO_LANGUAGES], DEFAULT_LANGUAGE, { algorithm: "best fit" });
}

/** The scripts written right to left (Unicode's CLDR characterOrder), by the languages that use them. */
const RIGHT_TO_LEFT = new Set(["ar", "he", "fa", "ur", "ps", "yi", "dv", "ckb", "sd", "ug"]);

export function direction(tag: string): "ltr" | "rtl" {
  const base = tag.split("-")[0]?.toLowerCase() ?? "";
  return RIGHT_TO_LEFT.has(base) ? "rtl" : "ltr";
}

/** A language's own name for itself: "Deutsch", "日本語", "português (Brasil)". */
export function languageName(tag: string): string {
  try {
    return new Intl.DisplayNames([tag], { type: "language" }).of(tag) ?? tag;
  } catch {
    return tag;
  }
}

/**
 * A POSIX locale (`LC_ALL`, `LC_MESSAGES`, `LANG`: "de_DE.UTF-8", "pt_BR",
 * "C") as a BCP 47 tag, or null for the C and POSIX locales and what is not a
 * locale. https://pubs.opengroup.org/onlinepubs/9699919799/basedefs/V1_chap08.html
 */
export function posixLocaleTag(value: string | undefined): string | null {
  if (value === undefined) return null;
  const name = value.split(/[.@]/)[0] ?? "";
  if (name === "" || name === "C" || name === "POSIX") return null;
  try {
    return Intl.getCanonicalLocales(name.replace(/_/g, "-"))[0] ?? null;
  } catch {
    return null;
  }
}

/** The language the environment asks for: the first of LC_ALL, LC_MESSAGES and LANG that is set (POSIX's order). */
export function environmentLanguage(environment: Readonly<Record<string, string | undefined>>): string | null {
  for (const name of ["LC_ALL", "LC_MESSAGES", "LANG"]) {
    const value = environment[name];
    if (value !== undefined && value !== "") return posixLocaleTag(value);
  }
  return null;
}
