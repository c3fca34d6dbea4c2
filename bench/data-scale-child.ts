/**
 * The province-scale halves of the data bench (#18 item 5), each in its own process and store:
 *   count N STORE          — N varied subscribers; each segment's exact count(*) vs the sample estimate
 *   enrol-linkage N STORE  — N customers enrolled and sent to by the engine's first tick; then the run's
 *                            dashboard and report on those N journeys
 *   enrol-floor N STORE    — the same enrolment and first send as set-based SQL (INSERT … SELECT, UPDATE)
 * Prints one JSON line.
 */
import { rmSync } from 'node:fs';
import { GROUP_IDS } from '../shared/catalogue/groups.js';
import { CITY_IDS } from '../shared/catalogue/org.js';
import { PLANS } from '../shared/catalogue/plans.js';
import type { SegmentData } from '../shared/nodes/segment/definition.js';
import { estimateAudience } from '../server/data/sample.js';
import { rebuildSample } from '../server/data/sample-rebuild.js';
import { openDb, type Db } from '../server/db/open.js';
import { seedIfEmpty } from '../server/db/seed/index.js';
import { segmentWhere } from '../server/engine/runtime/enrolment.js';
import { Engine } from '../server/engine/runtime/engine.js';
import { startRun } from '../server/engine/store/runs.js';
import { runDashboard } from '../server/monitoring/dashboard.js';
import { evaluationReport } from '../server/monitoring/report.js';
import { HOUR } from '../server/engine/core/clock.js';
import { openBenchDb } from './engine/dataset.js';
import { benchPolicy, referenceMachine, T0 } from './engine/flow.js';
import { COUNT_SEGMENTS } from './data-segments.js';

const [mode, nArg, path] = process.argv.slice(2) as [string, string, string];
const n = Number(nArg);

const time = (f: () => void): number => {
  const t = performance.now();
  f();
  return performance.now() - t;
};
const median = (xs: number[]): number => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;
/** Median of 3 runs; a call slower than 5 s is run once (its order of magnitude is the finding). */
const settle = (f: () => unknown): number => {
  const first = time(f);
  return first > 5000 ? first : median([first, time(f), time(f)]);
};
const pick = (h: string, list: readonly string[]): string => `CASE ${h} % ${list.length} ${list.map((x, i) => `WHEN ${i} THEN '${x}'`).join(' ')} END`;
/** A pseudo-random 0..1,000,002 per id and column (a different multiplier per column). */
const h = (k: number): string => `((value * ${[7919, 104_729, 15_485_863, 32_452_843, 49_979_687, 67_867_967, 86_028_121, 104_395_301, 122_949_823, 141_650_939, 160_481_183, 179_424_673, 198_491_317][k]}) % 1000003)`;

/** N subscribers with spread attributes, written in SQL 1,000,000 at a time; holdings, a blacklist, then the sample. */
function countStore(): Db {
  for (const s of ['', '-wal', '-shm']) rmSync(path + s, { force: true });
  const db = openDb(path);
  seedIfEmpty(db, { subscribers: 0, seed: 1 });
  const insert = db.prepare(`WITH RECURSIVE seq(value) AS (SELECT ? UNION ALL SELECT value + 1 FROM seq WHERE value < ?)
    INSERT INTO subscribers (id, phone, name, group_id, city, plan, arpu, data_used_mb, data_allowance_mb, tenure_months, age,
      smartphone, has_broadband, dormant_days, churn_risk, dnd, opt_out_mask, joined_on)
    SELECT value, printf('13%09d', value), 'c' || value, ${pick(h(0), GROUP_IDS)}, ${pick(h(1), CITY_IDS)}, ${pick(h(2), PLANS.map((p) => p.id))},
      18 + ${h(3)} % 20000 / 100.0, ${h(4)} % 20480, 10240, ${h(5)} % 240, 16 + ${h(6)} % 70,
      CASE WHEN ${h(7)} % 100 < 85 THEN 1 ELSE 0 END, CASE WHEN ${h(8)} % 100 < 12 THEN 1 ELSE 0 END, ${h(9)} % 400, ${h(10)} % 100,
      CASE WHEN ${h(11)} % 100 < 3 THEN 1 ELSE 0 END, CASE WHEN ${h(12)} % 100 < 5 THEN 2 ELSE 0 END, '2020-01-01'
    FROM seq`);
  for (let from = 1; from <= n; from += 1_000_000) db.transaction(() => insert.run(from, Math.min(n, from + 999_999)))();
  db.exec(`INSERT INTO subscriber_products (subscriber_id, product_id) SELECT id, 'bb_300m' FROM subscribers WHERE has_broadband = 1;
    INSERT INTO exclusion_lists (name, subscriber_id) SELECT 'blacklist', id FROM subscribers WHERE id % ${Math.max(1, Math.floor(n / 500))} = 0;`);
  db.transaction(() => rebuildSample(db))();
  db.exec('ANALYZE');
  return db;
}

function count(): unknown {
  let db!: Db;
  const buildMs = time(() => { db = countStore(); });
  const segments = COUNT_SEGMENTS.map(([name, seg, orgUnit]: [string, SegmentData, string]) => {
    const w = segmentWhere(seg, { orgUnit, productId: 'bb_300m', channelMask: 2 });
    const exactSql = db.prepare(`SELECT count(*) FROM subscribers s WHERE ${w.sql}`).pluck();
    let exact = 0;
    const exactMs = median([0, 1, 2].map(() => time(() => { exact = Number(exactSql.get(...w.params)); })));
    let est = estimateAudience(db, seg, orgUnit, { productId: 'bb_300m', channelMask: 2 });
    const estimateMs = median([0, 1, 2, 3, 4].map(() => time(() => { est = estimateAudience(db, seg, orgUnit, { productId: 'bb_300m', channelMask: 2 }); })));
    if (!est) throw new Error(`no estimate for ${name}`);
    return { name, orgUnit, exact, exactMs, estimateMs, ...est, covered: est.low <= exact && exact <= est.high };
  });
  db.close();
  return { buildMs, segments };
}

function enrol(which: 'linkage' | 'floor'): unknown {
  const db = openBenchDb(path, n);
  const out: Record<string, number> = {};
  if (which === 'linkage') {
    const m = referenceMachine(n);
    const runId = startRun(db, { flowId: m.flowId, version: 1, machine: m, seed: 1, clock: 'virtual', now: T0 });
    const engine = new Engine(db, { policy: benchPolicy(), channels: () => ({ adapters: {}, defaultAdapter: { name: 'bench-gateway', mode: 'outbox', deliver: async (b) => b.map((c) => ({ status: 'sent' as const, providerId: `gw-${c.customerId}` })) } }) });
    out.ms = time(() => engine.tickSync(T0, 'virtual'));
    out.journeys = Number(db.prepare('SELECT count(*) FROM journeys WHERE run_id = ?').pluck().get(runId));
    const now = T0 + HOUR;
    out.dashboardMs = settle(() => runDashboard(db, runId, 'auto', now));
    out.reportMs = settle(() => evaluationReport(db, runId, now));
    // What the counters replace, for a ratio in the same process and store: two of the ~20 scans the
    // dashboard made before them (journeys per state, contacts per channel and status).
    out.scanMs = settle(() => {
      db.prepare('SELECT state, count(*) AS n FROM journeys WHERE run_id = ? GROUP BY state').all(runId);
      db.prepare('SELECT channel, status, count(*) AS n, sum(cost) AS cost FROM contacts WHERE run_id = ? GROUP BY channel, status').all(runId);
    });
    out.counterRows = Number(db.prepare('SELECT count(*) FROM run_counters WHERE run_id = ?').pluck().get(runId));
  } else {
    const mv = db.prepare('UPDATE journeys SET state = ?, due_at = ?, updated_at = ? WHERE run_id = ? AND state = ? AND due_at <= ?');
    out.ms = time(() => db.transaction(() => {
      db.prepare(`INSERT INTO journeys (run_id, customer_id, state, due_at, flags, attempt, entered_at, updated_at)
        SELECT 1, s.id, 'reach.sms.send', ?, 0, 0, ?, ? FROM subscribers s WHERE s.smartphone = 1 AND s.dnd = 0 AND s.opt_out_mask = 0`).run(T0, T0, T0);
      mv.run('reach.sms.await', T0 + 24 * HOUR, T0, 1, 'reach.sms.send', T0);
    })());
    out.journeys = Number(db.prepare('SELECT count(*) FROM journeys WHERE run_id = 1').pluck().get());
  }
  db.close();
  return out;
}

const result = mode === 'count' ? count() : enrol(mode === 'enrol-linkage' ? 'linkage' : 'floor');
for (const s of ['', '-wal', '-shm']) rmSync(path + s, { force: true });
process.stdout.write(`${JSON.stringify({ mode, n, ...(result as object), rssMb: process.resourceUsage().maxRSS / 1024 })}\n`);
