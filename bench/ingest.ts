import autocannon from 'autocannon';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { FlowDocument } from '../shared/flow/document.js';
import { compileFlow } from '../shared/machine/compile.js';
import { openDb } from '../server/db/open.js';
import { seedIfEmpty } from '../server/db/seed/index.js';
import { dayIso, DAY, localDay } from '../server/engine/core/clock.js';
import { Engine } from '../server/engine/runtime/engine.js';
import { startRun } from '../server/engine/store/runs.js';
import { fmt, log, table, startServerProcess } from './util.js';

const KEY = 'bench-events-key';

/** A live flow whose every customer waits for a response (no send first, so it works at any hour). */
function awaitingFlow(): FlowDocument {
  const today = localDay(Date.now());
  return {
    schemaVersion: 1, id: 'bench-ingest', name: '事件接入基准', description: '', productId: 'dp_10g',
    period: { start: dayIso(today - 1), end: dayIso(today + 30) },
    goal: { reach: 1, responses: 1, conversions: 1, revenue: 1, budget: 0, evaluationDays: 7 }, priority: 50, orgUnit: 'province',
    nodes: [
      { id: 'seg', type: 'segment', position: { x: 0, y: 0 }, data: { conditions: { combinator: 'and', rules: [], groups: [] },
        exclusions: { optedOut: false, doNotDisturb: false, ownsOffer: false, inOtherActiveFlow: false, exclusionList: '' }, controlGroupPct: 0, entry: { mode: 'once' }, reentry: { mode: 'never' } } },
      { id: 'listen', type: 'wait', position: { x: 300, y: 0 }, data: { mode: 'event', event: 'response', timeoutHours: 720 } },
      { id: 'won', type: 'end', position: { x: 600, y: 0 }, data: { outcome: 'converted' } },
      { id: 'lost', type: 'end', position: { x: 600, y: 200 }, data: { outcome: 'completed' } },
    ],
    edges: [
      { id: 'e1', source: 'seg', sourceHandle: 'out', target: 'listen', targetHandle: 'in' },
      { id: 'e2', source: 'listen', sourceHandle: 'event', target: 'won', targetHandle: 'in' },
      { id: 'e3', source: 'listen', sourceHandle: 'timeout', target: 'lost', targetHandle: 'in' },
    ],
  } as unknown as FlowDocument;
}

export interface IngestReport {
  customers: number;
  batched: { batchSize: number; requestsPerSec: number; eventsPerSec: number; p99Ms: number; errors: number; non2xx: number };
  single: { offeredRate: number; requestsPerSec: number; p50Ms: number; p99Ms: number; errors: number; non2xx: number };
  statuses: Record<string, number>;
  targets: { name: string; target: string; value: string; met: boolean }[];
  text: string;
}

/**
 * `POST /api/events` of the real server (child process, temp database with `customers` subscribers,
 * one live run whose journeys all await a response): batches of 1,000 events as fast as 4 connections
 * go, then single events at a fixed 1,000 requests/s. Every event is for a different customer.
 */
export async function benchIngest(opts: { quick: boolean }): Promise<IngestReport> {
  const customers = opts.quick ? 20_000 : 100_000;
  const duration = opts.quick ? 5 : 10;
  const dir = mkdtempSync(join(tmpdir(), 'linkage-ingest-'));
  const dbPath = join(dir, 'linkage.db');
  try {
    const db = openDb(dbPath);
    seedIfEmpty(db, { subscribers: customers, seed: 7 });
    const r = compileFlow(awaitingFlow());
    if (!r.ok) throw new Error(JSON.stringify(r.issues));
    const runId = startRun(db, { flowId: r.machine.flowId, version: 1, machine: r.machine, clock: 'live' });
    new Engine(db).tickSync(Date.now(), 'live');
    db.close();
    log(`ingest: server with ${fmt(customers)} customers awaiting a response …`);
    const server = await startServerProcess({ DATABASE_PATH: dbPath, EVENTS_API_KEY: KEY, NODE_ENV: 'production' }, 60_000);
    try {
      let next = 1;
      const nextCustomer = () => { const c = next; next = next >= customers ? 1 : next + 1; return c; };
      const event = () => ({ type: 'response', customerId: nextCustomer(), runId });
      const batchSize = 1000;
      const base = { url: `${server.url}/api/events`, method: 'POST' as const, headers: { authorization: `Bearer ${KEY}`, 'content-type': 'application/json' } };
      const batched = await autocannon({
        ...base, connections: 4, duration,
        requests: [{ setupRequest: (req) => ({ ...req, body: JSON.stringify(Array.from({ length: batchSize }, event)) }) }],
      });
      log(`  batched: ${fmt(batched.requests.average * batchSize)} events/s`);
      const single = await autocannon({
        ...base, connections: 10, duration, overallRate: 1000,
        requests: [{ setupRequest: (req) => ({ ...req, body: JSON.stringify(event()) }) }],
      });
      log(`  single: p99 ${single.latency.p99} ms at ${fmt(single.requests.average)} req/s`);
      const check = openDb(dbPath);
      const statuses = Object.fromEntries((check.prepare('SELECT status, count(*) AS n FROM events GROUP BY status').all() as { status: string; n: number }[]).map((x) => [x.status, x.n]));
      check.close();
      const rep: IngestReport = {
        customers,
        batched: { batchSize, requestsPerSec: batched.requests.average, eventsPerSec: batched.requests.average * batchSize, p99Ms: batched.latency.p99, errors: batched.errors, non2xx: batched.non2xx },
        single: { offeredRate: 1000, requestsPerSec: single.requests.average, p50Ms: single.latency.p50, p99Ms: single.latency.p99, errors: single.errors, non2xx: single.non2xx },
        statuses,
        targets: [],
        text: '',
      };
      rep.targets = [
        { name: 'ingest: batched events/s (1,000 per request)', target: '≥ 10,000/s', value: `${fmt(rep.batched.eventsPerSec)}/s`, met: rep.batched.eventsPerSec >= 10_000 && rep.batched.non2xx === 0 },
        { name: 'ingest: single events p99 at 1,000 req/s', target: '≤ 50 ms', value: `${fmt(rep.single.p99Ms, 1)} ms (${fmt(rep.single.requestsPerSec)} req/s served)`, met: rep.single.p99Ms <= 50 && rep.single.requestsPerSec >= 950 && rep.single.non2xx === 0 },
      ];
      rep.text = ['Event ingestion, POST /api/events over loopback (real server, child process)', table(['load', 'req/s', 'events/s', 'p50 ms', 'p99 ms', 'errors', 'non-2xx'], [
        [`batched ×${batchSize}, 4 connections`, fmt(rep.batched.requestsPerSec, 1), fmt(rep.batched.eventsPerSec), '', fmt(rep.batched.p99Ms), rep.batched.errors, rep.batched.non2xx],
        ['single, 1,000 req/s offered', fmt(rep.single.requestsPerSec), fmt(rep.single.requestsPerSec), fmt(rep.single.p50Ms), fmt(rep.single.p99Ms), rep.single.errors, rep.single.non2xx],
      ]), `event statuses: ${JSON.stringify(statuses)}`].join('\n');
      return rep;
    } finally {
      await server.stop();
    }
  } finally {
    rmSync(dir, { recursive: true, force: true });
    void DAY;
  }
}
