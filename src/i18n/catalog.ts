/**
 * The message catalogs (docs/rules.md, "Languages"): one ICU MessageFormat file
 * per language in `messages/`, which a translator edits. English is built in;
 * every other language is its own chunk, loaded when asked for, and falls back
 * to English for any message it lacks.
 * https://formatjs.github.io/docs/core-concepts/icu-syntax
 */
import english from "./messages/en.json";
import { DEFAULT_LANGUAGE, type PseudoLanguage, isPseudoLanguage } from "./languages";

/** The English catalog: the source every other catalog translates. */
export const ENGLISH: Readonly<Record<MessageId, string>> = english;

/** A message's id: only the ids of the English catalog compile. */
export type MessageId = keyof typeof english;

export type Messages = Readonly<Record<MessageId, string>>;

/** A language's catalog as its file holds it: any subset of the messages. */
export type CatalogFile = Readonly<Partial<Record<string, string>>>;

/** The catalog of `tag` over English: English for what it lacks; ids English does not have are left out. */
export function withFallback(catalog: CatalogFile): Messages {
  const messages: Record<string, string> = { ...ENGLISH };
  for (const id of Object.keys(ENGLISH)) {
    const text = catalog[id];
    if (typeof text === "string") messages[id] = text;
  }
  return messages as Messages;
}

async function catalogFile(tag: string): Promise<CatalogFile> {
  // One chunk per file of the folder (webpack's context module for an import with an expression).
  const loaded = (await import(/* webpackChunkName: "messages-[request]" */ `./messages/${tag}.json`)) as { default?: CatalogFile };
  return loaded.default ?? (loaded as CatalogFile);
}

async function pseudoCatalog(tag: PseudoLanguage): Promise<Messages> {
  const { pseudoLocalize } = await import(/* webpackChunkName: "pseudo" */ "./pseudo");
  return pseudoLocalize(ENGLISH, tag) as Messages;
}

/** The messages of `tag` (one of LANGUAGES or a pseudo-locale), English where the catalog lacks one. */
export async function loadMessages(tag: string): Promise<Messages> {
  if (tag === DEFAULT_LANGUAGE) return ENGLISH;
  if (isPseudoLanguage(tag)) return pseudoCatalog(tag);
  return withFallback(await catalogFile(tag));
}
