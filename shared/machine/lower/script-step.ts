import { lowerTouch, nodeExits } from './touch-chain.js';
import { defineLowering, sendStateId } from './types.js';

/** A script step is one touch: `${node}.${touch}.send` → `.await` → the node's outcome ports. */
export const scriptStepLowering = defineLowering({
  type: 'script',
  entry: (nodeId, data) => sendStateId(nodeId, data.id),
  lower: (nodeId, data, ctx) => ({ states: lowerTouch(nodeId, data, nodeExits(ctx), ctx) }),
});
