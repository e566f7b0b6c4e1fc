/**
 * `npm start`: serve the add-in and, where Excel can be sideloaded, open it.
 *
 * - Windows and macOS with office-addin-debugging installed (an optional
 *   dependency: it needs the system keychain, so it installs only there):
 *   `office-addin-debugging start manifest.xml desktop`, which starts the dev
 *   server (npm run dev-server) on port 3000, trusts the development
 *   certificate and sideloads the add-in into Excel.
 * - Anywhere else (Linux, or no office-addin-debugging): the dev server alone,
 *   with the preview page, the taskpane running against an in-memory workbook.
 *   Sideload manifest.xml into Excel on the web by hand to use it in Excel.
 *
 *   node scripts/start.mjs [--web]   --web: sideload into Excel on the web instead of desktop
 */
import { spawn } from "node:child_process";
import { createRequire } from "node:module";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { ensureDependencies } from "./dependencies.mjs";

const ROOT = join(dirname(fileURLToPath(import.meta.url)), "..");
const PORT = 3000;
const require = createRequire(import.meta.url);

/** The office-addin-debugging command line, or null where it is not installed. */
export function findOfficeAddinDebugging(resolve = (id) => require.resolve(id)) {
  try {
    return join(dirname(resolve("office-addin-debugging/package.json")), "cli.js");
  } catch {
    return null;
  }
}

/** What `npm start` runs on this machine: the command and the line it prints first. */
export function startPlan(platform = process.platform, debuggingCli = findOfficeAddinDebugging(), args = process.argv.slice(2)) {
  const canSideload = (platform === "win32" || platform === "darwin") && debuggingCli !== null;
  if (canSideload) {
    const target = args.includes("--web") ? "web" : "desktop";
    return {
      kind: "sideload",
      command: process.execPath,
      args: [
        debuggingCli,
        "start",
        "manifest.xml",
        target,
        "--app",
        "excel",
        "--dev-server",
        "npm run dev-server",
        "--dev-server-port",
        String(PORT),
      ],
      message: `Starting the dev server on https://localhost:${PORT} and sideloading the add-in into Excel (${target}). Stop with: npm run stop`,
    };
  }
  const why =
    platform === "win32" || platform === "darwin"
      ? "office-addin-debugging is not installed (npm install installs it as an optional dependency)"
      : "Excel was not found on this machine";
  return {
    kind: "preview",
    command: process.execPath,
    args: [join(ROOT, "node_modules", "webpack", "bin", "webpack.js"), "serve", "--mode", "development"],
    message: [
      `${why}; preview: https://localhost:${PORT}/preview.html`,
      `(the taskpane against an in-memory workbook with a sample log; the dev server's certificate is self-signed, so the browser asks once).`,
      `The web tracker, to open, fill and save a tracking form without Excel: https://localhost:${PORT}/tracker.html`,
      `To use the add-in in Excel on the web, upload manifest.xml there (Home > Add-ins > More add-ins > Upload My Add-in) while this server runs.`,
    ].join("\n"),
  };
}

function main() {
  ensureDependencies();
  const plan = startPlan();
  console.log(plan.message);
  const child = spawn(plan.command, plan.args, { cwd: ROOT, stdio: "inherit" });
  const forward = (signal) => child.kill(signal);
  process.on("SIGINT", forward);
  process.on("SIGTERM", forward);
  child.on("exit", (code, signal) => process.exit(code ?? (signal ? 1 : 0)));
  child.on("error", (error) => {
    console.error(`Could not start ${plan.kind === "sideload" ? "office-addin-debugging" : "the dev server"}: ${error.message}`);
    process.exit(1);
  });
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) main();
