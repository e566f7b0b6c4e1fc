/**
 * Formatting messages with FormatJS's `@formatjs/intl`: the command line, the
 * functions' runtime, the printed submission, and the pane and the web tracker
 * (src/taskpane/i18n.tsx gives their components the translator of their
 * language). https://formatjs.github.io/docs/intl
 */
import { type IntlShape, createIntl, createIntlCache } from "@formatjs/intl";
import { TYPE } from "@formatjs/icu-messageformat-parser";
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
  /** "a, b or c" as the language offers a choice. */
  readonly or: (items: readonly string[]) => string;
  /** The locale numbers, dates and plurals follow: the pseudo-locales are English in another shape. */
  readonly locale: string;
  /** The messages are English's own (a finding's text is then its English message as it is). */
  readonly english: boolean;
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

/**
 * The translator of `language`. Its formatters are made when first needed: making FormatJS's
 * formatter has the browser load its number formats (about 10 ms in Chromium), which a pane's
 * first paint (its heading, tabs and "Reading the workbook…": text alone) does without.
 */
export function translator(language: string = DEFAULT_LANGUAGE, messages: Messages = ENGLISH): Translator {
  // en-XA and ar-XB are formatted as English: they are English text in another shape.
  const locale = language.endsWith("-XA") || language.endsWith("-XB") ? DEFAULT_LANGUAGE : language;
  let intl: IntlShape<string> | null = null;
  let and: Intl.ListFormat | null = null;
  let or: Intl.ListFormat | null = null;
  const formatter = () => (intl ??= createIntl({ locale, defaultLocale: DEFAULT_LANGUAGE, messages }, cache));
  return {
    language,
    locale,
    english: messages === ENGLISH,
    get intl() {
      return formatter();
    },
    t: (id, values) => {
      const message = Object.hasOwn(messages, id) ? messages[id] : undefined;
      // A compiled message of text alone is that text: FormatJS's own first step, taken before making its formatter.
      if (Array.isArray(message) && message.length === 1 && message[0]?.type === TYPE.literal) return message[0].value;
      return formatter().formatMessage({ id, defaultMessage: ENGLISH[id] }, values as Record<string, string | number | Date>);
    },
    list: (items) => (and ??= new Intl.ListFormat(listFormatLocale(locale), { type: "conjunction" })).format(items),
    or: (items) => (or ??= new Intl.ListFormat(listFormatLocale(locale), { type: "disjunction" })).format(items),
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
