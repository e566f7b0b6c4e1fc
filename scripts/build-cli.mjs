// Bundles the coordinator command line (src/cli/main.ts) into lib/cli.cjs: one
// CommonJS file for Node 20 (node-bundle.mjs says what stays in node_modules),
// so `npm run cli` and the `cst-mentorship` bin work right after `npm ci`.
import { chmod } from "node:fs/promises";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { build } from "esbuild";
import { NODE_BUNDLE } from "./node-bundle.mjs";
import languages from "./languages.cjs";

const root = join(dirname(fileURLToPath(import.meta.url)), "..");
const quiet = process.argv.includes("--quiet");
const outfile = join(root, "lib", "cli.cjs");

try {
  const started = performance.now();
  await build({
    entryPoints: [join(root, "src", "cli", "main.ts")],
    outfile,
    ...NODE_BUNDLE,
    banner: { js: "#!/usr/bin/env node" },
    // The languages offered: one catalog file each (src/i18n/languages.ts); esbuild bundles every catalog.
    define: { "process.env.CST_LANGUAGES": JSON.stringify(JSON.stringify(languages.catalogLanguages())) },
    logLevel: quiet ? "silent" : "warning",
    legalComments: "none",
  });
  await chmod(outfile, 0o755);
  if (!quiet) console.log(`Built lib/cli.cjs in ${Math.round(performance.now() - started)} ms`);
} catch (error) {
  console.error(`build-cli: ${error instanceof Error ? error.message : String(error)}`);
  process.exitCode = 1;
}
