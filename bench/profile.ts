/**
 * Where the time of a benchmark goes, for the figures that miss their target (docs/rules.md §9: say where the time
 * goes, rather than bending the measurement). The work is profiled in this process with V8's sampling
 * profiler (what `node --cpu-prof` records), the last run's profile is written to lib/bench-profiles/
 * (open it in Chrome's DevTools or VS Code), and the functions with the most time of their own are printed.
 */
import { mkdirSync, writeFileSync } from "node:fs";
import { Session } from "node:inspector";
import { join } from "node:path";
import { collectGarbage } from "./measure";

interface ProfileNode {
  readonly id: number;
  readonly callFrame: { readonly functionName: string; readonly url: string; readonly lineNumber: number };
  readonly children?: readonly number[];
}

interface CpuProfile {
  readonly nodes: readonly ProfileNode[];
  readonly samples: readonly number[];
  readonly timeDeltas: readonly number[];
}

/** The frame every sample of the measured work has below it (the profiler's own work has not). */
const MEASURED = "measuredWork";

function measuredWork(run: () => unknown): void {
  run();
}

function post<T>(session: Session, method: string, params: object = {}): Promise<T> {
  return new Promise((resolve, reject) => {
    session.post(method, params, (error, result) => (error ? reject(error) : resolve(result as T)));
  });
}

/**
 * Profiles `runs` runs of the work `prepare` returns, each prepared and then started after a minor
 * garbage collection, as the timing does, with the profiler running only while the work runs. Returns
 * the functions with the most self time over all runs, one line each, and where the last run's profile
 * was written.
 */
export async function whereTheTimeGoes(name: string, prepare: () => () => unknown, runs = 5, top = 8): Promise<string[]> {
  const session = new Session();
  session.connect();
  try {
    await post(session, "Profiler.enable");
    await post(session, "Profiler.setSamplingInterval", { interval: 100 });
    const self = new Map<string, number>();
    let total = 0;
    let profile: CpuProfile | null = null;
    for (let i = 0; i < runs; i++) {
      const run = prepare();
      collectGarbage();
      await post(session, "Profiler.start");
      measuredWork(run);
      ({ profile } = await post<{ profile: CpuProfile }>(session, "Profiler.stop"));
      total += addSelfTimes(profile, self);
    }
    const folder = join(__dirname, "bench-profiles");
    mkdirSync(folder, { recursive: true });
    const file = join(
      folder,
      `${name
        .replace(/[^a-z0-9]+/gi, "-")
        .replace(/^-|-$/g, "")
        .toLowerCase()}.cpuprofile`,
    );
    writeFileSync(file, JSON.stringify(profile));
    const lines = [...self]
      .sort((a, b) => b[1] - a[1])
      .slice(0, top)
      .map(([label, micros]) => `    ${((100 * micros) / total).toFixed(1).padStart(5)}%  ${label}`);
    return [...lines, `    (profile of the last run: ${file})`];
  } finally {
    session.disconnect();
  }
}

/**
 * Adds each function's self time in a profile to `self`, counting the work's own samples and the garbage
 * collector's (it collects what the work allocates), not the profiler's. Returns the time counted.
 */
function addSelfTimes(profile: CpuProfile, self: Map<string, number>): number {
  const byId = new Map(profile.nodes.map((node) => [node.id, node]));
  const parents = new Map<number, number>();
  for (const node of profile.nodes) for (const child of node.children ?? []) parents.set(child, node.id);
  const counts = (id: number): boolean => {
    if (byId.get(id)?.callFrame.functionName === "(garbage collector)") return true;
    for (let node: number | undefined = id; node !== undefined; node = parents.get(node)) {
      if (byId.get(node)?.callFrame.functionName === MEASURED) return true;
    }
    return false;
  };
  let total = 0;
  profile.samples.forEach((id, index) => {
    if (!counts(id)) return;
    const delta = profile.timeDeltas[index] ?? 0;
    const frame = byId.get(id)?.callFrame;
    const label = frame === undefined ? "(unknown)" : frame.functionName || (frame.url === "" ? "(program)" : "(anonymous)");
    if (label === MEASURED) return;
    self.set(label, (self.get(label) ?? 0) + delta);
    total += delta;
  });
  return total;
}
