import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createSession } from '../server/auth/sessions.js';
import { openDb } from '../server/db/open.js';
import { seedIfEmpty } from '../server/db/seed/index.js';
import { DEMO_PASSWORD, DEMO_USERS } from '../server/db/seed/users.js';
import { fmt, percentile, table, startServerProcess } from './util.js';

/**
 * Login load (#20 item 6): does password hashing stall everyone else? The real server in a child
 * process; the health check is probed back to back, first idle, then while 50 logged-in sessions poll
 * the run list at the app's live refresh period and 16 logins arrive at once (in rounds, for the same time). Figures: the
 * health check's p99 in both phases and their ratio (same run, same box), and the logins' latency.
 */
export interface LoginReport {
  idle: { probes: number; p50Ms: number; p99Ms: number };
  loaded: { probes: number; p50Ms: number; p99Ms: number; polls: number; pollP99Ms: number };
  logins: { count: number; failed: number; p50Ms: number; maxMs: number };
  ratio: number;
  targets: { name: string; target: string; value: string; met: boolean }[];
  text: string;
}

/** Probe the health check back to back until `until` resolves; latencies in ms. */
async function probe(url: string, until: Promise<unknown>): Promise<number[]> {
  let done = false;
  void until.then(() => (done = true));
  const out: number[] = [];
  while (!done) {
    const t = performance.now();
    await (await fetch(`${url}/api/health`)).arrayBuffer();
    out.push(performance.now() - t);
    await new Promise((r) => setTimeout(r, 10));
  }
  return out;
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
/** How often a session polls: the app's live refresh period (LIVE_MS in client/src/monitoring/use-dashboard.ts). */
const POLL_MS = 3_000;

async function login(url: string, username: string): Promise<{ ms: number; ok: boolean }> {
  const t = performance.now();
  const res = await fetch(`${url}/trpc/auth.login`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ username, password: DEMO_PASSWORD }) });
  await res.arrayBuffer();
  return { ms: performance.now() - t, ok: res.ok };
}

export async function benchLogin(opts: { quick: boolean }): Promise<LoginReport> {
  const phaseMs = opts.quick ? 4_000 : 15_000;
  const dir = mkdtempSync(join(tmpdir(), 'linkage-login-'));
  const dbPath = join(dir, 'bench.db');
  const db = openDb(dbPath);
  seedIfEmpty(db, { subscribers: 2_000, seed: 7 });
  // 50 sessions made directly in the store (logging them in would be part of the load measured).
  const ids = db.prepare('SELECT id FROM users ORDER BY id').pluck().all() as number[];
  const cookies = Array.from({ length: 50 }, (_, i) => `linkage_sid=${createSession(db, ids[i % ids.length]!).id}`);
  db.close();
  const server = await startServerProcess({ DATABASE_PATH: dbPath, ENGINE_TICK_MS: '0', LEARNING_INTERVAL_MS: '0', LINKAGE_DEMO: '1', NODE_ENV: 'production' });
  try {
    // Upgrade the seeded demo hashes first: the measured logins verify at today's parameters, as they would in production.
    for (const u of DEMO_USERS) await login(server.url, u.username);

    const idle = await probe(server.url, sleep(phaseMs));

    let stop = false;
    const polls: number[] = [];
    const pollers = cookies.map(async (cookie, i) => {
      await sleep((i * POLL_MS) / cookies.length);
      while (!stop) {
        const t = performance.now();
        await (await fetch(`${server.url}/trpc/monitoring.runs`, { headers: { cookie } })).arrayBuffer();
        polls.push(performance.now() - t);
        await sleep(POLL_MS);
      }
    });
    const logins: { ms: number; ok: boolean }[] = [];
    const loginRounds = (async () => {
      const end = Date.now() + phaseMs;
      while (Date.now() < end) {
        const round = Array.from({ length: 16 }, (_, i) => login(server.url, DEMO_USERS[i % DEMO_USERS.length]!.username));
        logins.push(...(await Promise.all(round)));
      }
    })();
    const loaded = await probe(server.url, loginRounds);
    stop = true;
    await Promise.all(pollers);

    const idleP99 = percentile(idle, 0.99);
    const loadedP99 = percentile(loaded, 0.99);
    const ms = logins.map((l) => l.ms);
    const report = {
      idle: { probes: idle.length, p50Ms: percentile(idle, 0.5), p99Ms: idleP99 },
      loaded: { probes: loaded.length, p50Ms: percentile(loaded, 0.5), p99Ms: loadedP99, polls: polls.length, pollP99Ms: percentile(polls, 0.99) },
      logins: { count: logins.length, failed: logins.filter((l) => !l.ok).length, p50Ms: percentile(ms, 0.5), maxMs: Math.max(...ms) },
      ratio: idleP99 > 0 ? loadedP99 / idleP99 : 0,
    };
    const text = [
      `Login load: health check probed back to back; idle, then 50 sessions polling monitoring.runs every ${POLL_MS / 1000} s + rounds of 16 concurrent logins (scrypt N=2^17)`,
      table(['phase', 'probes', 'p50 ms', 'p99 ms'], [
        ['idle', fmt(report.idle.probes), fmt(report.idle.p50Ms, 1), fmt(report.idle.p99Ms, 1)],
        ['50 polling + 16 logins', fmt(report.loaded.probes), fmt(report.loaded.p50Ms, 1), fmt(report.loaded.p99Ms, 1)],
      ]),
      `p99 ratio loaded / idle: ${fmt(report.ratio, 2)}×; polls ${fmt(report.loaded.polls)} (p99 ${fmt(report.loaded.pollP99Ms, 1)} ms); logins ${fmt(report.logins.count)} (${report.logins.failed} failed), p50 ${fmt(report.logins.p50Ms)} ms, max ${fmt(report.logins.maxMs)} ms`,
    ].join('\n');
    return { ...report, text, targets: [{ name: 'health p99 under 50 sessions + 16 logins', target: '< 100 ms', value: `${fmt(loadedP99, 1)} ms (idle ${fmt(idleP99, 1)} ms)`, met: loadedP99 < 100 }] };
  } finally {
    await server.stop();
    rmSync(dir, { recursive: true, force: true });
  }
}
