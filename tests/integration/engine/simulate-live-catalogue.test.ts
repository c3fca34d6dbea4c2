import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { onCatalogueChange } from '../../../shared/catalogue/active.js';
import type { FlowDocument } from '../../../shared/flow/document.js';
import { refreshActive } from '../../../server/core/active-catalogue.js';
import { readCatalogue } from '../../../server/catalogue/store.js';
import { simulate, type SimulationSummary } from '../../../server/engine/simulation/simulate.js';
import { fixtureFlow } from '../governance/fixture-flow.js';
import { openHarness, type Harness } from '../governance/harness.js';

/** The operator's catalogue differs from the demo's: a product of this month, an SMS price, an attribute of their own (#18). */
const PRODUCT = { id: 'dp_ops_50g', name: { zh: '运营50G流量包', en: 'Operator 50 GB pack' }, category: 'data_pack' as const, price: 39, validFrom: null, validTo: null };
const SMS_COST = 0.37;

let h: Harness;
beforeAll(async () => {
  h = openHarness(400);
  const admin = h.as('admin');
  await admin.catalogue.saveProduct({ mode: 'create', product: PRODUCT });
  const sms = readCatalogue(h.db).channels.find((c) => c.id === 'sms_hall')!;
  await admin.catalogue.saveChannel({ channel: { ...sms, costPerContact: SMS_COST } });
  await admin.attributes.define({
    key: 'creditTier', type: 'enum', label: { zh: '信用等级', en: 'Credit tier' },
    options: [{ value: 'a', label: { zh: '甲', en: 'A' } }, { value: 'b', label: { zh: '乙', en: 'B' } }, { value: 'c', label: { zh: '丙', en: 'C' } }],
  });
  // an import filled the operator's column for the live base (the forecast counts the audience there)
  h.db.prepare("UPDATE subscribers SET attr_credit_tier = CASE WHEN id % 3 = 0 THEN 'a' ELSE 'b' END").run();
}, 120_000);
afterAll(() => h.close());

/** The fixture campaign, selling the operator's product to credit tier A. */
function operatorFlow(id: string): FlowDocument {
  const doc = fixtureFlow(id, 'gz');
  const seg = doc.nodes.find((n) => n.type === 'segment')!;
  const conditions = (seg.data as { conditions: { rules: unknown[] } }).conditions;
  conditions.rules.push({ field: 'creditTier', op: 'in', value: ['a'] });
  return { ...doc, productId: PRODUCT.id };
}

/** Figures that can only come from the operator's catalogue. */
function expectOperatorFigures(s: Pick<SimulationSummary, 'enrolled' | 'channels' | 'conversions' | 'revenue'>) {
  expect(s.enrolled).toBeGreaterThan(0);
  const sms = s.channels.sms_hall!;
  expect(sms.contacts).toBeGreaterThan(0);
  // the operator's price per contact (the demo's is 0.05); a failed delivery may go unbilled
  expect(sms.cost / sms.contacts).toBeGreaterThan(SMS_COST * 0.9);
  expect(sms.cost / sms.contacts).toBeLessThanOrEqual(SMS_COST + 0.005);
  if (s.conversions > 0) expect(s.revenue / s.conversions).toBeCloseTo(PRODUCT.price, 6);
}

describe('simulations see the operator’s catalogue, not the demo one (#18)', () => {
  test('a store seeded with the demo catalogue cannot simulate the flow (the reproduction)', async () => {
    refreshActive(h.db);
    await expect(simulate(operatorFlow('sim-demo'), { customers: 300, seed: 3, days: 5 })).rejects.toThrow(/creditTier|attr_credit_tier|dp_ops_50g/);
    refreshActive(h.db);
  }, 60_000);

  test('seeded from the live store: the operator’s product, SMS price and attribute; deterministic for a seed', async () => {
    refreshActive(h.db);
    const opts = { customers: 600, seed: 3, days: 10, catalogue: h.db };
    const a = await simulate(operatorFlow('sim-live'), opts);
    expectOperatorFigures(a);
    const { elapsedMs: _a, ...first } = a;
    const { elapsedMs: _b, ...again } = await simulate(operatorFlow('sim-live'), opts);
    expect(again).toEqual(first);
    // a third of the synthetic smartphone users are tier A: fewer enrolled than without the rule
    refreshActive(h.db);
    const wide = await simulate({ ...fixtureFlow('sim-wide', 'gz'), productId: PRODUCT.id }, opts);
    expect(a.enrolled).toBeLessThan(wide.enrolled * 0.6);
    expect(a.enrolled).toBeGreaterThan(wide.enrolled * 0.15);
  }, 120_000);

  test('the designer’s simulation (sim.start, on the simulation thread): the API thread’s catalogue stays put', async () => {
    const planner = h.as('planner');
    refreshActive(h.db);
    let swaps = 0;
    const stop = onCatalogueChange(() => { swaps++; });
    const { jobId } = await planner.sim.start({ document: operatorFlow('sim-designer'), customers: 600, seed: 5, days: 10 });
    let job = await planner.sim.status({ jobId });
    while (!job.done && !job.error) {
      await new Promise((r) => setTimeout(r, 50));
      job = await planner.sim.status({ jobId });
    }
    stop();
    expect(job.error).toBeUndefined();
    expectOperatorFigures(job.summary!);
    expect(swaps).toBe(0);
  }, 120_000);

  test('the approval forecast (governance.forecast)', async () => {
    const { id } = await h.as('planner').flows.create({ document: operatorFlow('sim-forecast') });
    const ask = async () => {
      const f = await h.as('supervisor').governance.forecast({ flowId: id });
      if ('superseded' in f) throw new Error('the forecast was superseded');
      return f;
    };
    let f = await ask();
    while (f.simulation.state === 'running') {
      await new Promise((r) => setTimeout(r, 50));
      f = await ask();
    }
    expect(f.simulation).toMatchObject({ state: 'done' });
    if (f.simulation.state !== 'done') return;
    expect(f.simulation.cost).toBeGreaterThan(0);
  }, 180_000);
});
