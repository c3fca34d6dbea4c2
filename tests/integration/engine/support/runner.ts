/**
 * A stand-alone engine process for the crash test: opens (or seeds) the database, starts one virtual
 * run if none exists, and ticks it to completion, persisting the virtual clock after every tick.
 * Usage: tsx runner.ts <db path>. Prints `tick <n>` lines and `done` at the end.
 */
import { openDb } from '../../../../server/db/open.js';
import { seedIfEmpty } from '../../../../server/db/seed/index.js';
import { HOUR } from '../../../../server/engine/core/clock.js';
import { Engine, nextDue } from '../../../../server/engine/runtime/engine.js';
import { startRun } from '../../../../server/engine/store/runs.js';
import { end, machine, touch } from './machines.js';
import { dateStart } from '../../../../server/engine/core/clock.js';

const path = process.argv[2]!;
const db = openDb(path);
seedIfEmpty(db, { subscribers: 4000, seed: 11 });
export const crashMachine = machine([
  ...touch('t1', 'sms_hall', 'publicity', { responded: 't2.send', noResponse: 't2.send', converted: 'won', unreachable: 'lost' }, 24),
  ...touch('t2', 'app', 'sales', { responded: 'done', noResponse: 'done', converted: 'won', unreachable: 'lost' }, 24),
  end('won', 'converted'), end('done', 'completed'), end('lost', 'unreachable'),
], { flowId: 'crash-flow' });
let runId = db.prepare('SELECT id FROM runs LIMIT 1').pluck().get() as number | undefined;
if (runId === undefined) {
  runId = db.transaction(() => startRun(db, { flowId: 'crash-flow', version: 1, machine: crashMachine, seed: 3, clock: 'virtual', now: dateStart(crashMachine.period.start) }))();
}
const engine = new Engine(db, { batchSize: 50 });
let ticks = 0;
for (;;) {
  const now = db.prepare('SELECT virtual_now FROM runs WHERE id = ?').pluck().get(runId) as number;
  engine.tickSync(now, 'virtual');
  ticks++;
  process.stdout.write(`tick ${ticks}\n`);
  const status = db.prepare('SELECT status FROM runs WHERE id = ?').pluck().get(runId) as string;
  const pend = db.prepare(`SELECT min(available_at) FROM events WHERE status = 'pending'`).pluck().get() as number | null;
  const next = Math.min(...[nextDue(db, runId), pend].filter((x): x is number => x !== null));
  if (status !== 'running' || !Number.isFinite(next)) break;
  db.prepare('UPDATE runs SET virtual_now = ? WHERE id = ?').run(Math.max(now + HOUR / 2, next), runId);
}
process.stdout.write('done\n');
db.close();
