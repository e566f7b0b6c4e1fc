/**
 * The help page in a person's language (docs/rules.md, "Languages"): one file
 * per language in src/help, `help.html` in English and `help.<tag>.html` in
 * each other language that has one. The build lists the folder's pages
 * (scripts/languages.cjs) into `process.env.CST_HELP_LANGUAGES`, so adding
 * `help.<tag>.html` is all it takes for the pane, the ribbon and the web
 * tracker to link to it.
 */
import { DEFAULT_LANGUAGE, pickLanguage } from "./languages";

function listed(): readonly string[] {
  const text = process.env.CST_HELP_LANGUAGES;
  const tags: unknown = text === undefined || text === "" ? [DEFAULT_LANGUAGE] : JSON.parse(text);
  return Array.isArray(tags) ? tags.filter((tag): tag is string => typeof tag === "string") : [DEFAULT_LANGUAGE];
}

/** The languages with a help page, English among them. */
export const HELP_LANGUAGES: readonly string[] = [...new Set([DEFAULT_LANGUAGE, ...listed()])];

/** A language's help file: `help.html` for English, `help.de.html` for German (scripts/languages.cjs says the same). */
export function helpFile(tag: string): string {
  return tag === DEFAULT_LANGUAGE ? "help.html" : `help.${tag}.html`;
}

/**
 * The address, relative to the add-in's pages, of the help (at `section`, an
 * id every language's page has) for a person who reads `language`: that
 * language's page, matched as the pane's language is (`de-CH` reads `de`,
 * `pt-PT` reads `pt-BR`); English for a language without one, and for the
 * pseudo-locales.
 */
export function helpPage(language: string, section?: string, available: readonly string[] = HELP_LANGUAGES): string {
  const picked = pickLanguage([language], available);
  const tag = available.includes(picked) ? picked : DEFAULT_LANGUAGE;
  return section === undefined ? helpFile(tag) : `${helpFile(tag)}#${section}`;
}
