import { useStore } from '@xyflow/react';
import { useEffect } from 'react';

/**
 * Below this zoom a node's 11–13 px text is under ~8 px on screen: nodes show their compact face
 * (title and counts, sized for the screen) instead of shrunken text.
 */
export const COMPACT_ZOOM = 0.7;

/** Whether this canvas is zoomed out past reading; changes only when the zoom crosses the line. */
export const useCompact = (): boolean => useStore((s) => s.transform[2] < COMPACT_ZOOM);

/**
 * The zoom as a CSS variable (`--rf-zoom`) on the canvas, so compact faces and count badges keep a
 * readable size on screen without re-rendering every node at each step of a zoom.
 */
export function ZoomVar() {
  const zoom = useStore((s) => s.transform[2]);
  const dom = useStore((s) => s.domNode);
  useEffect(() => { dom?.style.setProperty('--rf-zoom', String(zoom)); }, [dom, zoom]);
  return null;
}
