import { catalogueDrift, type DriftItem } from '../../shared/catalogue/snapshot.js';
import type { Machine } from '../../shared/machine/types.js';
import type { SessionUser } from '../core/context.js';
import { DomainError } from '../core/errors.js';
import type { Db } from '../db/types.js';
import { visibleUnits } from '../governance/org-rules.js';

interface RunRow { flow_id: string; machine: string; org_unit: string }

const canSee = (user: SessionUser, unit: string): boolean => {
  const units = visibleUnits(user);
  return user.roles.includes('admin') || units === 'all' || units.includes(unit);
};

/**
 * "目录自审批后已变更": for each flow whose latest run is running or paused, what changed in the catalogue since
 * it was published (its snapshot) among the values it uses. Flows without changes are left out.
 */
export function driftByFlow(db: Db, user: SessionUser, flowId?: string): Record<string, DriftItem[]> {
  if (flowId) {
    const unit = db.prepare('SELECT org_unit FROM flows WHERE id = ?').pluck().get(flowId) as string | undefined;
    if (unit === undefined || !canSee(user, unit)) throw new DomainError({ code: 'NOT_FOUND', message: `流程不存在 / Flow ${flowId} not found` });
  }
  const rows = db.prepare(`SELECT r.flow_id, r.machine, f.org_unit FROM runs r JOIN flows f ON f.id = r.flow_id
      WHERE r.status IN ('running', 'paused') ${flowId ? 'AND r.flow_id = ?' : ''} ORDER BY r.id`)
    .all(...(flowId ? [flowId] : [])) as RunRow[];
  const out: Record<string, DriftItem[]> = {};
  for (const r of rows) {
    if (!canSee(user, r.org_unit)) continue;
    const items = catalogueDrift(JSON.parse(r.machine) as Machine);
    if (items.length) out[r.flow_id] = items;
  }
  return out;
}
