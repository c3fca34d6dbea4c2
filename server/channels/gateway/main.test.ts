/** `npm run dev:gateway` as its own process: prints its ports, accepts a CMPP submit, logs it as a JSON line on stdout and in --log. */
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, readFileSync, existsSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { afterAll, expect, it } from 'vitest';
import { linkTo, waitFor } from '../test-support.js';

const require = createRequire(import.meta.url);
const TSX = join(dirname(require.resolve('tsx/package.json')), 'dist', 'cli.mjs');
let child: ChildProcess | null = null;

afterAll(() => {
  child?.kill('SIGTERM');
});

it('runs as a process and logs every accepted submit', async () => {
  const logFile = join(mkdtempSync(join(tmpdir(), 'gw-')), 'gateway.log');
  child = spawn(process.execPath, [TSX, join(import.meta.dirname, 'main.ts'), '--cmpp-port', '0', '--smpp-port', '0', '--report-delay', '10', '--log', logFile], {
    env: { ...process.env, GATEWAY_ACCOUNTS: '901234:cmpp-secret,linkage:smpp-pw' },
    stdio: ['pipe', 'pipe', 'pipe'],
  });
  let out = '';
  let err = '';
  child.stdout!.on('data', (d: Buffer) => (out += d.toString()));
  child.stderr!.on('data', (d: Buffer) => (err += d.toString()));
  await waitFor(() => /SMPP 3\.4\s+port \d+/.test(err), 'the gateway banner', 30_000);
  const cmpp = Number(/CMPP 2\.0\/3\.0\s+port (\d+)/.exec(err)![1]);
  const smpp = Number(/SMPP 3\.4\s+port (\d+)/.exec(err)![1]);
  const link = linkTo('cmpp', { cmpp, smpp }, { window: 4, tps: 100 });
  link.start();
  const { msgIds } = await link.submit({ to: '13800138000', text: '你好', extension: '01' });
  await link.close();
  await waitFor(() => out.includes(msgIds[0]!) && existsSync(logFile), 'the log line');
  const line = JSON.parse(readFileSync(logFile, 'utf8').trim().split('\n')[0]!) as Record<string, unknown>;
  expect(line).toMatchObject({ proto: 'cmpp', account: '901234', msgId: msgIds[0], to: '13800138000', from: '1065812301', text: '你好', outcome: 'accepted' });
});
