#!/usr/bin/env node
/**
 * `npm run test:explore`: the property tests with a fresh seed and ten times
 * the runs (CI runs them with a fixed seed). A failure prints fast-check's
 * seed and path: keep the case as a regression test. Give a seed to replay
 * one: `CST_SEED=123 npm run test:explore`.
 */
import { spawnSync } from "node:child_process";

const seed = process.env.CST_SEED ?? String((Date.now() ^ Math.floor(Math.random() * 0x7fffffff)) | 0);
console.log(`Exploring the property tests with seed ${seed} (replay: CST_SEED=${seed} npm run test:explore)`);
const result = spawnSync(
  "npx",
  [
    "--no-install",
    "jest",
    "--ci",
    "test/core/properties.test.ts",
    "test/workbook/csv.test.ts",
    "test/workbook/submission.test.ts",
    "test/functions/functions.test.ts",
    ...process.argv.slice(2),
  ],
  { stdio: "inherit", env: { ...process.env, CST_EXPLORE: "1", CST_SEED: seed } },
);
if (result.status !== 0)
  console.error(
    `\nA property failed with seed ${seed}: replay with CST_SEED=${seed} npm run test:explore, and keep the case fast-check printed as a regression test.`,
  );
process.exit(result.status ?? 1);
