import fc from 'fast-check';
import { NODE_TYPE_IDS, NODE_TYPES, type NodeType } from '../../nodes/registry.js';
import type { FlowDocument, FlowEdge, FlowNode } from '../document.js';
import { docWith } from './build.js';

/** Every type with an input can sit inside a flow; the entry and the last node are placed separately. */
const INNER_TYPES: NodeType[] = NODE_TYPE_IDS.filter((type) => NODE_TYPES[type].hasInput);

/** Raw random choices; `buildFlow` turns them into a document, so shrinking works on plain numbers. */
export const flowPlanArb = fc.record({
  size: fc.integer({ min: 1, max: 14 }),
  picks: fc.array(fc.nat({ max: 1000 }), { minLength: 8, maxLength: 200 }),
  /** Percentage of "noise": invalid data, unknown types, stray or backward edges. */
  noise: fc.constantFrom(0, 0, 0, 3, 10),
});
export type FlowPlan = { size: number; picks: number[]; noise: number };

/**
 * Build a random but mostly well-formed flow: a segment, `size` inner nodes of random types and
 * data variants, each output port wired forward to a later node (so most documents are valid
 * DAGs), plus — with the plan's noise rate — unconnected ports, backward edges (cycles), edges to
 * missing nodes or handles, unknown node types and invalid data.
 */
export function buildFlow(plan: FlowPlan): FlowDocument {
  let cursor = 0;
  const pick = (n: number) => plan.picks[cursor++ % plan.picks.length]! % n;
  const noisy = () => pick(100) < plan.noise;

  const nodes: FlowNode[] = [];
  const count = plan.size + 1;
  for (let i = 0; i < count; i++) {
    const type: NodeType = i === 0 ? 'segment' : i === count - 1 ? 'end' : INNER_TYPES[pick(INNER_TYPES.length)]!;
    let data: unknown = NODE_TYPES[type].generate(pick);
    let nodeType: string = type;
    if (noisy()) data = { ...(data as object), mode: 'bogus', hours: 'x' };
    if (noisy()) nodeType = 'mystery';
    nodes.push({ id: `n${i}`, type: nodeType, position: { x: i * 280, y: 0 }, data });
  }
  const edges: FlowEdge[] = [];
  nodes.forEach((n, i) => {
    const def = NODE_TYPES[n.type as NodeType];
    const parsed = def?.data.safeParse(n.data);
    const ports = parsed?.success ? (def.outputs as (d: unknown) => { id: string }[])(parsed.data) : [];
    for (const port of ports) {
      if (noisy()) continue;
      const later = count - i - 1;
      const target = noisy() || later === 0 ? pick(count) : i + 1 + pick(later);
      edges.push({ id: `e${edges.length}`, source: n.id, sourceHandle: port.id, target: `n${target}`, targetHandle: 'in' });
    }
    if (noisy()) edges.push({ id: `e${edges.length}`, source: n.id, sourceHandle: 'nope', target: `n${pick(count + 2)}`, targetHandle: null });
  });
  return docWith(nodes, edges, { id: 'random-flow' });
}

export const flowArb: fc.Arbitrary<FlowDocument> = flowPlanArb.map(buildFlow);

/** The same document with nodes and edges in another order (same content). */
export function shuffled(doc: FlowDocument, seed: number): FlowDocument {
  const order = <T>(xs: T[]) => xs.map((x, i) => ({ x, k: Math.imul(i + 1, 2654435761 ^ seed) >>> 0 })).sort((a, b) => a.k - b.k).map((p) => p.x);
  return { ...doc, nodes: order(doc.nodes), edges: order(doc.edges) };
}
