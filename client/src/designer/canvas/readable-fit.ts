import { useReactFlow, type ReactFlowInstance } from '@xyflow/react';
import { useCallback } from 'react';
import { INITIAL_NODE_SIZE, LARGE_FLOW, type CanvasNode } from './to-react-flow.js';

/** The smallest zoom a fit goes to; below COMPACT_ZOOM (zoom-var.ts) nodes show their title and counts only. */
export const FIT_MIN_ZOOM = 0.25;
/** Room around the flow, in screen pixels: badges above nodes and the controls stay clear. */
const MARGIN_PX = 40;
const EDGE_PX = 48;

/**
 * Zoom to fit: the whole flow inside the canvas (which is the space between the side panels), with a
 * margin, at most 100 %. Zoomed out past reading, nodes turn to their compact face (zoom-var.ts). Only
 * a large flow that would need less than the smallest fit zoom is shown from its start instead.
 */
export async function fitReadable(rf: ReactFlowInstance<CanvasNode>, container: Element | null, duration = 0): Promise<void> {
  const nodes = rf.getNodes();
  if (nodes.length === 0 || !container) return;
  const { width, height } = container.getBoundingClientRect();
  const b = rf.getNodesBounds(nodes);
  // The mini map (bottom right) and the zoom controls (bottom left) sit on the canvas: the flow goes
  // beside them or above them, whichever leaves it larger, so no node hides under either.
  const map = container.querySelector('.react-flow__minimap')?.getBoundingClientRect();
  const controls = container.querySelector('.react-flow__controls')?.getBoundingClientRect();
  const mapW = map ? map.width + 16 : 0;
  const mapH = map ? map.height + 16 : 0;
  const left = MARGIN_PX + (controls ? controls.width : 0);
  const zoomIn = (w: number, h: number) => Math.min(w / b.width, h / b.height, 1);
  const beside = { x: left, y: MARGIN_PX, w: width - left - Math.max(MARGIN_PX, mapW), h: height - 2 * MARGIN_PX };
  const above = { x: left, y: MARGIN_PX, w: width - left - MARGIN_PX, h: height - MARGIN_PX - Math.max(MARGIN_PX, mapH, controls ? controls.height + 16 : 0) };
  const area = zoomIn(beside.w, beside.h) >= zoomIn(above.w, above.h) ? beside : above;
  const fit = zoomIn(area.w, area.h);
  if (fit >= FIT_MIN_ZOOM || nodes.length <= LARGE_FLOW) {
    const z = Math.max(fit, FIT_MIN_ZOOM / 2);
    // Centred in that area from the bounds (initial sizes included: a large flow never has every node measured).
    await rf.setViewport({ x: area.x + (area.w - b.width * z) / 2 - b.x * z, y: area.y + (area.h - b.height * z) / 2 - b.y * z, zoom: z }, { duration });
    return;
  }
  const z = FIT_MIN_ZOOM;
  const x = EDGE_PX - b.x * z;
  // Centre on the first node vertically, without scrolling past the top or bottom of the flow.
  const first = nodes.reduce((a, n) => (n.position.x < a.position.x ? n : a));
  const cy = first.position.y + (first.measured?.height ?? first.initialHeight ?? INITIAL_NODE_SIZE.height) / 2;
  const top = EDGE_PX - b.y * z;
  const bottom = height - EDGE_PX - (b.y + b.height) * z;
  const y = b.height * z <= height - 2 * EDGE_PX ? (height - b.height * z) / 2 - b.y * z : Math.min(top, Math.max(bottom, height / 2 - cy * z));
  await rf.setViewport({ x, y, zoom: z }, { duration });
}

/** `fitReadable` bound to this canvas, for the canvas controls and the toolbar; resolves when the viewport has arrived. */
export function useFitReadable(): (duration?: number) => Promise<void> {
  const rf = useReactFlow<CanvasNode>();
  return useCallback((duration = 300) => fitReadable(rf, document.querySelector('[data-testid=canvas]'), duration), [rf]);
}
