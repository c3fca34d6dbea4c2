import { readFileSync } from 'node:fs';
import type { FlowDocument } from '../../../shared/flow/document.js';
import { defaultAgentScript } from '../../../shared/flow/script.js';
import { compileFlow } from '../../../shared/machine/compile.js';
import type { Machine } from '../../../shared/machine/types.js';
import { loadUser } from '../../../server/auth/sessions.js';
import type { Db } from '../../../server/db/open.js';
import { HOUR, dateStart } from '../../../server/engine/core/clock.js';
import { Engine, nextDue } from '../../../server/engine/runtime/engine.js';
import { startRun } from '../../../server/engine/store/runs.js';
import { agentQueueAdapter } from '../../../server/engine/channels/agent-queue.js';
import { SimulatedGateway } from '../../../server/engine/channels/simulated.js';
import { DEFAULT_POLICY } from '../../../server/engine/core/policy.js';
import type { AppServices } from '../../../server/core/context.js';
import { createInnerContext } from '../../../server/trpc/create-context.js';
import { appRouter } from '../../../server/trpc/routers/_app.js';
import { createCallerFactory } from '../../../server/trpc/trpc.js';

const factory = createCallerFactory(appRouter);

/** A tRPC caller acting as a demo user. */
export const callerAs = (services: AppServices, username: string) => {
  const id = services.db.prepare('SELECT id FROM users WHERE username = ?').pluck().get(username) as number;
  return factory(createInnerContext(services, loadUser(services.db, id)));
};

export const loadFlow = (file: string): FlowDocument => JSON.parse(readFileSync(`flows/${file}.json`, 'utf8')) as FlowDocument;

/**
 * What publishing does, without the approval steps: store the flow and its version 1 (document and
 * machine), then start the run of that machine in the engine.
 */
export function publishAndStart(db: Db, doc: FlowDocument, clock: 'live' | 'virtual', seed = 5): { runId: number; machine: Machine } {
  const compiled = compileFlow(doc);
  if (!compiled.ok) throw new Error(`fixture does not compile: ${JSON.stringify(compiled.issues)}`);
  const machine = compiled.machine;
  const owner = db.prepare("SELECT id FROM users WHERE username = 'planner'").pluck().get() as number;
  const at = new Date().toISOString();
  db.prepare(`INSERT INTO flows (id, name, org_unit, owner_id, status, document, live_version, created_at, updated_at) VALUES (?, ?, ?, ?, 'running', ?, 1, ?, ?)`)
    .run(doc.id, doc.name, doc.orgUnit, owner, JSON.stringify(doc), at, at);
  db.prepare('INSERT INTO flow_versions (flow_id, version, document, machine, hash, created_by, created_at) VALUES (?, 1, ?, ?, ?, ?, ?)')
    .run(doc.id, JSON.stringify(doc), JSON.stringify(machine), machine.hash, owner, at);
  const runId = startRun(db, { flowId: doc.id, version: 1, machine, clock, seed, ...(clock === 'virtual' ? { now: dateStart(machine.period.start) } : {}) });
  return { runId, machine };
}

/** Tick a virtual run until `until` or until nothing is due, jumping to the next due time. */
export function driveVirtual(engine: Engine, runId: number, until: number): number {
  let now = engine.db.prepare('SELECT virtual_now FROM runs WHERE id = ?').pluck().get(runId) as number;
  let ticks = 0;
  while (now <= until && ticks < 3000) {
    engine.tickSync(now, 'virtual');
    engine.db.prepare('UPDATE runs SET virtual_now = ? WHERE id = ?').run(now, runId);
    ticks++;
    const pend = engine.db.prepare(`SELECT min(available_at) FROM events WHERE status = 'pending'`).pluck().get() as number | null;
    const next = Math.min(...[nextDue(engine.db, runId), pend].filter((x): x is number => x !== null));
    if (!Number.isFinite(next)) break;
    now = Math.max(now + HOUR / 4, next);
  }
  return ticks;
}

const localToday = (): string => new Date(Date.now() + 8 * 3_600_000).toISOString().slice(0, 10);

/**
 * A live flow of one city from today for 30 days: business people and young professionals get an
 * outbound call with the default four-step agent script (order with second confirmation); 10% control.
 */
export function callFlow(city: string, id = `e2e-call-${city}`): FlowDocument {
  const start = localToday();
  const end = new Date(Date.parse(`${start}T00:00:00Z`) + 30 * 86_400_000).toISOString().slice(0, 10);
  return {
    schemaVersion: 1, id, name: '广州商务客户外呼加油包', description: '', productId: 'dp_10g',
    period: { start, end }, goal: { reach: 150, responses: 40, conversions: 20, revenue: 600, budget: 2000, evaluationDays: 7 }, priority: 50, orgUnit: city,
    nodes: [
      { id: 'seg', type: 'segment', position: { x: 0, y: 60 }, data: { conditions: { combinator: 'and', rules: [{ field: 'city', op: 'in', value: [city] }, { field: 'group', op: 'in', value: ['business', 'young_pro'] }], groups: [] }, exclusions: { optedOut: true, doNotDisturb: true, ownsOffer: true, inOtherActiveFlow: false, exclusionList: '' }, controlGroupPct: 10, entry: { mode: 'once' }, reentry: { mode: 'never' } } },
      { id: 'call', type: 'script', position: { x: 340, y: 40 }, data: { id: 'c1', channel: 'outbound_call', stage: 'sales', script: defaultAgentScript(), timeoutHours: 48 } },
      { id: 'won', type: 'end', position: { x: 700, y: -80 }, data: { outcome: 'converted' } },
      { id: 'done', type: 'end', position: { x: 700, y: 60 }, data: { outcome: 'completed' } },
      { id: 'lost', type: 'end', position: { x: 700, y: 200 }, data: { outcome: 'declined' } },
    ],
    edges: [
      { id: 'e1', source: 'seg', sourceHandle: 'out', target: 'call' },
      { id: 'e2', source: 'call', sourceHandle: 'converted', target: 'won' },
      { id: 'e3', source: 'call', sourceHandle: 'responded', target: 'done' },
      { id: 'e4', source: 'call', sourceHandle: 'no_response', target: 'lost' },
    ],
  };
}

/** The engine as the server runs live runs (human channels through the agent queue), with the call centre open around the clock. */
export const liveEngine = (db: Db) => new Engine(db, {
  policy: { ...DEFAULT_POLICY, channels: { outbound_call: { contactHours: [0, 24] } } },
  channels: (run) => ({ adapters: { outbound_call: agentQueueAdapter }, defaultAdapter: new SimulatedGateway(db, { seed: run.seed, category: 'data_pack' }) }),
});
