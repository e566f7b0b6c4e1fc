#!/usr/bin/env node
/**
 * `npm run bench` (`npm run bench -- memory`: the memory targets alone): bundles the benchmarks as the add-in and the command line
 * are bundled (one scope, no module wrappers) and runs them once.
 */
import { build } from "esbuild";
import { spawnSync } from "node:child_process";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { NODE_BUNDLE } from "./node-bundle.mjs";

const root = join(dirname(fileURLToPath(import.meta.url)), "..");
const outfile = join(root, "lib", "bench.cjs");
spawnSync("node", [join(root, "scripts", "build-cli.mjs"), "--quiet"], { stdio: "inherit" });
const bundle = (entry, out) =>
  build({
    entryPoints: [join(root, "bench", entry)],
    ...NODE_BUNDLE,
    outfile: out,
    logLevel: "warning",
  });
await bundle("run.ts", outfile);
await bundle("read-csv-only.ts", join(root, "lib", "bench-read-csv.cjs"));
await bundle("reader-child.ts", join(root, "lib", "bench-reader.cjs"));
await bundle("stream-floor.ts", join(root, "lib", "bench-stream-floor.cjs"));
await bundle("slow-reader.ts", join(root, "lib", "bench-slow-reader.cjs"));
const result = spawnSync("node", ["--expose-gc", outfile, ...process.argv.slice(2)], { cwd: root, stdio: "inherit" });
process.exit(result.status ?? 1);
