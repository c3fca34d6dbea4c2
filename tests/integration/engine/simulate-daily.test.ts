import { readFileSync } from 'node:fs';
import { afterEach, describe, expect, it } from 'vitest';
import type { FlowDocument } from '../../../shared/flow/document.js';
import { simulate, type SimulationSummary } from '../../../server/engine/simulation/simulate.js';
import { openFixture, type Fixture } from './support/fixture.js';

/**
 * flows/plan-5g-launch.json: a hybrid flow — WeChat / app / SMS-hall publicity lanes by fit; the
 * WeChat and SMS lanes hand over to an outbound call "after a response".
 */
const launch = (): FlowDocument => JSON.parse(readFileSync('flows/plan-5g-launch.json', 'utf8')) as FlowDocument;
const CALL_SHARE = 10;
const FOLLOW_UPS = [{ lane: 'launch.sms', call: 'launch.sms-call.send' }, { lane: 'launch.wechat', call: 'launch.wechat-call.send' }];

let fx: Fixture | null = null;
afterEach(() => {
  fx?.close();
  fx = null;
});

/** Customers handed to a follow-up call who never responded at the lane's first touch. */
function calledWithoutResponse(f: Fixture, call: string, lane: string): { called: number; never: number } {
  const called = f.db.prepare(`SELECT count(DISTINCT customer_id) FROM contacts WHERE state = ? AND status IN ('sent','queued','failed','suppressed')`).pluck().get(call) as number;
  const never = f.db.prepare(`SELECT count(DISTINCT c.customer_id) FROM contacts c WHERE c.state = ? AND c.status IN ('sent','queued','failed','suppressed')
    AND NOT EXISTS (SELECT 1 FROM traces t WHERE t.customer_id = c.customer_id AND t.state = ? AND t.code IN ('response','trial','store_visit','app_login','awaiting_confirmation'))`)
    .pluck().get(call, `${lane}.await`) as number;
  return { called, never };
}

const sum = (xs: number[]) => xs.reduce((a, b) => a + b, 0);

describe('simulate: figures per day, the flow\'s call-centre share, the hand-off rule', () => {
  let s: SimulationSummary;

  it('per-day figures add up to the totals, and the call-centre share holds every day', async () => {
    fx = openFixture(4000, 5);
    const doc = { ...launch(), contactPolicy: { channelCapacity: { outbound_call: CALL_SHARE } } };
    s = await simulate(doc, { customers: 4000, seed: 5, days: 30, db: fx.db });
    expect(s.policyViolations).toBe(0);
    expect(s.daily.length).toBeGreaterThan(5);
    // days run without gaps
    for (let i = 1; i < s.daily.length; i++) expect(Date.parse(s.daily[i]!.day) - Date.parse(s.daily[i - 1]!.day)).toBe(86_400_000);
    for (const [c, total] of Object.entries(s.channels)) {
      expect(sum(s.daily.map((d) => d.channels[c]?.contacts ?? 0)), c).toBe(total.contacts);
      expect(sum(s.daily.map((d) => d.channels[c]?.cost ?? 0))).toBeCloseTo(total.cost, 1);
    }
    expect(sum(s.daily.map((d) => d.contacts))).toBe(sum(Object.values(s.channels).map((c) => c.contacts)));
    expect(sum(s.daily.map((d) => d.responses))).toBe(s.responses);
    expect(sum(s.daily.map((d) => d.conversions))).toBe(s.conversions);
    expect(sum(s.daily.map((d) => d.cost))).toBeCloseTo(s.cost, 1);
    // each day's total is the sum of its channels
    for (const d of s.daily) {
      expect(sum(Object.values(d.channels).map((c) => c.contacts))).toBe(d.contacts);
      expect(sum(Object.values(d.channels).map((c) => c.deferred))).toBe(d.deferred);
      expect(sum(Object.values(d.channels).map((c) => c.responses))).toBeLessThanOrEqual(d.responses);
    }
    const calls = s.daily.map((d) => d.channels.outbound_call).filter((c) => c !== undefined);
    expect(calls.every((c) => c.capacity.flowShare && c.capacity.cap === CALL_SHARE)).toBe(true);
    expect(Math.max(...calls.map((c) => c.capacity.used))).toBe(CALL_SHARE); // it binds…
    for (const c of calls) expect(c.capacity.used).toBeLessThanOrEqual(CALL_SHARE); // …and is never exceeded
    expect(sum(s.daily.map((d) => d.suppressed['flow_capacity:outbound_call'] ?? 0))).toBeGreaterThan(0);
    expect(sum(s.daily.map((d) => d.deferred))).toBeGreaterThan(0);
  }, 240_000);

  it('"after a response" sends the follow-up call only to customers who responded; "skip to next" is the explicit exception', async () => {
    fx = openFixture(3000, 9);
    await simulate(launch(), { customers: 3000, seed: 9, days: 20, db: fx.db });
    for (const { lane, call } of FOLLOW_UPS) {
      const r = calledWithoutResponse(fx, call, lane);
      expect(r.called, call).toBeGreaterThan(0);
      expect(r.never, call).toBe(0);
    }
    // failed or unreachable first touches did happen: they ended as unreachable instead
    expect(fx.db.prepare(`SELECT count(*) FROM journeys WHERE outcome = 'unreachable'`).pluck().get()).toBeGreaterThan(0);

    fx.close();
    fx = openFixture(3000, 9);
    const skip = launch();
    const node = skip.nodes.find((n) => n.id === 'launch')!;
    const data = node.data as { lanes: { id: string; onFailure?: string }[] };
    for (const l of data.lanes) if (l.id === 'sms') l.onFailure = 'next';
    await simulate(skip, { customers: 3000, seed: 9, days: 20, db: fx.db });
    expect(calledWithoutResponse(fx, 'launch.sms-call.send', 'launch.sms').never).toBeGreaterThan(0);
    expect(calledWithoutResponse(fx, 'launch.wechat-call.send', 'launch.wechat').never).toBe(0);
  }, 240_000);
});
