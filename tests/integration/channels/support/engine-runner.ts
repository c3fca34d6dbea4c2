/**
 * A stand-alone Linkage engine for the kill tests: opens (or seeds) the store, starts one live SMS run
 * if none exists, binds bulk_sms to the gateway, and runs the live loop until SIGTERM, printing the
 * contact counts every 100 ms. Usage: tsx engine-runner.ts <db> <cmpp|smpp> <port> <customers>.
 */
import { openDb } from '../../../../server/db/open.js';
import { seedIfEmpty } from '../../../../server/db/seed/index.js';
import { closeGatewayAdapters, gatewayAdapter } from '../../../../server/channels/delivery/gateway-adapter.js';
import { Engine } from '../../../../server/engine/runtime/engine.js';
import { startRun } from '../../../../server/engine/store/runs.js';
import type { ChannelAdapter } from '../../../../server/engine/channels/adapter.js';
import { binding, liveSmsFlow, smsPolicy } from './flow.js';

const [path, proto, port, customers] = process.argv.slice(2) as [string, 'cmpp' | 'smpp', string, string];
const db = openDb(path);
seedIfEmpty(db, { subscribers: Number(customers), seed: 5 });
const flow = liveSmsFlow('kill-flow', 1);
if (db.prepare('SELECT count(*) FROM runs').pluck().get() === 0) startRun(db, { flowId: flow.flowId, version: 1, machine: flow, clock: 'live' });
const ports = { cmpp: Number(port), smpp: Number(port) };
const adapter = gatewayAdapter(db, binding(proto, ports, { tps: 150, window: 8 }), { tuning: { reconnectMs: 50, maxReconnectMs: 300, responseTimeoutMs: 2_000 }, connectWaitMs: 500 });
const none: ChannelAdapter = { name: 'none', mode: 'inline', decide: () => ({ status: 'failed', reason: 'not in this test' }) };
const engine = new Engine(db, { policy: smsPolicy, channels: () => ({ adapters: { bulk_sms: adapter }, defaultAdapter: none }), delivery: { idleMs: 20, batch: 40, claimMs: 3_000, retryBaseMs: 100, retryMaxMs: 500, breakers: { failures: 5, coolDownMs: 300 } } });
engine.startLoop(50);
const count = db.prepare(`SELECT
  (SELECT count(*) FROM contacts WHERE status = 'queued') AS queued,
  (SELECT count(*) FROM contacts WHERE status = 'sent') AS sent,
  (SELECT count(*) FROM submits WHERE status = 'unknown') AS unknown`);
const timer = setInterval(() => process.stdout.write(`${JSON.stringify({ ...(count.get() as object), link: adapter.status().state })}\n`), 100);
process.on('SIGTERM', () => {
  clearInterval(timer);
  void engine.stopLoop().then(() => closeGatewayAdapters(db)).then(() => {
    db.close();
    process.exit(0);
  });
});
