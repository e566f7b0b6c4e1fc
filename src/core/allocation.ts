/**
 * Credit allocation (docs/rules.md §3), solved exactly. Credits N+1 … N+k are feasible
 * together when a flow from the logged hours (summed per category and date
 * window) can meet every credit's minimums and total at once; the answer is
 * the largest such k. A chronological or greedy fill is wrong: early A or C
 * hours spent on the first credit may be the only ones a later credit can use.
 */
import { CATEGORIES, type Category } from "./catalog";
import type { IsoDate } from "./dates";
import { type Millihours, MILLI_PER_HOUR } from "./hours";
import { type CreditGroup, type FlowResult, CreditNetwork, NO_EXTRA, smallestExtra, solve } from "./creditNetwork";
import type { HoursLedger } from "./hoursLedger";

export { HoursLedger } from "./hoursLedger";
import type { Profile } from "./profile";
import { CERTIFICATION_BLOCKS, type Certification, type CreditRule, creditRule } from "./rulesets";

export type BlockedBy = "technique-certification" | "diplomate-certification";

export interface CategoryHours {
  readonly A: Millihours;
  readonly B: Millihours;
  readonly C: Millihours;
}

export interface NextCredit {
  /** Credit number, counting credits already awarded. */
  readonly credit: number;
  readonly missing: CategoryHours & { readonly total: Millihours };
  readonly blockedBy: BlockedBy | null;
}

/** Hours one group of alike credits took from each category. */
export interface CreditGroupAllocation {
  readonly firstCredit: number;
  readonly count: number;
  readonly rule: CreditRule;
  readonly windowStart: IsoDate | null;
  readonly used: CategoryHours;
}

export interface Allocation {
  /**
   * Credits newly earned by the log: max(0, K − W), where K (`supported`) is how many of credits
   * P+1, P+2, … the log's rows meet at once and W the credits already awarded from this log (docs/rules.md §4).
   */
  readonly credits: number;
  /** K: credits P+1 … P+K are met at once by the log's rows, awarded ones included. */
  readonly supported: number;
  /** The number of the first credit newly earned (P+W+1), whether or not one is. */
  readonly firstNewCredit: number;
  /** Groups of credits P+1 … P+K with the hours each took (the first W of them awarded already). */
  readonly groups: readonly CreditGroupAllocation[];
  readonly next: NextCredit;
}

/** The date hours start to count for a certification, or null when it is not held. */
function certificationStart(profile: Profile, certification: Certification): IsoDate | null {
  if (certification === "diplomate") return profile.diplomateCertifiedOn;
  // Interpretation: a Diplomate holds Technique certification at least from the Diplomate date.
  return profile.techniqueCertifiedOn ?? profile.diplomateCertifiedOn;
}

/**
 * Credits first … last grouped by rule: alike credits form one group whose
 * demands are the rule's times the count (merging identical demand nodes
 * keeps the maximum flow). Returns null when a credit needs a certification
 * that is not held and no `assumeCertifiedOn` is given.
 */
function groupCredits(profile: Profile, first: number, last: number, assumeCertifiedOn: IsoDate | null): CreditGroup[] | null {
  const groups: CreditGroup[] = [];
  const rules = profile.ruleSet.credits;
  let n = first;
  while (n <= last) {
    const rule = creditRule(profile.ruleSet, n);
    // Credits from the last rule's index on all follow the last rule.
    const end = n >= rules.length ? last : n;
    let windowStart: IsoDate | null = null;
    if (rule.requires !== null) {
      windowStart = certificationStart(profile, rule.requires) ?? assumeCertifiedOn;
      if (windowStart === null) return null;
    }
    groups.push({ firstCredit: n, count: end - n + 1, rule, windowStart });
    n = end + 1;
  }
  return groups;
}

export interface AllocationOptions {
  readonly asOf: IsoDate;
  /**
   * Finds the next credit's missing hours by bisection, one maximum flow per step, instead of from two
   * maximum flows (see `smallestExtra`): the same answers, slower. For tests that check one against the other.
   */
  readonly bisect?: boolean;
}

/**
 * docs/rules.md §4: K, the largest k such that credits P+1 … P+k can all be met at once from the log's rows; the
 * log newly earns max(0, K − W) of them, numbered P+W+1 … P+K. The next credit is P + max(K, W) + 1.
 */
export function allocateCredits(ledger: HoursLedger, profile: Profile, options: AllocationOptions): Allocation {
  const awarded = profile.creditsAwarded;
  const fromLog = profile.creditsAwardedFromLog;
  const totalHours = CATEGORIES.reduce((sum, category) => sum + ledger.total(category), 0);
  const feasible = (k: number): FlowResult | null => {
    if (k === 0) return { feasible: true, used: [] };
    const groups = groupCredits(profile, awarded + 1, awarded + k, null);
    if (groups === null) return null;
    const result = solve(ledger, groups, NO_EXTRA);
    return result.feasible ? result : null;
  };

  // Feasibility is monotone in k (a feasible k+1 contains a feasible k). Every credit takes 24 hours.
  let low = 0;
  let high = Math.floor(totalHours / (24 * MILLI_PER_HOUR));
  while (low < high) {
    const middle = Math.ceil((low + high) / 2);
    if (feasible(middle) !== null) low = middle;
    else high = middle - 1;
  }
  const supported = low;
  const earnedGroups = supported === 0 ? [] : (groupCredits(profile, awarded + 1, awarded + supported, null) as CreditGroup[]);
  const earned = feasible(supported) as FlowResult;

  return {
    credits: Math.max(0, supported - fromLog),
    supported,
    firstNewCredit: awarded + fromLog + 1,
    groups: earnedGroups.map((group, index) => ({ ...group, used: earned.used[index] ?? { A: 0, B: 0, C: 0 } })),
    next: nextCredit(ledger, profile, supported, awarded + Math.max(supported, fromLog) + 1, options.asOf, options.bisect === true),
  };
}

/**
 * What credit `credit` still needs, with the `supported` credits P+1 … P+K kept (docs/rules.md §4). Where the log
 * no longer supports every credit awarded from it (K < W), the next credit is the one after them, and
 * the unsupported ones between are left out: that is the profile's error, not the next credit's need.
 */
function nextCredit(ledger: HoursLedger, profile: Profile, supported: number, credit: number, asOf: IsoDate, bisect: boolean): NextCredit {
  const rule = creditRule(profile.ruleSet, credit);
  let blockedBy: BlockedBy | null = null;
  if (rule.requires !== null && certificationStart(profile, rule.requires) === null) blockedBy = CERTIFICATION_BLOCKS[rule.requires];
  // A missing certification is assumed granted on the as-of date: hours logged before it never count.
  const first = profile.creditsAwarded + 1;
  const groups =
    first + supported === credit
      ? (groupCredits(profile, first, credit, asOf) as CreditGroup[])
      : [
          ...(supported === 0 ? [] : (groupCredits(profile, first, first + supported - 1, asOf) as CreditGroup[])),
          ...(groupCredits(profile, credit, credit, asOf) as CreditGroup[]),
        ];
  const demand = groups.reduce((sum, group) => sum + group.rule.total * MILLI_PER_HOUR * group.count, 0);
  const unlimited = demand;

  const missingIn = (category: Category): Millihours => {
    if (!rule.accepts.includes(category)) return 0;
    const others = Object.fromEntries(rule.accepts.filter((other) => other !== category).map((other) => [other, unlimited]));
    return smallestExtra(ledger, groups, { ...NO_EXTRA, perCategory: others }, category, demand, bisect);
  };
  const total = smallestExtra(
    ledger,
    groups,
    { perCategory: {}, flexible: 0, flexibleCategories: rule.accepts },
    "flexible",
    demand,
    bisect,
  );
  return { credit, missing: { A: missingIn("A"), B: missingIn("B"), C: missingIn("C"), total }, blockedBy };
}

/** Why logged hours count toward no credit (yet). */
export type UnusedReason =
  /** The next credit takes no hours of the category (B for the 2nd and later credits of the current rules). */
  | "not-accepted"
  /** Dated before the certification the next credit needs (or that certification is not held yet). */
  | "before-certification"
  /** More than the next credit can take: they wait for a later credit. */
  | "beyond-next";

export interface CreditBreakdown {
  /**
   * Each credit the log's rows meet (P+1 … P+K; numbers count credits awarded before this log) and the
   * hours it took from each category; `awarded` for those already awarded from this log (the first W).
   */
  readonly earned: readonly { readonly credit: number; readonly hours: CategoryHours; readonly awarded: boolean }[];
  /** The next credit: the hours that already count toward it. */
  readonly next: {
    readonly credit: number;
    readonly hours: CategoryHours;
    readonly requires: Certification | null;
    /** The day its hours count from (the certification date), or null. */
    readonly countsFrom: IsoDate | null;
  };
  /** Logged hours of rows without errors that count toward no credit, by category and reason. */
  readonly unused: readonly { readonly category: Category; readonly hours: Millihours; readonly reason: UnusedReason }[];
}

/**
 * Which hours went to which credit, which count toward the next one, and
 * which count toward none and why: one assignment of the logged hours, from
 * the same flow network as the allocation. The earned credits are met first;
 * the next credit then takes what it can of the rest (augmenting a flow
 * never lowers what already reaches the sink, so the earned credits keep
 * their hours). Alike credits merged in one group share its hours evenly.
 */
export function creditBreakdown(ledger: HoursLedger, profile: Profile, allocation: Allocation, asOf: IsoDate): CreditBreakdown {
  const awarded = profile.creditsAwarded;
  const earnedGroups = allocation.supported === 0 ? [] : (groupCredits(profile, awarded + 1, awarded + allocation.supported, null) ?? []);
  const nextNumber = allocation.next.credit;
  const awardedUpTo = awarded + profile.creditsAwardedFromLog;
  const nextRule = creditRule(profile.ruleSet, nextNumber);
  const held = nextRule.requires === null ? null : certificationStart(profile, nextRule.requires);
  const nextGroup: CreditGroup = {
    firstCredit: nextNumber,
    count: 1,
    rule: nextRule,
    // A certification not held yet opens its window on the as-of date at the earliest.
    windowStart: nextRule.requires === null ? null : (held ?? asOf),
  };
  const last = earnedGroups.length;
  const credits = new CreditNetwork(ledger, [...earnedGroups, nextGroup], NO_EXTRA, new Set([last]));
  credits.maxFlow();
  credits.open(new Set([last]));
  credits.maxFlow();
  const used = credits.used();

  const earned: { credit: number; hours: CategoryHours; awarded: boolean }[] = [];
  earnedGroups.forEach((group, index) => {
    const total = used[index] ?? { A: 0, B: 0, C: 0 };
    for (let k = 0; k < group.count; k++) {
      const share = (category: Category): Millihours => {
        const even = Math.floor(total[category] / group.count);
        return even + (k === 0 ? total[category] - even * group.count : 0);
      };
      const credit = group.firstCredit + k;
      earned.push({ credit, hours: { A: share("A"), B: share("B"), C: share("C") }, awarded: credit <= awardedUpTo });
    }
  });

  const unusedHours = new Map<string, { category: Category; hours: Millihours; reason: UnusedReason }>();
  for (const { pool, hours } of credits.leftover()) {
    if (hours <= 0) continue;
    const reason: UnusedReason = !nextRule.accepts.includes(pool.category)
      ? "not-accepted"
      : nextGroup.windowStart !== null && (pool.from === null || pool.from < nextGroup.windowStart)
        ? "before-certification"
        : "beyond-next";
    const key = `${pool.category}:${reason}`;
    const entry = unusedHours.get(key) ?? { category: pool.category, hours: 0, reason };
    unusedHours.set(key, { ...entry, hours: entry.hours + hours });
  }
  const unused = [...unusedHours.values()].sort((a, b) => (a.category === b.category ? 0 : a.category < b.category ? -1 : 1));

  return {
    earned,
    next: { credit: nextNumber, hours: used[last] ?? { A: 0, B: 0, C: 0 }, requires: nextRule.requires, countsFrom: held },
    unused,
  };
}
