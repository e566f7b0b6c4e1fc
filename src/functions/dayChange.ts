/**
 * Tells the functions that follow today (those called without `as_of`) when the local calendar day has
 * changed, so that they can give Excel a new answer without the user editing anything (docs/rules.md §8).
 *
 * One timer serves every subscriber, and only while there is one. It fires at the next local midnight,
 * and at least once a minute in case the timer fell behind (a computer asleep at midnight, a web view
 * that throttles its timers, the clock or the time zone set by hand): each firing compares today's date
 * with the last one it saw, which costs nothing worth counting.
 */
import { type IsoDate, todayIsoDate } from "../core";

/** The longest the timer waits between two looks at the date. */
export const CHECK_EVERY_MS = 60_000;

/**
 * A formula that follows the day: told the new day when it changes. A STATUS per row makes thousands of
 * them in one recalculation, so following costs an array slot, not a closure and a set entry each.
 */
export interface DayFollower {
  newDay(today: IsoDate): void;
  /** Its place among the followers, -1 when it follows nothing: this module's to set. */
  followerSlot: number;
}

/**
 * Today's date, for functions called many times a recalculation (a STATUS per row): reading the local
 * date costs more than checking a row. It is read again at the next local midnight, after a minute, or
 * when the clock goes back.
 */
let known: { day: IsoDate; from: number; until: number } | null = null;

export function currentDay(): IsoDate {
  // Within one batch of calls (a recalculation's STATUS for every row) the clock is read once.
  if (batchDay !== null) return batchDay;
  batchDay = readCurrentDay();
  void Promise.resolve().then(() => (batchDay = null));
  return batchDay;
}

let batchDay: IsoDate | null = null;

function readCurrentDay(): IsoDate {
  const now = Date.now();
  if (known !== null && now >= known.from && now < known.until) return known.day;
  const date = new Date(now);
  const day = todayIsoDate(date);
  known = { day, from: now, until: Math.min(now + CHECK_EVERY_MS, now + untilNextMidnight(date)) };
  return day;
}

const followers: DayFollower[] = [];
let lastDay: IsoDate | null = null;
let timer: ReturnType<typeof setTimeout> | null = null;

function untilNextMidnight(now: Date): number {
  const midnight = new Date(now.getFullYear(), now.getMonth(), now.getDate() + 1);
  return midnight.getTime() - now.getTime();
}

function arm(): void {
  if (timer !== null || followers.length === 0) return;
  // A few milliseconds past midnight, so that the date read then is the new one.
  timer = setTimeout(check, Math.min(CHECK_EVERY_MS, untilNextMidnight(new Date()) + 5));
  // Under Node (the tests, the benchmarks) a pending check must not keep the process alive.
  (timer as { unref?: () => void }).unref?.();
}

function check(): void {
  timer = null;
  const today = todayIsoDate();
  if (today !== lastDay) {
    lastDay = today;
    for (const follower of followers.slice()) {
      // Only those still following: one may end another's following.
      if (follower.followerSlot < 0) continue;
      try {
        follower.newDay(today);
      } catch {
        // A follower reports its own failures (as an error value in its cell); the others still hear of the day.
      }
    }
  }
  arm();
}

/**
 * Tells `follower` of each new day until `unfollow`. `since` is the day the follower's answer was computed
 * for: if the day has already changed, it hears of it at once. Following twice is following once.
 */
export function follow(follower: DayFollower, since: IsoDate): void {
  if (follower.followerSlot >= 0) return;
  follower.followerSlot = followers.length;
  followers.push(follower);
  const today = currentDay();
  lastDay ??= today;
  if (since !== today) {
    const late = setTimeout(() => {
      if (follower.followerSlot >= 0) follower.newDay(todayIsoDate());
    }, 0);
    (late as { unref?: () => void }).unref?.();
  }
  arm();
}

/** Ends a follower's following (nothing when it follows nothing); the timer stops with the last one. */
export function unfollow(follower: DayFollower): void {
  const slot = follower.followerSlot;
  if (slot < 0) return;
  follower.followerSlot = -1;
  // The last follower takes the freed slot: no search, no shifting.
  const moved = followers.pop() as DayFollower;
  if (moved !== follower) {
    followers[slot] = moved;
    moved.followerSlot = slot;
  }
  if (followers.length === 0) {
    if (timer !== null) clearTimeout(timer);
    timer = null;
    lastDay = null;
  }
}

/** How many formulas follow the day (for tests). */
export function dayFollowers(): number {
  return followers.length;
}
