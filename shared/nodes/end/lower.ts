import type { EndData } from './definition.js';
import { defineLowering } from '../../machine/lower/types.js';

/** An end node is a `terminal` state with the node's outcome. */
export const endLowering = defineLowering<EndData>({
  entry: (nodeId) => nodeId,
  lower: (nodeId, data) => ({ states: [{ id: nodeId, node: nodeId, kind: 'terminal', outcome: data.outcome }] }),
});
