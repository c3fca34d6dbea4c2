import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { refreshActive } from '../../../server/core/active-catalogue.js';
import { audiencePreview, machineChannelMask } from '../../../server/engine/runtime/enrolment.js';
import { simulateOffThread } from '../../../server/engine/simulation/sim-thread.js';
import { simulate, type SimulationSummary } from '../../../server/engine/simulation/simulate.js';
import { forecastSample, scaledForecast } from '../../../server/governance/approval-summary.js';
import { compileStoredDocument } from '../../../server/governance/compile-for-publish.js';
import { fixtureFlow } from './fixture-flow.js';
import { openHarness, type Harness } from './harness.js';

let h: Harness;
/** A store whose base is large enough for a long simulation: a simulation draws its customers from the live base. */
let big: Harness;
beforeAll(() => {
  h = openHarness(400);
  big = openHarness(20_000);
}, 120_000);
afterAll(() => {
  h.close();
  big.close();
});

async function forecastOf(flowId: string) {
  const f = await h.as('supervisor').governance.forecast({ flowId });
  if ('superseded' in f) throw new Error('the forecast was superseded');
  return f;
}
async function forecastDone(flowId: string) {
  let f = await forecastOf(flowId);
  while (f.simulation.state === 'running') {
    await new Promise((r) => setTimeout(r, 20));
    f = await forecastOf(flowId);
  }
  return f;
}
function compiled(flowId: string) {
  const c = compileStoredDocument(h.db.prepare('SELECT document FROM flows WHERE id = ?').pluck().get(flowId) as string);
  if (!c.ok) throw new Error('the fixture flow does not compile');
  return c;
}
/** The audience as the in-thread count answers it (what the forecast showed before it counted off-thread). */
function audienceInThread(flowId: string) {
  const m = compiled(flowId).machine;
  const a = audiencePreview(h.db, m.entry, 'gz', { flowId: m.flowId, productId: m.productId, channelMask: machineChannelMask(m) });
  return { count: a.count, control: a.control, treated: a.count - a.control };
}
const figures = ({ elapsedMs: _, ...s }: SimulationSummary) => s;

describe('the forecast simulates on the simulation thread', () => {
  test('its figures are the in-thread simulation’s, for the same seed', async () => {
    const { id } = await h.as('planner').flows.create({ document: fixtureFlow('thread-same', 'gz', { city: 'gz' }) });
    const f = await forecastDone(id);
    expect(f.simulation.state).toBe('done');
    const { doc } = compiled(id);
    refreshActive(h.db);
    const inThread = await simulate(doc, { ...forecastSample(doc), catalogue: h.db });
    expect(inThread.enrolled).toBeGreaterThan(0);
    // the test store's base is smaller than the sample asked for: it is simulated whole, and the forecast says so
    expect(inThread.customers).toBeLessThan(forecastSample(doc).customers);
    expect(f.simulation).toEqual({ state: 'done', progress: 1, sample: inThread.customers, ...scaledForecast(inThread, f.audience.treated) });
    expect(f.simulation.cost).toBeGreaterThan(0);
    // the whole summary, not only what the forecast scales
    expect(figures(await simulateOffThread(h.db, doc, forecastSample(doc)))).toEqual(figures(inThread));
  }, 120_000);

  test('a simulation that fails on the thread answers a clear error, and the thread simulates the next one', async () => {
    const broken = { ...fixtureFlow('thread-broken', 'gz'), edges: [] };
    const err = await simulateOffThread(h.db, broken, { customers: 100, seed: 1, days: 2 }).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(Error);
    expect((err as Error).message).toMatch(/^仿真线程出错：flow does not compile: [^/]+ \/ Error on the simulation thread: flow does not compile: [^/]+$/);
    expect((await simulateOffThread(h.db, fixtureFlow('thread-next', 'gz'), { customers: 100, seed: 1, days: 2 })).customers).toBe(100);
  }, 60_000);

  test('while it simulates, other requests are answered and the panel’s polls reuse the audience counted for it; the next forecast counts again', async () => {
    const sup = h.as('supervisor');
    const { id } = await h.as('planner').flows.create({ document: fixtureFlow('thread-busy', 'gz', { city: 'gz' }) });
    // a larger simulation ahead of the forecast's on the thread holds it in `running` for the assertions below
    let blockerDone = false;
    const blocker = simulateOffThread(big.db, fixtureFlow('thread-blocker', 'gz'), { customers: 20_000, seed: 2, days: 30 }).finally(() => { blockerDone = true; });
    const first = await forecastOf(id);
    expect(first.simulation.state).toBe('running');
    expect(first.audience).toEqual(audienceInThread(id));

    // more customers in the segment: a re-count would see them
    const cols = Object.keys(h.db.prepare('SELECT * FROM subscribers LIMIT 1').get() as object);
    const rows = h.db.prepare("SELECT * FROM subscribers WHERE city = 'gz'").all() as Record<string, unknown>[];
    const insert = h.db.prepare(`INSERT INTO subscribers (${cols.join(', ')}) VALUES (${cols.map(() => '?').join(', ')})`);
    h.db.transaction(() => rows.forEach((r, i) => insert.run(...cols.map((c) => (c === 'id' ? 9_000_000 + i : c === 'phone' ? `199${String(i).padStart(8, '0')}` : r[c])))))();
    const grown = audienceInThread(id);
    expect(grown.count).toBeGreaterThan(first.audience.count);

    // the API thread answers while the thread simulates
    expect((await sup.governance.get({ flowId: id })).flow.id).toBe(id);
    expect((await h.as('planner').flows.list()).some((f) => f.id === id)).toBe(true);
    const poll = await forecastOf(id);
    expect(blockerDone).toBe(false);
    expect(poll.simulation.state).toBe('running');
    expect(poll.audience).toEqual(first.audience);

    expect((await blocker).customers).toBe(20_000);
    const done = await forecastDone(id);
    expect(done.simulation.state).toBe('done');
    // the panel's last poll still shows the audience the simulation was scaled to; the next ask counts again
    expect(done.audience).toEqual(first.audience);
    expect((await forecastOf(id)).audience).toEqual(grown);
  }, 180_000);
});
