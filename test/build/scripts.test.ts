/**
 * `npm start` and `npm run stop` decide what to do from the platform and
 * whether office-addin-debugging is installed: sideload where Excel can be,
 * serve the preview elsewhere; stopping where nothing was sideloaded is
 * harmless. The scripts are ES modules, so they run in their own node.
 */
import { execFileSync } from "node:child_process";
import path from "node:path";

const ROOT = path.resolve(__dirname, "../..");

function plan(script: "start" | "stop", call: string): Record<string, unknown> {
  const code = `import(${JSON.stringify(path.join(ROOT, "scripts", `${script}.mjs`))}).then((m) => console.log(JSON.stringify(${call})))`;
  return JSON.parse(execFileSync(process.execPath, ["-e", code], { cwd: ROOT, encoding: "utf8" })) as Record<string, unknown>;
}

test("without Excel, npm start serves the preview over HTTPS on port 3000 and says so", () => {
  const linux = plan("start", `m.startPlan("linux", "/anywhere/cli.js", [])`);
  expect(linux.kind).toBe("preview");
  expect(linux.args).toEqual([path.join(ROOT, "node_modules/webpack/bin/webpack.js"), "serve", "--mode", "development"]);
  expect(linux.message).toMatch(/^Excel was not found on this machine; preview: https:\/\/localhost:3000\/preview\.html/);
  expect(linux.message).toContain(
    "The web tracker, to open, fill and save a tracking form without Excel: https://localhost:3000/tracker.html",
  );
});

test("on Windows or macOS with office-addin-debugging, npm start sideloads into Excel desktop (or the web with --web)", () => {
  const windows = plan("start", `m.startPlan("win32", "/deps/office-addin-debugging/cli.js", [])`);
  expect(windows.kind).toBe("sideload");
  expect(windows.args).toEqual([
    "/deps/office-addin-debugging/cli.js",
    "start",
    "manifest.xml",
    "desktop",
    "--app",
    "excel",
    "--dev-server",
    "npm run dev-server",
    "--dev-server-port",
    "3000",
  ]);
  const web = plan("start", `m.startPlan("darwin", "/deps/office-addin-debugging/cli.js", ["--web"])`);
  expect((web.args as string[])[3]).toBe("web");
});

test("on Windows without office-addin-debugging, npm start serves the preview and names what is missing", () => {
  const windows = plan("start", `m.startPlan("win32", null, [])`);
  expect(windows.kind).toBe("preview");
  expect(windows.message).toMatch(/^office-addin-debugging is not installed/);
});

test("npm run stop unloads where the add-in was sideloaded, and is harmless elsewhere", () => {
  expect(plan("stop", `m.stopPlan("darwin", "/deps/office-addin-debugging/cli.js")`)).toMatchObject({
    kind: "unload",
    args: ["/deps/office-addin-debugging/cli.js", "stop", "manifest.xml"],
  });
  expect(plan("stop", `m.stopPlan("linux", null)`).kind).toBe("nothing");
  const output = execFileSync(process.execPath, [path.join(ROOT, "scripts/stop.mjs")], { cwd: ROOT, encoding: "utf8" });
  if (process.platform === "linux") expect(output).toMatch(/nothing was sideloaded and there is nothing to stop/);
});
