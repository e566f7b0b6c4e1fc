/**
 * The web tracker's language (docs/rules.md, "Languages"): the browser's
 * languages (`navigator.languages`) unless the person chose one in the menu,
 * which this computer remembers (localStorage). `?lang=TAG` in the address
 * chooses one for this visit (the pseudo-locales en-XA and ar-XB too).
 */
import { Select } from "@fluentui/react-components";
import { type ReactNode, createContext, useCallback, useContext, useId, useState } from "react";
import { LANGUAGES, languageName } from "../i18n";
import {
  type PaneLanguage,
  ENGLISH_LANGUAGE,
  LANGUAGE_STORAGE_KEY,
  LanguageProvider,
  loadLanguage,
  usePaneLanguage,
  useT,
} from "../taskpane/i18n";

const ChooseLanguage = createContext<(tag: string) => void>(() => undefined);

/** The tracker's language and the way to change it; `initial` is loaded before the first paint (index.tsx). */
export function TrackerLanguage({ initial = ENGLISH_LANGUAGE, children }: { initial?: PaneLanguage; children: ReactNode }) {
  const [language, setLanguage] = useState(initial);
  const choose = useCallback((tag: string) => {
    try {
      window.localStorage.setItem(LANGUAGE_STORAGE_KEY, tag);
    } catch {
      // Storage may be off (a private window): the choice lasts this visit.
    }
    void loadLanguage([tag]).then(setLanguage);
  }, []);
  return (
    <ChooseLanguage.Provider value={choose}>
      <LanguageProvider language={language}>{children}</LanguageProvider>
    </ChooseLanguage.Provider>
  );
}

/** The language menu: every language with a catalog, each in its own name. */
export function LanguageMenu({ languages = LANGUAGES }: { languages?: readonly string[] }) {
  const t = useT();
  const { tag } = usePaneLanguage();
  const choose = useContext(ChooseLanguage);
  const id = useId();
  return (
    <Select
      id={id}
      size="small"
      aria-label={t("tracker.language")}
      value={languages.includes(tag) ? tag : ""}
      onChange={(_, data) => choose(data.value)}
      data-testid="language-menu"
    >
      {!languages.includes(tag) && <option value="">{tag}</option>}
      {languages.map((language) => (
        <option key={language} value={language} lang={language}>
          {languageName(language)}
        </option>
      ))}
    </Select>
  );
}
