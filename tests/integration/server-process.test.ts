import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { afterAll, expect, test } from 'vitest';
import { freePort } from '../e2e/support/server.js';

const dir = mkdtempSync(join(tmpdir(), 'linkage-proc-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

function run(env: Record<string, string>) {
  const proc = spawn(process.execPath, ['--import', 'tsx', 'server/main.ts'], { env: { ...process.env, LOG_LEVEL: 'info', ENGINE_TICK_MS: '0', ...env }, stdio: ['ignore', 'pipe', 'pipe'] });
  let out = '';
  proc.stdout.on('data', (d: Buffer) => (out += d.toString()));
  proc.stderr.on('data', (d: Buffer) => (out += d.toString()));
  const exited = new Promise<number | null>((ok) => proc.once('exit', (code) => ok(code)));
  return { proc, exited, output: () => out };
}

test('a bad environment variable stops start-up with its name and the reason', async () => {
  const p = run({ PORT: 'eighty', DATABASE_PATH: join(dir, 'bad.db') });
  expect(await p.exited).toBe(1);
  expect(p.output()).toMatch(/Invalid configuration/);
  expect(p.output()).toMatch(/PORT="eighty"/);
});

test('SIGTERM shuts down gracefully: requests stop, the database is closed cleanly', async () => {
  const dbPath = join(dir, 'graceful.db');
  const port = await freePort();
  const p = run({ PORT: String(port), HOST: '127.0.0.1', DATABASE_PATH: dbPath, SEED_SUBSCRIBERS: '500' });
  const deadline = Date.now() + 60_000;
  for (;;) {
    const ok = await fetch(`http://127.0.0.1:${port}/api/health`).then((r) => r.ok, () => false);
    if (ok) break;
    if (Date.now() > deadline || p.proc.exitCode !== null) throw new Error(`server did not start:\n${p.output()}`);
    await new Promise((r) => setTimeout(r, 200));
  }
  p.proc.kill('SIGTERM');
  expect(await p.exited).toBe(0);
  expect(p.output()).toMatch(/"msg":"stopped"/);
  // A cleanly closed WAL database opens read-only without recovery and holds the seeded data.
  const db = new Database(dbPath, { readonly: true });
  expect(db.prepare('SELECT count(*) FROM subscribers').pluck().get()).toBe(500);
  db.close();
});
