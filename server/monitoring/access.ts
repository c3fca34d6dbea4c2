import type { Db } from '../db/open.js';
import { getRun, type Run } from '../engine/store/runs.js';
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

export const unitsOf = (user: Pick<SessionUser, 'orgUnit'>): string[] | 'all' => visibleUnits(user);
