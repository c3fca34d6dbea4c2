import { useReactFlow, type ReactFlowInstance } from '@xyflow/react';
import { useCallback } from 'react';
import { INITIAL_NODE_SIZE, LARGE_FLOW, type CanvasNode } from './to-react-flow.js';

/** Below this zoom node titles and port labels are too small to read, so "fit" stops here. */
export const READABLE_ZOOM = 0.6;
const PADDING = 0.1;
const EDGE_PX = 48;

/**
 * Zoom to fit, but never below a readable zoom: a flow that fits is centred (at most 100 %);
 * a larger one is shown at the readable zoom from its start (the left-most node, where entry sits
 * in a left → right flow), and the user pans or uses the mini map for the rest.
 */
export function fitReadable(rf: ReactFlowInstance<CanvasNode>, container: Element | null, duration = 0): void {
  const nodes = rf.getNodes();
  if (nodes.length === 0 || !container) return;
  const { width, height } = container.getBoundingClientRect();
  const b = rf.getNodesBounds(nodes);
  const fit = Math.min(width / (b.width * (1 + 2 * PADDING)), height / (b.height * (1 + 2 * PADDING)), 1);
  if (fit >= READABLE_ZOOM) {
    // `fitView` waits until every node is measured, which never happens on a large flow (only the
    // nodes on screen are mounted): centre it here from the bounds, initial sizes included.
    if (nodes.length > LARGE_FLOW) void rf.setViewport({ x: (width - b.width * fit) / 2 - b.x * fit, y: (height - b.height * fit) / 2 - b.y * fit, zoom: fit }, { duration });
    else void rf.fitView({ padding: PADDING, maxZoom: 1, duration });
    return;
  }
  const z = READABLE_ZOOM;
  const fitsWidth = b.width * z <= width - 2 * EDGE_PX;
  const x = fitsWidth ? (width - b.width * z) / 2 - b.x * z : EDGE_PX - b.x * z;
  let y: number;
  if (b.height * z <= height - 2 * EDGE_PX) y = (height - b.height * z) / 2 - b.y * z;
  else {
    // Centre on the first node vertically, without scrolling past the top or bottom of the flow.
    const first = nodes.reduce((a, n) => (n.position.x < a.position.x ? n : a));
    const cy = first.position.y + (first.measured?.height ?? first.initialHeight ?? INITIAL_NODE_SIZE.height) / 2;
    const top = EDGE_PX - b.y * z;
    const bottom = height - EDGE_PX - (b.y + b.height) * z;
    y = Math.min(top, Math.max(bottom, height / 2 - cy * z));
  }
  void rf.setViewport({ x, y, zoom: z }, { duration });
}

/** `fitReadable` bound to this canvas, for the canvas controls and the toolbar. */
export function useFitReadable(): (duration?: number) => void {
  const rf = useReactFlow<CanvasNode>();
  return useCallback((duration = 300) => fitReadable(rf, document.querySelector('[data-testid=canvas]'), duration), [rf]);
}
