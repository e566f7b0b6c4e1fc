/**
 * Where the time of a benchmark goes, for the figures that miss their target (SPEC 9: say where the time
 * goes, rather than bending the measurement). The work is profiled in this process with V8's sampling
 * profiler (what `node --cpu-prof` records), the profile is written to lib/bench-profiles/ (open it in
 * Chrome's DevTools or VS Code), and the functions with the most time of their own are printed.
 */
import { mkdirSync, writeFileSync } from "node:fs";
import { Session } from "node:inspector";
import { join } from "node:path";

interface ProfileNode {
  readonly id: number;
  readonly callFrame: { readonly functionName: string; readonly url: string; readonly lineNumber: number };
  readonly children?: readonly number[];
}

/** The frame every sample of the measured work has below it (the profiler's own work has not). */
const MEASURED = "measuredWork";

function measuredWork(run: () => void): void {
  run();
}

interface CpuProfile {
  readonly nodes: readonly ProfileNode[];
  readonly samples: readonly number[];
  readonly timeDeltas: readonly number[];
}

function post<T>(session: Session, method: string, params: object = {}): Promise<T> {
  return new Promise((resolve, reject) => {
    session.post(method, params, (error, result) => (error ? reject(error) : resolve(result as T)));
  });
}

/** Profiles `run` and returns the functions with the most self time, one line each, and where the profile was written. */
export async function whereTheTimeGoes(name: string, run: () => void, top = 8): Promise<string[]> {
  const session = new Session();
  session.connect();
  try {
    await post(session, "Profiler.enable");
    await post(session, "Profiler.setSamplingInterval", { interval: 100 });
    await post(session, "Profiler.start");
    measuredWork(run);
    const { profile } = await post<{ profile: CpuProfile }>(session, "Profiler.stop");
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

    const byId = new Map(profile.nodes.map((node) => [node.id, node]));
    const parents = new Map<number, number>();
    for (const node of profile.nodes) for (const child of node.children ?? []) parents.set(child, node.id);
    // The work's own samples, and the garbage collector's (it collects what the work allocates); not the profiler's.
    const counts = (id: number): boolean => {
      if (byId.get(id)?.callFrame.functionName === "(garbage collector)") return true;
      for (let node: number | undefined = id; node !== undefined; node = parents.get(node)) {
        if (byId.get(node)?.callFrame.functionName === MEASURED) return true;
      }
      return false;
    };
    const self = new Map<string, number>();
    let total = 0;
    profile.samples.forEach((id, index) => {
      if (!counts(id)) return;
      const delta = profile.timeDeltas[index] ?? 0;
      const frame = byId.get(id)?.callFrame;
      const label = frame === undefined ? "(unknown)" : frame.functionName || (frame.url === "" ? "(program)" : "(anonymous)");
      self.set(label, (self.get(label) ?? 0) + delta);
      total += delta;
    });
    const lines = [...self]
      .filter(([label]) => label !== MEASURED)
      .sort((a, b) => b[1] - a[1])
      .slice(0, top)
      .map(([label, micros]) => `    ${((100 * micros) / total).toFixed(1).padStart(5)}%  ${label}`);
    return [...lines, `    (profile: ${file})`];
  } finally {
    session.disconnect();
  }
}
