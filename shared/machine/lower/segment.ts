import { defineLowering } from './types.js';

/** The segment makes no state of its own: its `out` target is the machine's initial state, and its data becomes `machine.entry`. */
export const segmentLowering = defineLowering({
  type: 'segment',
  entry: () => null,
  lower: (_nodeId, _data, ctx) => ({ states: [], initial: ctx.exit('out') }),
});
