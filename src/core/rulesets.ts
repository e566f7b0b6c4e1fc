/**
 * The program's credit rules as data (docs/rules.md §3). A future change of the rules
 * is a new entry here; every export names the rule set it used.
 */
import type { Category } from "./catalog";
import { labelKey } from "./cells";

export type Certification = "technique" | "diplomate";

export interface CreditRule {
  /** The certification the mentee must hold; hours count from its date on. */
  readonly requires: Certification | null;
  /** Minimum hours per category; categories absent here may not count. */
  readonly minimums: Readonly<Partial<Record<Category, number>>>;
  /** Categories whose hours may count toward this credit. */
  readonly accepts: readonly Category[];
  /** Contact hours per credit. */
  readonly total: number;
}

export interface RuleSet {
  readonly id: RuleSetId;
  /** The rule set for people: in the pane, the command line's text and the Submission sheet. */
  readonly label: string;
  /** Rules of the 1st, 2nd, … credit; credits past the end follow the last rule. */
  readonly credits: readonly [CreditRule, ...CreditRule[]];
}

export const RULE_SET_IDS = ["current", "2014"] as const;
export type RuleSetId = (typeof RULE_SET_IDS)[number];

const FIRST_24_HOURS: CreditRule = { requires: null, minimums: { A: 6, B: 6, C: 6 }, accepts: ["A", "B", "C"], total: 24 };

export const RULE_SETS: Readonly<Record<RuleSetId, RuleSet>> = {
  current: {
    id: "current",
    label: "Current program rules (first, second and third 24 hours)",
    credits: [
      FIRST_24_HOURS,
      { requires: "technique", minimums: { A: 12, C: 12 }, accepts: ["A", "C"], total: 24 },
      // LATER_CREDITS_AS_THIRD (interpretations.ts): the 4th and later credits follow the 3rd.
      { requires: "diplomate", minimums: { A: 12, C: 12 }, accepts: ["A", "C"], total: 24 },
    ],
  },
  "2014": {
    id: "2014",
    label: "2014 program rules (every 24 hours alike)",
    credits: [FIRST_24_HOURS],
  },
};

/** The rule of credit number `n` (1-based, counting credits already awarded). */
export function creditRule(ruleSet: RuleSet, n: number): CreditRule {
  const rules = ruleSet.credits;
  return rules[Math.min(n, rules.length) - 1] ?? rules[0];
}

/** The rule set a cell names by its id ("current") or its label, any case; null for neither. */
export function findRuleSet(text: string): RuleSet | null {
  const key = labelKey(text);
  return Object.values(RULE_SETS).find((ruleSet) => ruleSet.id === key || labelKey(ruleSet.label) === key) ?? null;
}

export const CERTIFICATION_BLOCKS: Readonly<Record<Certification, "technique-certification" | "diplomate-certification">> = {
  technique: "technique-certification",
  diplomate: "diplomate-certification",
};

export const CERTIFICATION_LABELS: Readonly<Record<Certification, string>> = {
  technique: "Technique Certified (CST-T)",
  diplomate: "Diplomate Certified (CST-D)",
};
