import { defineLowering } from './types.js';

/** An end node is a `terminal` state with the node's outcome. */
export const endLowering = defineLowering({
  type: 'end',
  entry: (nodeId) => nodeId,
  lower: (nodeId, data) => ({ states: [{ id: nodeId, node: nodeId, kind: 'terminal', outcome: data.outcome }] }),
});
