/**
 * `npm run stop`: undo `npm start`. Where the add-in was sideloaded into Excel
 * (Windows, macOS with office-addin-debugging), `office-addin-debugging stop`
 * unregisters it and stops the dev server. Elsewhere `npm start` only ran the
 * dev server in the foreground, so there is nothing to undo: stop it with
 * Ctrl+C in its terminal.
 */
import { spawnSync } from "node:child_process";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { findOfficeAddinDebugging } from "./start.mjs";

const ROOT = join(dirname(fileURLToPath(import.meta.url)), "..");

export function stopPlan(platform = process.platform, debuggingCli = findOfficeAddinDebugging()) {
  if ((platform === "win32" || platform === "darwin") && debuggingCli !== null) {
    return { kind: "unload", command: process.execPath, args: [debuggingCli, "stop", "manifest.xml"] };
  }
  return {
    kind: "nothing",
    message:
      "Excel was not found on this machine, so nothing was sideloaded and there is nothing to stop here. Stop the dev server with Ctrl+C in the terminal running npm start.",
  };
}

function main() {
  const plan = stopPlan();
  if (plan.kind === "nothing") {
    console.log(plan.message);
    return;
  }
  const result = spawnSync(plan.command, plan.args, { cwd: ROOT, stdio: "inherit" });
  process.exit(result.status ?? 1);
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) main();
