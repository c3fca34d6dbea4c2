import type { PointerEvent } from 'react';

/**
 * A press on the empty pane captures the pointer, so the moves of the pan that follows are sent to the
 * pane without a hit test: on a large flow ~700 edge svgs cross the screen, and hit-testing them took
 * ~2.5 ms of every pan frame. React Flow's own selection box captures the same way.
 */
export function capturePanPointer(e: PointerEvent) {
  const target = e.target as Element;
  if (e.pointerType === 'mouse' && target.classList.contains('react-flow__pane')) target.setPointerCapture(e.pointerId);
}
