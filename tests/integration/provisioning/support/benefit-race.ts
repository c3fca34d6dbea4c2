import { spawn } from 'node:child_process';
import type { Db } from '../../../../server/db/open.js';
import { DAY, HOUR } from '../../../../server/engine/core/clock.js';
import { startRun } from '../../../../server/engine/store/runs.js';
import { end, machine } from '../../engine/support/machines.js';

/** A live run (period around today, Beijing time) whose only step grants `benefit` to every customer it enrols. */
export function liveGrantRun(db: Db, flowId: string, benefit: string): number {
  const day = (d: number) => new Date(Date.now() + 8 * HOUR + d * DAY).toISOString().slice(0, 10);
  const m = machine([
    { id: 'b', node: 'b', kind: 'provision', service: 'benefit', cost: 1, request: { benefit, kind: 'trial_data', expiryDays: 3 }, on: { granted: 'b.granted', failed: 'b.failed', already_held: 'b.held' } },
    end('b.granted', 'granted'), end('b.failed', 'failed'), end('b.held', 'already_held'),
  ], { flowId, period: { start: day(-1), end: day(7) }, goal: { reach: 0, responses: 0, conversions: 0, revenue: 0, budget: 0, evaluationDays: 0 } });
  return startRun(db, { flowId, version: 1, machine: m, clock: 'live' });
}

/**
 * One engine process stepping `runId` in the store at `location` (`step-live-run.ts`: enrolment, then the run's
 * journeys, provisioning as bound). `done` resolves with its output, or rejects with its stderr if it failed.
 */
export function stepInChild(location: string, runId: number): { done: Promise<string>; exited: () => boolean } {
  const child = spawn(process.execPath, ['--import', 'tsx', 'tests/integration/provisioning/support/step-live-run.ts', location, String(runId)], {
    env: { ...process.env, LOG_LEVEL: 'silent' }, stdio: ['ignore', 'pipe', 'pipe'],
  });
  let out = '';
  let err = '';
  let exited = false;
  child.stdout.on('data', (d: Buffer) => { out += d.toString(); });
  child.stderr.on('data', (d: Buffer) => { err += d.toString(); });
  const done = new Promise<string>((ok, fail) => child.on('exit', (code) => {
    exited = true;
    if (code === 0) ok(out);
    else fail(new Error(`step of run ${runId} exited ${code}: ${err}`));
  }));
  return { done, exited: () => exited };
}
