import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { fmt, log, runChild, table } from '../util.js';
import { phaseTransitions } from './flow.js';

const CHILD = fileURLToPath(new URL('./child.ts', import.meta.url));

interface ChildResult {
  which: 'linkage' | 'floor' | 'xstate';
  n: number;
  ms: { a: number; b: number; c: number };
  counts: Record<string, number>;
  countsOk: boolean;
  p99: number;
  rssMb: number;
  extra?: Record<string, number>;
}

export interface EngineRow {
  contender: string;
  n: number;
  measured: boolean;
  perSec: { a: number; b: number; c: number; overall: number };
  seconds: number;
  p99Ms: number;
  rssMb: number;
  insertPerSec?: number;
  extra?: Record<string, number>;
}

export interface EngineReport {
  rows: EngineRow[];
  ratios: { n: number; vsBaseline: number; vsInsert: number; vsFloorA: number; vsFloorB: number; vsFloorC: number; vsFloorOverall: number; baselineExtrapolated: boolean }[];
  growth: { from: number; to: number; timeRatio: number; exponent: number }[];
  targets: { name: string; target: string; value: string; met: boolean }[];
}

function rowOf(r: ChildResult, measured = true): EngineRow {
  const t = phaseTransitions(r.n);
  const total = t.a + t.b + t.c;
  const sec = (r.ms.a + r.ms.b + r.ms.c) / 1000;
  return {
    contender: r.which, n: r.n, measured,
    perSec: { a: t.a / (r.ms.a / 1000), b: t.b / (r.ms.b / 1000), c: t.c / (r.ms.c / 1000), overall: total / sec },
    seconds: sec, p99Ms: r.p99, rssMb: r.rssMb,
    ...(r.extra?.insertPerSec ? { insertPerSec: r.extra.insertPerSec } : {}),
    ...(r.extra ? { extra: r.extra } : {}),
  };
}

/**
 * The engine workload at each N, every contender in its own child process, in the same run.
 * `xstateMax`: largest N the XState baseline is measured at; above it, its rate is extrapolated
 * (flat per-transition rate from the largest measured N — its per-customer cost does not fall with N).
 */
export async function benchEngine(ns: number[], opts: { xstateMax: number; contenders?: string[] }): Promise<EngineReport> {
  const dir = mkdtempSync(join(tmpdir(), 'linkage-bench-'));
  const rows: EngineRow[] = [];
  const contenders = opts.contenders ?? ['floor', 'linkage', 'xstate'];
  try {
    for (const n of ns) {
      for (const c of contenders) {
        if (c === 'xstate' && n > opts.xstateMax) continue;
        log(`engine: ${c} N=${fmt(n)} …`);
        const r = await runChild<ChildResult>(CHILD, [c, String(n), join(dir, `${c}-${n}.db`)], { timeoutMs: 30 * 60_000 });
        if (!r.countsOk) throw new Error(`${c} at N=${n} ended with wrong per-state counts: ${JSON.stringify(r.counts)}`);
        const row = rowOf(r);
        rows.push(row);
        log(`  ${c}: overall ${fmt(row.perSec.overall)}/s in ${fmt(row.seconds, 1)} s, RSS ${fmt(row.rssMb)} MB`);
      }
      const xs = rows.find((r) => r.contender === 'xstate' && r.n === n);
      if (!xs && contenders.includes('xstate')) {
        const from = [...rows].reverse().find((r) => r.contender === 'xstate' && r.measured);
        if (from) {
          const k = n / from.n;
          rows.push({ ...from, n, measured: false, seconds: from.seconds * k });
        }
      }
    }
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
  const at = (c: string, n: number) => rows.find((r) => r.contender === c && r.n === n);
  const ratios = ns.flatMap((n) => {
    const l = at('linkage', n);
    const f = at('floor', n);
    const x = at('xstate', n);
    if (!l || !f) return [];
    return [{
      n, vsBaseline: x ? l.perSec.overall / x.perSec.overall : NaN, vsInsert: l.perSec.overall / (f.insertPerSec ?? NaN),
      vsFloorA: l.perSec.a / f.perSec.a, vsFloorB: l.perSec.b / f.perSec.b, vsFloorC: l.perSec.c / f.perSec.c, vsFloorOverall: l.perSec.overall / f.perSec.overall,
      baselineExtrapolated: !!x && !x.measured,
    }];
  });
  const lk = rows.filter((r) => r.contender === 'linkage').sort((a, b) => a.n - b.n);
  const growth = lk.slice(1).map((r, i) => {
    const p = lk[i]!;
    const timeRatio = r.seconds / p.seconds;
    return { from: p.n, to: r.n, timeRatio, exponent: Math.log(timeRatio) / Math.log(r.n / p.n) };
  });
  const top = ratios[ratios.length - 1];
  const lTop = lk[lk.length - 1];
  const targets = top && lTop ? [
    { name: `overall ÷ XState baseline (N=${fmt(top.n)})`, target: '≥ 15×', value: `${fmt(top.vsBaseline, 1)}×${top.baselineExtrapolated ? ' (baseline extrapolated)' : ''}`, met: top.vsBaseline >= 15 },
    { name: `overall ÷ raw single-row INSERT (N=${fmt(top.n)})`, target: '≥ 0.5×', value: `${fmt(top.vsInsert, 2)}×`, met: top.vsInsert >= 0.5 },
    { name: `(a) entry ÷ set-based floor`, target: '≥ 0.3×', value: `${fmt(top.vsFloorA, 2)}×`, met: top.vsFloorA >= 0.3 },
    { name: `(b) timers ÷ set-based floor`, target: '≥ 0.3×', value: `${fmt(top.vsFloorB, 2)}×`, met: top.vsFloorB >= 0.3 },
    { name: 'peak RSS (Linkage)', target: '≤ 600 MB', value: `${fmt(lTop.rssMb)} MB`, met: lTop.rssMb <= 600 },
    ...(growth.length ? [{ name: 'time growth over N (Linkage)', target: 'linear or better (exponent ≤ 1.05)', value: growth.map((g) => `${fmt(g.from)}→${fmt(g.to)}: ×${fmt(g.timeRatio, 1)} (n^${fmt(g.exponent, 2)})`).join('; '), met: growth.every((g) => g.exponent <= 1.05) }] : []),
  ] : [];
  return { rows, ratios, growth, targets };
}

export function printEngine(r: EngineReport): string {
  const rows = r.rows.map((x) => [
    `${x.contender}${x.measured ? '' : ' (extrapolated)'}`, fmt(x.n), fmt(x.perSec.a), fmt(x.perSec.b), fmt(x.perSec.c), fmt(x.perSec.overall),
    fmt(x.seconds, 2), fmt(x.p99Ms, 1), x.measured ? fmt(x.rssMb) : '—', x.insertPerSec ? fmt(x.insertPerSec) : '',
  ]);
  const out = [
    'Engine workload (transitions/s committed; (a) entry, (b) timers due at once, (c) 20% responses in random order)',
    table(['contender', 'N', '(a)/s', '(b)/s', '(c)/s', 'overall/s', 'seconds', 'p99 event→commit ms', 'peak RSS MB', 'raw INSERT/s'], rows),
    '',
    table(['N', 'Linkage ÷ XState', 'Linkage ÷ raw INSERT', 'Linkage ÷ floor (a)', '(b)', '(c)', 'overall'], r.ratios.map((x) => [
      fmt(x.n), `${fmt(x.vsBaseline, 1)}×${x.baselineExtrapolated ? '*' : ''}`, `${fmt(x.vsInsert, 2)}×`, `${fmt(x.vsFloorA, 2)}×`, `${fmt(x.vsFloorB, 2)}×`, `${fmt(x.vsFloorC, 2)}×`, `${fmt(x.vsFloorOverall, 2)}×`,
    ])),
  ];
  if (r.ratios.some((x) => x.baselineExtrapolated)) out.push('* XState baseline extrapolated from the largest N it was measured at (same per-transition rate).');
  return out.join('\n');
}
