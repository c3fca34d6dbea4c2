import type { Edge, Node } from '@xyflow/react';
import { useRef } from 'react';
import type { FlowDocument, FlowEdge, FlowNode } from '../../../../shared/flow/document.js';

export type CanvasNode = Node<Record<string, unknown>, string>;

/** Keyboard focus on the canvas must be visible: React Flow's own CSS removes the outline. */
const NODE_FOCUS = 'rounded-lg focus-visible:outline-2! focus-visible:outline-offset-4! focus-visible:outline-brand-500!';
const EDGE_FOCUS = '[&:focus-visible_.react-flow__edge-path]:stroke-brand-600! [&:focus-visible_.react-flow__edge-path]:[stroke-width:3px]!';

/**
 * Document → React Flow. Node objects are cached per (document node, selected, size) so React Flow
 * sees the same object for unchanged nodes and the memoised views do not re-render.
 */
export function createCanvasMapper() {
  const nodeCache = new WeakMap<FlowNode, { key: string; rf: CanvasNode }>();
  const edgeCache = new WeakMap<FlowEdge, { label: ((e: FlowEdge) => string) | undefined; ariaLabel: string | undefined; rf: Edge }>();
  return {
    nodes(doc: FlowDocument, selected: readonly string[], measured: Record<string, { width: number; height: number }>): CanvasNode[] {
      const sel = new Set(selected);
      return doc.nodes.map((n) => {
        const size = measured[n.id];
        const key = `${sel.has(n.id)}|${size?.width}|${size?.height}`;
        const hit = nodeCache.get(n);
        if (hit && hit.key === key) return hit.rf;
        const rf: CanvasNode = { id: n.id, type: n.type, position: n.position, data: (n.data ?? {}) as Record<string, unknown>, selected: sel.has(n.id), className: NODE_FOCUS };
        if (size) rf.measured = size;
        nodeCache.set(n, { key, rf });
        return rf;
      });
    },
    /**
     * `label` names an edge for screen readers ("从 目标客群 到 渠道联动"). Labels are cached per
     * (edge, label function): pass a label function whose identity changes only when its answers may.
     */
    edges(doc: Pick<FlowDocument, 'edges'>, selected: readonly string[], label?: (e: FlowEdge) => string): Edge[] {
      const sel = new Set(selected);
      return doc.edges.map((e) => {
        const hit = edgeCache.get(e);
        const ariaLabel = hit && hit.label === label ? hit.ariaLabel : label?.(e);
        const selectedNow = sel.has(e.id);
        if (hit && hit.label === label && hit.rf.selected === selectedNow) return hit.rf;
        const rf: Edge = { id: e.id, source: e.source, sourceHandle: e.sourceHandle, target: e.target, targetHandle: e.targetHandle ?? null, selected: selectedNow, className: EDGE_FOCUS };
        if (ariaLabel) rf.ariaLabel = ariaLabel;
        edgeCache.set(e, { label, ariaLabel, rf });
        return rf;
      });
    },
  };
}

/** React Flow → document, for the round trip: only what the document owns survives. */
export function fromCanvas(base: FlowDocument, nodes: readonly CanvasNode[], edges: readonly Edge[]): FlowDocument {
  return {
    ...base,
    nodes: nodes.map((n) => ({ id: n.id, type: n.type ?? 'unknown', position: { x: n.position.x, y: n.position.y }, data: n.data })),
    edges: edges.map((e) => {
      const out: FlowEdge = { id: e.id, source: e.source, sourceHandle: e.sourceHandle ?? 'out', target: e.target };
      if (e.targetHandle !== undefined) out.targetHandle = e.targetHandle;
      return out;
    }),
  };
}

/**
 * Node id → type, keeping its identity while no node is added, removed or retyped (moves and data
 * edits keep it), so whatever depends on it (edge labels) is not rebuilt on every document change.
 */
export function useNodeTypes(nodes: readonly FlowNode[]): ReadonlyMap<string, string> {
  const ref = useRef<Map<string, string> | null>(null);
  const prev = ref.current;
  if (!prev || prev.size !== nodes.length || nodes.some((n) => prev.get(n.id) !== n.type)) ref.current = new Map(nodes.map((n) => [n.id, n.type]));
  return ref.current!;
}
