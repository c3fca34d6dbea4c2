import fc from 'fast-check';
import { NODE_TYPES, type NodeType } from '../../nodes/registry.js';
import type { FlowDocument, FlowEdge, FlowNode } from '../document.js';
import { docWith, publicitySms, salesCall } from './build.js';

/** Data variants per node type: the registry default plus a few other valid shapes. */
const VARIANTS: Record<NodeType, (() => unknown)[]> = {
  segment: [
    () => NODE_TYPES.segment.defaults(),
    () => ({ ...NODE_TYPES.segment.defaults(), entry: { mode: 'event', event: 'usage_threshold', threshold: 90 } }),
  ],
  linkage: [
    () => NODE_TYPES.linkage.defaults(),
    () => ({ mode: 'parallel', routing: 'fit', lanes: [publicitySms('l1'), { ...publicitySms('l2'), channel: 'app', script: { ...publicitySms().script, replyKeywords: [] } }] }),
    () => ({
      mode: 'hybrid', routing: 'rules',
      lanes: [
        { ...publicitySms('h1'), rule: { combinator: 'and', rules: [{ field: 'group', op: 'in', value: ['student'] }], groups: [] }, followUps: [{ ...salesCall('h1c'), handoff: 'on_response' }] },
        { ...publicitySms('h2'), handoff: 'after_timeout', followUps: [] },
      ],
    }),
  ],
  script: [() => NODE_TYPES.script.defaults(), () => publicitySms('s'), () => salesCall('s')],
  wait: [
    () => NODE_TYPES.wait.defaults(),
    () => ({ mode: 'event', event: 'order', timeoutHours: 24 }),
    () => ({ mode: 'until_time', time: '09:30' }),
    () => ({ mode: 'until_date', date: '2025-07-15' }),
  ],
  split: [() => NODE_TYPES.split.defaults(), () => ({ branches: [{ id: 'x', label: 'X', percent: 30 }, { id: 'y', label: 'Y', percent: 30 }, { id: 'z', label: 'Z', percent: 40 }] })],
  evaluate: [
    () => NODE_TYPES.evaluate.defaults(),
    () => ({ mode: 'kpi', metric: 'response_rate', op: 'gte', threshold: 0.1, onFail: 'reroute' }),
    () => ({ mode: 'kpi', metric: 'cost', op: 'lte', threshold: 5000, onFail: 'stop' }),
    () => ({ mode: 'customer', branches: [{ id: 'rich', label: '高 ARPU', test: { kind: 'attribute', condition: { field: 'arpu', op: 'gte', value: 100 } } }] }),
  ],
  end: [() => ({ outcome: 'completed' }), () => ({ outcome: 'converted' })],
};

const INNER_TYPES: NodeType[] = ['linkage', 'script', 'wait', 'split', 'evaluate', 'end'];

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
    const variants = VARIANTS[type];
    let data = variants[pick(variants.length)]!();
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
