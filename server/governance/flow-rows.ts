import { DomainError } from '../core/errors.js';
import { isRunStatus, type FlowStatus, type RunStatus } from '../../shared/governance/lifecycle.js';
import type { Db } from '../db/open.js';
import type { SessionUser } from '../core/context.js';
import { canSeeUnit, visibleUnits } from './org-rules.js';

export interface FlowRow {
  id: string;
  name: string;
  orgUnit: string;
  ownerId: number;
  ownerName: string;
  status: FlowStatus;
  runStatus: RunStatus | null;
  revision: number;
  liveVersion: number | null;
  fromTemplate: string | null;
  submittedBy: number | null;
  submittedRevision: number | null;
  updatedAt: string;
}

// camelCase aliases quoted: PostgreSQL folds unquoted ones to lower case.
const COLUMNS = `f.id, f.name, f.org_unit AS "orgUnit", f.owner_id AS "ownerId", u.display_name AS "ownerName", f.status,
  f.run_status AS "runStatus", f.revision, f.live_version AS "liveVersion", f.from_template AS "fromTemplate",
  f.submitted_by AS "submittedBy", f.submitted_revision AS "submittedRevision", f.updated_at AS "updatedAt"`;

export function findFlow(db: Db, id: string): FlowRow | undefined {
  return db.prepare(`SELECT ${COLUMNS} FROM flows f JOIN users u ON u.id = f.owner_id WHERE f.id = ? AND f.is_template = 0`).get(id) as FlowRow | undefined;
}

/** Load a flow the user may see; a flow outside their units is reported as missing, not forbidden. */
export function loadVisibleFlow(db: Db, user: SessionUser, id: string): FlowRow {
  syncRunStatus(db, id);
  const flow = findFlow(db, id);
  if (!flow || !canSeeUnit(user, flow.orgUnit)) throw new DomainError({ code: 'NOT_FOUND', message: `流程 ${id} 不存在 / Flow ${id} not found` });
  return flow;
}

export interface FlowListFilter {
  status?: FlowStatus[];
  ownerId?: number;
  orgUnit?: string;
  search?: string;
}

export function listVisibleFlows(db: Db, user: SessionUser, f: FlowListFilter): FlowRow[] {
  syncAllRunStatuses(db);
  const where = ['f.is_template = 0'];
  const args: (string | number)[] = [];
  const units = visibleUnits(user);
  if (units !== 'all') { where.push(`f.org_unit IN (${units.map(() => '?').join(',')})`); args.push(...units); }
  if (f.status?.length) { where.push(`f.status IN (${f.status.map(() => '?').join(',')})`); args.push(...f.status); }
  if (f.ownerId !== undefined) { where.push('f.owner_id = ?'); args.push(f.ownerId); }
  if (f.orgUnit) { where.push('f.org_unit = ?'); args.push(f.orgUnit); }
  if (f.search) { where.push('(lower(f.name) LIKE lower(?) OR lower(f.id) LIKE lower(?))'); args.push(`%${f.search}%`, `%${f.search}%`); }
  return db.prepare(`SELECT ${COLUMNS} FROM flows f JOIN users u ON u.id = f.owner_id WHERE ${where.join(' AND ')} ORDER BY f.updated_at DESC LIMIT 500`).all(...args) as FlowRow[];
}

/**
 * The engine ends runs on its own (period over, budget spent). Mirror a finished run of the live
 * version into the flow so lists and buttons agree with the engine without it calling back.
 */
export function syncRunStatus(db: Db, flowId: string): void {
  db.prepare(`UPDATE flows SET run_status = r.status,
                status = CASE WHEN flows.status IN ('running','paused') THEN r.status ELSE flows.status END
              FROM (SELECT flow_id, version, status FROM runs WHERE id IN (SELECT max(id) FROM runs GROUP BY flow_id, version)) r
              WHERE flows.id = ? AND r.flow_id = flows.id AND r.version = flows.live_version
                AND r.status IN ('stopped','completed') AND flows.run_status IN ('running','paused')`).run(flowId);
}

function syncAllRunStatuses(db: Db): void {
  const ids = db.prepare("SELECT id FROM flows WHERE run_status IN ('running','paused')").pluck().all() as string[];
  for (const id of ids) syncRunStatus(db, id);
}

/** The status a run event acts on: the live run's, when the working copy is a new draft. */
export function runStateOf(flow: FlowRow): FlowStatus {
  if (isRunStatus(flow.status)) return flow.status;
  return flow.runStatus ?? flow.status;
}
