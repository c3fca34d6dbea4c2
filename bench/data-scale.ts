import { join } from 'node:path';
import { fmt, log, runChild } from './util.js';

interface CountSegment { name: string; orgUnit: string; exact: number; exactMs: number; estimateMs: number; estimate: number; low: number; high: number; sampled: number; total: number; covered: boolean }
interface CountResult { buildMs: number; segments: CountSegment[]; rssMb: number }
interface EnrolResult { ms: number; journeys: number; dashboardMs?: number; reportMs?: number; scanMs?: number; counterRows?: number; rssMb: number }

const arg = (name: string): number | null => {
  const i = process.argv.indexOf(name);
  return i >= 0 ? Number(process.argv[i + 1]) : null;
};

/**
 * Issue #18 item 5, province-scale half: (1) a segment's live count on N subscribers — the plain SQL
 * count(*) with the segment's conditions and exclusions vs the sample estimate, side by side in one
 * process and store; (2) enrolment and first send of an M-customer segment by the engine vs the
 * set-based floor, each in its own process; (3) that run's dashboard and report. Full: N = 10,000,000,
 * M = 4,000,000 (`--count-rows`, `--enrol-rows` change them); `--quick`: 1,000,000 and 200,000.
 */
export async function benchDataScale(dir: string, opts: { quick: boolean }) {
  const n = arg('--count-rows') ?? (opts.quick ? 1_000_000 : 10_000_000);
  const m = arg('--enrol-rows') ?? (opts.quick ? 200_000 : 4_000_000);
  log(`data: live count on ${fmt(n)} subscribers (building the store in SQL)`);
  const c = await runChild<CountResult>('bench/data-scale-child.ts', ['count', String(n), join(dir, 'count.db')], { timeoutMs: 60 * 60_000 });
  log(`data: enrolment + first send of ${fmt(m)} customers — set-based floor`);
  const floor = await runChild<EnrolResult>('bench/data-scale-child.ts', ['enrol-floor', String(m), join(dir, 'floor.db')], { timeoutMs: 60 * 60_000 });
  log(`data: enrolment + first send of ${fmt(m)} customers — Linkage engine, then its dashboard and report`);
  const lk = await runChild<EnrolResult>('bench/data-scale-child.ts', ['enrol-linkage', String(m), join(dir, 'linkage.db')], { timeoutMs: 60 * 60_000 });

  const speedups = c.segments.map((s) => s.exactMs / s.estimateMs);
  const minSpeedup = Math.min(...speedups);
  const worstEstimate = Math.max(...c.segments.map((s) => s.estimateMs));
  const covered = c.segments.filter((s) => s.covered).length;
  // the floor writes 2 rows' worth per customer (insert + move); so does the engine's tick (enrol + send)
  const enrolRatio = floor.ms / lk.ms;
  const slowest = Math.max(lk.dashboardMs ?? Infinity, lk.reportMs ?? Infinity);
  const targets = [
    { name: `data: live count on ${fmt(n)} subscribers, sample estimate vs plain count(*) (slowest of ${c.segments.length} segments)`, target: '≥ 10×', value: `${fmt(minSpeedup, 1)}× (estimate ≤ ${fmt(worstEstimate, 1)} ms)`, met: minSpeedup >= 10 },
    { name: `data: enrolment + first send of ${fmt(m)} customers vs set-based floor`, target: '≥ 0.3×', value: `${fmt(enrolRatio, 2)}×`, met: enrolRatio >= 0.3 && lk.journeys === floor.journeys },
    { name: `data: dashboard and report of a ${fmt(lk.journeys)}-journey run`, target: '≤ 500 ms', value: `${fmt(lk.dashboardMs ?? NaN)} / ${fmt(lk.reportMs ?? NaN)} ms`, met: slowest <= 500 },
  ];
  const text = [
    `Live count: ${fmt(n)} subscribers (store built in ${fmt(c.buildMs / 1000, 1)} s), sample ${fmt(c.segments[0]!.sampled)} rows; ${covered} of ${c.segments.length} 95% intervals cover the exact count`,
    ...c.segments.map((s) => `  ${s.name.padEnd(44)} exact ${fmt(s.exact).padStart(10)} in ${fmt(s.exactMs).padStart(6)} ms | estimate ${fmt(s.estimate).padStart(10)} [${fmt(s.low)}–${fmt(s.high)}] in ${fmt(s.estimateMs, 1).padStart(6)} ms | ${fmt(s.exactMs / s.estimateMs, 1)}×`),
    `Enrolment + first send, ${fmt(m)} customers: engine ${fmt(lk.ms / 1000, 1)} s (${fmt(lk.journeys)} journeys, RSS ${fmt(lk.rssMb)} MB), set-based floor ${fmt(floor.ms / 1000, 1)} s → ${fmt(enrolRatio, 2)}×`,
    `Run of ${fmt(lk.journeys)} journeys: dashboard ${fmt(lk.dashboardMs ?? NaN)} ms, report ${fmt(lk.reportMs ?? NaN)} ms (${slowest > 5000 ? 'one run each: a call over 5 s is not repeated' : 'median of 3'}), from ${fmt(lk.counterRows ?? NaN)} counter rows;`
      + ` two of the scans the counters replace (journeys per state, contacts per channel and status) ${fmt(lk.scanMs ?? NaN)} ms → the whole dashboard ${fmt((lk.scanMs ?? NaN) / (lk.dashboardMs ?? NaN), 0)}× faster than those two scans alone, and ${fmt((lk.dashboardMs ?? NaN) / lk.ms * 100, 2)}% of the enrolment's time`,
  ].join('\n');
  return { count: c, enrol: { linkage: lk, floor }, targets, text };
}
