/**
 * The browsers the build compiles for (.browserslistrc): the web views
 * Office uses for add-ins in supported versions, whose oldest speak
 * ECMAScript 2022; Internet Explorer 11 and the old Microsoft Edge are not
 * among them (the pages tell their users what is needed). The compile loader
 * rewrites newer syntax, in packages too, down to those browsers. The built
 * bundles are parsed at that ECMAScript version in build.test.ts.
 */
import { parse } from "acorn";
import browserslist from "browserslist";
import path from "node:path";

const ROOT = path.resolve(__dirname, "../..");
// eslint-disable-next-line @typescript-eslint/no-require-imports
const loader = require("../../scripts/compile-loader.cjs") as {
  (this: unknown, source: string): void;
  esbuildTargets(browsers: string[]): string[];
};
const BROWSERS = browserslist(undefined, { path: ROOT });
/** The ECMAScript version of the oldest browsers: Safari 16.4 is the first Safari with all of ES2022 (class static blocks). */
const OLDEST_ECMASCRIPT = 2022;

function compile(source: string): Promise<string> {
  return new Promise((resolve, reject) => {
    loader.call(
      {
        async: () => (error: Error | null, code: string) => (error ? reject(error) : resolve(code)),
        getOptions: () => ({ targets: loader.esbuildTargets(BROWSERS) }),
        resourcePath: "package.js",
        sourceMap: false,
      },
      source,
    );
  });
}

test("the targets are the web views Office uses, not Internet Explorer or the old Edge", () => {
  expect(loader.esbuildTargets(BROWSERS)).toEqual(["chrome109", "edge109", "firefox115", "ios16.4", "safari16.4"]);
  expect(BROWSERS).not.toContain("ie 11");
  expect(BROWSERS.filter((browser) => /^edge 1[2-8]$/.test(browser))).toEqual([]);
});

test("syntax newer than the targets, as a package may ship it, is compiled to what the oldest parse", async () => {
  const source = "export function run(open) { using handle = open(); return handle?.value ?? 0; }";
  expect(() => parse(source, { ecmaVersion: OLDEST_ECMASCRIPT, sourceType: "module" })).toThrow();
  const compiled = await compile(source);
  expect(() => parse(compiled, { ecmaVersion: OLDEST_ECMASCRIPT, sourceType: "module" })).not.toThrow();
  expect(compiled).toContain("export");
});

test("ES2022 syntax the targets know is left as it is", async () => {
  const compiled = await compile("class Counter { static { this.count = 0; } #own = 1; next() { return this.#own++; } }");
  expect(compiled).toContain("static {");
  expect(compiled).toContain("#own");
});
