import { readFileSync } from 'node:fs';
import type { FlowDocument } from '../../../shared/flow/document.js';
import { compileFlow } from '../../../shared/machine/compile.js';
import type { Machine } from '../../../shared/machine/types.js';
import { loadUser } from '../../../server/auth/sessions.js';
import type { Db } from '../../../server/db/open.js';
import { HOUR, dateStart } from '../../../server/engine/clock.js';
import { Engine, nextDue } from '../../../server/engine/engine.js';
import { startRun } from '../../../server/engine/runs.js';
import type { AppServices } from '../../../server/trpc/context.js';
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
