import type { ScriptStepData } from './definition.js';
import { lowerTouch, nodeExits } from '../touch-lower.js';
import { defineLowering, sendStateId } from '../../machine/lower/types.js';

/** A script step is one touch: `${node}.${touch}.send` → `.await` → the node's outcome ports. */
export const scriptStepLowering = defineLowering<ScriptStepData>({
  entry: (nodeId, data) => sendStateId(nodeId, data.id),
  lower: (nodeId, data, ctx) => ({ states: lowerTouch(nodeId, data, nodeExits(ctx), ctx) }),
});
