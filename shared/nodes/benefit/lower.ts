import type { MachineState, ProvisionState } from '../../machine/types.js';
import { defineLowering } from '../../machine/lower/types.js';
import type { BenefitData } from './definition.js';

/** Whether a granted customer waits for the expiry notice in the node (and leaves through `expiring`). */
export const waitsForExpiry = (d: BenefitData): boolean => d.expiryDays > 0 && d.notifyBeforeHours > 0;

/**
 * A `provision` state (service 'benefit') whose answers lead to the node's ports: granted → `granted`,
 * failed → `failed`, already_held → `already_held`. With a notice before expiry, granted leads to a
 * `timer` `${node}.notice` that wakes `notifyBeforeHours` before the grant expires (it starts at the
 * grant) and leaves through `expiring`.
 */
export const benefitLowering = defineLowering<BenefitData>({
  entry: (nodeId) => nodeId,
  lower: (nodeId, d, ctx) => {
    const notice = `${nodeId}.notice`;
    const provision: ProvisionState = {
      id: nodeId, node: nodeId, kind: 'provision', service: 'benefit', cost: d.cost,
      request: { benefit: d.benefitCode, kind: d.kind, ...(d.productId ? { product: d.productId } : {}), ...(d.expiryDays > 0 ? { expiryDays: d.expiryDays } : {}) },
      on: { granted: waitsForExpiry(d) ? notice : ctx.exit('granted'), failed: ctx.exit('failed'), already_held: ctx.exit('already_held') },
    };
    const states: MachineState[] = [provision];
    if (waitsForExpiry(d)) states.push({ id: notice, node: nodeId, kind: 'timer', wake: { mode: 'duration', hours: d.expiryDays * 24 - d.notifyBeforeHours }, next: ctx.exit('expiring') });
    return { states };
  },
});
