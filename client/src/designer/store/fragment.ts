import { z } from 'zod';
import { flowEdgeSchema, flowNodeSchema, type FlowDocument } from '../../../../shared/flow/document.js';
import type { Fragment } from './types.js';

export const FRAGMENT_KIND = 'linkage/fragment';

const fragmentSchema = z.object({ kind: z.literal(FRAGMENT_KIND), version: z.literal(1), nodes: z.array(flowNodeSchema).min(1), edges: z.array(flowEdgeSchema) });
const documentLikeSchema = z.object({ nodes: z.array(flowNodeSchema).min(1), edges: z.array(flowEdgeSchema) });

/** The selected nodes and the edges between them. */
export function fragmentOf(doc: FlowDocument, nodeIds: readonly string[]): Fragment {
  const ids = new Set(nodeIds);
  return {
    nodes: doc.nodes.filter((n) => ids.has(n.id)),
    edges: doc.edges.filter((e) => ids.has(e.source) && ids.has(e.target)),
  };
}

/** Clipboard text for a fragment: plain JSON, so it pastes into another flow, another tab or a text editor. */
export const serializeFragment = (f: Fragment): string => JSON.stringify({ kind: FRAGMENT_KIND, version: 1, ...f }, null, 2);

/** Read clipboard text: a copied fragment or a whole flow document (its nodes and edges); null otherwise. */
export function parseFragment(text: string): Fragment | null {
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch {
    return null;
  }
  const frag = fragmentSchema.safeParse(value);
  if (frag.success) return { nodes: frag.data.nodes, edges: frag.data.edges };
  const doc = documentLikeSchema.safeParse(value);
  return doc.success ? { nodes: doc.data.nodes, edges: doc.data.edges } : null;
}
