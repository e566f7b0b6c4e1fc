// Runs the browser tests against dist/ (build it first: npm run build:local).
import { spawnSync } from "node:child_process";
import { existsSync } from "node:fs";

if (!existsSync("dist/preview.html")) {
  console.error("dist/preview.html is missing: build the add-in first with npm run build:local.");
  process.exit(2);
}
const result = spawnSync("npx", ["jest", "-c", "jest.e2e.config.js", ...process.argv.slice(2)], { stdio: "inherit" });
process.exit(result.status ?? 1);
