import { defaultAgentScript } from '../script.js';
import type { FlowDocument, FlowEdge, FlowNode } from '../document.js';
import { NODE_TYPES, type NodeType } from '../../nodes/registry.js';

/** Test helpers: small documents built from the registry defaults. Not used by app code. */

export const node = (id: string, type: NodeType | string, data?: unknown, x = 0): FlowNode => ({
  id,
  type,
  position: { x, y: 0 },
  data: data ?? (Object.hasOwn(NODE_TYPES, type) ? NODE_TYPES[type as NodeType].defaults() : {}),
});

export const edge = (source: string, sourceHandle: string, target: string, id = `e-${source}-${sourceHandle}`): FlowEdge => ({
  id, source, sourceHandle, target, targetHandle: 'in',
});

export const publicitySms = (id = 'p1') => ({
  id, channel: 'sms_hall' as const, stage: 'publicity' as const, timeoutHours: 48,
  script: { kind: 'message' as const, template: '尊敬的{name}，{product}上线，回复1了解。', replyKeywords: [{ keyword: '1', action: 'info' as const }], secondConfirmation: false },
});

export const salesCall = (id = 'c1') => ({ id, channel: 'outbound_call' as const, stage: 'sales' as const, timeoutHours: 24, script: defaultAgentScript() });

export function docWith(nodes: FlowNode[], edges: FlowEdge[], over: Partial<FlowDocument> = {}): FlowDocument {
  return {
    schemaVersion: 1,
    id: 'test-flow',
    name: '测试流程',
    description: '',
    productId: 'dp_10g',
    period: { start: '2025-07-01', end: '2025-07-31' },
    goal: { reach: 1000, responses: 100, conversions: 10, revenue: 300, budget: 100, evaluationDays: 7 },
    priority: 50,
    orgUnit: 'province',
    nodes,
    edges,
    ...over,
  };
}

/**
 * A valid flow without issues: segment → publicity SMS → (responded) sales call → ends.
 * Tests break one thing in it at a time.
 */
export function baseDoc(): FlowDocument {
  return docWith(
    [
      node('seg', 'segment'),
      node('pub', 'script', publicitySms()),
      node('call', 'script', salesCall()),
      node('won', 'end', { outcome: 'converted' }),
      node('done', 'end', { outcome: 'completed' }),
    ],
    [
      edge('seg', 'out', 'pub'),
      edge('pub', 'converted', 'won'),
      edge('pub', 'responded', 'call'),
      edge('pub', 'no_response', 'done'),
      edge('call', 'converted', 'won'),
      edge('call', 'responded', 'done'),
      edge('call', 'no_response', 'done'),
    ],
  );
}

/** Replace the data of node `id` (returns a new document). */
export const withData = (doc: FlowDocument, id: string, data: unknown): FlowDocument => ({
  ...doc,
  nodes: doc.nodes.map((n) => (n.id === id ? { ...n, data } : n)),
});

/**
 * A long valid flow of `n` nodes (n ≥ 10) for scale tests: a chain of blocks
 * script → wait → split → evaluate, all joining into the next block, sharing two end nodes.
 */
export function largeDoc(n: number): FlowDocument {
  const nodes: FlowNode[] = [node('seg', 'segment'), node('won', 'end', { outcome: 'converted' }), node('done', 'end', { outcome: 'completed' })];
  const edges: FlowEdge[] = [];
  const kinds = ['script', 'wait', 'split', 'evaluate'] as const;
  const count = n - 3;
  const id = (i: number) => (i >= count ? 'done' : `n${i}`);
  edges.push(edge('seg', 'out', id(0)));
  for (let i = 0; i < count; i++) {
    const kind = kinds[i % kinds.length]!;
    const me = id(i);
    const next = id(i + 1);
    if (kind === 'script') {
      nodes.push(node(me, 'script', publicitySms(`t${i}`), i * 280));
      edges.push(edge(me, 'converted', 'won'), edge(me, 'responded', next), edge(me, 'no_response', next));
    } else if (kind === 'wait') {
      nodes.push(node(me, 'wait', { mode: 'duration', hours: 24 }, i * 280));
      edges.push(edge(me, 'out', next));
    } else if (kind === 'split') {
      nodes.push(node(me, 'split', undefined, i * 280));
      edges.push(edge(me, 'a', next), edge(me, 'b', next));
    } else {
      nodes.push(node(me, 'evaluate', undefined, i * 280));
      edges.push(edge(me, 'b_converted', 'won'), edge(me, 'b_responded', next), edge(me, 'else', next));
    }
  }
  return docWith(nodes, edges);
}
