/**
 * A finding in the user's language (docs/rules.md §11). The core gives each finding its message in
 * English, which the JSON, the cells and every reader keep, and its words: a message id of the catalogs
 * and the values it names. This formats the words; English is the message as it is. A file that cannot be
 * read (src/workbook/errors.ts) carries words the same way, some of whose values are words themselves.
 */
import { type MessageId, isMessageId } from "./catalog";
import type { MessageValue, Translator } from "./translator";

/** A message of the catalogs and the values it names: a value may be the words of another message, formatted first. */
export interface Words {
  readonly id: string;
  readonly values?: Readonly<Record<string, string | number | readonly string[] | Words>>;
}

/**
 * What this needs of a finding (src/core/findings.ts's `Finding`, not imported: the catalogs stand apart from
 * the core), or of a file that cannot be read (`UnreadableFileError`): its English message and its words.
 */
export interface WordedFinding {
  readonly message: string;
  readonly words?: Words;
}

const isWords = (value: unknown): value is Words => typeof value === "object" && value !== null && !Array.isArray(value) && "id" in value;

/**
 * What formats a finding's words: a language's messages, its way of joining alternatives, and whether it is
 * English (a finding's text is then its message as the core wrote it). A translator is one; so is the pane's `t`.
 */
export type FindingWording = Pick<Translator, "t" | "or" | "english">;

/**
 * The finding's words formatted in a language: an activity's code becomes its name in the catalog
 * (`activity.<code>`), a Profile field's key (`field`, `…Field`) its label (`profileField.<key>`), a list of alternatives is joined as the language joins them ("current or 2014").
 * Null when the finding has no words the catalogs know.
 */
export function formatFindingWords(wording: FindingWording, finding: WordedFinding): string | null {
  return finding.words === undefined ? null : formatWords(wording, finding.words);
}

/** Words formatted in a language, those of their values first (as `formatFindingWords`); null when the catalogs lack an id. */
export function formatWords(wording: FindingWording, words: Words): string | null {
  if (!isMessageId(words.id)) return null;
  const values: Record<string, MessageValue> = {};
  for (const [name, value] of Object.entries(words.values ?? {})) {
    if (isWords(value)) {
      const text = formatWords(wording, value);
      if (text === null) return null;
      values[name] = text;
    } else if (Array.isArray(value)) {
      values[name] = wording.or(value as readonly string[]);
    } else if (name === "activity" && typeof value === "string" && isMessageId(`activity.${value}`)) {
      values[name] = wording.t(`activity.${value}` as MessageId);
    } else if ((name === "field" || name.endsWith("Field")) && typeof value === "string" && isMessageId(`profileField.${value}`)) {
      values[name] = wording.t(`profileField.${value}` as MessageId);
    } else values[name] = value as string | number;
  }
  return wording.t(words.id, values);
}

/** A finding's message (or an unreadable file's) in the wording's language; in English, and wherever the catalogs lack it, the message as it was written. */
export function findingText(wording: FindingWording, finding: WordedFinding): string {
  if (wording.english) return finding.message;
  return formatFindingWords(wording, finding) ?? finding.message;
}
