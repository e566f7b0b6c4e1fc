// Excel's side of the languages (docs/rules.md, "Languages"), made at build
// time from the catalogs in src/i18n/messages and the help pages in src/help:
// the manifest's Override elements and one custom-functions metadata file per
// language. The metadata plugin does not localize, so each language's file is
// the built functions.json with its descriptions replaced and its help links
// on that language's help page; the names (CST.*) stay.
//   https://learn.microsoft.com/office/dev/add-ins/develop/localization
//   https://learn.microsoft.com/office/dev/add-ins/excel/custom-functions-naming#localizing-function-names
const fs = require("node:fs");
const path = require("node:path");
const { MESSAGES, catalogLanguages, helpFileOf, helpLanguages } = require("./languages.cjs");

/** The manifest's limits (OfficeAppBasicTypesV1_0.xsd: ShortString 125, LongString 250 characters). */
const SHORT_LIMIT = 125;
const LONG_LIMIT = 250;

function readCatalog(tag, folder = MESSAGES) {
  return JSON.parse(fs.readFileSync(path.join(folder, `${tag}.json`), "utf8"));
}

/** The catalogs other than English, by tag. */
function translations(folder = MESSAGES) {
  return Object.fromEntries(
    catalogLanguages(folder)
      .filter((tag) => tag !== "en")
      .map((tag) => [tag, readCatalog(tag, folder)]),
  );
}

/**
 * The culture an Override names for a language: its own region where the tag
 * has one ("pt-BR"), else the region CLDR's likely subtags give it ("de" is
 * "de-DE", "ja" is "ja-JP"), as the manifest's CultureName pattern wants.
 */
function cultureOf(tag) {
  const locale = new Intl.Locale(tag).maximize();
  return `${locale.language}-${locale.region}`;
}

/**
 * Office's display languages, as the culture names it matches an Override's Locale against: exactly, so
 * an Override for es-ES is not used by Office in Spanish (Mexico).
 * https://learn.microsoft.com/javascript/api/manifest/override
 * https://learn.microsoft.com/deployoffice/office2016/language-identifiers-and-optionstate-id-values-in-office-2016
 */
const OFFICE_DISPLAY_CULTURES = [
  "ar-SA",
  "bg-BG",
  "ca-ES",
  "cs-CZ",
  "da-DK",
  "de-DE",
  "el-GR",
  "en-GB",
  "en-US",
  "es-ES",
  "es-MX",
  "et-EE",
  "eu-ES",
  "fi-FI",
  "fr-CA",
  "fr-FR",
  "gl-ES",
  "he-IL",
  "hi-IN",
  "hr-HR",
  "hu-HU",
  "id-ID",
  "it-IT",
  "ja-JP",
  "kk-KZ",
  "ko-KR",
  "lt-LT",
  "lv-LV",
  "ms-MY",
  "nb-NO",
  "nl-NL",
  "pl-PL",
  "pt-BR",
  "pt-PT",
  "ro-RO",
  "ru-RU",
  "sk-SK",
  "sl-SI",
  "sr-Latn-RS",
  "sv-SE",
  "th-TH",
  "tr-TR",
  "uk-UA",
  "vi-VN",
  "zh-CN",
  "zh-TW",
];

/**
 * The cultures a language's Overrides name: its own (`cultureOf`), and every display language of Office
 * in the same language that no other catalog fits better (its own region's catalog first, then the
 * language's): es gives es-ES and es-MX, fr fr-FR and fr-CA, pt-BR pt-BR and pt-PT while no pt-PT catalog
 * exists.
 */
function culturesOf(tag, tags = [tag]) {
  const language = (each) => new Intl.Locale(each).language;
  const best = (culture) => {
    const same = tags.filter((each) => language(each) === language(culture));
    return (
      same.find((each) => each.toLowerCase() === culture.toLowerCase()) ??
      same.find((each) => cultureOf(each).toLowerCase() === culture.toLowerCase()) ??
      same.find((each) => !each.includes("-")) ??
      same[0]
    );
  };
  const own = cultureOf(tag);
  const others = OFFICE_DISPLAY_CULTURES.filter((culture) => culture !== own && best(culture) === tag);
  return [own, ...others];
}

/** A message with no placeholders as text (ICU's '' is one apostrophe). */
function plain(text) {
  return text.replace(/''/g, "'");
}

function escapeXml(text) {
  return text.replace(/&/g, "&amp;").replace(/"/g, "&quot;").replace(/</g, "&lt;").replace(/>/g, "&gt;");
}

/** The file name of a language's functions metadata: functions.de.json. */
function functionsFileOf(tag) {
  return `functions.${tag}.json`;
}

/**
 * The manifest with an Override per language on its display name,
 * description, the ribbon's strings and the functions' metadata URL. Each
 * catalog's `manifest.<id>` messages give the text; a language lacking one
 * keeps English there. The support URL and Get Started's Learn more get an
 * Override for each language with a help page of its own (`helpTags`).
 */
function localizeManifest(xml, catalogs = translations(), helpTags = helpLanguages()) {
  const languages = Object.entries(catalogs);
  const tags = ["en", ...languages.map(([tag]) => tag)];
  /** One Override per culture of the language. */
  const each = (tag, line) => culturesOf(tag, tags).map(line).join("\n");
  const overrides = (id, prefix, indent, limit) =>
    languages
      .filter(([, catalog]) => typeof catalog[id] === "string")
      .map(([tag, catalog]) => {
        const value = plain(catalog[id]);
        if (value.length > limit) throw new Error(`${tag}.json: ${id} is ${value.length} characters; the manifest allows ${limit}.`);
        return each(tag, (culture) => `${indent}<${prefix}Override Locale="${culture}" Value="${escapeXml(value)}"/>`);
      })
      .join("\n");
  const wrap = (match, open, indent, id, prefix, limit) => {
    const inner = overrides(id, prefix, `${indent}  `, limit);
    return inner === "" ? match : `${indent}${open.replace(/\/>$/, ">")}\n${inner}\n${indent}</${open.match(/^<([\w:]+)/)[1]}>`;
  };
  let out = xml
    .replace(/^( *)(<DisplayName DefaultValue="[^"]*"\/>)/m, (match, indent, open) =>
      wrap(match, open, indent, "manifest.DisplayName", "", SHORT_LIMIT),
    )
    .replace(/^( *)(<Description DefaultValue="[^"]*"\/>)/m, (match, indent, open) =>
      wrap(match, open, indent, "manifest.Description", "", LONG_LIMIT),
    );
  out = out.replace(/<bt:ShortStrings>[\s\S]*?<\/bt:ShortStrings>|<bt:LongStrings>[\s\S]*?<\/bt:LongStrings>/g, (block) => {
    const limit = block.startsWith("<bt:ShortStrings>") ? SHORT_LIMIT : LONG_LIMIT;
    return block.replace(/^( *)(<bt:String id="([^"]+)" DefaultValue="[^"]*"\/>)/gm, (match, indent, open, id) =>
      wrap(match, open, indent, `manifest.${id}`, "bt:", limit),
    );
  });
  // The functions' metadata: each language's own file beside functions.json.
  out = out.replace(/^( *)<bt:Url id="Functions\.Metadata\.Url" DefaultValue="([^"]*)functions\.json"\/>/m, (match, indent, base) => {
    const inner = languages
      .map(([tag]) => each(tag, (culture) => `${indent}  <bt:Override Locale="${culture}" Value="${base}${functionsFileOf(tag)}"/>`))
      .join("\n");
    return inner === ""
      ? match
      : `${indent}<bt:Url id="Functions.Metadata.Url" DefaultValue="${base}functions.json">\n${inner}\n${indent}</bt:Url>`;
  });
  // The help: each language's own page.
  const helps = helpTags.filter((tag) => tag !== "en");
  const helpOverrides = (indent, prefix, base) =>
    helps
      .map((tag) => each(tag, (culture) => `${indent}  <${prefix}Override Locale="${culture}" Value="${base}${helpFileOf(tag)}"/>`))
      .join("\n");
  if (helps.length > 0) {
    out = out
      .replace(
        /^( *)<SupportUrl DefaultValue="([^"]*)help\.html"\/>/m,
        (match, indent, base) =>
          `${indent}<SupportUrl DefaultValue="${base}help.html">\n${helpOverrides(indent, "", base)}\n${indent}</SupportUrl>`,
      )
      .replace(
        /^( *)<bt:Url id="GetStarted\.LearnMoreUrl" DefaultValue="([^"]*)help\.html"\/>/m,
        (match, indent, base) =>
          `${indent}<bt:Url id="GetStarted.LearnMoreUrl" DefaultValue="${base}help.html">\n${helpOverrides(indent, "bt:", base)}\n${indent}</bt:Url>`,
      );
  }
  return out;
}

/**
 * functions.json in a language: each function's description and each
 * parameter's from the catalog's `functions.<ID>` and `functions.<ID>.<parameter>`
 * messages, and each help link on the language's help page where `tag` has
 * one (`helpTags`); ids, names and everything Excel calls by stay as built.
 */
function localizedFunctionsMetadata(metadata, catalog, tag = "en", helpTags = helpLanguages()) {
  const help = helpTags.includes(tag) ? helpFileOf(tag) : helpFileOf("en");
  return {
    ...metadata,
    functions: metadata.functions.map((fn) => {
      const text = (id, fallback) => (typeof catalog[id] === "string" ? plain(catalog[id]) : fallback);
      return {
        ...fn,
        ...(fn.helpUrl === undefined ? {} : { helpUrl: fn.helpUrl.replace(/\/help\.html#/, `/${help}#`) }),
        description: text(`functions.${fn.id}`, fn.description),
        parameters: (fn.parameters ?? []).map((parameter) => ({
          ...parameter,
          description: text(`functions.${fn.id}.${parameter.name}`, parameter.description),
        })),
      };
    }),
  };
}

module.exports = {
  localizeManifest,
  localizedFunctionsMetadata,
  functionsFileOf,
  cultureOf,
  culturesOf,
  translations,
  SHORT_LIMIT,
  LONG_LIMIT,
};
