import type { SegmentData } from './definition.js';
import { defineLowering } from '../../machine/lower/types.js';

/** The segment makes no state of its own: its `out` target is the machine's initial state, and its data becomes `machine.entry`. */
export const segmentLowering = defineLowering<SegmentData>({
  entry: () => null,
  lower: (_nodeId, data, ctx) => ({ states: [], initial: ctx.exit('out'), entry: data }),
});
