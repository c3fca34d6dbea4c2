import type { ChannelId } from '../../../../shared/catalogue/channels.js';
import type { Stage } from '../../../../shared/catalogue/stages.js';
import { defaultAgentScript, defaultMessageScript } from '../../../../shared/flow/script.js';
import type { SegmentData } from '../../../../shared/nodes/segment/definition.js';
import type { Machine, MachineState } from '../../../../shared/machine/types.js';

export const allSegment = (over: Partial<SegmentData> = {}): SegmentData => ({
  conditions: { combinator: 'and', rules: [], groups: [] },
  exclusions: { optedOut: false, doNotDisturb: false, ownsOffer: false, inOtherActiveFlow: false, exclusionList: '' },
  controlGroupPct: 0,
  entry: { mode: 'once' },
  reentry: { mode: 'never' },
  ...over,
});

/** A machine by hand: `states` in order; the first is initial. Scripts 'msg' and 'agent' exist. */
export function machine(states: MachineState[], over: Partial<Machine> = {}): Machine {
  return {
    version: 1, flowId: over.flowId ?? 'test-flow', hash: 'h', initial: states[0]!.id,
    states: Object.fromEntries(states.map((s) => [s.id, s])),
    scripts: { msg: { ...defaultMessageScript(), secondConfirmation: false }, msg2: defaultMessageScript(), agent: defaultAgentScript() },
    entry: allSegment(), entryNode: 'seg', productId: 'dp_10g', priority: 50, orgUnit: 'province',
    period: { start: '2026-01-05', end: '2026-03-31' },
    goal: { reach: 1000, responses: 100, conversions: 10, revenue: 300, budget: 0, evaluationDays: 0 },
    contactPolicy: {},
    ...over,
  };
}

/** A touch: send → await(order → converted, response → next, timeout → next), like the compiler's lowering. */
export function touch(id: string, channel: ChannelId, stage: Stage, next: { responded: string; noResponse: string; converted: string; unreachable: string }, timeoutHours = 48, script = 'msg'): MachineState[] {
  return [
    { id: `${id}.send`, node: id, kind: 'send', touch: id, channel, stage, script, next: `${id}.await`, unreachable: next.unreachable },
    { id: `${id}.await`, node: id, kind: 'await', timeoutHours, on: { order: next.converted, response: next.responded }, timeout: next.noResponse },
  ];
}

export const end = (id: string, outcome = id): MachineState => ({ id, node: id, kind: 'terminal', outcome });

/** One sales SMS on the SMS hall, its four outcomes each ending the journey. */
export const oneSmsTouch = (): Machine =>
  machine([...touch('t', 'sms_hall', 'sales', { responded: 'resp', noResponse: 'none', converted: 'won', unreachable: 'lost' }, 48, 'msg2'), end('resp'), end('none'), end('won'), end('lost')]);

/** One sales call on the outbound-call channel (agents, or the dialer, work it from the queue), its four outcomes each ending the journey. */
export const oneAgentCall = (): Machine =>
  machine([...touch('call', 'outbound_call', 'sales', { responded: 'declined', noResponse: 'timeout', converted: 'won', unreachable: 'lost' }, 72, 'agent'), end('won'), end('declined'), end('timeout'), end('lost')]);
