import type { Guard, Machine, RouteState } from '../../../shared/machine/types.js';
import { conditionSql, groupSql } from './conditions.js';
import { bucketSql } from './hash.js';
import { FLAG } from './journey.js';
import type { KpiMetric, RunKpis } from '../store/kpi.js';

/** Whether any route of the machine tests subscriber attributes (the per-customer pass then reads them). */
export const usesAttrs = (m: Machine): boolean =>
  Object.values(m.states).some((s) => s.kind === 'route' && s.branches.some((b) => b.guard.kind === 'attribute' || b.guard.kind === 'rule'));

/**
 * SQL twin of `guardHolds` in core/step.ts, held equal by tests/integration/engine/guard-twins.property.test.ts.
 * SQL for a guard over `journeys` (flags, customer_id), or null when it needs JS. Constant guards are
 * exactly `TRUE` / `FALSE` (the stepper skips or drops them; PostgreSQL has no integer truth values).
 */
export function guardSql(g: Guard, s: RouteState, kpi: () => RunKpis, params: unknown[]): string | null {
  switch (g.kind) {
    case 'always': return 'TRUE';
    case 'converted': return `(flags & ${FLAG.converted}) <> 0`;
    case 'responded': return `(flags & ${FLAG.responded}) <> 0`;
    case 'bucket': return `${bucketSql('customer_id', s.node)} >= ${g.from} AND ${bucketSql('customer_id', s.node)} < ${g.to}`;
    case 'kpi': {
      const v = kpi()[g.metric as KpiMetric];
      return (g.op === 'gte' ? v >= g.threshold : v <= g.threshold) ? 'TRUE' : 'FALSE';
    }
    case 'attribute': return `EXISTS (SELECT 1 FROM subscribers s WHERE s.id = journeys.customer_id AND ${conditionSql(g.condition, params)})`;
    case 'rule': return `EXISTS (SELECT 1 FROM subscribers s WHERE s.id = journeys.customer_id AND ${groupSql(g.group, params)})`;
  }
}
