import { insertionOrder } from '../../db/dialect.js';
import type { Db } from '../../db/open.js';

export interface TraceStep { at: string; state: string; node: string | null; code: string; detail: string | null }

/** Every step one customer took in a run, in order, with time and reason (why sent, suppressed, waiting). */
export function customerTrace(db: Db, runId: number, customerId: number): { journey: unknown; steps: TraceStep[]; contacts: unknown[] } {
  const machine = db.prepare('SELECT machine FROM runs WHERE id = ?').pluck().get(runId) as string | undefined;
  const states = machine ? (JSON.parse(machine) as { states: Record<string, { node: string }> }).states : {};
  const rows = db.prepare(`SELECT at, state, code, detail FROM traces WHERE run_id = ? AND customer_id = ? ORDER BY ${insertionOrder(db)}`).all(runId, customerId) as { at: number; state: string; code: string; detail: string | null }[];
  return {
    journey: db.prepare('SELECT * FROM journeys WHERE run_id = ? AND customer_id = ?').get(runId, customerId) ?? null,
    steps: rows.map((r) => ({ at: new Date(r.at).toISOString(), state: r.state, node: states[r.state]?.node ?? null, code: r.code, detail: r.detail })),
    contacts: db.prepare('SELECT state, attempt, channel, stage, cost, status, reason, provider_id, created_at, sent_at FROM contacts WHERE run_id = ? AND customer_id = ? ORDER BY attempt').all(runId, customerId),
  };
}
