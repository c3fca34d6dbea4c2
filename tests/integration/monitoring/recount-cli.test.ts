import { afterAll, beforeAll, expect, test } from 'vitest';
import { runCli } from '../../../server/cli/run.js';
import { Engine } from '../../../server/engine/runtime/engine.js';
import { readCounters } from '../../../server/engine/store/counters.js';
import { getRun, pauseRun } from '../../../server/engine/store/runs.js';
import { openHarness, type Harness } from '../governance/harness.js';
import { callFlow, driveVirtual, publishAndStart } from './support.js';

/** `npm run flow -- recount <runId>`: the repair for counters out of step, against the configured store. */
let h: Harness;
const env = { DATABASE_PATH: process.env.DATABASE_PATH, DATABASE_URL: process.env.DATABASE_URL };
beforeAll(() => {
  h = openHarness(400);
  // the command opens the configured store, as `npm run flow` would
  if (h.db.name.startsWith('postgres')) process.env.DATABASE_URL = h.db.name;
  else process.env.DATABASE_PATH = h.db.name;
});
afterAll(() => {
  for (const [k, v] of Object.entries(env)) if (v === undefined) delete process.env[k]; else process.env[k] = v;
  h.close();
});

/** A run's counters, zero rows left out (a recount writes none), amounts to the fen. */
const counters = (runId: number) => Object.fromEntries([...readCounters(h.db, runId)]
  .filter(([, [n, a]]) => n !== 0 || Math.abs(a) > 1e-6).map(([k, [n, a]]) => [k, [n, Math.round(a * 100) / 100]]));

async function cli(...args: string[]) {
  const out: string[] = [];
  const err: string[] = [];
  const code = await runCli(args, { out: (l) => out.push(l), err: (l) => err.push(l), readFile: () => '' });
  return { code, out, err };
}

test('recount rebuilds a paused run\'s counters from its rows; a running run, an unknown run and bad usage are refused', async () => {
  const { runId, machine } = publishAndStart(h.db, callFlow('gz', 'recount-gz'), 'virtual');
  const engine = new Engine(h.db);
  driveVirtual(engine, runId, Date.parse(`${machine.period.start}T00:00:00+08:00`) + 3 * 86_400_000);
  const kept = counters(runId);
  expect(Object.keys(kept).length).toBeGreaterThan(0);
  // counters put out of step, as a manual edit of the rows would leave them
  h.db.prepare('UPDATE run_counters SET n = n + 7 WHERE run_id = ?').run(runId);
  expect(counters(runId)).not.toEqual(kept);

  if (getRun(h.db, runId)!.status === 'running') pauseRun(h.db, runId);
  expect(await cli('recount', String(runId))).toMatchObject({ code: 0, out: [`run ${runId}: counters rebuilt`] });
  expect(counters(runId)).toEqual(kept);

  const live = publishAndStart(h.db, callFlow('sz', 'recount-sz'), 'live').runId;
  expect(await cli('recount', String(live))).toMatchObject({ code: 1, err: [`运行 ${live} 正在进行，请先暂停 / run ${live} is running; pause it first`] });
  expect(await cli('recount', '999999')).toMatchObject({ code: 1, err: ['没有运行 999999 / no run 999999'] });
  expect((await cli('recount', 'abc')).code).toBe(2);
  expect((await cli('recount')).code).toBe(2);
});
