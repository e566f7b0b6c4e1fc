#!/usr/bin/env node
/**
 * `npm test`: every check and every test, browser tests included, on a fresh
 * machine. Installs what is missing first: the npm dependencies, and Debian's
 * Chromium (as root with apt-get) for the browser tests.
 */
import { spawnSync } from "node:child_process";
import { existsSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { ensureDependencies } from "./dependencies.mjs";

const root = join(dirname(fileURLToPath(import.meta.url)), "..");
const chromium = "/usr/bin/chromium";

function run(title, command, args, options = {}) {
  console.log(`\n▶ ${title}`);
  const result = spawnSync(command, args, { cwd: root, stdio: "inherit", ...options });
  if (result.status !== 0) {
    console.error(`✖ ${title} failed${result.status === null ? ` (${result.signal})` : ` (exit ${result.status})`}`);
    process.exit(result.status ?? 1);
  }
}

const npx = (title, ...args) => run(title, "npx", ["--no-install", ...args]);

ensureDependencies();

if (!existsSync(chromium)) {
  const isRoot = typeof process.getuid === "function" && process.getuid() === 0;
  if (!isRoot || spawnSync("sh", ["-c", "command -v apt-get"]).status !== 0) {
    console.error(
      `The browser tests need Debian's Chromium at ${chromium}: run 'sudo apt-get install -y chromium', then 'npm test' again.`,
    );
    process.exit(1);
  }
  run("Installing Debian's Chromium for the browser tests", "sh", [
    "-c",
    "apt-get update -q && DEBIAN_FRONTEND=noninteractive apt-get install -y -q chromium",
  ]);
}

npx("Type check (tsc --noEmit)", "tsc", "--noEmit", "-p", "tsconfig.json");
npx("Lint (ESLint)", "eslint", ".");
run("Formatting (Prettier)", "node", ["node_modules/prettier/bin/prettier.cjs", "--check", "."]);
run("Command line build", "node", ["scripts/build-cli.mjs"]);
npx("Unit, component and command-line tests (jest)", "jest", "--ci");
npx("Add-in build (webpack, production for https://localhost:3000)", "webpack", "--mode", "production", "--env", "local");
run("Browser tests (headless Chromium)", "node", ["scripts/e2e.mjs", "--ci"]);
console.log("\n✔ All checks and tests passed.");
