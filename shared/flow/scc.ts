/**
 * Strongly connected components (Tarjan), iterative so a 10,000-node chain cannot overflow the
 * stack, on integer indices so it stays cheap at that size. Components come out in reverse
 * topological order: every component is emitted after all components reachable from it, which is
 * the order a "longest path to the end" DP needs. Successors outside `ids` are ignored.
 */
export function stronglyConnected(ids: readonly string[], succ: (id: string) => readonly string[]): string[][] {
  const n = ids.length;
  const position = new Map<string, number>();
  ids.forEach((id, i) => position.set(id, i));
  const adjacency: number[][] = ids.map((id) => {
    const out: number[] = [];
    for (const w of succ(id)) {
      const j = position.get(w);
      if (j !== undefined) out.push(j);
    }
    return out;
  });

  const index = new Int32Array(n).fill(-1);
  const low = new Int32Array(n);
  const onStack = new Uint8Array(n);
  const stack: number[] = [];
  const frameNode: number[] = [];
  const frameEdge: number[] = [];
  const out: string[][] = [];
  let counter = 0;

  const open = (v: number) => {
    index[v] = low[v] = counter++;
    stack.push(v);
    onStack[v] = 1;
    frameNode.push(v);
    frameEdge.push(0);
  };

  for (let root = 0; root < n; root++) {
    if (index[root] !== -1) continue;
    open(root);
    while (frameNode.length > 0) {
      const top = frameNode.length - 1;
      const v = frameNode[top]!;
      const edges = adjacency[v]!;
      const e = frameEdge[top]!;
      if (e < edges.length) {
        frameEdge[top] = e + 1;
        const w = edges[e]!;
        if (index[w] === -1) open(w);
        else if (onStack[w]) low[v] = Math.min(low[v]!, index[w]!);
        continue;
      }
      frameNode.pop();
      frameEdge.pop();
      if (frameNode.length > 0) {
        const parent = frameNode[frameNode.length - 1]!;
        low[parent] = Math.min(low[parent]!, low[v]!);
      }
      if (low[v] === index[v]) {
        const component: string[] = [];
        let w: number;
        do {
          w = stack.pop()!;
          onStack[w] = 0;
          component.push(ids[w]!);
        } while (w !== v);
        out.push(component);
      }
    }
  }
  return out;
}
