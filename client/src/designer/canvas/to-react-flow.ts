import { Position, type Edge, type Node, type NodeHandle } from '@xyflow/react';
import { useRef } from 'react';
import { INPUT_HANDLE } from '../../../../shared/flow/connect.js';
import type { FlowDocument, FlowEdge, FlowNode } from '../../../../shared/flow/document.js';

export type CanvasNode = Node<Record<string, unknown>, string>;

/**
 * Above this many nodes the canvas renders only what is on screen (React Flow's
 * `onlyRenderVisibleElements`); smaller flows mount every node as before.
 */
export const LARGE_FLOW = 150;
/** Size of a node before it is measured (`w-60`; a typical node is ~130–170 px tall). */
export const INITIAL_NODE_SIZE = { width: 240, height: 150 };
const HANDLE = 12;
const PORT_ROW = 24;

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
    /**
     * `large`: nodes not yet measured get an initial size and estimated handles (target on the left,
     * the used output ports stacked at the bottom right), so React Flow can cull them, bound them
     * (fit, mini map) and draw edges to them before they are ever mounted. Once a node is measured
     * its object drops the estimates and React Flow keeps the handles it measured in the DOM.
     */
    nodes(doc: FlowDocument, selected: readonly string[], measured: Record<string, { width: number; height: number }>, large = false): CanvasNode[] {
      const sel = new Set(selected);
      let ports: Map<string, { out: string[]; in: boolean }> | null = null;
      if (large) {
        ports = new Map();
        const at = (id: string) => { let p = ports!.get(id); if (!p) ports!.set(id, (p = { out: [], in: false })); return p; };
        for (const e of doc.edges) {
          const o = at(e.source);
          if (!o.out.includes(e.sourceHandle)) o.out.push(e.sourceHandle);
          at(e.target).in = true;
        }
      }
      return doc.nodes.map((n) => {
        const size = measured[n.id];
        const estimate = !size && ports ? ports.get(n.id) ?? { out: [], in: false } : null;
        const key = `${sel.has(n.id)}|${size?.width}|${size?.height}|${estimate ? `${estimate.in}:${estimate.out.join(',')}` : ''}`;
        const hit = nodeCache.get(n);
        if (hit && hit.key === key) return hit.rf;
        const rf: CanvasNode = { id: n.id, type: n.type, position: n.position, data: (n.data ?? {}) as Record<string, unknown>, selected: sel.has(n.id), className: NODE_FOCUS };
        if (size) rf.measured = size;
        else if (estimate) {
          const { width: w, height: h } = INITIAL_NODE_SIZE;
          rf.initialWidth = w;
          rf.initialHeight = h;
          const handles: NodeHandle[] = estimate.out.map((id, i) => ({
            id, type: 'source', position: Position.Right, x: w - HANDLE / 2, y: h - 4 - (estimate.out.length - i) * PORT_ROW + (PORT_ROW - HANDLE) / 2, width: HANDLE, height: HANDLE,
          }));
          if (estimate.in) handles.push({ id: INPUT_HANDLE, type: 'target', position: Position.Left, x: -HANDLE / 2, y: h / 2 - HANDLE / 2, width: HANDLE, height: HANDLE });
          rf.handles = handles;
        }
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
