/**
 * Never twice, across kills (issue #19 item 6 and "Done when"): the local gateway and a Linkage engine,
 * each its own process on loopback, a live SMS run sending through CMPP or SMPP. The engine is killed
 * (SIGKILL) mid-run and restarted, then the gateway is killed and restarted on the same port. The
 * gateway's own log is the ground truth: no customer receives the touch twice, every contact ends
 * submitted once or unknown (never re-sent), none is left waiting, and the receipts move contacts to delivered.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, readFileSync, existsSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, afterEach, describe, expect, it } from 'vitest';
import { openDb } from '../../../server/db/open.js';
import { createTestStore } from '../../support/test-store.js';
import { until } from '../../support/until.js';

const dir = mkdtempSync(join(tmpdir(), 'linkage-gw-kill-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));
const children = new Set<ChildProcess>();
afterEach(() => {
  for (const c of children) c.kill('SIGKILL');
  children.clear();
});

interface Proc { child: ChildProcess; out: () => string; err: () => string; exited: Promise<void> }
function start(args: string[], env: Record<string, string> = {}): Proc {
  const child = spawn(process.execPath, ['--import', 'tsx', ...args], { env: { ...process.env, ...env }, stdio: ['pipe', 'pipe', 'pipe'] });
  children.add(child);
  let out = '';
  let err = '';
  child.stdout!.on('data', (d: Buffer) => (out += d.toString()));
  child.stderr!.on('data', (d: Buffer) => (err += d.toString()));
  const exited = new Promise<void>((r) => child.on('exit', () => {
    children.delete(child);
    r();
  }));
  return { child, out: () => out, err: () => err, exited };
}

interface LogLine { at: string; to: string; from: string; text: string; outcome: string; msgId: string }
const readLog = (file: string): LogLine[] => (existsSync(file) ? readFileSync(file, 'utf8').trim().split('\n').filter(Boolean).map((l) => JSON.parse(l) as LogLine) : []);

function gateway(log: string, ports: { cmpp: number; smpp: number }): Proc {
  return start(['server/channels/gateway/main.ts', '--cmpp-port', String(ports.cmpp), '--smpp-port', String(ports.smpp), '--report-delay', '50',
    '--reply-rate', '0', '--response-delay', '2', '--log', log], { GATEWAY_ACCOUNTS: '901234:cmpp-secret,linkage:smpp-pw' });
}
async function gatewayPorts(g: Proc): Promise<{ cmpp: number; smpp: number }> {
  await until('the gateway banner', () => /SMPP 3\.4\s+port \d+/.test(g.err()));
  return { cmpp: Number(/CMPP 2\.0\/3\.0\s+port (\d+)/.exec(g.err())![1]), smpp: Number(/SMPP 3\.4\s+port (\d+)/.exec(g.err())![1]) };
}
const lastStatus = (p: Proc): { queued: number; sent: number; unknown: number; link: string } | undefined => {
  const lines = p.out().trim().split('\n').filter((l) => l.startsWith('{'));
  return lines.length ? JSON.parse(lines.at(-1)!) : undefined;
};

describe.each(['cmpp', 'smpp'] as const)('%s: kill the engine and the gateway mid-run', (proto) => {
  it('submits every contact at most once by the gateway log, leaves none waiting, applies receipts', async () => {
    const CUSTOMERS = 400;
    const store = createTestStore(dir, `${proto}.db`);
    const log = join(dir, `${proto}-gateway.log`);
    let gw = gateway(log, { cmpp: 0, smpp: 0 });
    const ports = await gatewayPorts(gw);
    const engineArgs = ['tests/integration/channels/support/engine-runner.ts', store.location, proto, String(ports[proto]), String(CUSTOMERS)];
    const accepted = () => readLog(log).filter((l) => l.outcome === 'accepted');

    let engine = start(engineArgs);
    await until('some submits', () => accepted().length >= 60, 40_000);
    engine.child.kill('SIGKILL');
    const engineKilledAt = Date.now();
    await engine.exited;
    engine = start(engineArgs);

    await until('more submits after the engine restart', () => accepted().length >= 180, 40_000);
    gw.child.kill('SIGKILL');
    const gatewayKilledAt = Date.now();
    await gw.exited;
    await until('the engine to see the link down', () => lastStatus(engine)?.link !== 'connected' && lastStatus(engine)?.link !== 'throttled');
    gw = gateway(log, ports);
    await gatewayPorts(gw);

    const done = await until('every contact decided', () => {
      const s = lastStatus(engine);
      return s && s.queued === 0 && s.sent > 0 ? s : undefined;
    }, 40_000);
    engine.child.kill('SIGTERM');
    await engine.exited;

    const db = openDb(store.location);
    try {
      const contacts = db.prepare(`SELECT s.phone, c.status, c.reason, sub.status AS submit, sub.delivery FROM contacts c JOIN subscribers s ON s.id = c.customer_id
        LEFT JOIN submits sub ON sub.run_id = c.run_id AND sub.customer_id = c.customer_id AND sub.state = c.state AND sub.attempt = c.attempt WHERE c.state = 't1.send'`)
        .all() as { phone: string; status: string; reason: string | null; submit: string | null; delivery: string | null }[];
      const byPhone = new Map<string, LogLine[]>();
      for (const l of accepted()) byPhone.set(l.to, [...(byPhone.get(l.to) ?? []), l]);
      // Never twice: no number got the campaign message more than once, whatever was killed when.
      expect([...byPhone.values()].filter((ls) => ls.length > 1)).toEqual([]);
      expect(contacts.filter((c) => c.status === 'queued')).toEqual([]);
      for (const c of contacts) {
        const got = byPhone.get(c.phone)?.length ?? 0;
        if (c.submit === 'submitted') expect(got, `${c.phone} submitted`).toBe(1);
        else if (c.submit === 'unknown') expect(got, `${c.phone} unknown`).toBeLessThanOrEqual(1);
        else expect(c.status, `${c.phone} never submitted`).toBe('unreachable');
      }
      const submitted = contacts.filter((c) => c.submit === 'submitted');
      const unknown = contacts.filter((c) => c.submit === 'unknown');
      expect(submitted.length + unknown.length).toBe(done.sent + contacts.filter((c) => c.status === 'failed').length);
      // An unknown contact is written sent with the reason, never re-sent; the process kill leaves some.
      expect(unknown.every((c) => c.status === 'sent' && c.reason?.startsWith('提交结果未知'))).toBe(true);
      // Receipts: every submit accepted well away from a kill had its report applied. Reports pushed on the
      // connection of the engine as it died, or still pending in the killed gateway, are lost: this test
      // gateway neither keeps them nor re-sends an unanswered DELIVER as an operator's gateway does.
      const nearKill = (t: number) => (t > engineKilledAt - 1_000 && t <= engineKilledAt + 1_000) || t > gatewayKilledAt - 1_000;
      const early = new Set(accepted().filter((l) => !nearKill(Date.parse(l.at))).map((l) => l.to));
      const missing = submitted.filter((c) => early.has(c.phone) && c.delivery !== 'delivered');
      expect(missing).toEqual([]);
      // How many submits fall well away from both kills depends on timing (often none: a link submits a phase's
      // contacts within a second), so that check may cover none; receipts are proven without kills in live-flow.test.ts.
    } finally {
      db.close();
      store.drop();
    }
  }, 120_000);
});
