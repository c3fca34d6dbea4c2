/**
 * One engine contender in its own process (so its peak RSS is its own).
 * Usage: tsx bench/engine/child.ts <linkage|floor|xstate> <n> <db path>; prints one JSON line.
 */
import { rmSync } from 'node:fs';
import { floor, linkage, xstate } from './contenders.js';
import { openBenchDb } from './dataset.js';
import { expectedCounts } from './flow.js';

const [which, nArg, path] = process.argv.slice(2);
const n = Number(nArg);
const db = openBenchDb(path!, n);
const f = { linkage, floor, xstate }[which as 'linkage'];
if (!f) throw new Error(`unknown contender ${which}`);
const r = f(db, n);
const expected = expectedCounts(n);
const ok = JSON.stringify(Object.entries(r.counts).sort()) === JSON.stringify(Object.entries(expected).sort());
const rssMb = process.resourceUsage().maxRSS / 1024;
db.close();
for (const s of ['', '-wal', '-shm']) rmSync(path! + s, { force: true });
process.stdout.write(`${JSON.stringify({ which, n, ...r, latencies: undefined, p99: p99(r.latencies), countsOk: ok, rssMb })}\n`);

function p99(xs: number[]): number {
  if (xs.length === 0) return 0;
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.min(s.length - 1, Math.floor(0.99 * s.length))]!;
}
