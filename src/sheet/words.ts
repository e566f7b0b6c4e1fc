/**
 * The sheet view's words in the page's language (docs/rules.md, "Languages"): the messages of the language
 * the pane's provider (react-intl's) gives, English outside any provider. The sheet view sits below the
 * pane (ARCHITECTURE.md), so it reads the provider itself rather than through the pane's `useT`.
 */
import { useCallback, useContext } from "react";
import { IntlContext, createIntl } from "react-intl";
import { type MessageId, type MessageValues, DEFAULT_LANGUAGE, ENGLISH } from "../i18n";

export type SheetTranslate = (id: MessageId, values?: MessageValues) => string;

const ENGLISH_INTL = createIntl({ locale: DEFAULT_LANGUAGE, defaultLocale: DEFAULT_LANGUAGE, messages: ENGLISH });

/**
 * The locale the sheet view reads typed dates and decimals in, and names months in: the page's language
 * (the provider's, which the web tracker's language menu changes), not the browser's; English outside any
 * provider, as its words are.
 */
export function useSheetLocale(): string {
  return (useContext(IntlContext) ?? ENGLISH_INTL).locale;
}

/** `t(id, values)`: a message of the page's language as text. */
export function useSheetT(): SheetTranslate {
  const intl = useContext(IntlContext) ?? ENGLISH_INTL;
  return useCallback(
    (id: MessageId, values?: MessageValues) =>
      intl.formatMessage({ id, defaultMessage: ENGLISH[id] }, values as Record<string, string | number | Date>),
    [intl],
  );
}
