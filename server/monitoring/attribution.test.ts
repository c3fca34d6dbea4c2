import fc from 'fast-check';
import { describe, expect, test } from 'vitest';
import { attributeOne, attributionTotals, type EngagementRow, type TouchRow } from './attribution.js';

const send = (aw: string) => ({ 'a.await': 'a.send', 'b.await': 'b.send' })[aw];
const touch = (state: string, at: number, attempt: number, channel = 'sms_hall'): TouchRow => ({ state, at, attempt, channel, stage: 'publicity' });
const eng = (awaitState: string, at: number, seq = at): EngagementRow => ({ awaitState, at, seq });

describe('attributeOne: the last touch engaged with, else the last sent', () => {
  test('an engaged touch wins over a later touch that was only sent', () => {
    const r = attributeOne(send, [touch('a.send', 100, 1), touch('b.send', 200, 2, 'app')], [eng('a.await', 150)], 300);
    expect(r).toEqual({ basis: 'engaged', touch: touch('a.send', 100, 1) });
  });

  test('the latest engagement decides when the customer engaged with several touches', () => {
    const r = attributeOne(send, [touch('a.send', 100, 1), touch('b.send', 200, 2, 'app')], [eng('a.await', 150), eng('b.await', 250)], 250);
    expect(r.touch?.state).toBe('b.send');
    expect(r.basis).toBe('engaged');
  });

  test('without engagement: the last touch sent before the conversion; later touches do not count', () => {
    const r = attributeOne(send, [touch('a.send', 100, 1), touch('b.send', 200, 2), touch('a.send', 400, 3)], [], 300);
    expect(r).toEqual({ basis: 'last_sent', touch: touch('b.send', 200, 2) });
  });

  test('an engagement after the conversion is ignored', () => {
    const r = attributeOne(send, [touch('a.send', 100, 1), touch('b.send', 200, 2)], [eng('a.await', 500)], 300);
    expect(r.basis).toBe('last_sent');
    expect(r.touch?.state).toBe('b.send');
  });

  test('an engagement belongs to the latest contact of its send before it (re-entry, retries)', () => {
    const r = attributeOne(send, [touch('a.send', 100, 1), touch('a.send', 300, 4, 'wechat'), touch('a.send', 900, 7)], [eng('a.await', 350)], 400);
    expect(r.touch).toEqual(touch('a.send', 300, 4, 'wechat'));
  });

  test('equal times: the later trace row is the later engagement', () => {
    const r = attributeOne(send, [touch('a.send', 100, 1), touch('b.send', 100, 2)], [eng('b.await', 200, 1), eng('a.await', 200, 2)], 200);
    expect(r.touch?.state).toBe('a.send');
  });

  test('an engagement at a state with no send falls back to the last sent; no touches at all: none', () => {
    expect(attributeOne(send, [touch('a.send', 100, 1)], [eng('x.await', 150)], 200).basis).toBe('last_sent');
    expect(attributeOne(send, [], [eng('a.await', 150)], 200)).toEqual({ basis: 'none', touch: null });
  });

  test('property: the credited touch was made at or before the conversion, and some touch is credited whenever one was', () => {
    const arbTouch = fc.record({ state: fc.constantFrom('a.send', 'b.send'), at: fc.integer({ min: 0, max: 1000 }), attempt: fc.integer({ min: 1, max: 20 }), channel: fc.constantFrom('sms_hall', 'app'), stage: fc.constant('publicity' as const) });
    const arbEng = fc.record({ awaitState: fc.constantFrom('a.await', 'b.await', 'x.await'), at: fc.integer({ min: 0, max: 1000 }), seq: fc.nat() });
    fc.assert(fc.property(fc.array(arbTouch, { maxLength: 8 }), fc.array(arbEng, { maxLength: 8 }), fc.integer({ min: 0, max: 1000 }), (ts, es, at) => {
      const r = attributeOne(send, ts, es, at);
      if (r.touch) expect(r.touch.at).toBeLessThanOrEqual(at);
      expect(r.touch === null).toBe(!ts.some((t) => t.at <= at));
    }));
  });
});

test('attributionTotals counts per node, channel and stage', () => {
  const t = attributionTotals([
    { customerId: 1, convertedAt: 5, basis: 'engaged', touch: { ...touch('a.send', 1, 1), node: 'a' } },
    { customerId: 2, convertedAt: 5, basis: 'last_sent', touch: { ...touch('b.send', 1, 1, 'app'), node: 'b', stage: 'sales' } },
    { customerId: 3, convertedAt: 5, basis: 'engaged', touch: { ...touch('a.send', 1, 1), node: 'a' } },
    { customerId: 4, convertedAt: 5, basis: 'none', touch: null },
  ]);
  expect(t).toEqual({ byNode: { a: 2, b: 1 }, byChannel: { sms_hall: 2, app: 1 }, byStage: { publicity: 2, sales: 1 }, unattributed: 1, engaged: 2, lastSent: 1 });
});
