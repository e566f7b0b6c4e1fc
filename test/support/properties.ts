/**
 * Property tests that CI can trust: under `npm test` every property runs
 * with one fixed seed, so a result never depends on the run; `npm run
 * test:explore` runs them with a fresh seed and ten times the runs, and
 * fast-check's failure message then names the seed and path to keep the
 * case as a regression test.
 */
import fc from "fast-check";

const EXPLORE = process.env.CST_EXPLORE === "1";
/** The seed of every property in CI (any fixed number; changing it is a deliberate act). */
export const CI_SEED = 20_261_125;
const SEED = EXPLORE ? Number(process.env.CST_SEED ?? (Date.now() ^ (Math.random() * 0x7fffffff)) | 0) : CI_SEED;

fc.configureGlobal({ seed: SEED });

/** Parameters of one property: a fixed seed in CI, more runs when exploring. */
export function runs(numRuns: number): fc.Parameters<unknown> {
  return { seed: SEED, numRuns: EXPLORE ? numRuns * 10 : numRuns };
}

export const exploring = EXPLORE;
export const seed = SEED;
