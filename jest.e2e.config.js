/** Browser tests: headless Chromium (playwright-core) against the built preview in dist/. Build first: npx webpack --mode production. */
module.exports = {
  testEnvironment: "node",
  roots: ["<rootDir>/test/e2e"],
  testMatch: ["**/*.test.ts"],
  transform: {
    "^.+\\.(t|j)sx?$": ["@swc/jest", { jsc: { parser: { syntax: "typescript" }, target: "es2022" } }],
  },
  testTimeout: 120000,
  maxWorkers: 1,
};
