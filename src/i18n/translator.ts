/**
 * Formatting messages outside React (the command line, the functions'
 * runtime, the printed submission) with FormatJS's `@formatjs/intl`, and the
 * React-free helpers every surface shares.
 * https://formatjs.github.io/docs/intl
 */
import { type IntlShape, createIntl, createIntlCache } from "@formatjs/intl";
import { type MessageId, type Messages, ENGLISH } from "./catalog";
import { DEFAULT_LANGUAGE } from "./languages";

/** A value a message's placeholder takes. */
export type MessageValue = string | number | Date | null | undefined;
export type MessageValues = Readonly<Record<string, MessageValue>>;

/** Formats messages of one language: `t("cli.credits", { count: 2 })`. */
export interface Translator {
  readonly language: string;
  readonly t: (id: MessageId, values?: MessageValues) => string;
  /** "a, b and c" as the language joins a list (Intl.ListFormat). */
  readonly list: (items: readonly string[]) => string;
  readonly intl: IntlShape<string>;
}

const cache = createIntlCache();

/**
 * The list style of English stays the product's: "a, b and c", as British
 * English writes it; other languages their own.
 * https://developer.mozilla.org/docs/Web/JavaScript/Reference/Global_Objects/Intl/ListFormat
 */
export function listFormatLocale(language: string): string {
  return language === DEFAULT_LANGUAGE || language.startsWith("en-") ? "en-GB" : language;
}

export function translator(language: string = DEFAULT_LANGUAGE, messages: Messages = ENGLISH): Translator {
  // en-XA and ar-XB are formatted as English: they are English text in another shape.
  const locale = language.endsWith("-XA") || language.endsWith("-XB") ? DEFAULT_LANGUAGE : language;
  const intl = createIntl({ locale, defaultLocale: DEFAULT_LANGUAGE, messages }, cache);
  const lists = new Intl.ListFormat(listFormatLocale(locale), { type: "conjunction" });
  return {
    language,
    intl,
    t: (id, values) => intl.formatMessage({ id, defaultMessage: ENGLISH[id] }, values as Record<string, string | number | Date>),
    list: (items) => lists.format(items),
  };
}

/** English, for what runs before a language is known. */
export const ENGLISH_TRANSLATOR: Translator = translator();

let runtime: Translator = ENGLISH_TRANSLATOR;

/**
 * The language of the shared runtime (the pane, the custom functions and the
 * ribbon run in one page in Excel): English until the pane has loaded Office's
 * display language, then that one.
 */
export function runtimeTranslator(): Translator {
  return runtime;
}

export function setRuntimeTranslator(next: Translator): void {
  runtime = next;
}
