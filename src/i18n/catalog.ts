/**
 * The message catalogs (docs/rules.md, "Languages"): one ICU MessageFormat file
 * per language in `messages/`, which a translator edits. English is built in;
 * every other language is its own chunk, loaded when asked for, and falls back
 * to English for any message it lacks.
 *
 * The pages' build compiles each catalog's messages into syntax trees
 * (scripts/messages-loader.cjs), which FormatJS formats without a parser;
 * the command line and jest read them as text and parse them when formatted.
 * Code here takes a message in either form and never reads its text.
 * https://formatjs.github.io/docs/core-concepts/icu-syntax
 */
import type { MessageFormatElement } from "@formatjs/icu-messageformat-parser";
import english from "./messages/en.json";
import { DEFAULT_LANGUAGE, type PseudoLanguage, isPseudoLanguage } from "./languages";

/** A message: ICU MessageFormat text, or its syntax tree as the pages' build compiles it. */
export type Message = string | MessageFormatElement[];

/** A message's id: only the ids of the English catalog compile. */
export type MessageId = keyof typeof english;

/** A language's messages: all text, or all syntax trees (as FormatJS takes them). */
export type Messages = Readonly<Record<MessageId, string>> | Readonly<Record<MessageId, MessageFormatElement[]>>;

/** The English catalog: the source every other catalog translates. */
export const ENGLISH: Messages = english as Messages;

/** Whether the catalogs have a message of this id (English has every one). */
export const isMessageId = (id: string): id is MessageId => Object.hasOwn(ENGLISH, id);

/** A language's catalog as its file holds it (or as the build compiled it): any subset of the messages. */
export type CatalogFile = Readonly<Partial<Record<string, Message>>>;

/** The catalog of `tag` over English: English for what it lacks; ids English does not have are left out. */
export function withFallback(catalog: CatalogFile): Messages {
  const messages: Record<string, Message> = { ...ENGLISH };
  for (const id of Object.keys(ENGLISH)) {
    const message = catalog[id];
    if (typeof message === "string" || Array.isArray(message)) messages[id] = message;
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
