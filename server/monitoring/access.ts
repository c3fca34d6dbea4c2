import { DomainError } from '../core/errors.js';
import type { Db } from '../db/open.js';
import { getRun, listRuns, type Run } from '../engine/store/runs.js';
import { canSeeUnit, visibleUnits } from '../governance/org-rules.js';
import type { SessionUser } from '../core/context.js';
import type { Role } from '../../shared/roles.js';

/** Who reads dashboards and reports: the people who design, approve and curate flows. */
export const MONITOR_ROLES = ['planner', 'supervisor', 'trainer', 'admin'] as const satisfies readonly Role[];
/** Customer traces show personal data (phone, path): planners, supervisors and admins only. */
export const TRACE_ROLES = ['planner', 'supervisor', 'admin'] as const satisfies readonly Role[];

export type RunAccess = { ok: true; run: Run } | { ok: false; status: 404 | 403 };

/**
 * A run is visible to users who may see its flow's org unit (city users: their city's and the
 * province's flows; province users: all). Unknown and hidden runs answer differently so the UI can say which.
 */
export function runAccess(db: Db, user: Pick<SessionUser, 'orgUnit'>, runId: number): RunAccess {
  const run = getRun(db, runId);
  if (!run) return { ok: false, status: 404 };
  if (!canSeeUnit(user, run.machine.orgUnit)) return { ok: false, status: 403 };
  return { ok: true, run };
}

/** The run, if the caller may see it; otherwise NOT_FOUND or FORBIDDEN, so the UI can say which. */
export function visibleRun(db: Db, user: Pick<SessionUser, 'orgUnit'>, runId: number): Run {
  const a = runAccess(db, user, runId);
  if (a.ok) return a.run;
  if (a.status === 404) throw new DomainError({ code: 'NOT_FOUND', message: `没有运行 ${runId} / No run ${runId}` });
  throw new DomainError({ code: 'FORBIDDEN', message: '该运行属于其他单位 / The run belongs to another unit' });
}

/** The runs (of one flow, or all) whose flow's unit the caller may see, newest first. */
export const listVisibleRuns = (db: Db, user: Pick<SessionUser, 'orgUnit'>, flowId?: string) =>
  listRuns(db, flowId).filter((r) => runAccess(db, user, r.id).ok);

export const unitsOf = (user: Pick<SessionUser, 'orgUnit'>): string[] | 'all' => visibleUnits(user);
