// The languages the build offers: one catalog file each in src/i18n/messages
// (docs/rules.md, "Languages"). webpack, the command line's bundle and jest
// put the list in process.env.CST_LANGUAGES.
const fs = require("node:fs");
const path = require("node:path");

const MESSAGES = path.join(__dirname, "..", "src", "i18n", "messages");

/** The tags of the catalogs in `folder` ("de.json" is "de"). */
function catalogLanguages(folder = MESSAGES) {
  return fs
    .readdirSync(folder)
    .filter((name) => name.endsWith(".json"))
    .map((name) => name.slice(0, -".json".length))
    .sort();
}

module.exports = { MESSAGES, catalogLanguages };
