/**
 * Pseudo-locales (docs/rules.md, "Languages"): English made about 40% longer
 * and accented, to show text that a longer language would clip, and the same
 * right to left. Only the text is changed: placeholders, plural and select
 * keys stay, so every message formats as English does. They are made from
 * English's syntax trees, as the pages' build compiles them (nothing to parse
 * in the page), or parsed from its text (the command line, jest).
 */
import { type LiteralElement, type MessageFormatElement, TYPE, parse } from "@formatjs/icu-messageformat-parser";
import type { Message } from "./catalog";
import type { PseudoLanguage } from "./languages";

const ACCENTED: Readonly<Record<string, string>> = Object.fromEntries(
  [..."abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ"].map((letter, index) => [
    letter,
    [..."àƀçđéƒĝĥíĵķĺɱñöþǫŕšţûṽŵẋýžÅßÇĐÉƑĜĤÎĴĶĹṀÑÖÞǪŔŠŢÛṼŴẊÝŽ"][index] as string,
  ]),
);

/** Words that make a message about 40% longer (Chromium's and Android's pseudo-locales pad the same way). */
const PADDING = "ĥéļļö ŵöŕļđ ţéẋţ ŝţŕéţçĥéđ ļöñĝéŕ ";

function padding(length: number): string {
  const count = Math.max(1, Math.round(length * 0.4));
  return PADDING.repeat(Math.ceil(count / PADDING.length))
    .slice(0, count)
    .trim();
}

/** How many characters of text a message shows, placeholders aside. */
function literalLength(elements: readonly MessageFormatElement[]): number {
  let length = 0;
  for (const element of elements) {
    if (element.type === TYPE.literal) length += element.value.length;
    else if (element.type === TYPE.plural || element.type === TYPE.select) {
      length += Math.max(0, ...Object.values(element.options).map((option) => literalLength(option.value)));
    } else if (element.type === TYPE.tag) length += literalLength(element.children);
  }
  return length;
}

function accent(text: string): string {
  return [...text].map((letter) => ACCENTED[letter] ?? letter).join("");
}

/** The literal text of a message's elements changed by `change`, the structure kept. */
function mapLiterals(elements: MessageFormatElement[], change: (text: string) => string): MessageFormatElement[] {
  return elements.map((element) => {
    if (element.type === TYPE.literal) return { ...element, value: change(element.value) };
    if (element.type === TYPE.plural || element.type === TYPE.select) {
      const options = Object.fromEntries(
        Object.entries(element.options).map(([key, option]) => [key, { ...option, value: mapLiterals(option.value, change) }]),
      );
      return { ...element, options };
    }
    if (element.type === TYPE.tag) return { ...element, children: mapLiterals(element.children, change) };
    return element;
  });
}

/** Right-to-left marks around the text, as Chromium's ar-XB pseudo-locale does, so that English reads in an RTL layout. */
const RLM = "\u200f";

const literal = (value: string): LiteralElement => ({ type: TYPE.literal, value });

export function pseudoLocalize(messages: Readonly<Record<string, Message>>, tag: PseudoLanguage): Record<string, MessageFormatElement[]> {
  const out: Record<string, MessageFormatElement[]> = {};
  const [before, after] = tag === "ar-XB" ? [`${RLM}[`, `]${RLM}`] : ["[", "]"];
  for (const [id, message] of Object.entries(messages)) {
    const ast = typeof message === "string" ? parse(message) : message;
    // In brackets, as Chromium's en-XA: a message cut short shows no closing bracket.
    out[id] = [literal(before), ...mapLiterals(ast, accent), literal(` ${padding(literalLength(ast))}${after}`)];
  }
  return out;
}
