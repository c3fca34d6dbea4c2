/**
 * The end-to-end channel figure: a live run's contacts queued in the engine's outbox (a SQLite store)
 * go out through the delivery loop → gateway adapter (a `submits` row before and after each) → link →
 * local gateway. Submits per second per link beside the gateway's own acceptance rate, and the TPS
 * limit checked on arrival at the gateway.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { TestGateway } from '../server/channels/gateway/gateway.js';
import { ACCESS_NUMBER, ACCOUNTS, type Proto } from '../server/channels/test-support.js';
import { closeGatewayAdapters, gatewayAdapter } from '../server/channels/delivery/gateway-adapter.js';
import { openDb } from '../server/db/open.js';
import { seedIfEmpty } from '../server/db/seed/index.js';
import { DAY } from '../server/engine/core/clock.js';
import { DEFAULT_POLICY } from '../server/engine/core/policy.js';
import { Engine } from '../server/engine/runtime/engine.js';
import { startRun } from '../server/engine/store/runs.js';
import { defaultMessageScript } from '../shared/flow/script.js';
import type { Machine } from '../shared/machine/types.js';
import { allSegment } from '../tests/integration/engine/support/machines.js';

export interface EndToEndRow {
  proto: Proto;
  tps: number;
  contacts: number;
  /** Contacts written sent per second, from the first submit's arrival at the gateway to the last contact written. */
  outboxPerSec: number;
  gatewayPerSec: number;
  ratio: number;
  peakSecond: number;
  /** CPU time of this process (engine, adapter, link and the gateway together) per contact, and the share of one core it used. */
  cpuMsPerContact: number;
  coreShare: number;
}

function oneSmsRun(): Machine {
  const day = (d: number) => new Date(Date.now() + 8 * 3600_000 + d * DAY).toISOString().slice(0, 10);
  return {
    version: 1, flowId: 'bench-sms', hash: 'h', initial: 't.send',
    states: {
      't.send': { id: 't.send', node: 't', kind: 'send', touch: 't', channel: 'bulk_sms', stage: 'sales', script: 'msg', next: 't.await', unreachable: 'lost' },
      't.await': { id: 't.await', node: 't', kind: 'await', timeoutHours: 48, on: {}, timeout: 'done' },
      done: { id: 'done', node: 'done', kind: 'terminal', outcome: 'completed' },
      lost: { id: 'lost', node: 'lost', kind: 'terminal', outcome: 'unreachable' },
    },
    scripts: { msg: defaultMessageScript() }, entry: allSegment(), entryNode: 'seg', productId: 'dp_10g', priority: 50, orgUnit: 'province',
    period: { start: day(-1), end: day(7) }, goal: { reach: 1, responses: 1, conversions: 1, revenue: 1, budget: 0, evaluationDays: 0 }, contactPolicy: {},
  };
}

export async function endToEnd(proto: Proto, tps: number, customers: number): Promise<EndToEndRow> {
  const dir = mkdtempSync(join(tmpdir(), 'linkage-bench-gw-'));
  const db = openDb(join(dir, 'bench.db'));
  const gw = new TestGateway({ accounts: ACCOUNTS, reportDelayMs: 50, memoryLog: true });
  try {
    seedIfEmpty(db, { subscribers: customers, seed: 9 });
    const ports = await gw.listen();
    const g = { host: '127.0.0.1', port: proto === 'cmpp' ? ports.cmpp : ports.smpp, account: proto === 'cmpp' ? '901234' : 'linkage',
      password: proto === 'cmpp' ? ACCOUNTS['901234'] : ACCOUNTS.linkage, serviceId: 'MKT', accessNumber: ACCESS_NUMBER, tps, window: 16, signature: '中国移动' };
    const adapter = gatewayAdapter(db, { channel: 'bulk_sms', version: 1, updatedAt: 0, updatedBy: 'bench', settings: { kind: proto, gateway: g } });
    const engine = new Engine(db, { policy: { ...DEFAULT_POLICY, channels: { bulk_sms: { contactHours: [0, 24] } } },
      channels: () => ({ adapters: { bulk_sms: adapter }, defaultAdapter: adapter }), delivery: { idleMs: 5, batch: 400 } });
    const runId = startRun(db, { flowId: 'bench-sms', version: 1, machine: oneSmsRun(), clock: 'live' });
    const queued = db.prepare(`SELECT count(*) FROM contacts WHERE run_id = ? AND status = 'queued'`).pluck();
    // Queue every contact first (no delivery yet), so the figure is the outbox → gateway path alone.
    const atSend = db.prepare(`SELECT count(*) FROM journeys WHERE run_id = ? AND state = 't.send'`).pluck();
    for (let i = 0; i < 20; i++) {
      engine.tickSync(Date.now(), 'live');
      if (atSend.get(runId) === 0) break;
    }
    const contacts = queued.get(runId) as number;
    const cpu0 = process.cpuUsage();
    const wall0 = performance.now();
    engine.delivery.start();
    while ((queued.get(runId) as number) > 0) await new Promise((r) => setTimeout(r, 5));
    const done = performance.now();
    const cpu = process.cpuUsage(cpu0);
    const cpuMs = (cpu.user + cpu.system) / 1000;
    await engine.delivery.stop();
    const accepted = gw.log.filter((e) => e.outcome === 'accepted');
    const gwSecs = Math.max(0.001, (Date.parse(accepted.at(-1)!.at) - Date.parse(accepted[0]!.at) + 1) / 1000);
    const outboxSecs = Math.max(0.001, (done - gw.arrivals[0]!) / 1000);
    let peak = 0;
    for (let i = 0, j = 0; i < gw.arrivals.length; i++) {
      while (gw.arrivals[i]! - gw.arrivals[j]! >= 1000) j++;
      peak = Math.max(peak, i - j + 1);
    }
    const outboxPerSec = contacts / outboxSecs;
    const gatewayPerSec = accepted.length / gwSecs;
    return { proto, tps, contacts, outboxPerSec, gatewayPerSec, ratio: outboxPerSec / gatewayPerSec, peakSecond: peak, cpuMsPerContact: cpuMs / contacts, coreShare: cpuMs / (done - wall0) };
  } finally {
    await closeGatewayAdapters(db);
    await gw.close();
    db.close();
    rmSync(dir, { recursive: true, force: true });
  }
}
