/**
 * Which help page a link opens (docs/rules.md, "Languages"): the page in the
 * language the pane, the ribbon or the web tracker speaks, matched as the
 * pane's catalog is; English for a language without a help page, for the
 * pseudo-locales and for what is not a language.
 */
import { HELP_LANGUAGES, helpFile, helpPage } from "../../src/i18n/help";
import { ruleLink } from "../../src/taskpane/findings";

test("the build offers a help page in each of the six languages", () => {
  expect([...HELP_LANGUAGES].sort()).toEqual(["de", "en", "es", "fr", "ja", "pt-BR"]);
});

test.each([
  ["en", "help.html#credits"],
  ["de", "help.de.html#credits"],
  ["de-CH", "help.de.html#credits"],
  ["es-419", "help.es.html#credits"],
  ["fr-CA", "help.fr.html#credits"],
  ["ja-JP", "help.ja.html#credits"],
  ["pt-BR", "help.pt-BR.html#credits"],
  // Portugal's Portuguese reads Brazil's page while there is no pt-PT one, as it reads Brazil's catalog.
  ["pt-PT", "help.pt-BR.html#credits"],
  ["en-GB", "help.html#credits"],
  // No Italian page: English.
  ["it-IT", "help.html#credits"],
  // The pseudo-locales have catalogs but no help page.
  ["en-XA", "help.html#credits"],
  ["ar-XB", "help.html#credits"],
  // Office may give nothing, or what is not a language tag.
  ["", "help.html#credits"],
  ["not a tag", "help.html#credits"],
])("%p opens %s", (language, page) => {
  expect(helpPage(language, "credits")).toBe(page);
});

test("without a section, the page itself", () => {
  expect(helpPage("ja")).toBe("help.ja.html");
  expect(helpPage("en")).toBe("help.html");
});

test("a language with a catalog but no help page of its own gets the English page", () => {
  const withoutFrench = HELP_LANGUAGES.filter((tag) => tag !== "fr");
  expect(helpPage("fr", "minimums", withoutFrench)).toBe("help.html#minimums");
  expect(helpPage("fr-CA", "minimums", withoutFrench)).toBe("help.html#minimums");
  expect(helpPage("de", "minimums", withoutFrench)).toBe("help.de.html#minimums");
});

test("the file of each language", () => {
  expect(HELP_LANGUAGES.map(helpFile).sort()).toEqual([
    "help.de.html",
    "help.es.html",
    "help.fr.html",
    "help.html",
    "help.ja.html",
    "help.pt-BR.html",
  ]);
});

test("a finding's rule link opens the rule's section in the pane's language", () => {
  expect(ruleLink("virtual-not-allowed", "de")).toBe("help.de.html#who-counts");
  expect(ruleLink("future-date", "ja")).toBe("help.ja.html#start-dates");
  expect(ruleLink("bad-awarded", "en")).toBe("help.html#over-the-years");
  expect(ruleLink("bad-awarded", "en-XA")).toBe("help.html#over-the-years");
  // A finding about typing only has no rule to link to.
  expect(ruleLink("possible-duplicate", "de")).toBeNull();
});
