/**
 * Installs the npm dependencies when they are missing or older than the lock
 * file, so `npm start` and `npm test` work on a fresh clone.
 */
import { spawnSync } from "node:child_process";
import { existsSync, statSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";

const ROOT = join(dirname(fileURLToPath(import.meta.url)), "..");

export function dependenciesInstalled(root = ROOT) {
  const lock = join(root, "package-lock.json");
  const installed = join(root, "node_modules", ".package-lock.json");
  return existsSync(installed) && statSync(installed).mtimeMs >= statSync(lock).mtimeMs - 1000;
}

export function ensureDependencies(root = ROOT) {
  if (dependenciesInstalled(root)) return;
  console.log("\n▶ Installing npm dependencies (npm ci)");
  const result = spawnSync("npm", ["ci", "--no-audit", "--no-fund"], { cwd: root, stdio: "inherit" });
  if (result.status !== 0) {
    console.error("✖ npm ci failed: see the messages above.");
    process.exit(result.status ?? 1);
  }
}
