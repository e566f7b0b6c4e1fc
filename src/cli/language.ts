/**
 * The language of the command line's human-readable output (docs/rules.md,
 * "Languages"): `--lang`, else the environment's locale (LC_ALL, LC_MESSAGES,
 * LANG, in POSIX's order), else English. `--json` is never translated.
 */
import {
  type Translator,
  ENGLISH_TRANSLATOR,
  DEFAULT_LANGUAGE,
  environmentLanguage,
  loadMessages,
  pickLanguage,
  translator,
} from "../i18n";

export async function cliTranslator(
  lang: string | undefined,
  environment: Readonly<Record<string, string | undefined>> = process.env,
): Promise<Translator> {
  const requested = lang ?? environmentLanguage(environment);
  if (requested === null) return ENGLISH_TRANSLATOR;
  const tag = pickLanguage([requested]);
  if (tag === DEFAULT_LANGUAGE) return ENGLISH_TRANSLATOR;
  return translator(tag, await loadMessages(tag));
}
