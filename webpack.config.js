/**
 * Builds the add-in into dist/: the taskpane page (which, with the shared
 * runtime, also runs the custom functions and ribbon commands), the preview
 * page (the taskpane outside Excel), the web tracker (the tracking form
 * opened, filled and saved in any browser, with a service worker that keeps
 * it working offline), the help pages (one per language), functions.json
 * generated from the functions' JSDoc, the manifest and the icons. Office.js
 * is not bundled: the taskpane loads it from Microsoft's CDN; the other pages
 * load none.
 *
 *   ADDIN_ORIGIN=https://cst.example.org npx webpack --mode production   npm run build: dist/ for that origin, the one
 *                                                                        place it is set (manifest.xml keeps localhost)
 *   npx webpack --mode production --env local                            npm run build:local: dist/ for https://localhost:3000
 *   npx webpack serve --mode development                                 npm run dev-server: https://localhost:3000
 *
 * A production build without `--env local` refuses to run without
 * ADDIN_ORIGIN, or with an origin on this machine: its manifest would send
 * every Excel that installs it to a server that is not there.
 */
const { createHash } = require("node:crypto");
const fs = require("node:fs");
const path = require("node:path");
const zlib = require("node:zlib");
const HtmlWebpackPlugin = require("html-webpack-plugin");
const CopyWebpackPlugin = require("copy-webpack-plugin");
const CustomFunctionsMetadataPlugin = require("custom-functions-metadata-plugin");
const browserslist = require("browserslist");
const { esbuildTargets } = require("./scripts/compile-loader.cjs");
const { MESSAGES, catalogLanguages, helpFileOf, helpLanguages } = require("./scripts/languages.cjs");
const { functionsFileOf, localizeManifest, localizedFunctionsMetadata, translations } = require("./scripts/localize.cjs");
const { DefinePlugin } = require("webpack");

const DEV_PORT = 3000;
const DEV_ORIGIN = `https://localhost:${DEV_PORT}`;
const DIST = path.resolve(__dirname, "dist");
const FUNCTIONS_SOURCE = "./src/functions/functions.ts";
const FUNCTIONS_METADATA = "functions.json";
const MANIFEST = "manifest.xml";
const SERVICE_WORKER_SOURCE = "./src/tracker/service-worker.js";
/** The service worker keeps its name: a browser looks for a new version of it at the same address. */
const SERVICE_WORKER = "service-worker.js";

/**
 * The help page's files: one page per language in src/help (help.html in
 * English, help.<tag>.html in another language) and the stylesheet they share.
 */
const HELP_PAGES = helpLanguages().map(helpFileOf);
const HELP_STYLES = "help.css";

/**
 * The pages and the entry bundles each loads. The shared runtime loads
 * taskpane.html once for functions, commands and pane; the help pages are
 * plain HTML.
 */
const PAGES = {
  "taskpane.html": { template: "./src/taskpane/taskpane.html", entries: ["functions", "commands", "taskpane"] },
  "preview.html": { template: "./src/preview/preview.html", entries: ["preview"] },
  "tracker.html": { template: "./src/tracker/tracker.html", entries: ["tracker"] },
  ...Object.fromEntries(HELP_PAGES.map((file) => [file, { template: `./src/help/${file}`, entries: [] }])),
};

/**
 * The browsers the bundles are compiled for (.browserslistrc: the web views
 * Office uses for add-ins), as esbuild targets.
 */
const BROWSERS = browserslist(undefined, { path: __dirname });
const compileLoader = { loader: path.resolve(__dirname, "scripts/compile-loader.cjs"), options: { targets: esbuildTargets(BROWSERS) } };

/**
 * Fluent's styles (`makeStyles`) computed at build time into the class names
 * and CSS they insert, as Fluent's own components ship theirs: no page
 * compiles CSS before its first render, nor carries the CSS compiler.
 * https://www.npmjs.com/package/@griffel/webpack-loader
 */
const griffelLoader = {
  loader: "@griffel/webpack-loader",
  options: { modules: [{ moduleSource: "@fluentui/react-components", importName: "makeStyles", resetImportName: "makeResetStyles" }] },
};

/**
 * The message catalogs, compiled into syntax trees as they are built
 * (scripts/messages-loader.cjs), and FormatJS given the ICU parser's build
 * without a parser: the pages never parse a message, and do not carry the
 * parser (about 50 KB) or spend time parsing before their first render.
 * https://formatjs.github.io/docs/guides/advanced-usage#pre-compiling-messages
 */
const MESSAGE_FILES = /[\\/]src[\\/]i18n[\\/]messages[\\/][^\\/]+\.json$/;
const NO_PARSER = require.resolve("@formatjs/icu-messageformat-parser/lib/no-parser.js");

/**
 * The chunks whose modules are split out to be shared: all but the preview's
 * entry. The preview is a page of its own (nothing it loads first is cached
 * by another page), and its first paint is measured against a minimal pane
 * (npm run bench): its first path is one file beside webpack's runtime, not
 * several requests, which a browser makes at most six at a time to a server.
 */
const shared = (chunk) => chunk.name !== "preview";

/** A build that must not run, with the one line that says what to do instead. */
class BuildRefusal extends Error {}

function isThisMachine(hostname) {
  return (
    hostname === "localhost" || hostname.endsWith(".localhost") || hostname === "[::1]" || hostname === "0.0.0.0" || /^127\./.test(hostname)
  );
}

/**
 * The origin the built manifest, functions.json and help links point at:
 * the dev server for development and `--env local` builds; otherwise
 * ADDIN_ORIGIN, which must be an https origin that is not this machine.
 */
function addinOrigin({ production, local, configured = process.env.ADDIN_ORIGIN }) {
  if (!production || local) return DEV_ORIGIN;
  const value = (configured ?? "").trim();
  if (value === "") {
    throw new BuildRefusal(
      `ADDIN_ORIGIN is not set: a production build needs the https origin it will be served from (ADDIN_ORIGIN=https://cst.example.org npm run build); for ${DEV_ORIGIN} use npm run build:local.`,
    );
  }
  let url;
  try {
    url = new URL(value);
  } catch {
    throw new BuildRefusal(`ADDIN_ORIGIN ${JSON.stringify(configured)} is not a URL: set it to an origin such as https://cst.example.org.`);
  }
  if (
    url.protocol !== "https:" ||
    url.pathname !== "/" ||
    url.search !== "" ||
    url.hash !== "" ||
    url.username !== "" ||
    url.password !== ""
  ) {
    throw new BuildRefusal(
      `ADDIN_ORIGIN ${JSON.stringify(configured)} must be an https origin with no path, such as https://cst.example.org.`,
    );
  }
  if (isThisMachine(url.hostname)) {
    throw new BuildRefusal(
      `ADDIN_ORIGIN ${JSON.stringify(configured)} is this machine, which no other Excel can reach: set the origin the add-in is deployed to; for ${DEV_ORIGIN} use npm run build:local.`,
    );
  }
  return url.origin;
}

/** Every URL in a manifest: attribute values and element text that start with http (XML namespace names are not URLs it loads). */
function manifestUrls(xml) {
  const withoutNamespaces = xml.replace(/\sxmlns(?::[\w-]+)?="[^"]*"/g, "");
  return [...withoutNamespaces.matchAll(/(?:="|>)(https?:\/\/[^"<\s]+)/g)].map((match) => match[1]);
}

/**
 * functions.json as Excel must read it, from what the metadata plugin generated.
 *
 * - `allowErrorForDataTypeAny: true`. Without it Excel never calls a function
 *   whose range argument holds an error cell (#N/A, #REF!): it answers with
 *   the error itself, so one bad cell would hide the whole log (SPEC 8 wants
 *   a row error instead). The generator never writes the property ("can only
 *   be used with manually created JSON metadata"). It is a top-level Boolean
 *   of the file, not a parameter property, and applies to every parameter of
 *   type any or any[][]; each error cell then reaches the function as an error
 *   value in the array instead of a number or text. See
 *   https://learn.microsoft.com/office/dev/add-ins/excel/custom-functions-json#allowerrorfordatatypeany
 *   https://learn.microsoft.com/office/dev/add-ins/excel/custom-functions-errors#errors-as-custom-function-inputs
 * - Help URLs on the add-in's origin: the JSDoc `@helpurl` tags name the dev
 *   server, as manifest.xml does.
 */
function excelFunctionsMetadata(generated, origin) {
  return {
    allowErrorForDataTypeAny: true,
    ...generated,
    functions: generated.functions.map((fn) =>
      fn.helpUrl === undefined ? fn : { ...fn, helpUrl: fn.helpUrl.split(DEV_ORIGIN).join(origin) },
    ),
  };
}

class ExcelFunctionsMetadataPlugin {
  constructor(origin) {
    this.origin = origin;
  }

  apply(compiler) {
    const { Compilation, sources } = compiler.webpack;
    compiler.hooks.thisCompilation.tap("ExcelFunctionsMetadataPlugin", (compilation) => {
      compilation.hooks.processAssets.tap(
        { name: "ExcelFunctionsMetadataPlugin", stage: Compilation.PROCESS_ASSETS_STAGE_ADDITIONS },
        () => {
          const asset = compilation.getAsset(FUNCTIONS_METADATA);
          // Without it the metadata plugin has already reported why.
          if (asset === undefined) return;
          const metadata = excelFunctionsMetadata(JSON.parse(asset.source.source().toString()), this.origin);
          compilation.updateAsset(FUNCTIONS_METADATA, new sources.RawSource(`${JSON.stringify(metadata, null, 2)}\n`));
          // One file per language, which the manifest's Override of the metadata URL names (scripts/localize.cjs).
          for (const [tag, catalog] of Object.entries(translations())) {
            const localized = localizedFunctionsMetadata(metadata, catalog, tag);
            compilation.emitAsset(functionsFileOf(tag), new sources.RawSource(`${JSON.stringify(localized, null, 2)}\n`));
          }
        },
      );
    });
  }
}

/**
 * Fails the build when the built manifest or a functions metadata file
 * (functions.json, functions.<tag>.json) names a file of the add-in that the
 * build does not produce, or a URL on another origin:
 * Excel would install the add-in and then find nothing there.
 */
class AddinUrlsPlugin {
  constructor(origin) {
    this.origin = origin;
  }

  apply(compiler) {
    const { Compilation, WebpackError } = compiler.webpack;
    compiler.hooks.thisCompilation.tap("AddinUrlsPlugin", (compilation) => {
      compilation.hooks.processAssets.tap({ name: "AddinUrlsPlugin", stage: Compilation.PROCESS_ASSETS_STAGE_REPORT }, () => {
        const built = new Set(compilation.getAssets().map((asset) => asset.name));
        const text = (name) => compilation.getAsset(name)?.source.source().toString();
        const manifest = text(MANIFEST);
        // functions.json and each language's functions.<tag>.json.
        const metadataFiles = [...built].filter((name) => /^functions(\.[\w-]+)?\.json$/.test(name));
        const named = [
          ...(manifest === undefined ? [] : manifestUrls(manifest).map((url) => [MANIFEST, url])),
          ...metadataFiles.flatMap((file) => JSON.parse(text(file)).functions.flatMap((fn) => (fn.helpUrl ? [[file, fn.helpUrl]] : []))),
        ];
        for (const [file, address] of named) {
          const url = new URL(address);
          // The origin itself (AppDomain) is a place, not a file.
          if (url.origin === this.origin && url.pathname === "/") continue;
          const target = decodeURIComponent(url.pathname).replace(/^\//, "");
          if (url.origin !== this.origin)
            compilation.errors.push(new WebpackError(`${file} names ${address}, which is not on the add-in's origin ${this.origin}.`));
          else if (!built.has(target))
            compilation.errors.push(new WebpackError(`${file} names ${address}, but the build has no ${target}.`));
        }
      });
    });
  }
}

/**
 * The web tracker's service worker (src/tracker/service-worker.js), written
 * out with the files the tracker needs offline: its page, every bundle and
 * lazy chunk its entry can load (from the chunk graph, once content hashes
 * have named them), the icons and the help pages. The version, which names
 * the cache, is a digest of those files, so a build that changes any of them
 * is a new cache. Production builds only: the dev server rebuilds as files change.
 */
class OfflineCachePlugin {
  constructor({ entry, pages, source, output }) {
    this.entry = entry;
    this.pages = pages;
    this.source = path.resolve(__dirname, source);
    this.output = output;
  }

  /** The files the entry's page needs, relative to dist/. */
  files(compilation) {
    const entrypoint = compilation.entrypoints.get(this.entry);
    const chunks = new Set();
    for (const chunk of entrypoint.chunks) {
      chunks.add(chunk);
      for (const lazy of chunk.getAllAsyncChunks()) chunks.add(lazy);
    }
    const files = new Set(this.pages);
    for (const chunk of chunks) for (const file of chunk.files) files.add(file);
    for (const asset of compilation.getAssets()) if (asset.name.startsWith("assets/")) files.add(asset.name);
    return [...files].sort();
  }

  apply(compiler) {
    const { Compilation, WebpackError, sources } = compiler.webpack;
    compiler.hooks.thisCompilation.tap("OfflineCachePlugin", (compilation) => {
      compilation.fileDependencies.add(this.source);
      // After content hashing (OPTIMIZE_HASH) has given the bundles their final names.
      compilation.hooks.processAssets.tap({ name: "OfflineCachePlugin", stage: Compilation.PROCESS_ASSETS_STAGE_ANALYSE }, () => {
        const files = this.files(compilation);
        const missing = files.filter((file) => compilation.getAsset(file) === undefined);
        if (missing.length > 0) {
          compilation.errors.push(new WebpackError(`The service worker would cache ${missing.join(", ")}, which the build does not have.`));
          return;
        }
        const digest = createHash("sha256");
        for (const file of files) digest.update(`${file}\0`).update(compilation.getAsset(file).source.buffer());
        const version = digest.digest("hex").slice(0, 16);
        const template = fs.readFileSync(this.source, "utf8");
        const line = /^const PRECACHE = .*;$/m;
        if (!line.test(template)) {
          compilation.errors.push(new WebpackError(`${this.source} has no "const PRECACHE = …;" line for the list of files.`));
          return;
        }
        const text = template.replace(line, `const PRECACHE = ${JSON.stringify({ version, files })};`);
        // Kept as written (not minified), so that the list can be read in the deployed file.
        compilation.emitAsset(this.output, new sources.RawSource(text), { minimized: true });
      });
    });
  }
}

/** Where a help page wants the list of the help's languages (src/help/help.html). */
const HELP_LANGUAGES_MARKER = "<!-- help languages -->";

/**
 * Writes into each help page, at its HELP_LANGUAGES_MARKER, the list of the
 * languages the help is in, each in its own name and linking to its page:
 * a page in a new language is listed on every page without editing the others.
 * The list is labelled with the page language's word for "Language" (its
 * catalog's tracker.language, as the web tracker's menu is).
 */
class HelpLanguagesPlugin {
  constructor(tags) {
    // English first, as the web tracker's language menu lists them.
    this.tags = [...tags.filter((tag) => tag === "en"), ...tags.filter((tag) => tag !== "en")];
  }

  /** The list for the page in `tag`. */
  list(tag) {
    const catalogOf = (language) => {
      try {
        return JSON.parse(fs.readFileSync(path.join(MESSAGES, `${language}.json`), "utf8"));
      } catch {
        return {};
      }
    };
    const label = catalogOf(tag)["tracker.language"] ?? catalogOf("en")["tracker.language"];
    const nameOf = (language) => new Intl.DisplayNames([language], { type: "language" }).of(language) ?? language;
    const items = this.tags.map((language) => {
      const current = language === tag ? ' aria-current="page"' : "";
      return `<li><a href="${helpFileOf(language)}" hreflang="${language}" lang="${language}"${current}>${nameOf(language)}</a></li>`;
    });
    return `<nav class="languages" aria-label="${label}"><ul>${items.join("")}</ul></nav>`;
  }

  apply(compiler) {
    const pages = new Map(this.tags.map((tag) => [helpFileOf(tag), tag]));
    compiler.hooks.thisCompilation.tap("HelpLanguagesPlugin", (compilation) => {
      // Before the page is minified, which drops comments.
      HtmlWebpackPlugin.getCompilationHooks(compilation).afterTemplateExecution.tap("HelpLanguagesPlugin", (data) => {
        const tag = pages.get(data.outputName);
        if (tag === undefined) return data;
        if (data.html.split(HELP_LANGUAGES_MARKER).length !== 2) {
          compilation.errors.push(
            new compiler.webpack.WebpackError(
              `src/help/${data.outputName} must hold ${HELP_LANGUAGES_MARKER} once, where the list of languages goes.`,
            ),
          );
          return data;
        }
        return { ...data, html: data.html.replace(HELP_LANGUAGES_MARKER, this.list(tag)) };
      });
    });
  }
}

/**
 * HTTPS for the dev server. Where Excel runs (Windows, macOS) the
 * office-addin-dev-certs certificate, which it installs as trusted, so Excel
 * accepts https://localhost; elsewhere (or if that fails) webpack-dev-server's
 * own self-signed certificate, which a browser accepts after a warning.
 * office-addin-dev-certs is not used on Linux: it installs its CA with sudo.
 */
async function httpsServer() {
  if (process.platform === "win32" || process.platform === "darwin") {
    try {
      const devCerts = require("office-addin-dev-certs");
      return { type: "https", options: await devCerts.getHttpsServerOptions() };
    } catch (error) {
      console.warn(`office-addin-dev-certs could not provide a trusted certificate (${error.message}); using a self-signed one.`);
    }
  }
  return "https";
}

/**
 * Logs, and records in dist/bundle-sizes.json, the size (raw and gzip) of the
 * JavaScript each entry and each page loads before it can render; chunks
 * loaded later with import() are not counted.
 */
class InitialBundleSizePlugin {
  apply(compiler) {
    compiler.hooks.thisCompilation.tap("InitialBundleSizePlugin", (compilation) => {
      compilation.hooks.processAssets.tap(
        { name: "InitialBundleSizePlugin", stage: compiler.webpack.Compilation.PROCESS_ASSETS_STAGE_REPORT },
        () => {
          const measure = (files) => {
            let bytes = 0;
            let gzipBytes = 0;
            for (const file of files) {
              const source = compilation.getAsset(file).source.buffer();
              bytes += source.length;
              gzipBytes += zlib.gzipSync(source, { level: 9 }).length;
            }
            return { files, bytes, gzipBytes };
          };
          const jsOf = (entry) =>
            compilation.entrypoints
              .get(entry)
              .getFiles()
              .filter((file) => file.endsWith(".js"));
          const entries = {};
          for (const name of compilation.entrypoints.keys()) entries[name] = measure(jsOf(name));
          const pages = {};
          for (const [page, { entries: pageEntries }] of Object.entries(PAGES))
            pages[page] = measure([...new Set(pageEntries.flatMap(jsOf))]);
          compilation.emitAsset(
            "bundle-sizes.json",
            new compiler.webpack.sources.RawSource(`${JSON.stringify({ pages, entries }, null, 2)}\n`),
          );
          const kb = (bytes) => `${(bytes / 1024).toFixed(1)} KB`;
          for (const [page, size] of Object.entries(pages)) {
            console.log(`Initial JavaScript of ${page}: ${kb(size.bytes)}, ${kb(size.gzipBytes)} gzip (${size.files.join(", ")})`);
          }
        },
      );
    });
  }
}

async function config(env = {}, argv = {}) {
  const production = argv.mode === "production";
  const serving = Boolean(env.WEBPACK_SERVE);
  let origin;
  try {
    origin = addinOrigin({ production, local: Boolean(env.local) });
  } catch (error) {
    if (!(error instanceof BuildRefusal)) throw error;
    // One line and a failing exit status: what to set matters here, not where webpack noticed.
    console.error(`Build refused: ${error.message}`);
    process.exit(1);
  }

  return {
    mode: production ? "production" : "development",
    // No eval-based source maps: the pages' Content-Security-Policy forbids eval.
    devtool: production ? false : "cheap-module-source-map",
    entry: {
      taskpane: "./src/taskpane/index.tsx",
      functions: FUNCTIONS_SOURCE,
      commands: "./src/commands/commands.ts",
      preview: "./src/preview/index.tsx",
      tracker: "./src/tracker/index.tsx",
    },
    output: {
      path: DIST,
      // Content-hashed names in production: Excel's web view caches scripts,
      // and a new functions.json must never meet an old functions bundle. The
      // pages and files the manifest names keep fixed names.
      filename: production ? "[name].[contenthash].js" : "[name].js",
      chunkFilename: production ? "[name].[contenthash].js" : "[name].js",
      clean: true,
    },
    // Webpack's own runtime code uses only syntax these browsers know.
    target: "browserslist",
    resolve: {
      extensions: [".ts", ".tsx", ".js", ".mjs", ".json"],
      alias: { "@formatjs/icu-messageformat-parser$": NO_PARSER },
    },
    module: {
      rules: [
        { test: MESSAGE_FILES, use: [path.resolve(__dirname, "scripts/messages-loader.cjs")] },
        {
          test: /\.tsx?$/,
          exclude: /node_modules/,
          use: [
            compileLoader,
            griffelLoader,
            {
              loader: "ts-loader",
              // Type checking is `tsc --noEmit` in the tests; the build only transpiles.
              options: { transpileOnly: true, compilerOptions: { noEmit: false } },
            },
          ],
        },
        // Packages ship whatever syntax their authors chose: compiled to the same browsers.
        { test: /\.m?js$/, include: /node_modules/, use: [compileLoader] },
      ],
    },
    optimization: {
      // One webpack runtime per page: the functions, commands and taskpane
      // bundles share module instances (the export request, the date system).
      runtimeChunk: "single",
      splitChunks: {
        chunks: shared,
        cacheGroups: {
          // The libraries of the pages' entries, apart from their own code:
          // React whole, named (every page needs all of it); Fluent and the
          // others grouped by the entries that share them, so that a page
          // loads what its entries use, not what any page does. Only initial
          // chunks are grouped: a library the app imports with import()
          // (exceljs for export) stays its own lazy chunk.
          react: {
            test: /[\\/]node_modules[\\/](react|react-dom|scheduler)[\\/]/,
            name: "react",
            chunks: (chunk) => shared(chunk) && chunk.canBeInitial(),
            priority: 30,
          },
          fluent: {
            test: /[\\/]node_modules[\\/](@fluentui|@griffel|@floating-ui|tabster|keyborg)[\\/]/,
            chunks: (chunk) => shared(chunk) && chunk.canBeInitial(),
            priority: 20,
          },
          vendors: { test: /[\\/]node_modules[\\/]/, chunks: (chunk) => shared(chunk) && chunk.canBeInitial(), priority: 10 },
        },
      },
    },
    performance: { hints: false },
    plugins: [
      // The languages offered: one catalog file each (src/i18n/languages.ts).
      new DefinePlugin({ "process.env.CST_LANGUAGES": JSON.stringify(JSON.stringify(catalogLanguages())) }),
      // The languages with a help page: one file each (src/i18n/help.ts).
      new DefinePlugin({ "process.env.CST_HELP_LANGUAGES": JSON.stringify(JSON.stringify(helpLanguages())) }),
      new CustomFunctionsMetadataPlugin({ output: FUNCTIONS_METADATA, input: FUNCTIONS_SOURCE }),
      new ExcelFunctionsMetadataPlugin(origin),
      ...Object.entries(PAGES).map(
        ([filename, { template, entries }]) =>
          new HtmlWebpackPlugin({ filename, template, chunks: entries, chunksSortMode: "manual", scriptLoading: "defer" }),
      ),
      new HelpLanguagesPlugin(helpLanguages()),
      new CopyWebpackPlugin({
        patterns: [
          { from: "assets/*.png", to: "assets/[name][ext]" },
          { from: `src/help/${HELP_STYLES}`, to: HELP_STYLES },
          {
            from: MANIFEST,
            to: "[name][ext]",
            // The origin, and an Override per language from the catalogs (scripts/localize.cjs).
            transform: (content) => localizeManifest(content.toString().split(DEV_ORIGIN).join(origin)),
          },
        ],
      }),
      new AddinUrlsPlugin(origin),
      ...(production
        ? [
            new OfflineCachePlugin({
              entry: "tracker",
              pages: ["tracker.html", ...HELP_PAGES, HELP_STYLES],
              source: SERVICE_WORKER_SOURCE,
              output: SERVICE_WORKER,
            }),
            new InitialBundleSizePlugin(),
          ]
        : []),
    ],
    devServer: {
      port: DEV_PORT,
      headers: { "Access-Control-Allow-Origin": "*" },
      server: serving ? await httpsServer() : "https",
      static: false,
      client: { overlay: { warnings: false } },
    },
  };
}

module.exports = config;
// For the tests: the rules a build's origin follows, and what Excel reads of functions.json.
module.exports.addinOrigin = addinOrigin;
module.exports.BuildRefusal = BuildRefusal;
module.exports.excelFunctionsMetadata = excelFunctionsMetadata;
module.exports.manifestUrls = manifestUrls;
module.exports.DEV_ORIGIN = DEV_ORIGIN;
module.exports.SERVICE_WORKER = SERVICE_WORKER;
module.exports.BROWSERS = BROWSERS;
module.exports.HELP_LANGUAGES_MARKER = HELP_LANGUAGES_MARKER;
