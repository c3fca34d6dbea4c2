import { describe, expect, it } from 'vitest';
import { end, machine, touch } from '../../../tests/integration/engine/support/machines.js';
import { HOUR } from './clock.js';
import { FLAG, type Journey } from './journey.js';
import { step, type StepContext } from './step.js';

const NOW = Date.parse('2026-01-05T02:00:00Z'); // 10:00 local

const j0 = (state: string, over: Partial<Journey> = {}): Journey => ({
  runId: 1, customerId: 7, state, dueAt: NOW, flags: 0, attempt: 0, lane: null, enteredAt: NOW, endedAt: null, outcome: null, ...over,
});

const ctx = (over: Partial<StepContext> = {}): StepContext => ({
  now: NOW,
  customer: { id: 7, group: 'student', smartphone: true, dnd: false, optOutMask: 0 },
  decideSend: (s) => ({ kind: 'send', channel: s.channel, cost: 0.05 }),
  deliver: () => ({ status: 'sent', providerId: 'p1' }),
  provision: () => ({ kind: 'answer', result: 'granted' }),
  unreachable: () => null,
  fit: (c) => ({ app: 0.9, sms_hall: 0.5, outbound_call: 0.7 } as Record<string, number>)[c] ?? 0,
  kpi: () => 0,
  ...over,
});

const serial = machine([
  ...touch('t1', 'sms_hall', 'publicity', { responded: 't2.send', noResponse: 't2.send', converted: 'won', unreachable: 'lost' }, 48),
  ...touch('t2', 'outbound_call', 'sales', { responded: 'done', noResponse: 'done', converted: 'won', unreachable: 'lost' }, 72, 'agent'),
  end('won', 'converted'), end('done', 'completed'), end('lost', 'unreachable'),
]);

describe('step (pure transition)', () => {
  it('sends, then waits in the await state with its timeout', () => {
    const r = step(serial, j0('t1.send'), { kind: 'due' }, ctx());
    expect(r.journey.state).toBe('t1.await');
    expect(r.journey.dueAt).toBe(NOW + 48 * HOUR);
    expect(r.journey.attempt).toBe(1);
    expect(r.journey.flags & FLAG.contacted).toBeTruthy();
    expect(r.effects.filter((e) => e.kind === 'contact')).toEqual([expect.objectContaining({ channel: 'sms_hall', status: 'sent', attempt: 1, cost: 0.05 })]);
  });

  it('hands off serially on response, and on timeout', () => {
    const waiting = j0('t1.await', { dueAt: NOW + 48 * HOUR, attempt: 1 });
    const onResponse = step(serial, waiting, { kind: 'event', type: 'response' }, ctx());
    // the event makes the hand-off; the next touch is sent by the stepper under the contact policy
    expect(onResponse.journey.state).toBe('t2.send');
    expect(onResponse.journey.dueAt).toBe(NOW);
    expect(onResponse.journey.flags & FLAG.responded).toBeTruthy();
    const onTimeout = step(serial, { ...waiting, dueAt: NOW }, { kind: 'due' }, ctx());
    expect(onTimeout.journey.state).toBe('t2.await');
    expect(onTimeout.journey.flags & FLAG.responded).toBe(0);
    const notYet = step(serial, waiting, { kind: 'due' }, ctx());
    expect(notYet.status).toBe('idle');
  });

  it('counts an order as a conversion only with the second confirmation when the script asks for it', () => {
    const m = machine([...touch('t', 'sms_hall', 'sales', { responded: 'done', noResponse: 'done', converted: 'won', unreachable: 'lost' }, 48, 'msg2'), end('won'), end('done'), end('lost')]);
    const w = j0('t.await', { dueAt: NOW + HOUR, attempt: 1 });
    const unconfirmed = step(m, w, { kind: 'event', type: 'order' }, ctx());
    expect(unconfirmed.status).toBe('awaiting_confirmation');
    expect(unconfirmed.journey.state).toBe('t.await');
    const confirmed = step(m, unconfirmed.journey, { kind: 'event', type: 'order', secondConfirmed: true }, ctx());
    expect(confirmed.journey.state).toBe('won');
    expect(confirmed.journey.flags & FLAG.converted).toBeTruthy();
    expect(confirmed.journey.outcome).toBe('won');
  });

  it('reports events the journey is not waiting for as late and never moves twice', () => {
    const done = j0('done', { dueAt: null, endedAt: NOW, outcome: 'completed' });
    expect(step(serial, done, { kind: 'event', type: 'response' }, ctx()).status).toBe('late');
    expect(step(serial, j0('t1.send'), { kind: 'event', type: 'response' }, ctx()).status).toBe('late');
  });

  it('takes the unreachable branch when the policy says so, deferring otherwise', () => {
    const u = step(serial, j0('t1.send'), { kind: 'due' }, ctx({ decideSend: () => ({ kind: 'unreachable', reason: 'dnd' }) }));
    expect(u.journey.state).toBe('lost');
    expect(u.effects).toContainEqual(expect.objectContaining({ kind: 'contact', status: 'unreachable', reason: 'dnd' }));
    const d = step(serial, j0('t1.send'), { kind: 'due' }, ctx({ decideSend: () => ({ kind: 'defer', until: NOW + 5 * HOUR, reason: 'quiet_hours', suppressed: false }) }));
    expect(d.journey.state).toBe('t1.send');
    expect(d.journey.dueAt).toBe(NOW + 5 * HOUR);
    expect(d.effects.some((e) => e.kind === 'contact')).toBe(false);
  });

  it('routes best-fit among reachable lanes and first-match by guards', () => {
    const m = machine([
      { id: 'r', node: 'lk', kind: 'route', mode: 'best_fit', otherwise: 'none', branches: [
        { guard: { kind: 'always' }, target: 'a', channel: 'sms_hall' },
        { guard: { kind: 'always' }, target: 'b', channel: 'app' },
        { guard: { kind: 'always' }, target: 'c', channel: 'outbound_call' },
      ] },
      end('a'), end('b'), end('c'), end('none'),
    ]);
    expect(step(m, j0('r'), { kind: 'due' }, ctx()).journey.state).toBe('b');
    expect(step(m, j0('r'), { kind: 'due' }, ctx({ unreachable: (c) => (c === 'app' ? 'feature_phone' : null) })).journey.state).toBe('c');
    const g = machine([
      { id: 'e', node: 'ev', kind: 'route', mode: 'first', otherwise: 'else', branches: [
        { guard: { kind: 'converted' }, target: 'conv' },
        { guard: { kind: 'responded' }, target: 'resp' },
        { guard: { kind: 'kpi', metric: 'response_rate', op: 'gte', threshold: 0.1 }, target: 'kpi' },
      ] },
      end('conv'), end('resp'), end('kpi'), end('else'),
    ]);
    expect(step(g, j0('e', { flags: FLAG.responded }), { kind: 'due' }, ctx()).journey.state).toBe('resp');
    expect(step(g, j0('e'), { kind: 'due' }, ctx({ kpi: () => 0.2 })).journey.state).toBe('kpi');
    expect(step(g, j0('e'), { kind: 'due' }, ctx()).journey.state).toBe('else');
  });
});
