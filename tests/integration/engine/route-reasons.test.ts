import { readFileSync } from 'node:fs';
import { afterEach, describe, expect, it } from 'vitest';
import type { FlowDocument } from '../../../shared/flow/document.js';
import { CONTROL_STATE } from '../../../server/engine/core/journey.js';
import { simulate } from '../../../server/engine/simulation/simulate.js';
import { openFixture, type Fixture } from './support/fixture.js';

let fx: Fixture | null = null;
afterEach(() => {
  fx?.close();
  fx = null;
});

describe('every enrolled customer never contacted carries a reason', () => {
  it('simulate, parallel flow routed by fit: customers with no reachable lane are in the trace and in `suppressed`, once each', async () => {
    fx = openFixture(4000, 5);
    const db = fx.db;
    // No segment exclusions: dnd and opted-out customers enter, and only the lanes' reachability stops them.
    const doc = JSON.parse(readFileSync('flows/data-pack-upsell.json', 'utf8')) as FlowDocument;
    for (const n of doc.nodes) if (n.type === 'segment') (n.data as { exclusions: Record<string, unknown> }).exclusions = { optedOut: false, doNotDisturb: false, ownsOffer: false, inOtherActiveFlow: false, exclusionList: '' };
    const s = await simulate(doc, { customers: 4000, seed: 5, days: 10, db });
    const route = db.prepare(`SELECT state FROM contacts WHERE status = 'unreachable' AND state NOT LIKE '%.send' LIMIT 1`).pluck().get() as string | undefined;
    expect(route).toBeDefined();
    // treated customers with no contact attempt at all and no recorded reason: none
    const silent = db.prepare(`SELECT count(*) FROM journeys j WHERE j.state <> '${CONTROL_STATE}'
      AND NOT EXISTS (SELECT 1 FROM contacts c WHERE c.run_id = j.run_id AND c.customer_id = j.customer_id)`).pluck().get() as number;
    expect(silent).toBe(0);
    const routed = db.prepare(`SELECT reason, count(*) AS n, count(DISTINCT customer_id) AS customers FROM contacts WHERE state = ? AND status = 'unreachable' GROUP BY reason ORDER BY reason`).all(route!) as { reason: string; n: number; customers: number }[];
    expect(routed.length).toBeGreaterThan(0);
    for (const r of routed) {
      expect(r.n).toBe(r.customers);
      expect(['dnd', 'opt_out', 'feature_phone', 'no_reachable_lane']).toContain(r.reason);
      expect(s.suppressed[r.reason]).toBeGreaterThanOrEqual(r.n);
    }
    const dnd = db.prepare(`SELECT count(*) FROM journeys j JOIN subscribers sub ON sub.id = j.customer_id WHERE j.state <> '${CONTROL_STATE}' AND sub.dnd = 1`).pluck().get() as number;
    expect(dnd).toBeGreaterThan(0);
    expect(routed.find((r) => r.reason === 'dnd')?.customers).toBe(dnd);
    // the reason is in the customer's trace
    const traced = db.prepare(`SELECT count(DISTINCT customer_id) FROM traces WHERE state = ? AND code = 'unreachable'`).pluck().get(route!) as number;
    expect(traced).toBe(routed.reduce((a, r) => a + r.customers, 0));
  });
});
