import type { FlowDocument } from '../../shared/flow/document.js';
import type { Db } from '../db/open.js';
import { getRun, type Run } from '../engine/store/runs.js';

export interface RunInfo {
  id: number;
  flowId: string;
  version: number;
  name: string;
  orgUnit: string;
  productId: string;
  status: Run['status'];
  stopReason: string | null;
  clock: Run['clock'];
  period: { start: string; end: string };
  /** The run's "now": virtual time for simulated runs, the wall clock for live ones. */
  now: number;
  createdAt: number;
}

/** Header facts of a run: the flow's name (from the published version, else the flow row, else its id). */
export function runInfo(db: Db, run: Run, now = Date.now()): RunInfo {
  const m = run.machine;
  const doc = db.prepare('SELECT document FROM flow_versions WHERE flow_id = ? AND version = ?').pluck().get(run.flowId, run.version) as string | undefined;
  const name = (doc ? (JSON.parse(doc) as { name?: string }).name : undefined)
    ?? (db.prepare('SELECT name FROM flows WHERE id = ?').pluck().get(run.flowId) as string | undefined) ?? run.flowId;
  return {
    id: run.id, flowId: run.flowId, version: run.version, name, orgUnit: m.orgUnit, productId: m.productId, status: run.status, stopReason: run.stopReason,
    clock: run.clock, period: m.period, now: run.clock === 'virtual' ? (run.virtualNow ?? now) : now, createdAt: run.createdAt,
  };
}

/** The published document of the run's version, for the read-only canvas (null if the run was started without one). */
export function runDocument(db: Db, runId: number): FlowDocument | null {
  const run = getRun(db, runId);
  if (!run) return null;
  const doc = db.prepare('SELECT document FROM flow_versions WHERE flow_id = ? AND version = ?').pluck().get(run.flowId, run.version) as string | undefined;
  return doc ? (JSON.parse(doc) as FlowDocument) : null;
}

/** Runs, newest first, with their header facts; `units` limits them to flows of those org units. */
export function listRunInfos(db: Db, units: string[] | 'all'): RunInfo[] {
  const ids = db.prepare('SELECT id FROM runs ORDER BY id DESC LIMIT 500').pluck().all() as number[];
  const out: RunInfo[] = [];
  for (const id of ids) {
    const run = getRun(db, id);
    if (!run || (units !== 'all' && !units.includes(run.machine.orgUnit))) continue;
    out.push(runInfo(db, run));
  }
  return out;
}
