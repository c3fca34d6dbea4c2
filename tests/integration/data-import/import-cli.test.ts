import { spawn } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { openHarness, type Harness } from '../governance/harness.js';
import { callFlow, publishAndStart } from '../monitoring/support.js';
import { MAPPING, base, newPhone, row, snapshot, writeCsv } from './fixtures.js';

/** `npm run data -- import …` as a child process against the harness's store (SQLite file or PostgreSQL database). */
function cli(h: Harness, args: string[]): Promise<{ code: number; out: string; err: string }> {
  const env = { ...process.env, LOG_LEVEL: 'silent', ...(h.db.name.startsWith('postgres') ? { DATABASE_URL: h.db.name } : { DATABASE_PATH: h.db.name, DATABASE_URL: '' }) };
  if (!env.DATABASE_URL) delete (env as Record<string, string | undefined>).DATABASE_URL;
  const child = spawn(process.execPath, ['--import', 'tsx', 'server/cli/data.ts', ...args], { env, cwd: process.cwd() });
  let out = '';
  let err = '';
  child.stdout.on('data', (d: Buffer) => { out += d.toString(); });
  child.stderr.on('data', (d: Buffer) => { err += d.toString(); });
  return new Promise((ok) => child.on('close', (code) => ok({ code: code ?? -1, out, err })));
}

let h: Harness;
let dir: string;
let mapping: string;
beforeAll(() => {
  h = openHarness(300);
  dir = mkdtempSync(join(tmpdir(), 'linkage-data-cli-'));
  mapping = join(dir, 'mapping.json');
  writeFileSync(mapping, JSON.stringify(MAPPING));
});
afterAll(() => { h.close(); rmSync(dir, { recursive: true, force: true }); });

describe('npm run data -- import subscribers (CLI, real store)', () => {
  test('a GBK file with bad rows and a duplicate phone: exit 1, per-row report with line, column and reason, nothing changed', async () => {
    const before = snapshot(h.db);
    const file = join(dir, 'bad-gbk.csv');
    writeCsv(file, [row(newPhone(1), 'gz', '陈一'), row('1380013800', 'gz'), row(newPhone(2), 'gz', '王二', '贵'), row(newPhone(1), 'gz', '陈一'), row(newPhone(3), 'mars')], 'gbk');
    const r = await cli(h, ['import', 'subscribers', file, '--mapping', mapping]);
    expect(r.code, r.err).toBe(1);
    expect(r.err).toContain('4 of 5 rows are bad');
    const report = readFileSync(`${file}.bad-rows.csv`, 'utf8');
    expect(report).toContain('3,手机号码,"""1380013800"" 不是 11 位大陆手机号"');
    expect(report).toContain('4,月均消费,"""贵"" 不是数字"');
    expect(report).toContain('6,地市,');
    expect(report).toContain('5,手机号码,与第 2 行重复,duplicates line 2');
    expect(snapshot(h.db)).toEqual(before);
  });

  test('a GBK file read as UTF-8 (wrong --encoding): a clear error naming the encoding, per row or at the header; nothing changed', async () => {
    const before = snapshot(h.db);
    const file = join(dir, 'gbk-as-utf8.csv');
    writeCsv(file, [row(newPhone(20), 'gz', '陈一'), row(newPhone(21), 'gz', '王二')], 'gbk');
    const r = await cli(h, ['import', 'subscribers', file, '--mapping', mapping, '--encoding', 'utf8']);
    expect(r.code).toBe(1);
    expect(r.err).toContain('the header has undecodable characters: wrong encoding? try --encoding gbk');
    // with ASCII headers the rows say it, each on its column
    writeCsv(file, [row(newPhone(20), 'gz', '陈一'), row(newPhone(21), 'gz', '王二')], 'gbk', ['phone', 'city', 'name']);
    const rows = await cli(h, ['import', 'subscribers', file, '--encoding', 'utf8']);
    expect(rows.code).toBe(1);
    expect(readFileSync(`${file}.bad-rows.csv`, 'utf8')).toContain('2,name,含无法解码的字符（文件编码不对？试试 --encoding gbk）,undecodable characters (wrong encoding? try --encoding gbk)');
    expect(snapshot(h.db)).toEqual(before);
  });

  test('a mapped column missing from the file is a file-level error before any row; nothing changed', async () => {
    const before = snapshot(h.db);
    const file = join(dir, 'no-age.csv');
    writeCsv(file, [['13900000001', 'gz']], 'utf8', ['手机号码', '地市']);
    const r = await cli(h, ['import', 'subscribers', file, '--mapping', mapping]);
    expect(r.code).toBe(1);
    expect(r.err).toContain('文件中没有映射的列');
    expect(r.err).toContain('the file has no mapped column');
    expect(snapshot(h.db)).toEqual(before);
  });

  test('1 good row in 10 fails even with 50 % of bad rows tolerated; nothing changed', async () => {
    const before = snapshot(h.db);
    const file = join(dir, 'mostly-bad.csv');
    writeCsv(file, Array.from({ length: 100 }, (_, i) => (i % 10 === 0 ? row(newPhone(100 + i)) : row(`0${i}`))));
    const r = await cli(h, ['import', 'subscribers', file, '--mapping', mapping, '--max-bad', '50']);
    expect(r.code).toBe(1);
    expect(r.err).toContain('90 of 100 rows are bad');
    expect(snapshot(h.db)).toEqual(before);
  });

  test('an integer past the 32-bit range is a bad row naming the range, not a store error; nothing changed', async () => {
    const before = snapshot(h.db);
    const file = join(dir, 'too-old.csv');
    writeCsv(file, [row(newPhone(300), 'gz', '赵一'), row(newPhone(301), 'gz', '钱二', '58', '5000000000')]);
    const r = await cli(h, ['import', 'subscribers', file, '--mapping', mapping]);
    expect(r.code, r.err).toBe(1);
    expect(r.err).toContain('1 of 2 rows are bad');
    expect(readFileSync(`${file}.bad-rows.csv`, 'utf8')).toContain('3,年龄,"""5000000000"" 超出整数范围');
    expect(snapshot(h.db)).toEqual(before);
  });

  test('a UTF-8 upsert adds new customers and updates existing ones; --dry-run changes nothing', async () => {
    const [first] = base(h.db);
    const file = join(dir, 'upsert.csv');
    writeCsv(file, [row(first!.phone, first!.city, '改名', '99.5'), row(newPhone(500), 'sz', '新客户')]);
    const before = snapshot(h.db);
    const dry = await cli(h, ['import', 'subscribers', file, '--mapping', mapping, '--dry-run']);
    expect(dry.code, dry.err).toBe(0);
    expect(dry.out).toContain('dry run: 2 rows, 2 good, 0 bad');
    expect(snapshot(h.db)).toEqual(before);
    const r = await cli(h, ['import', 'subscribers', file, '--mapping', mapping, '--encoding', 'utf8']);
    expect(r.code, r.err).toBe(0);
    expect(r.out).toContain('"inserted":1,"updated":1');
    expect(h.db.prepare('SELECT name, arpu FROM subscribers WHERE id = ?').get(first!.id)).toEqual({ name: '改名', arpu: 99.5 });
    expect(h.db.prepare('SELECT city, name, group_id, plan, opt_out_mask FROM subscribers WHERE phone = ?').get(newPhone(500))).toEqual({ city: 'sz', name: '新客户', group_id: 'business', plan: 'plan_58', opt_out_mask: 0 });
    expect(existsSync(`${file}.bad-rows.csv`)).toBe(true);
  });

  test('the import history names the file by its base name and the command line as who ran it', async () => {
    const file = join(dir, '客户增量 12月.csv');
    writeCsv(file, [row(newPhone(700), 'gz', '历史')]);
    const r = await cli(h, ['import', 'subscribers', file, '--mapping', mapping]);
    expect(r.code, r.err).toBe(0);
    const [last] = await h.as('admin').data.jobs({ dataset: 'subscribers' });
    expect(last).toMatchObject({ status: 'succeeded', fileName: '客户增量 12月.csv', userId: null, userName: null });
  });

  test('replace: the base becomes exactly the file, and removed customers’ open journeys end with removed_from_base', async () => {
    const { runId } = publishAndStart(h.db, callFlow('gz', 'data-replace'), 'live');
    // three customers on the run: two waiting in a state, one in the control hold-out
    const gz = base(h.db).filter((s) => s.city === 'gz').slice(0, 3);
    const enrol = h.db.prepare('INSERT INTO journeys (run_id, customer_id, state, due_at, entered_at, updated_at) VALUES (?, ?, ?, NULL, 1, 1)');
    gz.forEach((c, i) => enrol.run(runId, c.id, i === 2 ? '$control' : 'call'));
    const open = [gz[0]!.id];
    const keep = base(h.db).filter((s) => s.id !== gz[0]!.id && s.id !== gz[2]!.id);
    const file = join(dir, 'replace.csv');
    writeCsv(file, keep.map((s) => row(s.phone, s.city)));
    const r = await cli(h, ['import', 'subscribers', file, '--mapping', mapping, '--mode', 'replace']);
    expect(r.code, r.err).toBe(0);
    expect(r.out).toContain('"removed":2,"journeysEnded":1');
    expect(h.db.prepare('SELECT count(*) FROM subscribers').pluck().get()).toBe(keep.length);
    expect(h.db.prepare('SELECT outcome, state FROM journeys WHERE run_id = ? AND customer_id = ?').get(runId, open[0])).toEqual({ outcome: 'removed_from_base', state: '$ended' });
    expect(h.db.prepare("SELECT detail FROM traces WHERE run_id = ? AND customer_id = ? AND code = 'ended'").pluck().all(runId, open[0])).toEqual(['removed_from_base']);
    // the kept customer's journey runs on; the control hold-out stays as the record
    expect(h.db.prepare('SELECT customer_id, state, outcome FROM journeys WHERE run_id = ? AND customer_id <> ? ORDER BY customer_id').all(runId, open[0]))
      .toEqual([{ customer_id: gz[1]!.id, state: 'call', outcome: null }, { customer_id: gz[2]!.id, state: '$control', outcome: null }]);
  });
});
