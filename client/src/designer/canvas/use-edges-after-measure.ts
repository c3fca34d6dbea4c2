import type { Edge } from '@xyflow/react';
import { useEffect, useState } from 'react';

const NO_EDGES: Edge[] = [];
/** Should no node ever be measured (none on screen), the edges come anyway. */
const GIVE_UP_MS = 1000;

/**
 * On a large flow, the edges join the canvas once the first nodes are measured. Before that React
 * Flow knows only the estimated handles, so it would lay out and draw every edge twice: on the
 * estimates, then again on the measured handles — on the 500-node benchmark flow ~700 edges cross
 * the screen, which made opening it ~0.4 s slower. React Flow measures in a ResizeObserver callback,
 * before the browser paints, so the first painted frame still has its edges.
 */
export function useEdgesAfterMeasure(edges: Edge[], large: boolean, measuredAny: boolean): Edge[] {
  const [gaveUp, setGaveUp] = useState(false);
  const hold = large && !measuredAny && !gaveUp;
  useEffect(() => {
    if (!hold) return;
    const timer = setTimeout(() => setGaveUp(true), GIVE_UP_MS);
    return () => clearTimeout(timer);
  }, [hold]);
  return hold ? NO_EDGES : edges;
}
