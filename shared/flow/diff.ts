import type { FlowDocument, FlowEdge, FlowNode } from './document.js';

/** One changed leaf: its JSON path (e.g. `data.touches[0].script.template`) and both values. */
export interface FieldChange {
  path: string;
  before?: unknown;
  after?: unknown;
}

export interface ItemChange {
  id: string;
  /** Node type (nodes) or `source→target` (edges), for display. */
  label: string;
  fields: FieldChange[];
}

export interface FlowDiff {
  /** Top-level document fields other than nodes and edges (name, period, goal, priority…). */
  document: FieldChange[];
  nodes: { added: FlowNode[]; removed: FlowNode[]; changed: ItemChange[]; moved: string[] };
  edges: { added: FlowEdge[]; removed: FlowEdge[]; changed: ItemChange[] };
  /** True when nothing but node positions differ. */
  empty: boolean;
}

/**
 * Structural diff of two flow documents, matched by node and edge id. Position-only moves are listed
 * apart (`nodes.moved`) so a reviewer sees the changes that alter behaviour first. `before` is the last
 * published version, or null for a first submission (then everything is "added").
 */
export function diffFlows(before: FlowDocument | null, after: FlowDocument): FlowDiff {
  const { nodes: bn = [], edges: be = [], ...bDoc } = before ?? { nodes: [], edges: [] };
  const { nodes: an, edges: ae, ...aDoc } = after;
  const document = before ? diffValues(bDoc, aDoc, '') : [];

  const beforeNodes = new Map(bn.map((n) => [n.id, n]));
  const afterNodes = new Map(an.map((n) => [n.id, n]));
  const nodes: FlowDiff['nodes'] = { added: [], removed: [], changed: [], moved: [] };
  for (const n of an) {
    const old = beforeNodes.get(n.id);
    if (!old) nodes.added.push(n);
    else {
      const fields = diffValues({ type: old.type, data: old.data }, { type: n.type, data: n.data }, '');
      if (fields.length) nodes.changed.push({ id: n.id, label: n.type, fields });
      if (old.position.x !== n.position.x || old.position.y !== n.position.y) nodes.moved.push(n.id);
    }
  }
  for (const n of bn) if (!afterNodes.has(n.id)) nodes.removed.push(n);

  const beforeEdges = new Map(be.map((e) => [e.id, e]));
  const afterEdges = new Map(ae.map((e) => [e.id, e]));
  const edges: FlowDiff['edges'] = { added: [], removed: [], changed: [] };
  for (const e of ae) {
    const old = beforeEdges.get(e.id);
    if (!old) edges.added.push(e);
    else {
      const fields = diffValues(old, e, '');
      if (fields.length) edges.changed.push({ id: e.id, label: `${e.source}→${e.target}`, fields });
    }
  }
  for (const e of be) if (!afterEdges.has(e.id)) edges.removed.push(e);

  const empty = !document.length && !nodes.added.length && !nodes.removed.length && !nodes.changed.length && !edges.added.length && !edges.removed.length && !edges.changed.length;
  return { document, nodes, edges, empty };
}

/** Leaf-level differences between two JSON values; arrays compare by index. */
export function diffValues(a: unknown, b: unknown, path: string): FieldChange[] {
  if (Object.is(a, b)) return [];
  if (Array.isArray(a) && Array.isArray(b)) {
    const out: FieldChange[] = [];
    for (let i = 0; i < Math.max(a.length, b.length); i++) {
      const p = `${path}[${i}]`;
      if (i >= a.length) out.push({ path: p, before: undefined, after: b[i] });
      else if (i >= b.length) out.push({ path: p, before: a[i], after: undefined });
      else out.push(...diffValues(a[i], b[i], p));
    }
    return out;
  }
  if (isPlainObject(a) && isPlainObject(b)) {
    const keys = [...new Set([...Object.keys(a), ...Object.keys(b)])];
    return keys.flatMap((k) => diffValues(a[k], b[k], path ? `${path}.${k}` : k));
  }
  return [{ path, before: a, after: b }];
}

/** `data.touches[0].script.template` → ['data', 'touches', 0, 'script', 'template'] (the inverse of the paths above). */
export function parsePath(path: string): (string | number)[] {
  return [...path.matchAll(/([^.[\]]+)|\[(\d+)\]/g)].map((m) => (m[2] !== undefined ? Number(m[2]) : m[1]!));
}

const isPlainObject = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);
