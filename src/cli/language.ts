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
import { isLanguageTag } from "./args";

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

/**
 * The `--lang` of arguments not parsed yet, read leniently so that the help and
 * the arguments' own mistakes speak the user's language: a well-formed tag after
 * `--lang` (or in `--lang=TAG`), else none (the locale's, or English). Beside
 * `--json`, what stderr says stays English (docs/rules.md, "Languages").
 */
export function argumentsLanguage(argv: readonly string[]): { readonly lang: string | undefined; readonly english: boolean } {
  let lang: string | undefined;
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i] as string;
    if (arg === "--") break;
    if (arg === "--json") return { lang: undefined, english: true };
    const value = arg === "--lang" ? argv[i + 1] : arg.startsWith("--lang=") ? arg.slice("--lang=".length) : undefined;
    if (value !== undefined && lang === undefined && isLanguageTag(value)) lang = value;
  }
  return { lang, english: false };
}

/** The translator for the help and the arguments' mistakes, before the arguments are parsed. */
export async function argumentsTranslator(
  argv: readonly string[],
  environment: Readonly<Record<string, string | undefined>> = process.env,
): Promise<Translator> {
  const { lang, english } = argumentsLanguage(argv);
  return english ? ENGLISH_TRANSLATOR : cliTranslator(lang, environment);
}
