import type { FlowDocument } from '../../shared/flow/document.js';
import { defaultAgentScript, defaultMessageScript } from '../../shared/flow/script.js';
import { compileFlow } from '../../shared/machine/compile.js';
import type { Machine } from '../../shared/machine/types.js';
import { dateStart, HOUR } from '../../server/engine/core/clock.js';
import type { ContactPolicy } from '../../server/engine/core/policy.js';

/**
 * The reference flow every contender runs: segment → serial linkage (SMS publicity → app experience →
 * outbound-call sales) → wait 48 h → evaluate (converted?) → end. Compiled by the real compiler into
 * 8 working states + 2 end states:
 *   reach.sms.send, reach.sms.await, reach.app.send, reach.app.await, reach.call.send, reach.call.await, wait, eval, end-won, end-lost
 */
export function referenceFlow(n: number): FlowDocument {
  const pos = (x: number) => ({ x, y: 200 });
  const edge = (source: string, sourceHandle: string, target: string) => ({ id: `e-${source}-${sourceHandle}`, source, sourceHandle, target, targetHandle: 'in' });
  return {
    schemaVersion: 1,
    id: 'bench-reference',
    name: '基准参考流程',
    description: 'segment → serial linkage SMS → app → outbound call, wait, evaluate, end',
    productId: 'dp_10g',
    period: { start: '2026-03-02', end: '2026-03-31' },
    // Budget high enough to allow every contact, but the check runs on every send.
    goal: { reach: n, responses: Math.ceil(n / 5), conversions: 0, revenue: 0, budget: 10 * n, evaluationDays: 7 },
    priority: 50,
    orgUnit: 'province',
    nodes: [
      { id: 'seg', type: 'segment', position: pos(0), data: {
        conditions: { combinator: 'and', rules: [{ field: 'smartphone', op: 'is', value: true }], groups: [] },
        exclusions: { optedOut: true, doNotDisturb: true, ownsOffer: false, inOtherActiveFlow: false, exclusionList: '' },
        controlGroupPct: 0, entry: { mode: 'once' }, reentry: { mode: 'never' },
      } },
      { id: 'reach', type: 'linkage', position: pos(300), data: {
        mode: 'serial',
        touches: [
          { id: 'sms', channel: 'sms_hall', stage: 'publicity', timeoutHours: 24, handoff: 'after_timeout', script: defaultMessageScript() },
          { id: 'app', channel: 'app', stage: 'experience', timeoutHours: 48, handoff: 'on_response', script: defaultMessageScript() },
          { id: 'call', channel: 'outbound_call', stage: 'sales', timeoutHours: 24, handoff: 'on_response', script: defaultAgentScript() },
        ],
      } },
      { id: 'wait', type: 'wait', position: pos(600), data: { mode: 'duration', hours: 48 } },
      { id: 'eval', type: 'evaluate', position: pos(900), data: { mode: 'customer', branches: [{ id: 'won', label: '已转化', test: { kind: 'converted' } }] } },
      { id: 'end-won', type: 'end', position: pos(1200), data: { outcome: 'converted' } },
      { id: 'end-lost', type: 'end', position: pos(1200), data: { outcome: 'completed' } },
    ],
    edges: [
      edge('seg', 'out', 'reach'),
      edge('reach', 'converted', 'end-won'), edge('reach', 'responded', 'wait'), edge('reach', 'no_response', 'end-lost'), edge('reach', 'unreachable', 'end-lost'),
      edge('wait', 'out', 'eval'),
      edge('eval', 'won', 'end-won'), edge('eval', 'else', 'end-lost'),
    ],
  } as unknown as FlowDocument;
}

export function referenceMachine(n: number): Machine {
  const r = compileFlow(referenceFlow(n));
  if (!r.ok) throw new Error(`reference flow does not compile: ${JSON.stringify(r.issues)}`);
  return r.machine;
}

/** 10:00 local on the first day of the period: every channel is inside its contact hours. */
export const T0 = dateStart('2026-03-02') + 10 * HOUR;
/** Phase (b): the SMS touch's 24 h await times out for everyone at once. */
export const T1 = T0 + 24 * HOUR;
/** Phase (c): responses arrive an hour later. */
export const T2 = T1 + HOUR;

/** Caps and capacity high enough to allow every contact of the workload; every check still runs. */
export const benchPolicy = (): ContactPolicy => ({
  dailyCap: 5,
  weeklyCap: 20,
  channels: { sms_hall: { capacity: 100_000_000 }, app: { capacity: 100_000_000 }, outbound_call: { capacity: 100_000_000 } },
});

/** Deterministic 20% respond (every 5th customer). */
export const responds = (id: number): boolean => id % 5 === 0;

/** The responders in a random (seeded) order. */
export function responseOrder(n: number, seed = 12345): number[] {
  const ids: number[] = [];
  for (let id = 1; id <= n; id++) if (responds(id)) ids.push(id);
  let s = seed >>> 0;
  const rnd = () => ((s = (Math.imul(s ^ (s >>> 15), 0x2c1b3c6d) + 0x6d2b79f5) >>> 0) / 4294967296);
  for (let i = ids.length - 1; i > 0; i--) {
    const j = Math.floor(rnd() * (i + 1));
    [ids[i], ids[j]] = [ids[j]!, ids[i]!];
  }
  return ids;
}

/** Events per batch in phase (c), the same for every contender. */
export const EVENT_BATCH = 10_000;

/** The per-state counts every contender must end with. */
export function expectedCounts(n: number): Record<string, number> {
  const r = Math.floor(n / 5);
  return { 'reach.app.await': n - r, 'reach.call.await': r };
}

/** Transitions per phase: (a) enrol + SMS send; (b) timeout + app send; (c) response + call send. */
export const phaseTransitions = (n: number) => ({ a: 2 * n, b: 2 * n, c: 2 * Math.floor(n / 5) });
