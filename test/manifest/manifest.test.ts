/**
 * Offline checks of manifest.xml. Microsoft's validator (`npm run validate`)
 * needs its web service; these check what can be checked without it: the XML
 * parses, the Id is a GUID, every resource id resolves, the functions'
 * namespace is CST, every URL shares one origin (and the build rewrites it in
 * one place, refusing a production build without one), every icon exists at
 * its declared size, and the permissions are no wider than ReadWriteDocument.
 * schema.test.ts checks it against Microsoft's XSDs.
 */
import { execFileSync } from "node:child_process";
import { existsSync, readFileSync } from "node:fs";
import path from "node:path";
import { parseStringPromise } from "xml2js";
import { EXPORT_ACTION_ID } from "../../src/commands/commands";

// eslint-disable-next-line @typescript-eslint/no-require-imports -- the build's own code, CommonJS
const { localizeManifest } = require("../../scripts/localize.cjs") as { localizeManifest: (xml: string) => string };
const ROOT = path.resolve(__dirname, "../..");
const MANIFEST = path.join(ROOT, "manifest.xml");
const DEV_ORIGIN = "https://localhost:3000";

interface XmlNode {
  $?: Record<string, string>;
  _?: string;
  [child: string]: unknown;
}

interface Element {
  readonly name: string;
  readonly node: XmlNode;
  readonly parents: readonly string[];
}

/** Every element of the parsed document, depth first, with the names of its ancestors. */
function elements(node: XmlNode, name: string, parents: readonly string[] = []): Element[] {
  const found: Element[] = [{ name, node, parents }];
  for (const [key, value] of Object.entries(node)) {
    if (key === "$" || key === "_" || !Array.isArray(value)) continue;
    for (const child of value) {
      const childNode: XmlNode = typeof child === "string" ? { _: child } : (child as XmlNode);
      found.push(...elements(childNode, key, [...parents, name]));
    }
  }
  return found;
}

function textOf(element: Element | undefined): string {
  return element?.node._ ?? "";
}

let all: Element[];
let resources: Map<string, Element>;

beforeAll(async () => {
  const parsed = (await parseStringPromise(readFileSync(MANIFEST, "utf8"))) as { OfficeApp: XmlNode };
  all = elements(parsed.OfficeApp, "OfficeApp");
  resources = new Map(
    all
      .filter((element) => element.parents.includes("Resources") && element.node.$?.id !== undefined)
      .map((element) => [element.node.$!.id!, element]),
  );
});

const find = (name: string) => all.filter((element) => element.name === name);
const resource = (id: string | undefined) => (id === undefined ? undefined : resources.get(id));

test("an Excel taskpane add-in with a GUID for its Id", () => {
  const root = all[0]!;
  expect(root.node.$?.["xsi:type"]).toBe("TaskPaneApp");
  expect(textOf(find("Id")[0])).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-[1-5][0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/i);
  expect(find("Host").map((host) => host.node.$?.Name ?? host.node.$?.["xsi:type"])).toEqual(["Workbook", "Workbook"]);
});

test("permissions are ReadWriteDocument, no wider", () => {
  expect(find("Permissions").map(textOf)).toEqual(["ReadWriteDocument"]);
});

test("every resid resolves to a defined resource, and every resource is used", () => {
  const referenced = all.map((element) => element.node.$?.resid).filter((id): id is string => id !== undefined);
  expect(referenced.length).toBeGreaterThan(10);
  const missing = referenced.filter((id) => !resources.has(id));
  expect(missing).toEqual([]);
  const unused = [...resources.keys()].filter((id) => !referenced.includes(id));
  expect(unused).toEqual([]);
  expect(new Set(resources.keys()).size).toBe(resources.size);
});

test("resource ids fit the manifest's 32-character limit, short strings its 125-character limit", () => {
  for (const id of resources.keys()) expect(id.length).toBeLessThanOrEqual(32);
  for (const element of all.filter((each) => each.parents.includes("bt:ShortStrings"))) {
    expect((element.node.$?.DefaultValue ?? "").length).toBeLessThanOrEqual(125);
  }
});

test("custom functions: namespace CST, metadata functions.json, script and page the shared runtime's page", () => {
  const extension = find("ExtensionPoint").find((point) => point.node.$?.["xsi:type"] === "CustomFunctions");
  expect(extension).toBeDefined();
  const namespaceId = (extension!.node.Namespace as XmlNode[])[0]?.$?.resid;
  expect(resource(namespaceId)?.node.$?.DefaultValue).toBe("CST");
  const sourceOf = (part: string) => ((extension!.node[part] as XmlNode[])[0]?.SourceLocation as XmlNode[])[0]?.$?.resid;
  expect(resource(sourceOf("Metadata"))?.node.$?.DefaultValue).toBe(`${DEV_ORIGIN}/functions.json`);
  // The bundles' names carry a content hash, so no fixed-name script exists: in the shared runtime the
  // page that loads them is the functions' script as well as their page.
  expect(sourceOf("Script")).toBe("Taskpane.Url");
  expect(sourceOf("Page")).toBe("Taskpane.Url");
});

test("support and Get Started's Learn more open the help page shipped with the add-in", () => {
  expect(find("SupportUrl")[0]?.node.$?.DefaultValue).toBe(`${DEV_ORIGIN}/help.html`);
  const learnMore = find("LearnMoreUrl")[0]?.node.$?.resid;
  expect(resource(learnMore)?.node.$?.DefaultValue).toBe(`${DEV_ORIGIN}/help.html`);
});

test("a shared runtime: functions, ribbon commands and the taskpane load taskpane.html, which lives long", () => {
  const runtimes = find("Runtime");
  expect(runtimes.map((runtime) => runtime.node.$)).toEqual([{ resid: "Taskpane.Url", lifetime: "long" }]);
  expect(resource("Taskpane.Url")?.node.$?.DefaultValue).toBe(`${DEV_ORIGIN}/taskpane.html`);
  expect(find("FunctionFile").map((file) => file.node.$?.resid)).toEqual(["Taskpane.Url"]);
  const set = find("Set").map((each) => each.node.$);
  expect(set).toContainEqual({ Name: "SharedRuntime", MinVersion: "1.1" });
});

test("the ribbon has a button that opens the taskpane and one that runs the export command", () => {
  const buttons = find("Control").filter((control) => control.node.$?.["xsi:type"] === "Button");
  const actions = buttons.map((button) => (button.node.Action as XmlNode[])[0]!);
  const show = actions.find((action) => action.$?.["xsi:type"] === "ShowTaskpane");
  expect((show?.SourceLocation as XmlNode[])[0]?.$?.resid).toBe("Taskpane.Url");
  const execute = actions.find((action) => action.$?.["xsi:type"] === "ExecuteFunction");
  expect(execute?.FunctionName).toEqual([EXPORT_ACTION_ID]);
  const labels = buttons.map((button) => resource((button.node.Label as XmlNode[])[0]?.$?.resid)?.node.$?.DefaultValue);
  expect(labels).toContain("Export submission");
  expect(labels).toContain("Open tracker");
});

/** Every URL in the manifest: attribute values and element text that start with http (XML namespace names are not URLs it loads). */
function manifestUrls(xml: string): string[] {
  const withoutNamespaces = xml.replace(/\sxmlns(?::[\w-]+)?="[^"]*"/g, "");
  return [...withoutNamespaces.matchAll(/(?:="|>)(https?:\/\/[^"<\s]+)/g)].map((match) => match[1]!);
}

test("every URL shares one origin, the development server", () => {
  const urls = manifestUrls(readFileSync(MANIFEST, "utf8"));
  expect(urls.length).toBeGreaterThan(8);
  expect(new Set(urls.map((url) => new URL(url).origin))).toEqual(new Set([DEV_ORIGIN]));
  // The parsed document sees the same URLs (none hidden from the regular expression).
  const parsedUrls = all
    .flatMap((element) => [
      ...Object.entries(element.node.$ ?? {})
        .filter(([attribute]) => !attribute.startsWith("xmlns"))
        .map(([, value]) => value),
      element.node._ ?? "",
    ])
    .filter((value) => value.startsWith("http"));
  expect(parsedUrls.sort()).toEqual([...urls].sort());
});

test("every icon exists as a PNG of its declared size", () => {
  const declared = new Map<string, number>();
  for (const use of all.filter((element) => element.name === "bt:Image" && element.node.$?.size !== undefined)) {
    const id = use.node.$!.resid!;
    const size = Number(use.node.$!.size);
    expect(declared.get(id) ?? size).toBe(size);
    declared.set(id, size);
  }
  const iconUrls: [string, number][] = [
    [find("IconUrl")[0]!.node.$!.DefaultValue!, 32],
    [find("HighResolutionIconUrl")[0]!.node.$!.DefaultValue!, 64],
    ...[...declared].map(([id, size]): [string, number] => [resource(id)!.node.$!.DefaultValue!, size]),
  ];
  expect([...declared.values()].sort((a, b) => a - b)).toEqual([16, 32, 80]);
  for (const [url, size] of iconUrls) {
    const file = path.join(ROOT, new URL(url).pathname);
    expect(existsSync(file)).toBe(true);
    const png = readFileSync(file);
    expect(png.subarray(0, 8)).toEqual(Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]));
    expect(png.subarray(12, 16).toString("ascii")).toBe("IHDR");
    expect([png.readUInt32BE(16), png.readUInt32BE(20)]).toEqual([size, size]);
  }
});

test("the committed icons are the ones scripts/draw-icons.mjs draws", () => {
  expect(() => execFileSync(process.execPath, [path.join(ROOT, "scripts/draw-icons.mjs"), "--check"], { stdio: "pipe" })).not.toThrow();
});

describe("the production origin is set in one place", () => {
  type Transform = (content: Buffer) => string;
  interface BuildConfig {
    (env: object, argv: object): Promise<{ plugins: object[] }>;
    addinOrigin(build: { production: boolean; local: boolean; configured?: string }): string;
  }
  // eslint-disable-next-line @typescript-eslint/no-require-imports -- the build's own code, CommonJS
  const config = require(path.join(ROOT, "webpack.config.js")) as BuildConfig;
  const saved = process.env.ADDIN_ORIGIN;
  afterEach(() => {
    if (saved === undefined) delete process.env.ADDIN_ORIGIN;
    else process.env.ADDIN_ORIGIN = saved;
  });

  async function manifestTransform(mode: "production" | "development", env: object = {}): Promise<Transform> {
    const built = await config(env, { mode });
    const copy = built.plugins.find((plugin) => plugin.constructor.name === "CopyPlugin") as {
      patterns: { from: string; transform?: Transform }[];
    };
    const pattern = copy.patterns.find((each) => each.from.startsWith("manifest"));
    return pattern!.transform!;
  }

  test("ADDIN_ORIGIN rewrites every URL of the built manifest in production", async () => {
    process.env.ADDIN_ORIGIN = "https://cst.example.org";
    const transform = await manifestTransform("production");
    const built = transform(readFileSync(MANIFEST));
    const urls = manifestUrls(built);
    // The source's URLs, and one metadata URL per language (the Overrides scripts/localize.cjs adds).
    expect(urls).toHaveLength(manifestUrls(localizeManifest(readFileSync(MANIFEST, "utf8"))).length);
    expect(new Set(urls.map((url) => new URL(url).origin))).toEqual(new Set(["https://cst.example.org"]));
    expect(built).not.toContain("localhost");
  });

  test("development builds, and production builds for this machine (--env local), keep the dev server's origin", async () => {
    process.env.ADDIN_ORIGIN = "https://cst.example.org";
    const localized = localizeManifest(readFileSync(MANIFEST, "utf8"));
    expect((await manifestTransform("development"))(readFileSync(MANIFEST))).toBe(localized);
    expect((await manifestTransform("production", { local: true }))(readFileSync(MANIFEST))).toBe(localized);
  });

  const production = (configured: string | undefined) => () => config.addinOrigin({ production: true, local: false, configured });

  test("a production build without an origin is refused with what to set", () => {
    expect(production(undefined)).toThrow(
      /^ADDIN_ORIGIN is not set: .*ADDIN_ORIGIN=https:\/\/cst\.example\.org npm run build.*npm run build:local/,
    );
    expect(production("  ")).toThrow(/^ADDIN_ORIGIN is not set/);
  });

  test.each(["https://localhost:3000", "https://localhost", "https://127.0.0.1:8443", "https://[::1]", "https://addin.localhost"])(
    "a production build for this machine (%s) is refused",
    (origin) => {
      expect(production(origin)).toThrow(/is this machine, which no other Excel can reach/);
    },
  );

  test("an origin with a path or without https is refused with what to set", () => {
    expect(production("http://cst.example.org")).toThrow(/must be an https origin with no path/);
    expect(production("https://cst.example.org/addin/")).toThrow(/must be an https origin with no path/);
    expect(production("not a url")).toThrow(/is not a URL/);
    expect(config.addinOrigin({ production: true, local: false, configured: " https://cst.example.org/ " })).toBe(
      "https://cst.example.org",
    );
  });
});
