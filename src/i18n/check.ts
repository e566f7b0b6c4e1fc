/**
 * What keeps a catalog usable (docs/rules.md, "Languages"): every message of
 * English present, each one valid ICU MessageFormat with the same placeholders
 * (and of the same kinds) as English's, and the program's terms as the glossary
 * fixes them. The jest suite runs these on every file of `messages/`.
 */
import { type MessageFormatElement, TYPE, parse } from "@formatjs/icu-messageformat-parser";
import type { Message } from "./catalog";

export interface CatalogProblem {
  readonly id: string;
  readonly problem: "missing" | "extra" | "invalid" | "placeholders" | "glossary";
  readonly detail: string;
}

const KIND: Partial<Record<TYPE, string>> = {
  [TYPE.argument]: "text",
  [TYPE.number]: "number",
  [TYPE.date]: "date",
  [TYPE.time]: "time",
  [TYPE.select]: "select",
  [TYPE.plural]: "plural",
  [TYPE.tag]: "tag",
};

/**
 * The placeholders of a message: "count", "name", and tags as "<b>". Only the
 * names must match English's: a language may write a number English
 * pluralises or ordinalises as a plain number ("{credit}. Credit").
 */
export function placeholders(elements: readonly MessageFormatElement[], into = new Set<string>()): Set<string> {
  for (const element of elements) {
    const kind = KIND[element.type];
    if (kind !== undefined && "value" in element && typeof element.value === "string")
      into.add(kind === "tag" ? `<${element.value}>` : element.value);
    if (element.type === TYPE.plural || element.type === TYPE.select) {
      for (const option of Object.values(element.options)) placeholders(option.value, into);
    }
    if (element.type === TYPE.tag) placeholders(element.children, into);
  }
  return into;
}

function parsed(text: Message): MessageFormatElement[] | string {
  if (typeof text !== "string") return text;
  try {
    return parse(text, { requiresOtherClause: true });
  } catch (error) {
    return error instanceof Error ? error.message : String(error);
  }
}

/** What is wrong with `catalog` against the source catalog (English): nothing when it is empty. */
export function catalogProblems(source: Readonly<Record<string, Message>>, catalog: Readonly<Record<string, unknown>>): CatalogProblem[] {
  const problems: CatalogProblem[] = [];
  for (const [id, english] of Object.entries(source)) {
    const text = catalog[id];
    if (typeof text !== "string") {
      problems.push({ id, problem: "missing", detail: `no message ${id}` });
      continue;
    }
    const ast = parsed(text);
    if (typeof ast === "string") {
      problems.push({ id, problem: "invalid", detail: ast });
      continue;
    }
    const englishAst = parsed(english);
    if (typeof englishAst === "string") continue;
    const want = [...placeholders(englishAst)].sort().join(", ");
    const have = [...placeholders(ast)].sort().join(", ");
    if (want !== have) problems.push({ id, problem: "placeholders", detail: `has {${have}}, English has {${want}}` });
  }
  for (const id of Object.keys(catalog)) {
    if (!(id in source)) problems.push({ id, problem: "extra", detail: `English has no message ${id}` });
  }
  return problems;
}

/** The words of a message, its placeholders' names and the functions' names (`CST.CREDIT`, the same in every language) left out. */
function literalText(message: Message): string {
  const ast = parsed(message);
  // Not a message the parser reads: its text as it is.
  if (typeof ast === "string") return message as string;
  const words: string[] = [];
  const walk = (elements: readonly MessageFormatElement[]) => {
    for (const element of elements) {
      if (element.type === TYPE.literal) words.push(element.value);
      else if (element.type === TYPE.plural || element.type === TYPE.select)
        for (const option of Object.values(element.options)) walk(option.value);
      else if (element.type === TYPE.tag) walk(element.children);
    }
  };
  walk(ast);
  return words.join(" ").replace(/\bCST\.[A-Z]+\b/g, "");
}

/** A term of the glossary: how English writes it (a regular expression), and the words each language must use for it. */
export interface GlossaryTerm {
  readonly english: string;
  readonly [language: string]: string | readonly string[];
}

/**
 * Messages that use a term in English whose translation does not use the
 * glossary's word for it (any of the forms it lists, ignoring case). A message
 * the catalog leaves to English is not checked.
 */
export function glossaryProblems(
  source: Readonly<Record<string, Message>>,
  catalog: Readonly<Record<string, unknown>>,
  language: string,
  glossary: Readonly<Record<string, GlossaryTerm>>,
): CatalogProblem[] {
  const problems: CatalogProblem[] = [];
  for (const [term, entry] of Object.entries(glossary)) {
    const forms = entry[language];
    if (forms === undefined) continue;
    const accepted = (typeof forms === "string" ? [forms] : forms).map((form) => form.toLowerCase());
    const pattern = new RegExp(entry.english, "i");
    for (const [id, english] of Object.entries(source)) {
      const text = catalog[id];
      if (typeof text !== "string" || !pattern.test(literalText(english))) continue;
      if (!accepted.some((form) => literalText(text).toLowerCase().includes(form))) {
        problems.push({ id, problem: "glossary", detail: `"${term}" is ${accepted.join(" or ")} in ${language}: ${text}` });
      }
    }
  }
  return problems;
}
