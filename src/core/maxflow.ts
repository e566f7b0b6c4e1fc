/**
 * Maximum flow on a small dense graph (Edmonds–Karp). The allocation's
 * graphs have a few dozen nodes at most, whatever the size of the log,
 * because rows are first summed per category and date window.
 */
export class FlowNetwork {
  private readonly capacity: number[][];
  private readonly flow: number[][];

  constructor(readonly size: number) {
    this.capacity = Array.from({ length: size }, () => new Array<number>(size).fill(0));
    this.flow = Array.from({ length: size }, () => new Array<number>(size).fill(0));
  }

  addEdge(from: number, to: number, capacity: number): void {
    const row = this.capacity[from];
    if (row === undefined || to < 0 || to >= this.size) throw new RangeError("edge outside the network");
    row[to] = (row[to] ?? 0) + capacity;
  }

  /** Flow along an edge after `maxFlow`. */
  flowOn(from: number, to: number): number {
    return Math.max(0, this.flow[from]?.[to] ?? 0);
  }

  maxFlow(source: number, sink: number): number {
    let total = 0;
    const parent = new Array<number>(this.size);
    for (;;) {
      parent.fill(-1);
      parent[source] = source;
      const queue = [source];
      for (let head = 0; head < queue.length && parent[sink] === -1; head++) {
        const node = queue[head] as number;
        const capacityRow = this.capacity[node] as number[];
        const flowRow = this.flow[node] as number[];
        for (let next = 0; next < this.size; next++) {
          if (parent[next] === -1 && (capacityRow[next] as number) - (flowRow[next] as number) > 0) {
            parent[next] = node;
            queue.push(next);
          }
        }
      }
      if (parent[sink] === -1) return total;
      let bottleneck = Infinity;
      for (let node = sink; node !== source; node = parent[node] as number) {
        const from = parent[node] as number;
        bottleneck = Math.min(bottleneck, (this.capacity[from] as number[])[node]! - (this.flow[from] as number[])[node]!);
      }
      for (let node = sink; node !== source; node = parent[node] as number) {
        const from = parent[node] as number;
        (this.flow[from] as number[])[node]! += bottleneck;
        (this.flow[node] as number[])[from]! -= bottleneck;
      }
      total += bottleneck;
    }
  }
}
