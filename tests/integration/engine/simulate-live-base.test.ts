import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import type { FlowDocument } from '../../../shared/flow/document.js';
import { refreshActive } from '../../../server/core/active-catalogue.js';
import { openDb } from '../../../server/db/open.js';
import { seedIfEmpty } from '../../../server/db/seed/index.js';
import { seedWithLiveCatalogue } from '../../../server/db/seed/live-catalogue.js';
import { compileFlow } from '../../../shared/machine/compile.js';
import { localDay } from '../../../server/engine/core/clock.js';
import { audiencePreview, machineChannelMask } from '../../../server/engine/runtime/enrolment.js';
import { simulate, type SimulationSummary } from '../../../server/engine/simulation/simulate.js';
import { openTestDb } from '../../support/test-store.js';
import { fixtureFlow } from '../governance/fixture-flow.js';
import { openHarness, type Harness } from '../governance/harness.js';

/**
 * #18: a simulation of the operator's flow runs on the operator's customers and learned rates. The live base is
 * skewed — every customer a business customer in Guangzhou with the operator's own tier "gold" — where the
 * synthetic draw spreads cities, groups and tier values; one cell's learned estimate is moved far from its prior.
 */
const LIVE_SEED = 7;
const MOBILE = /^1[3-9]\d{9}$/;

let h: Harness;
beforeAll(async () => {
  h = openHarness(400);
  await h.as('admin').attributes.define({
    key: 'vipTier', type: 'enum', label: { zh: '会员等级', en: 'Member tier' },
    options: [{ value: 'gold', label: { zh: '金', en: 'Gold' } }, { value: 'silver', label: { zh: '银', en: 'Silver' } }, { value: 'bronze', label: { zh: '铜', en: 'Bronze' } }],
  });
  h.db.prepare("UPDATE subscribers SET city = 'gz', district = NULL, group_id = 'business', smartphone = 1, attr_vip_tier = 'gold'").run();
}, 120_000);
afterAll(() => h.close());

/** Business customers of tier gold in Guangzhou, without the saved blacklist: on the live base, all but the excluded. */
function goldFlow(id: string): FlowDocument {
  const doc = fixtureFlow(id, 'gz', { city: 'gz' });
  const seg = doc.nodes.find((n) => n.type === 'segment')!;
  const data = seg.data as { conditions: { rules: unknown[] }; exclusions: { exclusionList: string } };
  data.conditions.rules.push({ field: 'group', op: 'in', value: ['business'] }, { field: 'vipTier', op: 'in', value: ['gold'] });
  data.exclusions.exclusionList = 'blacklist';
  return doc;
}

const figures = ({ elapsedMs: _, ...s }: SimulationSummary) => s;
const run = (doc: FlowDocument, seed = 3) => {
  refreshActive(h.db);
  return simulate(doc, { customers: 600, seed, days: 10, catalogue: h.db });
};

describe('simulations run on the operator’s customers and learned rates (#18)', () => {
  test('the enrolled share is the live base’s: the segment’s live audience, every exclusion (DND, opt-out, holdings, saved list) included', async () => {
    refreshActive(h.db);
    const compiled = compileFlow(goldFlow('live-audience'));
    if (!compiled.ok) throw new Error('the flow does not compile');
    const m = compiled.machine;
    const live = audiencePreview(h.db, m.entry, 'gz', { flowId: m.flowId, productId: m.productId, channelMask: machineChannelMask(m) });
    // the demo base's exclusions leave some customers out, so this is not simply everyone
    expect(live.count).toBeGreaterThan(300);
    expect(live.count).toBeLessThan(400);
    const s = await run(goldFlow('live-audience'));
    // the whole live base (400 < 600 asked) was simulated, and exactly the live audience enrolled
    expect(s.customers).toBe(400);
    expect(s.enrolled).toBe(live.count);
  }, 120_000);

  test('the temporary store holds the live customers under synthetic phone numbers', () => {
    const dir = mkdtempSync(join(tmpdir(), 'linkage-sim-live-'));
    const db = openDb(join(dir, 'sim.db'));
    try {
      refreshActive(h.db);
      // what earlier runs left for customer 5: contacts the day before the simulation starts and a month before,
      // a benefit granted until after the start and one that expired
      const from = Date.parse('2026-12-01T00:00:00+08:00');
      const day = localDay(from);
      h.db.transaction(() => {
        const count = h.db.prepare('INSERT INTO contact_counts (customer_id, day, channel, n, run_id, priority) VALUES (5, ?, ?, ?, 12, 50)');
        count.run(day - 1, 'sms_hall', 2);
        count.run(day - 30, 'wechat', 1);
        const grant = h.db.prepare(`INSERT INTO grants (run_id, customer_id, state, node, attempt, service, benefit, result, cost, expires_at, created_at)
          VALUES (12, 5, 's', 'n', ?, 'svc', ?, 'granted', 1, ?, ?)`);
        grant.run(1, 'trial_5g', from + 86_400_000, from - 86_400_000);
        grant.run(2, 'ringback', from - 3_600_000, from - 40 * 86_400_000);
      })();
      // the live store's own seed: synthetic customers drawn with it would be the live base's, numbers and all
      seedWithLiveCatalogue(db, h.db, { subscribers: 600, seed: LIVE_SEED, from, fromDay: day });
      const livePhones = new Set(h.db.prepare('SELECT phone FROM subscribers').pluck().all() as string[]);
      const rows = db.prepare('SELECT id, phone, city, group_id, attr_vip_tier AS tier, dnd, opt_out_mask FROM subscribers ORDER BY id').all() as
        { id: number; phone: string; city: string; group_id: string; tier: string; dnd: number; opt_out_mask: number }[];
      expect(rows).toHaveLength(400);
      expect(rows.filter((r) => livePhones.has(r.phone))).toEqual([]);
      expect(rows.every((r) => MOBILE.test(r.phone))).toBe(true);
      expect(new Set(rows.map((r) => r.phone)).size).toBe(rows.length);
      // the rest of each row, the holdings and the saved list are the live ones
      const live = h.db.prepare('SELECT id, city, group_id, attr_vip_tier AS tier, dnd, opt_out_mask FROM subscribers ORDER BY id').all();
      expect(rows.map(({ phone: _, ...r }) => r)).toEqual(live);
      const holdings = (d: typeof db) => d.prepare('SELECT subscriber_id, product_id FROM subscriber_products ORDER BY 1, 2').all();
      expect(holdings(db)).toEqual(holdings(h.db));
      const listed = (d: typeof db) => d.prepare("SELECT subscriber_id FROM exclusion_lists WHERE name = 'blacklist' ORDER BY 1").pluck().all();
      expect(listed(db)).toEqual(listed(h.db));
      // the frequency caps' window and the benefits still held, under a run id no run of this store has
      expect(db.prepare('SELECT customer_id, day, channel, n, run_id FROM contact_counts').all()).toEqual([{ customer_id: 5, day: day - 1, channel: 'sms_hall', n: 2, run_id: -12 }]);
      expect(db.prepare('SELECT customer_id, benefit, run_id FROM grants').all()).toEqual([{ customer_id: 5, benefit: 'trial_5g', run_id: -12 }]);
    } finally {
      db.close();
      rmSync(dir, { recursive: true, force: true });
    }
  }, 60_000);

  test('a learned estimate moved far above its prior raises the simulated responses, the same for a seed', async () => {
    const before = await run(goldFlow('live-rates'));
    expect(before.enrolled).toBeGreaterThan(300);
    // what a learning pass leaves: the cell's prior kept in response_priors, the posterior in response_estimates
    h.db.transaction(() => {
      h.db.prepare(`INSERT INTO response_priors (group_id, channel_id, category, alpha, beta)
        SELECT group_id, channel_id, category, alpha, beta FROM response_estimates WHERE group_id = 'business' AND channel_id = 'sms_hall' AND category = 'data_pack'`).run();
      h.db.prepare("UPDATE response_estimates SET alpha = 400, beta = 100 WHERE group_id = 'business' AND channel_id = 'sms_hall' AND category = 'data_pack'").run();
    })();
    const prior = h.db.prepare("SELECT alpha / (alpha + beta) FROM response_priors WHERE group_id = 'business' AND channel_id = 'sms_hall' AND category = 'data_pack'").pluck().get() as number;
    expect(prior).toBeLessThan(0.2);
    const after = await run(goldFlow('live-rates'));
    expect(after.enrolled).toBe(before.enrolled);
    // a sales SMS answered at 0.8 × 0.9 of the treated customers' contacts, against the prior's few
    expect(after.responses).toBeGreaterThan(before.responses * 3);
    expect(after.responses).toBeGreaterThan(0.5 * (after.enrolled - after.control));
    expect(after.conversions).toBeGreaterThan(before.conversions);
    expect(figures(await run(goldFlow('live-rates')))).toEqual(figures(after));
  }, 180_000);

  test('a live store without subscribers (a fresh install): synthetic customers, as many as asked', async () => {
    const empty = openTestDb('linkage-sim-empty');
    try {
      seedIfEmpty(empty.db, { subscribers: 0, seed: 1 });
      refreshActive(empty.db);
      const s = await simulate(fixtureFlow('live-empty', 'gz'), { customers: 300, seed: 3, days: 5, catalogue: empty.db });
      expect(s.customers).toBe(300);
      expect(s.enrolled).toBeGreaterThan(0);
    } finally {
      empty.close();
      refreshActive(h.db);
    }
  }, 60_000);
});
