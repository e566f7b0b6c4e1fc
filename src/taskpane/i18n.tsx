/**
 * The pane's language (docs/rules.md, "Languages"): the translator of one
 * language's messages (FormatJS's `@formatjs/intl`, as the command line
 * formats them, src/i18n/translator.ts), the text direction Fluent lays out
 * by, and `useT()` for components. A message id not in the English catalog
 * does not compile (FormatJS's `FormatjsIntl.Message` typing).
 * https://formatjs.github.io/docs/react-intl/api#typing-message-ids-and-locale
 */
import { type ReactNode, createContext, useCallback, useContext, useMemo } from "react";
import {
  type MessageId,
  type MessageValues,
  type Messages,
  type Translator,
  DEFAULT_LANGUAGE,
  ENGLISH,
  ENGLISH_TRANSLATOR,
  type WordedFinding,
  direction,
  findingText,
  loadMessages,
  pickLanguage,
  translator,
} from "../i18n";

declare global {
  // eslint-disable-next-line @typescript-eslint/no-namespace
  namespace FormatjsIntl {
    interface Message {
      ids: MessageId;
    }
  }
}

/** A language ready to show: its tag and its messages (English where it lacks one). */
export interface PaneLanguage {
  readonly tag: string;
  readonly messages: Messages;
}

export const ENGLISH_LANGUAGE: PaneLanguage = { tag: DEFAULT_LANGUAGE, messages: ENGLISH };

/** The messages of the best language for `requested` (most wanted first), loaded; English when none fits or loading fails. */
export async function loadLanguage(requested: readonly string[]): Promise<PaneLanguage> {
  const tag = pickLanguage(requested);
  try {
    return { tag, messages: await loadMessages(tag) };
  } catch {
    return ENGLISH_LANGUAGE;
  }
}

/** Where the web tracker's language menu keeps the choice on this computer. */
export const LANGUAGE_STORAGE_KEY = "cst-mentorship-tracker.language";

function stored(): string | null {
  try {
    return window.localStorage.getItem(LANGUAGE_STORAGE_KEY);
  } catch {
    return null;
  }
}

/** The languages this visit asks for, most wanted first. */
/** The languages a page outside Excel is asked for, most wanted first: `?lang=`, the menu's choice, the browser's. */
export function requestedLanguages(): string[] {
  const chosen = new URLSearchParams(window.location.search).get("lang");
  const remembered = stored();
  return [...(chosen === null ? [] : [chosen]), ...(remembered === null ? [] : [remembered]), ...(navigator.languages ?? [])];
}

const LanguageContext = createContext<PaneLanguage>(ENGLISH_LANGUAGE);
// A component drawn outside any provider (alone, in a test) speaks English.
const TranslatorContext = createContext<Translator>(ENGLISH_TRANSLATOR);

export function LanguageProvider({ language = ENGLISH_LANGUAGE, children }: { language?: PaneLanguage; children: ReactNode }) {
  const words = useMemo(() => translator(language.tag, language.messages), [language]);
  return (
    <LanguageContext.Provider value={language}>
      <TranslatorContext.Provider value={words}>{children}</TranslatorContext.Provider>
    </LanguageContext.Provider>
  );
}

/** The language shown, and its direction for Fluent's `dir`. */
export function usePaneLanguage(): PaneLanguage & { readonly dir: "ltr" | "rtl" } {
  const language = useContext(LanguageContext);
  return { ...language, dir: direction(language.tag) };
}

export type Translate = ((id: MessageId, values?: MessageValues) => string) & {
  /** "a, b and c" as the language joins a list. */
  readonly list: (items: readonly string[]) => string;
  /** "a, b or c" as the language offers a choice. */
  readonly or: (items: readonly string[]) => string;
  /** The locale numbers and dates are written in. */
  readonly locale: string;
  /** Whether the messages are English's own (a finding's text is then the core's message). */
  readonly english: boolean;
};

/** `t(id, values)`: a message of the pane's language as text. */
export function useT(): Translate {
  const words = useContext(TranslatorContext);
  return useMemo(
    () =>
      Object.assign((id: MessageId, values?: MessageValues) => words.t(id, values), {
        list: words.list,
        or: words.or,
        locale: words.locale,
        english: words.english,
      }),
    [words],
  );
}

/** The translator of the pane's language, for what is formatted outside components (the printed submission). */
export function usePaneTranslator(): Translator {
  return useContext(TranslatorContext);
}

/** A finding's message in the pane's language (its words of the catalogs; in English, the core's message). */
export function useFindingText(): (finding: WordedFinding) => string {
  const t = useT();
  return useCallback((finding: WordedFinding) => textOfFinding(t, finding), [t]);
}

/** A finding's message in the language of `t`; an unreadable file's too (its message in English and its words). */
export function textOfFinding(t: Translate, finding: WordedFinding): string {
  return findingText({ t, or: t.or, english: t.english }, finding);
}
