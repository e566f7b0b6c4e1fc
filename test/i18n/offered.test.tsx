/** @jest-environment jsdom */
/**
 * A language is offered by adding its catalog file and nothing else
 * (README, "Adding a language"): the build lists the folder's files, and the
 * web tracker's menu offers every language listed.
 */
import { copyFileSync, mkdtempSync, readdirSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { render, screen, within } from "@testing-library/react";
import { LanguageMenu, TrackerLanguage } from "../../src/tracker/language";

// eslint-disable-next-line @typescript-eslint/no-require-imports
const { MESSAGES, catalogLanguages } = require("../../scripts/languages.cjs") as {
  MESSAGES: string;
  catalogLanguages: (folder?: string) => string[];
};

let folder: string;
beforeAll(() => {
  folder = mkdtempSync(join(tmpdir(), "cst-messages-"));
  for (const name of readdirSync(MESSAGES)) copyFileSync(join(MESSAGES, name), join(folder, name));
  // A made-up catalog: Esperanto, with one message translated.
  writeFileSync(join(folder, "eo.json"), JSON.stringify({ "app.mentee": "Lernanto" }));
});
afterAll(() => rmSync(folder, { recursive: true, force: true }));

test("the build lists a catalog file added to the folder", () => {
  expect(catalogLanguages(folder)).toEqual([...catalogLanguages(), "eo"].sort());
});

test("the web tracker's menu offers the added language, and a browser asking for it gets it", () => {
  const saved = process.env.CST_LANGUAGES;
  process.env.CST_LANGUAGES = JSON.stringify(catalogLanguages(folder));
  try {
    let offered: readonly string[] = [];
    // The module as a build with the added file defines it.
    jest.isolateModules(() => {
      // eslint-disable-next-line @typescript-eslint/no-require-imports
      const { LANGUAGES, pickLanguage } = require("../../src/i18n/languages") as typeof import("../../src/i18n/languages");
      offered = LANGUAGES;
      expect(pickLanguage(["eo-001", "de"])).toBe("eo");
    });
    expect(offered).toContain("eo");
    render(
      <TrackerLanguage>
        <LanguageMenu languages={offered} />
      </TrackerLanguage>,
    );
    const menu = screen.getByTestId("language-menu");
    const options = within(menu)
      .getAllByRole("option")
      .map((option) => option.getAttribute("value"));
    expect(options).toEqual(["en", "de", "eo", "es", "fr", "ja", "pt-BR"]);
    expect(within(menu).getByRole("option", { name: /esperanto/i })).toBeInTheDocument();
    expect(within(menu).getByRole("option", { name: "Deutsch" })).toBeInTheDocument();
  } finally {
    process.env.CST_LANGUAGES = saved;
  }
});
