import type { WaitData } from './definition.js';
import type { MachineState } from '../../machine/types.js';
import { defineLowering } from '../../machine/lower/types.js';

/**
 * duration / until_time / until_date → a `timer` state that wakes and goes to `out`;
 * event → an `await` state listening for that one event (→ `event`), with the timeout (→ `timeout`).
 */
export const waitLowering = defineLowering<WaitData>({
  entry: (nodeId) => nodeId,
  lower: (nodeId, data, ctx) => {
    const state: MachineState = data.mode === 'event'
      ? { id: nodeId, node: nodeId, kind: 'await', timeoutHours: data.timeoutHours, on: { [data.event]: ctx.exit('event') }, timeout: ctx.exit('timeout') }
      : { id: nodeId, node: nodeId, kind: 'timer', wake: data, next: ctx.exit('out') };
    return { states: [state] };
  },
});
