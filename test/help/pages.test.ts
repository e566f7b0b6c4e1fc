/** @jest-environment jsdom */
/**
 * The help page in every language (docs/rules.md, "Languages"): one file per
 * language in src/help, a translation of help.html that a translator edits
 * as plain HTML. Each has English's elements and ids (the pane, the ribbon
 * and the functions link to sections), English's numbers and formulas, its
 * own `lang`, the program's terms as the glossary fixes them, the activity
 * labels as the pane translates them beside the English label written into
 * cells, and no English left but what it quotes from the workbook (marked
 * lang="en"). A language is added by its file alone.
 */
import { readFileSync, writeFileSync, copyFileSync, mkdtempSync, readdirSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { ACTIVITIES } from "../../src/core";
import { direction } from "../../src/i18n";
import { HELP_LANGUAGES, helpFile, helpPage } from "../../src/i18n/help";
import type { GlossaryTerm } from "../../src/i18n/check";

// eslint-disable-next-line @typescript-eslint/no-require-imports -- the build's own code, CommonJS
const { HELP, helpFileOf, helpLanguages } = require("../../scripts/languages.cjs") as {
  HELP: string;
  helpFileOf: (tag: string) => string;
  helpLanguages: (folder?: string) => string[];
};

const MESSAGES = join(__dirname, "../../src/i18n/messages");
const GLOSSARY = JSON.parse(readFileSync(join(__dirname, "../../src/i18n/glossary.json"), "utf8")) as Record<string, GlossaryTerm>;
const FIRST = ["de", "es", "fr", "ja", "pt-BR"];
const TRANSLATED = helpLanguages().filter((tag) => tag !== "en");

function catalog(tag: string): Record<string, string> {
  return JSON.parse(readFileSync(join(MESSAGES, `${tag}.json`), "utf8")) as Record<string, string>;
}

function source(tag: string): string {
  return readFileSync(join(HELP, helpFileOf(tag)), "utf8");
}

function page(tag: string): Document {
  return new DOMParser().parseFromString(source(tag), "text/html");
}

/** Spaces folded, but not the no-break spaces that group a number's digits ("50 000" in French). */
const squash = (text: string) => text.replace(/[\t\n\f\r ]+/g, " ").trim();

/**
 * What a reader of the page's own language reads in `element`: without the
 * formulas and names in code, the English it quotes (lang="en") and the
 * functions' names and signatures (CST.HOURS(log, [category], …)), which
 * are the same in every language; a date as its datetime.
 */
function ownText(element: Element): string {
  const copy = element.cloneNode(true) as Element;
  for (const quoted of [...copy.querySelectorAll('code, [lang="en"]')]) quoted.replaceWith(" ");
  for (const time of [...copy.querySelectorAll("time[datetime]")]) time.replaceWith(` ${time.getAttribute("datetime")} `);
  return squash((copy.textContent ?? "").replace(/\bCST\.[A-Z]+(\([^)]*\))?/g, " "));
}

/** The elements that make the page's structure, each as tag, id, link and the attributes that shape it. */
const STRUCTURE = "header, nav, main, footer, h1, h2, h3, p, ul, ol, li, table, thead, tbody, tr, th, td, a[href], code.formula, time";

function structure(document: Document): string[] {
  return [...document.body.querySelectorAll(STRUCTURE)].map((element) =>
    [
      element.tagName.toLowerCase(),
      element.id === "" ? "" : `#${element.id}`,
      element.getAttribute("href") ?? "",
      element.getAttribute("rowspan") ?? "",
      element.getAttribute("scope") ?? "",
      element.getAttribute("datetime") ?? "",
    ]
      .filter((part) => part !== "")
      .join(" "),
  );
}

/** The blocks a reader reads one by one, in order: headings, paragraphs, list items, table cells. */
function blocks(document: Document): Element[] {
  return [...document.body.querySelectorAll("h1, h2, h3, p, li, th, td")];
}

/**
 * The numbers written in `text` as `tag` writes them: "50.000" is fifty
 * thousand in German and "1,5" one and a half; a version such as "16.4"
 * keeps its dot everywhere.
 */
function numbersOf(text: string, tag: string): number[] {
  const parts = new Intl.NumberFormat(tag).formatToParts(12345.6);
  const group = parts.find((part) => part.type === "group")?.value ?? ",";
  const decimal = parts.find((part) => part.type === "decimal")?.value ?? ".";
  const isGroup = (separator: string) => separator === group || (/[\u00a0\u202f]/.test(group) && /[\u00a0\u202f]/.test(separator));
  const numbers: number[] = [];
  for (const token of text.match(/\d+(?:[.,\u00a0\u202f]\d+)*/g) ?? []) {
    const pieces = token.split(/([.,\u00a0\u202f])/);
    let whole = pieces[0]!;
    let fraction: string | null = null;
    for (let index = 1; index < pieces.length; index += 2) {
      const separator = pieces[index]!;
      const digits = pieces[index + 1]!;
      if (fraction === null && isGroup(separator) && digits.length === 3) whole += digits;
      else if (fraction === null && (separator === decimal || separator === ".")) fraction = digits;
      else {
        numbers.push(Number(fraction === null ? whole : `${whole}.${fraction}`));
        whole = digits;
        fraction = null;
      }
    }
    numbers.push(Number(fraction === null ? whole : `${whole}.${fraction}`));
  }
  return numbers;
}

const NUMBER_WORDS: Record<string, number> = {
  zero: 0,
  one: 1,
  two: 2,
  three: 3,
  four: 4,
  five: 5,
  six: 6,
  seven: 7,
  eight: 8,
  nine: 9,
  ten: 10,
};

/** A multiset's difference: what `from` has more of than `taken`. */
function without(from: readonly number[], taken: readonly number[]): number[] {
  const left = [...taken];
  return from.filter((value) => {
    const index = left.indexOf(value);
    if (index < 0) return true;
    left.splice(index, 1);
    return false;
  });
}

/** The words of a text, lowercased; a run of another script (Japanese) is one word of its own. */
function words(text: string): string[] {
  return text.toLowerCase().match(/[\p{L}\p{N}]+(?:['’.-][\p{L}\p{N}]+)*/gu) ?? [];
}

/** Every run of `length` words of a text. */
function runs(list: readonly string[], length: number): string[] {
  return list.length < length ? [] : list.slice(0, list.length - length + 1).map((_, index) => list.slice(index, index + length).join(" "));
}

/** Formulas as the English page writes them: Excel in some languages separates arguments with ; and names its own functions in that language. */
function englishFormula(code: string): string {
  return code
    .replace(/;/g, ",")
    .replace(/\b(SUMME|SUMA|SOMME|SOMA)\b/g, "SUM")
    .replace(/\b(DATUM|FECHA|DATA)\(/g, "DATE(");
}

const english = page("en");

test("the help is in English and the first five languages, one file each", () => {
  expect(helpLanguages()).toEqual(["en", ...FIRST].sort());
  expect(HELP_LANGUAGES).toEqual(expect.arrayContaining(["en", ...FIRST]));
});

describe.each(TRANSLATED)("the help page in %s", (tag) => {
  const translated = page(tag);
  const messages = catalog(tag);

  test("declares its language (and its direction), the English page's policy, and runs no script", () => {
    expect(translated.documentElement.getAttribute("lang")).toBe(tag);
    const dir = translated.documentElement.getAttribute("dir");
    if (direction(tag) === "rtl") expect(dir).toBe("rtl");
    else expect(dir ?? "ltr").toBe("ltr");
    const policy = (document: Document) =>
      document.querySelector('meta[http-equiv="Content-Security-Policy"]')?.getAttribute("content") ?? "missing";
    expect(policy(translated)).toBe(policy(english));
    expect(translated.querySelectorAll("script")).toHaveLength(0);
    expect(translated.querySelector('link[rel="stylesheet"]')?.getAttribute("href")).toBe("help.css");
    expect(source(tag).split("<!-- help languages -->")).toHaveLength(2);
  });

  test("has the English page's structure: the same elements, ids, links and dates, in order", () => {
    expect(structure(translated)).toEqual(structure(english));
    const ids = (document: Document) => [...document.querySelectorAll("[id]")].map((element) => element.id);
    expect(ids(translated)).toEqual(ids(english));
  });

  test("is titled with the product's name in that language", () => {
    expect(translated.querySelector("h1")?.textContent).toBe(messages["app.title"]);
    expect(translated.title).toContain(messages["app.title"]);
  });

  test("has English's numbers: none missing, none added but where English spells it as a word", () => {
    // The activities' names are compared row by row below (a translation may say "9 or more" for "more than 8").
    const activityNames = (document: Document, names: readonly string[]) =>
      names.reduce((text, name) => text.split(name).join(" "), ownText(document.body));
    const englishText = activityNames(
      english,
      ACTIVITIES.map((activity) => activity.label),
    );
    const translatedText = activityNames(
      translated,
      ACTIVITIES.map((activity) => messages[`activity.${activity.code}`] ?? activity.label),
    );
    const written = numbersOf(englishText, "en");
    const spelled = words(englishText).flatMap((word) => (word in NUMBER_WORDS ? [NUMBER_WORDS[word]!] : []));
    const found = numbersOf(translatedText, tag);
    expect(without(written, found)).toEqual([]);
    expect(without(without(found, written), spelled)).toEqual([]);
  });

  test("keeps every formula and name of English's code, written as Excel in that language writes it", () => {
    const codes = (document: Document) => [...document.body.querySelectorAll("code")].map((code) => squash(code.textContent ?? ""));
    const found = codes(translated).map(englishFormula);
    for (const code of codes(english)) {
      const index = found.indexOf(code);
      expect([code, index >= 0]).toEqual([code, true]);
      found.splice(index, 1);
    }
  });

  test("leaves no English: no run of six words of the English page outside what it quotes (lang=en)", () => {
    // Runs of prose: at least four words of two letters or more ("A 6 h, B 6 h, C 6 h" reads the same in every language).
    const prose = (run: string) => run.split(" ").filter((word) => /^\p{L}{2,}/u.test(word)).length >= 4;
    const englishRuns = new Set(runs(words(ownText(english.body)), 6).filter(prose));
    const left: string[] = [];
    for (const block of blocks(translated)) {
      for (const run of runs(words(ownText(block)), 6)) if (englishRuns.has(run)) left.push(run);
    }
    expect(left).toEqual([]);
  });

  test("quotes in English (lang=en) only what the English page says", () => {
    const englishText = squash(english.body.textContent ?? "");
    const quoted = [...translated.body.querySelectorAll('[lang="en"]')].map((element) => squash(element.textContent ?? ""));
    expect(quoted.length).toBeGreaterThan(0);
    for (const quote of quoted) expect([quote, englishText.includes(quote)]).toEqual([quote, true]);
  });

  test("writes the program's terms as the glossary does, wherever English uses them", () => {
    const [englishBlocks, translatedBlocks] = [blocks(english), blocks(translated)];
    expect(translatedBlocks).toHaveLength(englishBlocks.length);
    const problems: string[] = [];
    for (const [term, entry] of Object.entries(GLOSSARY)) {
      const forms = entry[tag];
      if (forms === undefined) continue;
      const accepted = (typeof forms === "string" ? [forms] : forms).map((form) => form.toLowerCase());
      const pattern = new RegExp(entry.english, "i");
      englishBlocks.forEach((block, index) => {
        if (!pattern.test(ownText(block))) return;
        const text = ownText(translatedBlocks[index]!);
        if (!accepted.some((form) => text.toLowerCase().includes(form))) problems.push(`"${term}": ${text}`);
      });
    }
    expect(problems).toEqual([]);
  });

  test("names each activity as the pane does, beside its English label, in its category, with English's numbers", () => {
    const rows = (document: Document) => [...document.querySelectorAll("#categories + table tbody tr")];
    const englishRows = rows(english);
    let category = "";
    for (const row of rows(translated)) {
      // A category's cell spans its rows: a row of three cells starts a category.
      if (row.children.length === 3) category = /^([ABC]) · /.exec(squash(row.children[0]!.textContent ?? ""))?.[1] ?? "";
      const [name, counts] = [...row.children].slice(-2) as [Element, Element];
      const label = squash(name.querySelector('[lang="en"]')?.textContent ?? "");
      const activity = ACTIVITIES.find((each) => each.label === label);
      expect([label, activity]).toEqual([label, expect.anything()]);
      expect(squash(name.textContent ?? "")).toContain(messages[`activity.${activity!.code}`]);
      expect([label, category]).toEqual([label, activity!.category]);
      const englishRow = englishRows.find((each) => squash(each.textContent ?? "").includes(label))!;
      expect(numbersOf(ownText(counts), tag)).toEqual(numbersOf(ownText([...englishRow.children].pop()!), "en"));
    }
    expect(rows(translated)).toHaveLength(ACTIVITIES.length);
  });
});

describe("a new language needs only its help file", () => {
  let folder: string;
  beforeAll(() => {
    folder = mkdtempSync(join(tmpdir(), "cst-help-"));
    for (const name of readdirSync(HELP)) copyFileSync(join(HELP, name), join(folder, name));
    // A made-up page: Esperanto.
    writeFileSync(join(folder, "help.eo.html"), source("en").replace('<html lang="en">', '<html lang="eo">'));
  });
  afterAll(() => rmSync(folder, { recursive: true, force: true }));

  test("the build lists it, and links in Esperanto lead to it", () => {
    const tags = helpLanguages(folder);
    expect(tags).toEqual([...helpLanguages(), "eo"].sort());
    expect(helpPage("eo", "credits", tags)).toBe("help.eo.html#credits");
    expect(helpPage("eo", "credits")).toBe("help.html#credits");
  });

  test("the build's file names and the pane's agree", () => {
    for (const tag of [...helpLanguages(folder), "pt-PT", "zh-Hans"]) expect(helpFileOf(tag)).toBe(helpFile(tag));
  });
});
