/**
 * The pages format the catalogs as the build compiles them (syntax trees,
 * scripts/messages-loader.cjs, with no parser in the page); the command line
 * and jest parse the same catalogs' text when they format. Both must give
 * the same text: every message of every catalog, with values that take each
 * branch of its plurals and selects, and the pseudo-locales as they were made
 * before, from English printed back to text and parsed again.
 */
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { type MessageFormatElement, TYPE, parse } from "@formatjs/icu-messageformat-parser";
import { printAST } from "@formatjs/icu-messageformat-parser/printer";
import { createIntl } from "@formatjs/intl";
import { LANGUAGES, type MessageId, type Messages, PSEUDO_LANGUAGES, type PseudoLanguage, translator } from "../../src/i18n";
import { pseudoLocalize } from "../../src/i18n/pseudo";

// eslint-disable-next-line @typescript-eslint/no-require-imports -- the build's own loader, CommonJS
const { compileCatalog } = require("../../scripts/messages-loader.cjs") as {
  compileCatalog: (catalog: Record<string, string>) => Record<string, MessageFormatElement[]>;
};

const MESSAGES = join(__dirname, "../../src/i18n/messages");
const catalogText = (tag: string) => JSON.parse(readFileSync(join(MESSAGES, `${tag}.json`), "utf8")) as Record<string, string>;
const ENGLISH_TEXT = catalogText("en");

type Values = Record<string, string | number | Date>;

/** Each placeholder of a message, with the values that take each of its branches. */
function placeholderValues(elements: readonly MessageFormatElement[], into = new Map<string, (string | number | Date)[]>()) {
  const add = (name: string, values: (string | number | Date)[]) => into.set(name, [...new Set([...(into.get(name) ?? []), ...values])]);
  for (const element of elements) {
    switch (element.type) {
      case TYPE.argument:
        add(element.value, ["Tomasz Reyes"]);
        break;
      case TYPE.number:
        add(element.value, [0, 1, 2.5, 1234.5]);
        break;
      case TYPE.date:
      case TYPE.time:
        add(element.value, [new Date(Date.UTC(2024, 0, 10, 12))]);
        break;
      case TYPE.plural:
        add(element.value, [0, 1, 2, 3, 4, 5, 11, 12, 21, 22, 23, 101, 1.5]);
        for (const option of Object.values(element.options)) placeholderValues(option.value, into);
        break;
      case TYPE.select:
        add(element.value, Object.keys(element.options));
        for (const option of Object.values(element.options)) placeholderValues(option.value, into);
        break;
      case TYPE.tag:
        placeholderValues(element.children, into);
        break;
      default:
        break;
    }
  }
  return into;
}

/** Value sets for a message that, between them, give each placeholder each of its values; none for a message without any. */
function valueSets(text: string): (Values | undefined)[] {
  const placeholders = [...placeholderValues(parse(text))];
  if (placeholders.length === 0) return [undefined, {}];
  const rounds = Math.max(...placeholders.map(([, values]) => values.length));
  return Array.from({ length: rounds }, (_, round) =>
    Object.fromEntries(placeholders.map(([name, values], index) => [name, values[(round + index) % values.length]!])),
  );
}

/** Every message of `text` formatted with each of its value sets, in `locale`, from `messages` (text or trees); a formatting error fails. */
function formatted(
  locale: string,
  messages: Record<string, string> | Record<string, MessageFormatElement[]>,
  text: Record<string, string>,
) {
  const intl = createIntl({
    locale,
    defaultLocale: "en",
    messages,
    onError: (error) => {
      throw error;
    },
  });
  return Object.keys(text).flatMap((id) =>
    valueSets(ENGLISH_TEXT[id] ?? text[id]!).map((values) => intl.formatMessage({ id: id as MessageId }, values)),
  );
}

test.each(LANGUAGES)("the %s catalog gives the same text compiled as parsed when formatted", (tag) => {
  const text = catalogText(tag);
  const compiled = compileCatalog(text);
  const fromText = formatted(tag, text, text);
  expect(fromText.length).toBeGreaterThan(Object.keys(text).length);
  expect(formatted(tag, compiled, text)).toEqual(fromText);
  // And as the pages format them: the translator, which gives a message of text alone without making a formatter.
  const words = translator(tag, compiled as Messages);
  const errors = jest.spyOn(console, "error");
  expect(
    Object.keys(text).flatMap((id) => valueSets(ENGLISH_TEXT[id] ?? text[id]!).map((values) => words.t(id as MessageId, values))),
  ).toEqual(fromText);
  expect(errors).not.toHaveBeenCalled();
  errors.mockRestore();
});

/**
 * The pseudo-locales as src/i18n/pseudo.ts made them from English's text before the build compiled the
 * catalogs: each message parsed, its words accented, printed back to ICU text and padded, in brackets.
 */
function pseudoAsText(tag: PseudoLanguage): Record<string, string> {
  const accented: Record<string, string> = Object.fromEntries(
    [..."abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ"].map((letter, index) => [
      letter,
      [..."àƀçđéƒĝĥíĵķĺɱñöþǫŕšţûṽŵẋýžÅßÇĐÉƑĜĤÎĴĶĹṀÑÖÞǪŔŠŢÛṼŴẊÝŽ"][index]!,
    ]),
  );
  const PADDING = "ĥéļļö ŵöŕļđ ţéẋţ ŝţŕéţçĥéđ ļöñĝéŕ ";
  const padding = (length: number) => {
    const count = Math.max(1, Math.round(length * 0.4));
    return PADDING.repeat(Math.ceil(count / PADDING.length))
      .slice(0, count)
      .trim();
  };
  const literalLength = (elements: readonly MessageFormatElement[]): number =>
    elements.reduce((length, element) => {
      if (element.type === TYPE.literal) return length + element.value.length;
      if (element.type === TYPE.plural || element.type === TYPE.select)
        return length + Math.max(0, ...Object.values(element.options).map((option) => literalLength(option.value)));
      if (element.type === TYPE.tag) return length + literalLength(element.children);
      return length;
    }, 0);
  const mapLiterals = (elements: MessageFormatElement[]): MessageFormatElement[] =>
    elements.map((element) => {
      if (element.type === TYPE.literal)
        return { ...element, value: [...element.value].map((letter) => accented[letter] ?? letter).join("") };
      if (element.type === TYPE.plural || element.type === TYPE.select) {
        const options = Object.fromEntries(
          Object.entries(element.options).map(([key, option]) => [key, { ...option, value: mapLiterals(option.value) }]),
        );
        return { ...element, options };
      }
      if (element.type === TYPE.tag) return { ...element, children: mapLiterals(element.children) };
      return element;
    });
  return Object.fromEntries(
    Object.entries(ENGLISH_TEXT).map(([id, text]) => {
      const ast = parse(text);
      const printed = `[${printAST(mapLiterals(ast))} ${padding(literalLength(ast))}]`;
      return [id, tag === "ar-XB" ? `\u200f${printed}\u200f` : printed];
    }),
  );
}

test.each(PSEUDO_LANGUAGES)("%s gives the same text made from compiled English as from English's text", (tag) => {
  const fromText = formatted("en", pseudoAsText(tag), ENGLISH_TEXT);
  expect(formatted("en", pseudoLocalize(compileCatalog(ENGLISH_TEXT), tag), ENGLISH_TEXT)).toEqual(fromText);
  expect(formatted("en", pseudoLocalize(ENGLISH_TEXT, tag), ENGLISH_TEXT)).toEqual(fromText);
  expect(fromText[0]).toMatch(/^\u200f?\[.+\]\u200f?$/u);
});
