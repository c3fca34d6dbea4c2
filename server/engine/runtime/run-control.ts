import type { RunControl } from '../../governance/run-control.js';
import type { Engine } from './engine.js';

/** Governance's RunControl over the engine: runs are found by (flow, version), newest first. */
export function engineRunControl(engine: Engine): RunControl {
  const db = engine.db;
  const runOf = (flowId: string, version: number): number | null =>
    (db.prepare(`SELECT id FROM runs WHERE flow_id = ? AND version = ? AND status IN ('running','paused') ORDER BY id DESC LIMIT 1`).pluck().get(flowId, version) as number | undefined) ?? null;
  return {
    startRun: ({ flowId, version, machine }) => ({ runId: engine.startRun({ flowId, version, machine, clock: 'live' }) }),
    pauseRun: ({ flowId, version }) => { const id = runOf(flowId, version); if (id !== null) engine.pauseRun(id); },
    resumeRun: ({ flowId, version }) => { const id = runOf(flowId, version); if (id !== null) engine.resumeRun(id); },
    // Governance's "complete" passes reason 'completed' (→ status completed); "stop" and "superseded"
    // pass their own reason (→ status stopped). The reason is kept as the run's stop_reason.
    stopRun: ({ flowId, version, reason }) => {
      const id = runOf(flowId, version);
      if (id !== null) engine.stopRun(id, Date.now(), reason ?? 'stopped', reason === 'completed' ? 'completed' : 'stopped');
    },
  };
}
