import { approvedPrice } from '../../../shared/catalogue/snapshot.js';
import { contactRate, conversionRate, responseRate, roi } from '../../../shared/metrics/rates.js';
import type { Guard, Machine } from '../../../shared/machine/types.js';
import type { Db } from '../../db/open.js';
import { groupTotals, runCounts, type RunCounts } from './counters-read.js';

export type KpiMetric = Extract<Guard, { kind: 'kpi' }>['metric'];

export interface RunKpis {
  treated: number;
  contacted: number;
  responded: number;
  converted: number;
  cost: number;
  revenue: number;
  contact_rate: number;
  response_rate: number;
  conversion_rate: number;
  roi: number;
}

/**
 * The run's KPIs as evaluate gates and the goal evaluation define them (rates are fractions), from the
 * run counters. Revenue counts conversions at the price the run was approved with (its catalogue snapshot, #18).
 */
export function runKpis(db: Db, runId: number, machine: Machine, counts: RunCounts = runCounts(db, runId)): RunKpis {
  const g = groupTotals(counts);
  const r = { treated: g.treated, contacted: g.contacted, responded: g.responded, converted: g.converted };
  const cost = (db.prepare('SELECT spent FROM runs WHERE id = ?').pluck().get(runId) as number | undefined) ?? 0;
  const revenue = r.converted * approvedPrice(machine);
  return {
    ...r, cost, revenue,
    contact_rate: contactRate(r.contacted, r.treated),
    response_rate: responseRate(r.responded, r.contacted),
    conversion_rate: conversionRate(r.converted, r.treated),
    roi: roi(revenue, cost),
  };
}
