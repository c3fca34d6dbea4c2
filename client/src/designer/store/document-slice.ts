import type { StateCreator } from 'zustand';
import type { FlowEdge, FlowNode } from '../../../../shared/flow/document.js';
import { NODE_TYPES } from '../../../../shared/nodes/registry.js';
import { edgeId, freshId } from './ids.js';
import type { DesignerState, DocumentSlice } from './types.js';
import { localizedDefaults } from './localized-defaults.js';

type Slice = StateCreator<DesignerState, [['temporal', unknown]], [], DocumentSlice>;

/** When an edit keeps fewer edges than the document had, remember which went, so the canvas can say so. */
function dropped(s: DesignerState, kept: readonly FlowEdge[]): Partial<DesignerState> {
  if (kept.length === s.doc.edges.length) return {};
  const ids = new Set(kept.map((e) => e.id));
  return { droppedEdges: { edges: s.doc.edges.filter((e) => !ids.has(e.id)), before: s.doc, seq: (s.droppedEdges?.seq ?? 0) + 1 } };
}

export const createDocumentSlice = (initial: DocumentSlice['doc']): Slice => (set, get) => ({
  doc: initial,

  setMeta: (patch) => set((s) => ({ doc: { ...s.doc, ...patch } })),

  addNode: (type, position) => {
    const { doc } = get();
    const id = freshId(type, new Set(doc.nodes.map((n) => n.id)));
    const node: FlowNode = { id, type, position: { x: Math.round(position.x), y: Math.round(position.y) }, data: localizedDefaults(type) };
    set({ doc: { ...doc, nodes: [...doc.nodes, node] }, selectedNodes: [id], selectedEdges: [], panel: 'inspector' });
    return id;
  },

  updateNodeData: (id, data) =>
    set((s) => {
      const nodes = s.doc.nodes.map((n) => (n.id === id ? { ...n, data } : n));
      // Ports may disappear when data changes (a removed branch); drop edges from ports that no longer exist.
      const node = nodes.find((n) => n.id === id);
      const def = node && (NODE_TYPES as Record<string, (typeof NODE_TYPES)[keyof typeof NODE_TYPES]>)[node.type];
      let edges = s.doc.edges;
      if (def) {
        const parsed = def.data.safeParse(data);
        if (parsed.success) {
          const ports = new Set((def.outputs as (d: unknown) => { id: string }[])(parsed.data).map((p) => p.id));
          edges = edges.filter((e) => e.source !== id || ports.has(e.sourceHandle));
        }
      }
      return { doc: { ...s.doc, nodes, edges }, ...dropped(s, edges) };
    }),

  moveNodes: (positions) =>
    set((s) => ({ doc: { ...s.doc, nodes: s.doc.nodes.map((n) => (positions[n.id] ? { ...n, position: positions[n.id]! } : n)) } })),

  connect: (c) => {
    const { doc } = get();
    const id = edgeId(c.source, c.sourceHandle, c.target);
    if (doc.edges.some((e) => e.id === id)) return null;
    // One edge per output port: connecting an already used port replaces its edge.
    const edges = doc.edges.filter((e) => !(e.source === c.source && e.sourceHandle === c.sourceHandle));
    const edge: FlowEdge = { id, source: c.source, sourceHandle: c.sourceHandle, target: c.target, targetHandle: c.targetHandle ?? null };
    set((s) => ({ doc: { ...doc, edges: [...edges, edge] }, ...dropped(s, edges) }));
    return id;
  },

  removeElements: (nodeIds, edgeIds) => {
    if (nodeIds.length === 0 && edgeIds.length === 0) return;
    const nodes = new Set(nodeIds);
    const edges = new Set(edgeIds);
    set((s) => ({
      doc: {
        ...s.doc,
        nodes: s.doc.nodes.filter((n) => !nodes.has(n.id)),
        edges: s.doc.edges.filter((e) => !edges.has(e.id) && !nodes.has(e.source) && !nodes.has(e.target)),
      },
      selectedNodes: s.selectedNodes.filter((id) => !nodes.has(id)),
      selectedEdges: s.selectedEdges.filter((id) => !edges.has(id)),
    }));
  },

  insertFragment: (fragment, offset) => {
    const { doc } = get();
    const taken = new Set(doc.nodes.map((n) => n.id));
    const remap = new Map<string, string>();
    const nodes = fragment.nodes.map((n) => {
      const id = freshId(n.type, taken);
      taken.add(id);
      remap.set(n.id, id);
      return { ...n, id, position: { x: n.position.x + offset.x, y: n.position.y + offset.y }, data: structuredClone(n.data) };
    });
    const edges = fragment.edges.flatMap((e) => {
      const source = remap.get(e.source);
      const target = remap.get(e.target);
      return source && target ? [{ ...e, id: edgeId(source, e.sourceHandle, target), source, target }] : [];
    });
    const ids = nodes.map((n) => n.id);
    set({ doc: { ...doc, nodes: [...doc.nodes, ...nodes], edges: [...doc.edges, ...edges] }, selectedNodes: ids, selectedEdges: [] });
    return ids;
  },
});
