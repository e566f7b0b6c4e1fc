/** Browser tests: headless Chromium (playwright-core) against the built pages in dist/. Build first: npm run build:local. */
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
