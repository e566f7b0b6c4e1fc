/**
 * Builds the add-in into dist/: the taskpane page (which, with the shared
 * runtime, also runs the custom functions and ribbon commands), the preview
 * page (the taskpane outside Excel), functions.json generated from the
 * functions' JSDoc, the manifest, the icons and a local copy of Office.js.
 *
 *   npx webpack --mode production                       dist/ for https://localhost:3000
 *   ADDIN_ORIGIN=https://cst.example.org npx webpack --mode production
 *                                                       dist/ for that origin: the one place the
 *                                                       production origin is set (manifest.xml keeps localhost)
 *   npx webpack serve --mode development                https://localhost:3000
 */
const path = require("node:path");
const zlib = require("node:zlib");
const HtmlWebpackPlugin = require("html-webpack-plugin");
const CopyWebpackPlugin = require("copy-webpack-plugin");
const CustomFunctionsMetadataPlugin = require("custom-functions-metadata-plugin");

const DEV_PORT = 3000;
const DEV_ORIGIN = `https://localhost:${DEV_PORT}`;
const DIST = path.resolve(__dirname, "dist");

/** The pages and the entry bundles each loads. The shared runtime loads taskpane.html once for functions, commands and pane. */
const PAGES = {
  "taskpane.html": { template: "./src/taskpane/taskpane.html", entries: ["functions", "commands", "taskpane"] },
  "preview.html": { template: "./src/preview/preview.html", entries: ["preview"] },
};

/** The origin the built manifest points at: ADDIN_ORIGIN in production builds, the dev server otherwise. */
function addinOrigin(production) {
  const configured = process.env.ADDIN_ORIGIN;
  if (!production || configured === undefined || configured.trim() === "") return DEV_ORIGIN;
  let url;
  try {
    url = new URL(configured.trim());
  } catch {
    throw new Error(`ADDIN_ORIGIN ${JSON.stringify(configured)} is not a URL: set it to an origin such as https://cst.example.org`);
  }
  if (url.protocol !== "https:" || url.pathname !== "/" || url.search !== "" || url.hash !== "") {
    throw new Error(`ADDIN_ORIGIN ${JSON.stringify(configured)} must be an https origin with no path, such as https://cst.example.org`);
  }
  return url.origin;
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

module.exports = async (env, argv) => {
  const production = argv.mode === "production";
  const origin = addinOrigin(production);
  const serving = Boolean(env && env.WEBPACK_SERVE);

  return {
    mode: production ? "production" : "development",
    // No eval-based source maps: the pages' Content-Security-Policy forbids eval.
    devtool: production ? false : "cheap-module-source-map",
    entry: {
      taskpane: "./src/taskpane/index.tsx",
      functions: "./src/functions/functions.ts",
      commands: "./src/commands/commands.ts",
      preview: "./src/preview/index.tsx",
    },
    output: {
      path: DIST,
      filename: "[name].js",
      chunkFilename: production ? "[name].[contenthash:8].js" : "[name].js",
      clean: true,
    },
    resolve: { extensions: [".ts", ".tsx", ".js", ".mjs", ".json"] },
    module: {
      rules: [
        {
          test: /\.tsx?$/,
          exclude: /node_modules/,
          use: {
            loader: "ts-loader",
            // Type checking is `tsc --noEmit` in the tests; the build only transpiles.
            options: { transpileOnly: true, compilerOptions: { noEmit: false } },
          },
        },
      ],
    },
    optimization: {
      // One webpack runtime per page: the functions, commands and taskpane
      // bundles share module instances (the export request, the date system).
      runtimeChunk: "single",
      splitChunks: {
        chunks: "all",
        cacheGroups: {
          // Only initial chunks are grouped by name: a library the app
          // imports with import() (exceljs for export) stays its own lazy chunk.
          react: { test: /[\\/]node_modules[\\/](react|react-dom|scheduler)[\\/]/, name: "react", chunks: "initial", priority: 30 },
          fluent: {
            test: /[\\/]node_modules[\\/](@fluentui|@griffel|@floating-ui|tabster|keyborg)[\\/]/,
            name: "fluent",
            chunks: "initial",
            priority: 20,
          },
          vendors: { test: /[\\/]node_modules[\\/]/, name: "vendors", chunks: "initial", priority: 10 },
        },
      },
    },
    performance: { hints: false },
    plugins: [
      new CustomFunctionsMetadataPlugin({ output: "functions.json", input: "./src/functions/functions.ts" }),
      ...Object.entries(PAGES).map(
        ([filename, { template, entries }]) =>
          new HtmlWebpackPlugin({ filename, template, chunks: entries, chunksSortMode: "manual", scriptLoading: "defer" }),
      ),
      new CopyWebpackPlugin({
        patterns: [
          { from: "assets/*.png", to: "assets/[name][ext]" },
          {
            from: "manifest*.xml",
            to: "[name][ext]",
            transform: (content) => content.toString().split(DEV_ORIGIN).join(origin),
          },
          {
            from: "node_modules/@microsoft/office-js/dist",
            to: "office-js",
            globOptions: { ignore: ["**/*.debug.js", "**/office-vsdoc.js", "**/*.d.ts"] },
            // Already minified by Microsoft; without this Terser spends minutes re-minifying 27 MB.
            info: { minimized: true },
          },
        ],
      }),
      ...(production ? [new InitialBundleSizePlugin()] : []),
    ],
    devServer: {
      port: DEV_PORT,
      headers: { "Access-Control-Allow-Origin": "*" },
      server: serving ? await httpsServer() : "https",
      static: false,
      client: { overlay: { warnings: false } },
    },
  };
};
