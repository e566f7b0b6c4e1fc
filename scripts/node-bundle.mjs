// How the command line and the benchmarks' node programs are bundled: one
// CommonJS file for Node 20. Packages stay in node_modules, loaded when a
// command needs them (the workbook readers and writers), except zod: every
// command checks its arguments with it at start, and bundled it loads in a
// third of the time and memory that its own many modules take; and FormatJS,
// which ships ES modules only.
import { readFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";

const root = join(dirname(fileURLToPath(import.meta.url)), "..");
const { dependencies, devDependencies } = JSON.parse(readFileSync(join(root, "package.json"), "utf8"));
const BUNDLED = new Set(["zod", "@formatjs/intl", "@formatjs/intl-localematcher", "@formatjs/icu-messageformat-parser"]);

export const NODE_BUNDLE = {
  bundle: true,
  platform: "node",
  format: "cjs",
  target: "node20",
  // Every other package (a package's subpaths too), the development ones included: the benchmarks use them.
  external: [...Object.keys(dependencies), ...Object.keys(devDependencies)].filter((name) => !BUNDLED.has(name)),
};
