import type { LinkageData } from './definition.js';
import type { Guard, MachineState, RouteState } from '../../machine/types.js';
import { lowerChain, nodeExits, type TouchExits } from '../touch-lower.js';
import { defineLowering, sendStateId, type LoweringContext } from '../../machine/lower/types.js';

type Lanes = Extract<LinkageData, { mode: 'parallel' | 'hybrid' }>;

/**
 * serial → the touches as one chain (see `lowerChain` for the hand-off rules), entered at the first
 * touch's send state.
 * parallel / hybrid → a `route` state `${node}`: mode best_fit (routing 'fit') or first (routing
 * 'rules'), one branch per lane carrying the lane's channel and stage, guarded by the lane's rule
 * (`rule` guard) or `always`. A parallel lane is one touch; a hybrid lane is its first touch then its
 * follow-ups as a serial chain (the lane's `handoff`, default on_response, leads into the first
 * follow-up). All lanes leave through the node's outcome ports. Customers no lane can take leave
 * through `unreachable`; the route has no `otherwise` only when routing is 'rules' and some lane
 * has no rule (an `always` branch makes it exhaustive).
 */
export const linkageLowering = defineLowering<LinkageData>({
  entry: (nodeId, data) => (data.mode === 'serial' ? sendStateId(nodeId, data.touches[0]!.id) : nodeId),
  lower: (nodeId, data, ctx) => {
    const exits = nodeExits(ctx);
    if (data.mode === 'serial') {
      return { states: lowerChain(nodeId, data.touches, data.touches.map((x) => x.handoff), exits, ctx) };
    }
    return { states: [laneRoute(nodeId, data, exits), ...laneStates(nodeId, data, exits, ctx)] };
  },
});

function laneRoute(nodeId: string, data: Lanes, exits: TouchExits): RouteState {
  const mode = data.routing === 'fit' ? 'best_fit' : 'first';
  const branches: RouteState['branches'] = data.lanes.map((lane) => {
    const guard: Guard = lane.rule ? { kind: 'rule', group: lane.rule } : { kind: 'always' };
    return { guard, target: sendStateId(nodeId, lane.id), channel: lane.channel, stage: lane.stage };
  });
  const exhaustive = mode === 'first' && branches.some((b) => b.guard.kind === 'always');
  return { id: nodeId, node: nodeId, kind: 'route', mode, branches, otherwise: exhaustive ? null : exits.unreachable };
}

function laneStates(nodeId: string, data: Lanes, exits: TouchExits, ctx: LoweringContext): MachineState[] {
  if (data.mode === 'parallel') return data.lanes.flatMap((lane) => lowerChain(nodeId, [lane], [], exits, ctx));
  return data.lanes.flatMap((lane) => {
    const chain = [lane, ...lane.followUps];
    const handoffs = [lane.handoff ?? 'on_response', ...lane.followUps.map((f) => f.handoff)];
    return lowerChain(nodeId, chain, handoffs, exits, ctx);
  });
}
