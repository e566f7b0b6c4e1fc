/**
 * A webpack loader for the message catalogs (src/i18n/messages/*.json): each
 * message parsed at build time into the syntax tree react-intl formats
 * (FormatJS's "precompiled messages"), so that the pages carry no ICU
 * MessageFormat parser and parse nothing before their first render. webpack
 * resolves the parser to its parse-less build for the pages
 * (webpack.config.js). The command line and jest read the catalogs as text
 * and parse at run time; test/i18n/compiled.test.ts shows both give the
 * same text for every message of every catalog.
 * https://formatjs.github.io/docs/guides/advanced-usage#pre-compiling-messages
 */
const { parse } = require("@formatjs/icu-messageformat-parser");

/**
 * A catalog's messages as syntax trees, parsed as react-intl parses a message
 * given as text (intl-messageformat: tags read, no source locations); a
 * message that does not parse fails the build, naming its id.
 */
function compileCatalog(catalog) {
  const compiled = {};
  for (const [id, text] of Object.entries(catalog)) {
    if (typeof text !== "string") throw new Error(`Message ${id} is not text.`);
    try {
      compiled[id] = parse(text);
    } catch (error) {
      throw new Error(`Message ${id} is not valid ICU MessageFormat (${error.message}): ${JSON.stringify(text)}`);
    }
  }
  return compiled;
}

module.exports = function messagesLoader(source) {
  return JSON.stringify(compileCatalog(JSON.parse(source)));
};

module.exports.compileCatalog = compileCatalog;
