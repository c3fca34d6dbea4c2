import pg from 'pg';
import { afterAll, beforeAll, describe, expect, test, vi } from 'vitest';
import type { SegmentData } from '../../../shared/nodes/segment/definition.js';
import { loadUser } from '../../../server/auth/sessions.js';
import { audiencePreview, machineChannelMask } from '../../../server/engine/runtime/enrolment.js';
import { compileStoredDocument } from '../../../server/governance/compile-for-publish.js';
import { publishForecast } from '../../../server/governance/flow-review.js';
import { CountSuperseded, exactAudience, type Audience } from '../../../server/segments/exact-count.js';
import { fixtureFlow } from '../governance/fixture-flow.js';
import { openHarness, type Harness } from '../governance/harness.js';
import { testBackend } from '../../support/test-store.js';

let h: Harness;
const onPg = testBackend() === 'postgres';
/** SQLite needs real volume to keep a count running (it is stopped between id ranges of 100,000); PostgreSQL is held by a lock instead. */
const EXTRA = onPg ? 0 : 1_000_000;

beforeAll(() => {
  h = openHarness(300);
  if (!EXTRA) return;
  // copies of the first customer with new ids, phones and ages
  const cols = Object.keys(h.db.prepare('SELECT * FROM subscribers LIMIT 1').get() as object);
  const pick = cols.map((c) => (c === 'id' ? '10000000 + n.i' : c === 'phone' ? "'150' || printf('%08d', n.i)" : c === 'age' ? '18 + n.i % 60' : `t.${c}`));
  h.db.exec(`WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < ${EXTRA})
    INSERT INTO subscribers (${cols.join(', ')}) SELECT ${pick.join(', ')} FROM n, (SELECT * FROM subscribers ORDER BY id LIMIT 1) t`);
}, 120_000);
afterAll(() => h.close());

const segment = (minAge: number, controlGroupPct = 0): SegmentData => ({
  conditions: { combinator: 'and', rules: [{ field: 'age', op: 'gte', value: minAge }], groups: [] },
  exclusions: { optedOut: false, doNotDisturb: true, ownsOffer: false, inOtherActiveFlow: false, exclusionList: '' },
  controlGroupPct, entry: { mode: 'once' }, reentry: { mode: 'never' },
});

describe('the exact live count runs off the API thread and a superseded one is stopped on the store', () => {
  test('segment.audience answers what the in-thread count answers (count, total, control hold-out)', async () => {
    const seg = segment(35, 10);
    const planner = h.as('planner');
    expect(await planner.segment.audience({ segment: seg, orgUnit: 'gz', slot: 'node-a' })).toEqual(audiencePreview(h.db, seg, 'gz'));
    await expect(planner.segment.audience({ segment: { ...seg, conditions: { combinator: 'and', rules: [{ field: 'shoeSize', op: 'gt', value: 1 }], groups: [] } }, orgUnit: 'gz' }))
      .rejects.toMatchObject({ code: 'BAD_REQUEST', message: expect.stringContaining('shoeSize') });
  });

  test.runIf(!onPg)('SQLite: a newer count in the same slot stops the running one between id ranges; the newer one answers', async () => {
    let newer: Promise<Audience> | undefined;
    const ranges: number[] = [];
    const stale = exactAudience(h.db, segment(20), 'province', {
      slot: 'u1:node', onRange: (n) => { ranges.push(n); newer ??= exactAudience(h.db, segment(60), 'province', { slot: 'u1:node' }); },
    });
    const err = await stale.catch((e: unknown) => e);
    expect(err).toBeInstanceOf(CountSuperseded);
    const total = Math.ceil((Number(h.db.prepare('SELECT max(id) - min(id) + 1 FROM subscribers').pluck().get())) / 100_000);
    expect(total).toBeGreaterThanOrEqual(10);
    // it stopped early: far fewer ranges than the table has
    expect((err as CountSuperseded).ranges).toBeLessThan(total);
    expect(ranges.at(-1)).toBe((err as CountSuperseded).ranges);
    expect(await newer).toEqual(audiencePreview(h.db, segment(60), 'province'));
  }, 120_000);

  test.runIf(onPg)('PostgreSQL: the superseded count’s backend is cancelled (pg_cancel_backend), not left running; the newer one answers', async () => {
    const planner = h.as('planner');
    const counting = (waiting: number) => vi.waitFor(() => {
      expect(Number(h.db.prepare("SELECT count(*) FROM pg_stat_activity WHERE application_name = 'linkage-live-count' AND state = 'active' AND wait_event_type = 'Lock'").pluck().get())).toBe(waiting);
    }, { timeout: 20_000, interval: 20 });
    // hold the counts on a lock (from a connection of the test's own), so the first is certainly still running when the second arrives
    const locker = new pg.Client({ connectionString: h.db.name });
    await locker.connect();
    await locker.query('BEGIN');
    await locker.query('LOCK TABLE subscribers IN ACCESS EXCLUSIVE MODE');
    let newer: Promise<Audience & { superseded?: true }> | undefined;
    try {
      const stale = planner.segment.audience({ segment: segment(20), orgUnit: 'gz', slot: 'node-b' });
      await Promise.race([counting(1), stale.then((r) => { throw new Error(`the count ended before it was superseded: ${JSON.stringify(r)}`); })]);
      newer = planner.segment.audience({ segment: segment(60), orgUnit: 'gz', slot: 'node-b' });
      expect(await stale).toEqual({ count: 0, total: 0, control: 0, superseded: true });
      // only the newer count waits on the lock now: the stale backend went idle
      await counting(1);
      expect(Number(h.db.prepare("SELECT count(*) FROM pg_stat_activity WHERE application_name = 'linkage-live-count' AND state = 'active'").pluck().get())).toBe(1);
    } finally {
      await locker.query('COMMIT');
      await locker.end();
    }
    expect(await newer).toEqual(audiencePreview(h.db, segment(60), 'gz'));
  }, 60_000);
});

describe('the saved segment’s count and the approval forecast’s audience are counted the same way, each in its own slot', () => {
  const saved = (minAge: number) => ({ name: `${minAge} 岁以上`, conditions: segment(minAge).conditions, exclusions: segment(minAge).exclusions });
  let older: number;
  let oldest: number;
  let flowId: string;
  /** A flow whose forecast nobody asked yet: its audience is counted (the polls of a running simulation reuse the count). */
  let freshFlowId: string;
  beforeAll(async () => {
    const planner = h.as('planner');
    older = (await planner.savedSegments.create(saved(35))).id;
    oldest = (await planner.savedSegments.create(saved(60))).id;
    // 5% control hold-out: the forecast draws it by the flow's id, as enrolment does
    ({ id: flowId } = await planner.flows.create({ document: fixtureFlow('count-forecast', 'gz', { city: 'gz' }) }));
    ({ id: freshFlowId } = await planner.flows.create({ document: fixtureFlow('count-forecast-fresh', 'gz', { city: 'gz' }) }));
  });

  /** What the in-thread counts answered before (audiencePreview, as savedSegments.count and the forecast called it). */
  const savedBefore = (minAge: number) => {
    const a = audiencePreview(h.db, segment(minAge), 'gz');
    return { count: a.count, total: a.total };
  };
  const forecastBefore = (id = flowId) => {
    const compiled = compileStoredDocument(h.db.prepare('SELECT document FROM flows WHERE id = ?').pluck().get(id) as string);
    if (!compiled.ok) throw new Error('the fixture flow does not compile');
    const m = compiled.machine;
    const a = audiencePreview(h.db, m.entry, 'gz', { flowId: m.flowId, productId: m.productId, channelMask: machineChannelMask(m) });
    return { count: a.count, control: a.control, treated: a.count - a.control };
  };

  test('savedSegments.count and governance.forecast answer what the in-thread counts answered', async () => {
    expect(await h.as('planner').savedSegments.count({ id: older, orgUnit: 'gz', slot: 'panel-a' })).toEqual(savedBefore(35));
    const before = forecastBefore();
    expect(before.control).toBeGreaterThan(0);
    expect(await h.as('supervisor').governance.forecast({ flowId })).toMatchObject({ audience: before });
  });

  test('while they count, other requests are answered; a newer saved count in the slot supersedes the older, the same forecast asked twice is counted once for both, a closed ask answers superseded', async () => {
    const planner = h.as('planner');
    const sup = h.as('supervisor');
    // Hold the counts so they are certainly still running below: on PostgreSQL a lock on subscribers from a
    // connection of the test's own; on SQLite a count of the whole base ahead of them in the count worker.
    let release = async () => {};
    let blocker: Promise<Audience> | undefined;
    if (onPg) {
      const locker = new pg.Client({ connectionString: h.db.name });
      await locker.connect();
      await locker.query('BEGIN');
      await locker.query('LOCK TABLE subscribers IN ACCESS EXCLUSIVE MODE');
      release = async () => { await locker.query('COMMIT'); await locker.end(); };
    } else blocker = exactAudience(h.db, segment(20), 'province', { slot: 'test:blocker' });
    const settled = new Set<string>();
    const track = <T>(name: string, p: Promise<T>) => p.finally(() => settled.add(name));
    try {
      const stale = track('stale', planner.savedSegments.count({ id: older, orgUnit: 'gz', slot: 'panel-b' }));
      const first = track('first', sup.governance.forecast({ flowId: freshFlowId }));
      const second = track('second', sup.governance.forecast({ flowId: freshFlowId }));
      const closing = new AbortController();
      const closed = track('closed', publishForecast(h.db, loadUser(h.db, h.userId('supervisor'))!, freshFlowId, closing.signal));
      if (onPg) {
        await vi.waitFor(() => {
          expect(Number(h.db.prepare("SELECT count(*) FROM pg_stat_activity WHERE application_name = 'linkage-live-count' AND state = 'active' AND wait_event_type = 'Lock'").pluck().get())).toBe(2);
        }, { timeout: 20_000, interval: 20 });
      }
      // the API thread is free: other requests are answered while the counts run
      expect((await planner.savedSegments.list()).map((x) => x.id)).toEqual(expect.arrayContaining([older, oldest]));
      expect((await sup.governance.get({ flowId })).flow.id).toBe(flowId);
      expect([...settled]).toEqual([]);

      closing.abort();
      expect(await closed).toEqual({ superseded: true });
      const newer = track('newer', planner.savedSegments.count({ id: oldest, orgUnit: 'gz', slot: 'panel-b' }));
      expect(await stale).toEqual({ count: 0, total: 0, superseded: true });
      expect(settled.has('newer')).toBe(false);

      await release();
      expect(await newer).toEqual(savedBefore(60));
      // the closed ask did not stop the count the other two waited for
      const [a, b] = await Promise.all([first, second]);
      expect(a).toMatchObject({ audience: forecastBefore(freshFlowId) });
      expect(b).toMatchObject({ audience: forecastBefore(freshFlowId) });
      if (blocker) expect(await blocker).toEqual(audiencePreview(h.db, segment(20), 'province'));
    } finally {
      await release().catch(() => {});
    }
  }, 120_000);
});
