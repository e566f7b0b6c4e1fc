/** Unit and component tests. Browser tests (test/e2e) run against the built preview: see jest.e2e.config.js. */
const SWC = { jsc: { parser: { syntax: "typescript", tsx: true }, transform: { react: { runtime: "automatic" } }, target: "es2022" } };

module.exports = {
  testEnvironment: "node",
  roots: ["<rootDir>/test"],
  testMatch: ["**/*.test.ts", "**/*.test.tsx"],
  // FormatJS ships ES modules only: compiled for jest like the project's own.
  transformIgnorePatterns: ["/node_modules/(?!(@formatjs|intl-messageformat)/)"],
  testPathIgnorePatterns: ["/node_modules/", "<rootDir>/test/e2e/"],
  transform: {
    // functions.ts as the webpack build sees it: with the metadata plugin's CustomFunctions.associate calls appended.
    "/src/functions/functions\\.ts$": ["<rootDir>/test/support/functions-transform.js", SWC],
    "^.+\\.(t|j)sx?$": ["@swc/jest", SWC],
  },
  // office-addin-mock reaches an ESM-only package through office-addin-manifest; it only needs the OfficeApp enum.
  moduleNameMapper: {
    "^office-addin-manifest$": "<rootDir>/test/support/office-addin-manifest-stub.js",
    // Under jsdom, exceljs (which the browser tests of reading and writing workbooks need) resolves uuid's ES-module browser build: use its CommonJS one.
    "^uuid$": "<rootDir>/node_modules/uuid/dist/index.js",
  },
  // Property tests run with one fixed seed (test/support/properties.ts); npm run test:explore varies it.
  setupFiles: ["<rootDir>/test/support/setup-globals.js", "<rootDir>/test/support/properties.ts"],
  setupFilesAfterEnv: ["<rootDir>/test/support/setup-dom.js"],
  testTimeout: 60000,
};
