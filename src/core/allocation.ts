/**
 * Credit allocation (docs/rules.md §3), solved exactly. Credits N+1 … N+k are feasible
 * together when a flow from the logged hours (summed per category and date
 * window) can meet every credit's minimums and total at once; the answer is
 * the largest such k. A chronological or greedy fill is wrong: early A or C
 * hours spent on the first credit may be the only ones a later credit can use.
 */
import { CATEGORIES, type Category } from "./catalog";
import { type IsoDate, DAY_NUMBER_OFFSET, isoDateToDayNumber } from "./dates";
import { type Millihours, MILLI_PER_HOUR } from "./hours";
import { FlowNetwork } from "./maxflow";
import type { Profile } from "./profile";
import { CERTIFICATION_BLOCKS, type Certification, type CreditRule, creditRule } from "./rulesets";

const CHUNK_BITS = 10;
const CHUNK_DAYS = 1 << CHUNK_BITS;

/**
 * Credited hours of valid rows, summed per category and day. Totals live in
 * chunks of 1024 days indexed by the day: adding a row is two array reads,
 * where a Map cost more than the rest of the summary.
 */
export class HoursLedger {
  // One field per category, not an object keyed by it: `add` runs for every row, and a look-up by a
  // variable key costs more than the addition.
  private readonly chunksA: (Float64Array | undefined)[] = [];
  private readonly chunksB: (Float64Array | undefined)[] = [];
  private readonly chunksC: (Float64Array | undefined)[] = [];

  private chunksOf(category: Category): (Float64Array | undefined)[] {
    return category === "A" ? this.chunksA : category === "B" ? this.chunksB : this.chunksC;
  }

  private suffix: Record<Category, { days: number[]; from: Millihours[] }> | null = null;

  /** Adds hours on a day (days since 1970-01-01, as `isoDateToDayNumber` gives). */
  add(category: Category, day: number, hours: Millihours): void {
    if (hours <= 0) return;
    // Days of years 1 to 9999 shifted to 0 … 2^22: whole, non-negative and within 32 bits.
    const index = day + DAY_NUMBER_OFFSET;
    if (index >>> 0 !== index) throw new RangeError(`not a day of years 1 to 9999: ${day}`);
    const chunks = this.chunksOf(category);
    const chunk = (chunks[index >>> CHUNK_BITS] ??= new Float64Array(CHUNK_DAYS));
    chunk[index & (CHUNK_DAYS - 1)] = (chunk[index & (CHUNK_DAYS - 1)] as number) + hours;
    this.suffix = null;
  }

  total(category: Category): Millihours {
    return this.hoursFrom(category, null);
  }

  /** Hours of a category dated on or after `date` (all of them for null). */
  hoursFrom(category: Category, date: IsoDate | null): Millihours {
    const table = this.sums()[category];
    if (date === null) return table.from[0] ?? 0;
    const day = isoDateToDayNumber(date);
    // First index whose day is on or after `day`.
    let low = 0;
    let high = table.days.length;
    while (low < high) {
      const middle = (low + high) >>> 1;
      if ((table.days[middle] as number) < day) low = middle + 1;
      else high = middle;
    }
    return table.from[low] ?? 0;
  }

  private sums(): Record<Category, { days: number[]; from: Millihours[] }> {
    if (this.suffix === null) {
      const build = (category: Category) => {
        const days: number[] = [];
        const hours: Millihours[] = [];
        const chunks = this.chunksOf(category);
        // Plain loops: the allocation reads these sums once per evaluation, over every day of every chunk.
        for (let chunkIndex = 0; chunkIndex < chunks.length; chunkIndex++) {
          const chunk = chunks[chunkIndex];
          if (chunk === undefined) continue;
          for (let offset = 0; offset < CHUNK_DAYS; offset++) {
            const total = chunk[offset] as number;
            if (total > 0) {
              days.push(chunkIndex * CHUNK_DAYS + offset - DAY_NUMBER_OFFSET);
              hours.push(total);
            }
          }
        }
        const from = new Array<Millihours>(days.length + 1).fill(0);
        for (let i = days.length - 1; i >= 0; i--) from[i] = (from[i + 1] as number) + (hours[i] as number);
        return { days, from };
      };
      this.suffix = { A: build("A"), B: build("B"), C: build("C") };
    }
    return this.suffix;
  }
}

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

interface CreditGroup {
  readonly firstCredit: number;
  readonly count: number;
  readonly rule: CreditRule;
  readonly windowStart: IsoDate | null;
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

/** Hours that may be added, dated on the as-of date, to complete the next credit. */
interface ExtraHours {
  readonly perCategory: Partial<Record<Category, Millihours>>;
  /** Hours in any of `flexibleCategories`. */
  readonly flexible: Millihours;
  readonly flexibleCategories: readonly Category[];
}

const NO_EXTRA: ExtraHours = { perCategory: {}, flexible: 0, flexibleCategories: [] };

interface FlowResult {
  readonly feasible: boolean;
  readonly used: CategoryHours[];
}

interface Pool {
  readonly category: Category;
  readonly segment: number;
  /** First day of the segment's hours (null: no lower bound). */
  readonly from: IsoDate | null;
  readonly hours: Millihours;
}

interface Demand {
  readonly group: number;
  readonly categories: readonly Category[];
  readonly hours: Millihours;
}

/** The flow network of some groups of credits over the logged hours: pools (category × date segment) to demands. */
class CreditNetwork {
  readonly pools: Pool[] = [];
  readonly demands: Demand[] = [];
  readonly network: FlowNetwork;
  private readonly source = 0;
  private readonly flexibleNode = 1;
  private readonly firstPool = 2;
  private readonly firstDemand: number;
  private readonly sink: number;

  constructor(
    ledger: HoursLedger,
    readonly groups: readonly CreditGroup[],
    extra: ExtraHours,
    /** Demands of these groups start closed (capacity 0): `open` adds them after the others are met. */
    deferred: ReadonlySet<number> = new Set(),
  ) {
    const starts = [...new Set(groups.map((group) => group.windowStart).filter((start): start is IsoDate => start !== null))].sort();
    // Segment s holds hours dated from starts[s-1] (inclusive) up to starts[s]; segment 0 has no lower bound.
    const segmentCount = starts.length + 1;
    for (const category of CATEGORIES) {
      for (let segment = 0; segment < segmentCount; segment++) {
        const from = segment === 0 ? null : (starts[segment - 1] as IsoDate);
        const to = segment + 1 < segmentCount ? (starts[segment] as IsoDate) : null;
        const hours = ledger.hoursFrom(category, from) - (to === null ? 0 : ledger.hoursFrom(category, to));
        this.pools.push({
          category,
          segment,
          from,
          hours: hours + (segment === segmentCount - 1 ? (extra.perCategory[category] ?? 0) : 0),
        });
      }
    }
    groups.forEach((group, index) => {
      let reserved = 0;
      for (const category of group.rule.accepts) {
        const minimum = (group.rule.minimums[category] ?? 0) * MILLI_PER_HOUR * group.count;
        reserved += minimum;
        if (minimum > 0) this.demands.push({ group: index, categories: [category], hours: minimum });
      }
      const rest = group.rule.total * MILLI_PER_HOUR * group.count - reserved;
      if (rest > 0) this.demands.push({ group: index, categories: group.rule.accepts, hours: rest });
    });

    this.firstDemand = this.firstPool + this.pools.length;
    this.sink = this.firstDemand + this.demands.length;
    const network = new FlowNetwork(this.sink + 1);
    network.addEdge(this.source, this.flexibleNode, extra.flexible);
    this.pools.forEach((pool, p) => network.addEdge(this.source, this.firstPool + p, pool.hours));
    this.demands.forEach((demand, d) => {
      const group = groups[demand.group] as CreditGroup;
      if (!deferred.has(demand.group)) network.addEdge(this.firstDemand + d, this.sink, demand.hours);
      this.pools.forEach((pool, p) => {
        const opens = group.windowStart === null || (pool.from !== null && pool.from >= group.windowStart);
        if (demand.categories.includes(pool.category) && opens)
          network.addEdge(this.firstPool + p, this.firstDemand + d, Number.MAX_SAFE_INTEGER);
      });
      // Extra hours are dated on the as-of date: the last segment, open to every window.
      if (demand.categories.some((category) => extra.flexibleCategories.includes(category))) {
        network.addEdge(this.flexibleNode, this.firstDemand + d, Number.MAX_SAFE_INTEGER);
      }
    });
    this.network = network;
  }

  /**
   * Raises the hours that may be added (`extra`) by `amount`: in one category, or in any of the flexible
   * categories. The flow found so far stays; `maxFlow` then adds what the new hours allow.
   */
  addExtra(where: Category | "flexible", amount: Millihours): void {
    if (where === "flexible") {
      this.network.addEdge(this.source, this.flexibleNode, amount);
      return;
    }
    // Extra hours are dated on the as-of date: the last segment of their category.
    let last = -1;
    this.pools.forEach((pool, p) => {
      if (pool.category === where) last = p;
    });
    this.network.addEdge(this.source, this.firstPool + last, amount);
  }

  /** Opens the deferred groups' demands; flow already sent to the others stays (augmenting never lowers a sink edge). */
  open(groups: ReadonlySet<number>): void {
    this.demands.forEach((demand, d) => {
      if (groups.has(demand.group)) this.network.addEdge(this.firstDemand + d, this.sink, demand.hours);
    });
  }

  maxFlow(): number {
    return this.network.maxFlow(this.source, this.sink);
  }

  required(groups?: ReadonlySet<number>): number {
    return this.demands.filter((demand) => groups === undefined || groups.has(demand.group)).reduce((sum, demand) => sum + demand.hours, 0);
  }

  /** Hours each group took from each category. */
  used(): CategoryHours[] {
    const used = this.groups.map(() => ({ A: 0, B: 0, C: 0 }));
    this.demands.forEach((demand, d) => {
      this.pools.forEach((pool, p) => {
        (used[demand.group] as Record<Category, number>)[pool.category] += this.network.flowOn(this.firstPool + p, this.firstDemand + d);
      });
    });
    return used;
  }

  /** Hours of each pool no demand took. */
  leftover(): { pool: Pool; hours: Millihours }[] {
    return this.pools.map((pool, p) => {
      let taken = 0;
      this.demands.forEach((_, d) => (taken += this.network.flowOn(this.firstPool + p, this.firstDemand + d)));
      return { pool, hours: pool.hours - taken };
    });
  }
}

/** Builds the flow network for the groups and checks that every demand is met. */
function solve(ledger: HoursLedger, groups: readonly CreditGroup[], extra: ExtraHours): FlowResult {
  const credits = new CreditNetwork(ledger, groups, extra);
  const flow = credits.maxFlow();
  return { feasible: flow === credits.required(), used: credits.used() };
}

/**
 * Smallest amount of extra hours, in [0, high], with which the groups are all met: extra hours in one
 * category (`where`), or in any of the flexible categories, on top of `extra`.
 *
 * The extra hours enter the network through one edge from the source, so the maximum flow as a function
 * of that edge's added capacity λ is f(λ) = min(A + λ, B): A is the smallest cut through that edge (at
 * λ = 0) and B the smallest cut around it (every cut is one or the other, and only the first kind grows
 * with λ). With D the hours the groups require, the smallest λ with f(λ) = D is D − f(0) when B ≥ D, and
 * none when B < D. So two maximum flows answer what a bisection over thousandths of an hour answered with
 * fifteen: f(0), then, with the edge raised by D − f(0), whether the flow reaches D. A bisection that never
 * fits returns `high`; so does this. (`bisect` keeps the bisection, to test one against the other.)
 */
function smallestExtra(
  ledger: HoursLedger,
  groups: readonly CreditGroup[],
  extra: ExtraHours,
  where: Category | "flexible",
  high: Millihours,
  bisect: boolean,
): Millihours {
  if (bisect) {
    return smallest(high, (amount) => {
      const more =
        where === "flexible"
          ? { ...extra, flexible: extra.flexible + amount }
          : { ...extra, perCategory: { ...extra.perCategory, [where]: (extra.perCategory[where] ?? 0) + amount } };
      return solve(ledger, groups, more).feasible;
    });
  }
  const credits = new CreditNetwork(ledger, groups, extra);
  const required = credits.required();
  const base = credits.maxFlow();
  if (base >= required) return 0;
  const needed = required - base;
  if (needed > high) return high;
  credits.addExtra(where, needed);
  return base + credits.maxFlow() >= required ? needed : high;
}

/** Smallest whole amount in [0, high] for which `fits` holds; `fits` must be monotone and hold at `high`. */
function smallest(high: number, fits: (amount: number) => boolean): number {
  let low = 0;
  while (low < high) {
    const middle = Math.floor((low + high) / 2);
    if (fits(middle)) high = middle;
    else low = middle + 1;
  }
  return low;
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
