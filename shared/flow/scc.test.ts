import { describe, expect, it } from 'vitest';
import { stronglyConnected } from './scc.js';

const graph = (edges: Record<string, string[]>) => (id: string) => edges[id] ?? [];

describe('stronglyConnected', () => {
  it('finds cycles and emits components after everything they reach', () => {
    const succ = graph({ a: ['b'], b: ['c', 'd'], c: ['b'], d: ['e'], e: [] });
    const comps = stronglyConnected(['a', 'b', 'c', 'd', 'e'], succ).map((c) => c.sort().join(''));
    expect(comps).toEqual(['e', 'd', 'bc', 'a']);
  });

  it('ignores successors outside the given ids and survives a long chain', () => {
    expect(stronglyConnected(['a'], graph({ a: ['zz'] }))).toEqual([['a']]);
    const ids = Array.from({ length: 50_000 }, (_, i) => `n${i}`);
    const comps = stronglyConnected(ids, (id) => [`n${Number(id.slice(1)) + 1}`]);
    expect(comps).toHaveLength(50_000);
    expect(comps[0]).toEqual(['n49999']);
  });
});
