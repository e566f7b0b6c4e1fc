/**
 * The sheet view's words in the page's language (docs/rules.md, "Languages"): the translator of the page
 * that shows the sheet view gives it (`SheetLanguage`, from the preview's and the web tracker's pane
 * language), English outside one. The sheet view sits below the pane (ARCHITECTURE.md), so the page hands
 * it the pane's translator rather than the sheet reading the pane's provider.
 */
import { type ReactNode, createContext, createElement, useCallback, useContext } from "react";
import { type MessageId, type MessageValues, type Translator, ENGLISH_TRANSLATOR } from "../i18n";

export type SheetTranslate = (id: MessageId, values?: MessageValues) => string;

const SheetLanguageContext = createContext<Translator>(ENGLISH_TRANSLATOR);

/** The language the sheet view below speaks and reads typing in. */
export function SheetLanguage({ translator, children }: { translator: Translator; children: ReactNode }) {
  return createElement(SheetLanguageContext.Provider, { value: translator }, children);
}

/**
 * The locale the sheet view reads typed dates and decimals in, and names months in: the page's language
 * (which the web tracker's language menu changes), not the browser's; English outside one, as its words are.
 */
export function useSheetLocale(): string {
  return useContext(SheetLanguageContext).locale;
}

/** `t(id, values)`: a message of the page's language as text. */
export function useSheetT(): SheetTranslate {
  const translator = useContext(SheetLanguageContext);
  return useCallback((id: MessageId, values?: MessageValues) => translator.t(id, values), [translator]);
}
