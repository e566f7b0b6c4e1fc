/**
 * The allocation's exact test (docs/rules.md §3.2): groups of credits are met at once when a maximum flow
 * from the logged hours (pools of a category and a date segment) to the credits' demands meets every
 * demand; and the smallest extra hours that would make them so, for the next credit's shortfall.
 */
import { CATEGORIES, type Category } from "./catalog";
import type { CategoryHours } from "./allocation";
import type { IsoDate } from "./dates";
import type { HoursLedger } from "./hoursLedger";
import { type Millihours, MILLI_PER_HOUR } from "./hours";
import { FlowNetwork } from "./maxflow";
import type { CreditRule } from "./rulesets";

export interface CreditGroup {
  readonly firstCredit: number;
  readonly count: number;
  readonly rule: CreditRule;
  readonly windowStart: IsoDate | null;
}

/** Hours that may be added, dated on the as-of date, to complete the next credit. */
export interface ExtraHours {
  readonly perCategory: Partial<Record<Category, Millihours>>;
  /** Hours in any of `flexibleCategories`. */
  readonly flexible: Millihours;
  readonly flexibleCategories: readonly Category[];
}

export const NO_EXTRA: ExtraHours = { perCategory: {}, flexible: 0, flexibleCategories: [] };

export interface FlowResult {
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
export class CreditNetwork {
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
export function solve(ledger: HoursLedger, groups: readonly CreditGroup[], extra: ExtraHours): FlowResult {
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
export function smallestExtra(
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
