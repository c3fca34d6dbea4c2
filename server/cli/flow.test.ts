import { spawnSync } from 'node:child_process';
import { mkdtempSync, readdirSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { baseDoc } from '../../shared/flow/testing/build.js';
import { runCli } from './run.js';

const FLOWS = readdirSync('flows').filter((f) => f.endsWith('.json')).map((f) => `flows/${f}`).sort();
const tsx = join('node_modules', '.bin', 'tsx');
const cli = (...args: string[]) => spawnSync(tsx, ['server/cli/flow.ts', ...args], { encoding: 'utf8' });

function broken(): string {
  const dir = mkdtempSync(join(tmpdir(), 'flow-cli-'));
  const file = join(dir, 'broken.json');
  const doc = baseDoc();
  writeFileSync(file, JSON.stringify({ ...doc, edges: doc.edges.filter((e) => e.id !== 'e-call-no_response') }));
  return file;
}

/** Run in-process with captured output. */
async function run(...argv: string[]) {
  const out: string[] = [];
  const err: string[] = [];
  const code = await runCli(argv, {
    out: (l) => out.push(l),
    err: (l) => err.push(l),
    readFile: (p) => (p === 'mem.json' ? JSON.stringify(baseDoc()) : (() => { throw new Error(`ENOENT: ${p}`); })()),
  });
  return { code, out, err };
}

describe('flow CLI (child process)', () => {
  it('validate flows/*.json exits 0', () => {
    const r = cli('validate', ...FLOWS);
    expect(r.stderr).toContain(`${FLOWS.length} file(s): 0 error(s)`);
    expect(r.status).toBe(0);
  });

  it('validate on a broken file exits 1 with a `file: nodeId: CODE: message` line', () => {
    const file = broken();
    const r = cli('validate', file, FLOWS[0]!);
    expect(r.status).toBe(1);
    expect(r.stdout.trim().split('\n')).toEqual([`${file}: call: REQUIRED_OUTPUT_UNCONNECTED: Script step 2: output "No response" is not connected`]);
  });

  it('compile --json prints the machine', () => {
    const r = cli('compile', 'flows/data-pack-upsell.json', '--json');
    expect(r.status).toBe(0);
    const machine = JSON.parse(r.stdout);
    expect(machine).toMatchObject({ version: 1, flowId: 'data-pack-upsell', initial: 'reach' });
    expect(machine.hash).toMatch(/^[0-9a-f]{16}$/);
  });
});

describe('flow CLI (in-process)', () => {
  it('prints a state table for compile', async () => {
    const r = await run('compile', 'mem.json');
    expect(r.code).toBe(0);
    expect(r.out[0]).toMatch(/^flow test-flow {2}hash [0-9a-f]{16} {2}initial pub\.p1\.send {2}entry seg$/);
    expect(r.out.some((l) => /^pub\.p1\.await\s+await\s+pub\s+order → won; response → call\.c1\.send; timeout 48h → done$/.test(l))).toBe(true);
  });

  it('refuses to compile a broken file and exits 1', async () => {
    const r = await run('compile', 'missing.json');
    expect(r.code).toBe(1);
    expect(r.err[0]).toMatch(/^missing\.json: -: READ_FAILED: ENOENT/);
  });

  it('validate --json includes both languages', async () => {
    const r = await run('validate', 'mem.json', '--json');
    expect(r.code).toBe(0);
    expect(JSON.parse(r.out.join('\n'))).toEqual([{ file: 'mem.json', ok: true, issues: [] }]);
  });

  it('explains usage errors with exit code 2', async () => {
    expect((await run()).code).toBe(2);
    expect((await run('teleport')).err[0]).toBe('unknown command "teleport"');
    expect((await run('validate')).code).toBe(2);
    expect((await run('validate', 'mem.json', '--yaml')).code).toBe(2);
    const help = await run('--help');
    expect(help.code).toBe(0);
    expect(help.out.join('\n')).toMatch(/validate .*\n.*compile/);
  });
});
