import js from "@eslint/js";
import tseslint from "typescript-eslint";
import reactHooks from "eslint-plugin-react-hooks";
import globals from "globals";

const LAYERS = ["i18n", "core", "workbook", "excel", "functions", "commands", "cli", "taskpane", "sheet", "preview", "tracker", "help"];

export default tseslint.config(
  { ignores: ["node_modules/", "dist/", "lib/", "coverage/", "test-results/"] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    files: ["**/*.{ts,tsx}"],
    plugins: { "react-hooks": reactHooks },
    rules: {
      ...reactHooks.configs.recommended.rules,
      "@typescript-eslint/no-unused-vars": ["error", { argsIgnorePattern: "^_", varsIgnorePattern: "^_" }],
    },
  },
  // Nothing outside the core, and nothing of the outside world; the rules (src/core/rules) know nothing of
  // the engine that applies them (src/core/engine).
  ...[
    ["src/core/*.ts", "../*"],
    ["src/core/rules/*.ts", "../../*", "../engine/rowCheck", "../engine/rowResults", "../engine/duplicateCheck"],
    ["src/core/engine/*.ts", "../../*"],
  ].map(([files, ...outside]) => ({
    files: [files],
    rules: {
      "@typescript-eslint/no-explicit-any": "error",
      "no-restricted-imports": [
        "error",
        { patterns: ["react", "react-dom", "@fluentui/*", "exceljs", "node:*", "fs", "path", ...outside] },
      ],
    },
  })),
  // The layers of ARCHITECTURE.md: each folder of src imports only the folders below it.
  ...Object.entries({
    i18n: [],
    workbook: ["i18n", "core"],
    excel: ["i18n", "core"],
    functions: ["i18n", "core", "excel"],
    commands: ["i18n", "core", "excel"],
    cli: ["i18n", "core", "workbook"],
    taskpane: ["i18n", "core", "excel", "workbook", "commands"],
    sheet: ["i18n", "core", "excel"],
    preview: ["i18n", "core", "excel", "taskpane", "sheet"],
    tracker: ["i18n", "core", "excel", "workbook", "taskpane", "sheet"],
  }).map(([folder, allowed]) => ({
    files: [`src/${folder}/**/*.{ts,tsx}`],
    rules: {
      "no-restricted-imports": [
        "error",
        {
          patterns: [
            ...LAYERS.filter((layer) => layer !== folder && !allowed.includes(layer)).map((layer) => ({
              group: [`../${layer}`, `../${layer}/*`],
              message: `src/${folder} does not import src/${layer} (see ARCHITECTURE.md).`,
            })),
            // The core's engine is its own, and the custom functions' recalculation's; its rules are read through src/core.
            {
              group:
                folder === "functions"
                  ? ["../core/engine/*", "../core/rules/*"]
                  : ["../core/engine", "../core/engine/*", "../core/rules/*"],
              message: "Import the core through src/core (see ARCHITECTURE.md).",
            },
          ],
        },
      ],
    },
  })),
  {
    files: ["**/*.{js,cjs,mjs}"],
    languageOptions: { globals: { ...globals.node } },
    rules: { "@typescript-eslint/no-require-imports": "off" },
  },
  {
    files: ["src/tracker/service-worker.js"],
    languageOptions: { globals: { ...globals.serviceworker } },
  },
);
