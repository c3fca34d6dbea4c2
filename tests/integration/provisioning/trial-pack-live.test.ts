import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, expect, test } from 'vitest';
import { parseFlowDocument } from '../../../shared/flow/migrations.js';
import { compileFlow } from '../../../shared/machine/compile.js';
import { DAY, HOUR } from '../../../server/engine/core/clock.js';
import { DEFAULT_POLICY } from '../../../server/engine/core/policy.js';
import { Engine } from '../../../server/engine/runtime/engine.js';
import { getRun, startRun } from '../../../server/engine/store/runs.js';
import { openHarness, type Harness } from '../governance/harness.js';
import { signedReceiver, type SignedReceiver } from '../channels/support/signed-http.js';

/**
 * The demo template `flows/trial-pack-upsell.json` as a live run with the benefit service bound to an
 * operator's HTTP interface on loopback (#21 item 2): publicity SMS → the customers who respond get the
 * 3-day trial pack through the operator → granted ones wait for the sales call a day before it ends.
 */
const SECRET = 'whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw';
let h: Harness;
type Call = { idempotencyKey: string; customerId: number; benefit: string; product?: string; expiryDays?: number };
let operator: SignedReceiver<Call>;

beforeAll(async () => {
  process.env.LINKAGE_SECRET_KEY = 'c'.repeat(64);
  h = openHarness(400);
  operator = await signedReceiver(SECRET, {}, (c: Call) => ({ status: 200, body: c.customerId % 3 === 0 ? { result: 'failed', reason: '号码状态异常' } : { result: 'granted' } }), '/provision');
});
afterAll(async () => {
  delete process.env.LINKAGE_SECRET_KEY;
  h.close();
  await new Promise((r) => operator.server.close(r));
});

test('trial-pack-upsell live: responders get the trial pack from the operator; granted ones wait for the sales call, failed ones end', async () => {
  await h.as('admin').channelBindings.saveProvisioning({ service: 'benefit', binding: { kind: 'http', http: { url: operator.url, secret: SECRET, timeoutMs: 2000, maxAttempts: 3 } } });
  const parsed = parseFlowDocument(readFileSync('flows/trial-pack-upsell.json', 'utf8'));
  if (!parsed.ok) throw new Error(JSON.stringify(parsed.issues));
  const day = (d: number) => new Date(Date.now() + 8 * HOUR + d * DAY).toISOString().slice(0, 10);
  const compiled = compileFlow({ ...parsed.doc, period: { start: day(-1), end: day(14) } });
  if (!compiled.ok) throw new Error(JSON.stringify(compiled.issues));
  const m = compiled.machine;
  // The publicity SMS may go out at any hour in this test.
  const engine = new Engine(h.db, { policy: { ...DEFAULT_POLICY, channels: { bulk_sms: { contactHours: [0, 24] as const } } } });
  const runId = startRun(h.db, { flowId: m.flowId, version: 1, machine: m, clock: 'live' });
  await engine.tick(Date.now());
  const reached = h.db.prepare(`SELECT customer_id FROM journeys WHERE run_id = ? AND state = 'publicity.pub.await'`).pluck().all(runId) as number[];
  expect(reached.length).toBeGreaterThan(10);
  // They answer the SMS: each goes on to the trial node, whose call is queued and then posted.
  const results = engine.ingest(reached.map((c) => ({ id: `resp-${runId}-${c}`, type: 'response', customerId: c })));
  expect(results.every((r) => r.status === 'applied')).toBe(true);
  const endAt = Date.now() + 20_000;
  while (h.db.prepare(`SELECT count(*) FROM grants WHERE run_id = ?`).pluck().get(runId) as number < reached.length) {
    if (Date.now() > endAt) throw new Error('timed out waiting for the grants');
    await engine.tick(Date.now());
  }
  const calls = operator.got;
  expect(operator.badSignatures).toBe(0);
  expect(calls.map((c) => c.customerId).sort((a, b) => a - b)).toEqual([...reached].sort((a, b) => a - b));
  expect(calls[0]).toMatchObject({ benefit: 'TRIAL-10G-3D', expiryDays: 3 });
  expect(new Set(calls.map((c) => c.idempotencyKey)).size).toBe(reached.length);
  const failed = reached.filter((c) => c % 3 === 0);
  const granted = reached.filter((c) => c % 3 !== 0);
  const state = h.db.prepare('SELECT state, due_at AS due, outcome FROM journeys WHERE run_id = ? AND customer_id = ?');
  const grant = h.db.prepare('SELECT result, reason, expires_at AS expires FROM grants WHERE run_id = ? AND customer_id = ?');
  for (const c of granted) {
    const g = grant.get(runId, c) as { result: string; expires: number };
    expect(g.result).toBe('granted');
    expect(state.get(runId, c)).toEqual({ state: 'trial.notice', due: g.expires - 24 * HOUR, outcome: null });
  }
  for (const c of failed) {
    expect(grant.get(runId, c)).toMatchObject({ result: 'failed', reason: '号码状态异常', expires: null });
    expect(state.get(runId, c)).toMatchObject({ outcome: 'completed' });
  }
  const trial = m.states['trial'];
  if (trial?.kind !== 'provision') throw new Error('the trial node is not a provision state');
  const contactCost = Number(h.db.prepare('SELECT coalesce(sum(cost), 0) FROM contacts WHERE run_id = ?').pluck().get(runId));
  expect(getRun(h.db, runId)!.spent).toBeCloseTo(contactCost + granted.length * trial.cost, 6);
  expect(getRun(h.db, runId)!.status).toBe('running');
}, 60_000);
