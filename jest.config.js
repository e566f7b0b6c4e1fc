/** Unit and component tests. Browser tests (test/e2e) run against the built preview: see jest.e2e.config.js. */
module.exports = {
  testEnvironment: "node",
  roots: ["<rootDir>/test"],
  testMatch: ["**/*.test.ts", "**/*.test.tsx"],
  testPathIgnorePatterns: ["/node_modules/", "<rootDir>/test/e2e/"],
  transform: {
    "^.+\\.(t|j)sx?$": [
      "@swc/jest",
      { jsc: { parser: { syntax: "typescript", tsx: true }, transform: { react: { runtime: "automatic" } }, target: "es2022" } },
    ],
  },
  // office-addin-mock reaches an ESM-only package through office-addin-manifest; it only needs the OfficeApp enum.
  moduleNameMapper: { "^office-addin-manifest$": "<rootDir>/test/support/office-addin-manifest-stub.js" },
  // Property tests run with one fixed seed (test/support/properties.ts); npm run test:explore varies it.
  setupFiles: ["<rootDir>/test/support/setup-globals.js", "<rootDir>/test/support/properties.ts"],
  setupFilesAfterEnv: ["<rootDir>/test/support/setup-dom.js"],
  testTimeout: 60000,
};
