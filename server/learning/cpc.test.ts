import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, test } from 'vitest';
import { defaultAgentScript, defaultMessageScript } from '../../shared/flow/script.js';
import type { Machine, MachineState } from '../../shared/machine/types.js';
import { openDb, type Db } from '../db/open.js';
import { seedIfEmpty } from '../db/seed/index.js';
import { startRun } from '../engine/store/runs.js';
import { fitMatrix, responseRateTable } from './estimates.js';
import { betaMean, learnCompletedRuns, learnFromRun, posterior } from './cpc.js';

test('posterior: alpha + responses, beta + (contacts − responses)', () => {
  expect(posterior({ alpha: 2, beta: 38 }, 10, 3)).toEqual({ alpha: 5, beta: 45 });
  expect(posterior({ alpha: 1.5, beta: 8.5 }, 0, 0)).toEqual({ alpha: 1.5, beta: 8.5 });
  expect(betaMean({ alpha: 5, beta: 45 })).toBe(0.1);
  expect(() => posterior({ alpha: 1, beta: 1 }, 2, 3)).toThrow();
});

/** t1: SMS hall publicity → t2: app sales; both await order/response with a timeout. */
const states: MachineState[] = [
  { id: 't1.send', node: 't1', kind: 'send', touch: 't1', channel: 'sms_hall', stage: 'publicity', script: 'msg', next: 't1.await', unreachable: 'lost' },
  { id: 't1.await', node: 't1', kind: 'await', timeoutHours: 48, on: { order: 'won', response: 't2.send' }, timeout: 'lost' },
  { id: 't2.send', node: 't2', kind: 'send', touch: 't2', channel: 'app', stage: 'sales', script: 'msg', next: 't2.await', unreachable: 'lost' },
  { id: 't2.await', node: 't2', kind: 'await', timeoutHours: 48, on: { order: 'won' }, timeout: 'lost' },
  { id: 'won', node: 'won', kind: 'terminal', outcome: 'converted' },
  { id: 'lost', node: 'lost', kind: 'terminal', outcome: 'no_response' },
];
const machine: Machine = {
  version: 1, flowId: 'learn-test', hash: 'h', initial: 't1.send', states: Object.fromEntries(states.map((s) => [s.id, s])),
  scripts: { msg: defaultMessageScript(), agent: defaultAgentScript() },
  entry: { conditions: { combinator: 'and', rules: [], groups: [] }, exclusions: { optedOut: false, doNotDisturb: false, ownsOffer: false, inOtherActiveFlow: false, exclusionList: '' }, controlGroupPct: 0, entry: { mode: 'once' }, reentry: { mode: 'never' } },
  entryNode: 'seg', productId: 'dp_10g', priority: 50, orgUnit: 'province', period: { start: '2026-01-05', end: '2026-03-31' },
  goal: { reach: 10, responses: 1, conversions: 1, revenue: 30, budget: 0, evaluationDays: 0 }, contactPolicy: {},
};

let dir: string;
let db: Db;
let runId: number;
const A = 1, B = 2, C = 3, D = 4, E = 5, F = 6;

const cell = (g: string, c: string) => db.prepare(`SELECT alpha, beta FROM response_estimates WHERE group_id = ? AND channel_id = ? AND category = 'data_pack'`).get(g, c) as { alpha: number; beta: number };
const journey = (id: number, state: string, attempt: number, ended: number | null, flags = 16) =>
  db.prepare('INSERT INTO journeys (run_id, customer_id, state, due_at, flags, attempt, entered_at, updated_at, ended_at) VALUES (?, ?, ?, NULL, ?, ?, 0, 0, ?)').run(runId, id, state, flags, attempt, ended);
const contact = (id: number, state: string, attempt: number, status: string, at: number, channel = 'sms_hall') =>
  db.prepare('INSERT INTO contacts (run_id, customer_id, state, attempt, channel, stage, cost, status, created_at, sent_at) VALUES (?, ?, ?, ?, ?, ?, 0.05, ?, ?, ?)')
    .run(runId, id, state, attempt, channel, state === 't1.send' ? 'publicity' : 'sales', status, at, status === 'sent' ? at : null);
const trace = (id: number, state: string, code: string, at: number) => db.prepare('INSERT INTO traces (run_id, customer_id, at, state, code) VALUES (?, ?, ?, ?, ?)').run(runId, id, at, state, code);

beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'linkage-learn-'));
  db = openDb(join(dir, 't.db'));
  seedIfEmpty(db, { subscribers: 20, seed: 3 });
  runId = startRun(db, { flowId: 'learn-test', version: 1, machine, clock: 'virtual' });
  db.prepare(`UPDATE subscribers SET group_id = 'student' WHERE id IN (${A}, ${B}, ${C}, ${D}, ${E})`).run();
  db.prepare(`UPDATE subscribers SET group_id = 'senior' WHERE id = ${F}`).run();
  // A: SMS sent, responded, now waiting on the app touch (sent) — SMS settled (yes), app pending.
  journey(A, 't2.await', 2, null, 17); contact(A, 't1.send', 1, 'sent', 100); trace(A, 't1.await', 'response', 150); contact(A, 't2.send', 2, 'sent', 200, 'app');
  // B: SMS sent, still awaited — pending.
  journey(B, 't1.await', 1, null); contact(B, 't1.send', 1, 'sent', 100);
  // C: SMS sent, timed out — settled (no).
  journey(C, 'lost', 1, 300); contact(C, 't1.send', 1, 'sent', 100); trace(C, 't1.await', 'timeout', 300);
  // D: delivery failed — no trial.
  journey(D, 'lost', 1, 100, 0); contact(D, 't1.send', 1, 'failed', 100);
  // E: SMS sent, ordered — settled (yes).
  journey(E, 'won', 1, 120, 19); contact(E, 't1.send', 1, 'sent', 100); trace(E, 't1.await', 'order', 120);
  // F: the SMS touch fell back to an outbound call worked by an agent who got a response — settled (yes) on outbound_call.
  journey(F, 't2.send', 1, null, 1); contact(F, 't1.send', 1, 'queued', 100, 'outbound_call'); trace(F, 't1.await', 'response', 110);
  db.prepare(`INSERT INTO agent_queue (run_id, customer_id, state, attempt, channel, stage, script, status, tries, available_at, created_at, done_at, disposition)
    VALUES (?, ?, 't1.send', 1, 'outbound_call', 'publicity', 'agent', 'done', 1, 100, 100, 110, 'declined')`).run(runId, F);
});
afterEach(() => { db.close(); rmSync(dir, { recursive: true, force: true }); });

describe('learnFromRun', () => {
  test('hand-computed: student×SMS 3 trials 2 responses; senior×call 1 trial 1 response; pending and failed contacts wait', () => {
    const s0 = cell('student', 'sms_hall');
    const c0 = cell('senior', 'outbound_call');
    const app0 = cell('student', 'app');
    const r = learnFromRun(db, runId, { now: 1000 });
    expect(r).toMatchObject({ contacts: 4, responses: 3, cells: 2 });
    expect(cell('student', 'sms_hall')).toEqual({ alpha: s0.alpha + 2, beta: s0.beta + 1 });
    expect(cell('senior', 'outbound_call')).toEqual({ alpha: c0.alpha + 1, beta: c0.beta });
    expect(cell('student', 'app')).toEqual(app0);
    // the fit matrix keeps the seeded prior beside the learned value
    const m = fitMatrix(db, 'data_pack').find((x) => x.group === 'student' && x.channel === 'sms_hall')!;
    expect(m).toMatchObject({ alpha: s0.alpha + 2, beta: s0.beta + 1, observed: 3, responses: 2 });
    expect(m.priorMean).toBeCloseTo(s0.alpha / (s0.alpha + s0.beta), 12);
    expect(responseRateTable(db, 'data_pack').get('student|sms_hall')).toBeCloseTo((s0.alpha + 2) / (s0.alpha + s0.beta + 3), 12);
  });

  test('idempotent: a second pass adds nothing; outcomes that settle later are added once', () => {
    const s0 = cell('student', 'sms_hall');
    const app0 = cell('student', 'app');
    learnFromRun(db, runId, { now: 1000 });
    expect(learnFromRun(db, runId, { now: 1001 })).toMatchObject({ contacts: 0, responses: 0, cells: 0 });
    // B times out, A's app touch times out
    db.prepare(`UPDATE journeys SET state = 'lost', ended_at = 400 WHERE run_id = ? AND customer_id IN (${B}, ${A})`).run(runId);
    expect(learnFromRun(db, runId, { now: 1002 })).toMatchObject({ contacts: 2, responses: 0, cells: 2 });
    expect(cell('student', 'sms_hall')).toEqual({ alpha: s0.alpha + 2, beta: s0.beta + 2 });
    expect(cell('student', 'app')).toEqual({ alpha: app0.alpha, beta: app0.beta + 1 });
    expect(learnFromRun(db, runId, { now: 1003 }).contacts).toBe(0);
  });

  test('the completion pass runs once per ended run', () => {
    expect(learnCompletedRuns(db)).toEqual([]);
    db.prepare(`UPDATE runs SET status = 'completed' WHERE id = ?`).run(runId);
    expect(learnCompletedRuns(db).map((r) => r.contacts)).toEqual([4]);
    expect(learnCompletedRuns(db)).toEqual([]);
  });
});
