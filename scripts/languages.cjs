// The languages the build offers: one catalog file each in src/i18n/messages
// (docs/rules.md, "Languages"). webpack, the command line's bundle and jest
// put the list in process.env.CST_LANGUAGES. The help page has a file of its
// own per language in src/help (help.html English, help.<tag>.html another
// language): webpack and jest put those in process.env.CST_HELP_LANGUAGES.
const fs = require("node:fs");
const path = require("node:path");

const MESSAGES = path.join(__dirname, "..", "src", "i18n", "messages");
const HELP = path.join(__dirname, "..", "src", "help");

/** The tags of the catalogs in `folder` ("de.json" is "de"). */
function catalogLanguages(folder = MESSAGES) {
  return fs
    .readdirSync(folder)
    .filter((name) => name.endsWith(".json"))
    .map((name) => name.slice(0, -".json".length))
    .sort();
}

/** The help page's file in a language: help.html for English, help.de.html for German (src/i18n/help.ts says the same). */
function helpFileOf(tag) {
  return tag === "en" ? "help.html" : `help.${tag}.html`;
}

/** The tags of the help pages in `folder`: "en" for help.html, "de" for help.de.html. */
function helpLanguages(folder = HELP) {
  return fs
    .readdirSync(folder)
    .flatMap((name) => {
      if (name === "help.html") return ["en"];
      const tag = /^help\.([A-Za-z0-9-]+)\.html$/.exec(name)?.[1];
      return tag === undefined ? [] : [tag];
    })
    .sort();
}

module.exports = { MESSAGES, HELP, catalogLanguages, helpFileOf, helpLanguages };
