import { spawn } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, test, vi } from 'vitest';
import { openHarness, type Harness } from '../governance/harness.js';
import { base, newPhone, snapshot } from './fixtures.js';
import { PARQUET_MAPPING, customer, writeParquet } from './parquet-fixtures.js';

type Caller = ReturnType<Harness['as']>;
let h: Harness;
let dir: string;
let mapping: string;

beforeAll(() => {
  h = openHarness(300);
  dir = mkdtempSync(join(tmpdir(), 'linkage-parquet-import-'));
  h.services.config = { ...h.services.config, DATABASE_PATH: join(dir, 'store.db') };
  mapping = join(dir, 'mapping.json');
  writeFileSync(mapping, JSON.stringify(PARQUET_MAPPING));
});
afterAll(() => {
  h.close();
  rmSync(dir, { recursive: true, force: true });
});

/** `npm run data -- import …` as a child process against the harness's store. */
function cli(args: string[]): Promise<{ code: number; out: string; err: string }> {
  const pg = h.db.name.startsWith('postgres');
  const env: Record<string, string | undefined> = { ...process.env, LOG_LEVEL: 'silent', ...(pg ? { DATABASE_URL: h.db.name } : { DATABASE_PATH: h.db.name }) };
  if (!pg) delete env.DATABASE_URL;
  const child = spawn(process.execPath, ['--import', 'tsx', 'server/cli/data.ts', ...args], { env, cwd: process.cwd() });
  let out = '';
  let err = '';
  child.stdout.on('data', (d: Buffer) => { out += d.toString(); });
  child.stderr.on('data', (d: Buffer) => { err += d.toString(); });
  return new Promise((ok) => child.on('close', (code) => ok({ code: code ?? -1, out, err })));
}

async function upload(as: Caller, bytes: Buffer, chunk = 64 * 1024): Promise<string> {
  let uploadId: string | undefined;
  for (let at = 0; at < bytes.length; at += chunk) uploadId = (await as.data.upload({ ...(uploadId ? { uploadId } : {}), chunkBase64: bytes.subarray(at, at + chunk).toString('base64') })).uploadId;
  return uploadId!;
}

const finished = (as: Caller, jobId: string) => vi.waitFor(async () => {
  const s = await as.data.status({ jobId });
  expect(s.status).not.toBe('running');
  return s;
}, { timeout: 60_000, interval: 30 });

const stored = (phone: string) => h.db.prepare('SELECT city, name, arpu, age, smartphone, joined_on AS "joinedOn", data_used_mb AS "dataUsedMb" FROM subscribers WHERE phone = ?').get(phone);

describe('Parquet import (real files, real store)', () => {
  test('CLI: bad rows are reported by row number, column and reason, across row groups; nothing changes', async () => {
    const before = snapshot(h.db);
    const file = join(dir, 'bad.parquet');
    const rows = Array.from({ length: 2_500 }, (_, i) => customer(newPhone(i)));
    rows[9] = customer('1380013800'); // 10 digits (int64 has no leading zeros to lose)
    rows[1_200] = customer(newPhone(1_200), 'mars');
    rows[2_400] = customer(newPhone(3)); // the phone of row 4
    rows[2_499] = { ...customer(newPhone(2_499)), phone: null };
    writeParquet(file, rows, 1_000);
    const r = await cli(['import', 'subscribers', file, '--mapping', mapping]);
    expect(r.code, r.err).toBe(1);
    expect(r.err).toContain('4 of 2500 rows are bad');
    const report = readFileSync(`${file}.bad-rows.csv`, 'utf8');
    expect(report).toContain('10,手机号码,"""1380013800"" 不是 11 位大陆手机号"');
    expect(report).toContain('1201,地市,"""mars"" 不是可选值之一');
    expect(report).toContain('2401,手机号码,与第 4 行重复,duplicates line 4');
    expect(report).toContain('2500,手机号码,必填，不能为空,"required, empty"');
    expect(snapshot(h.db)).toEqual(before);
  });

  test('CLI: int64 phones, int32, int64, double, boolean, string and date columns land as their attributes; --dry-run first changes nothing', async () => {
    const [first] = base(h.db);
    const file = join(dir, 'good.parquet');
    writeParquet(file, [
      customer(first!.phone, first!.city, { name: '改名', arpu: 99.75, age: 41, smartphone: false, joinedOn: '2019-02-28', dataUsedMb: 2_000_000_000n }),
      customer(newPhone(9_000), 'sz', { name: null, age: null }),
    ]);
    const before = snapshot(h.db);
    const dry = await cli(['import', 'subscribers', file, '--mapping', mapping, '--dry-run']);
    expect(dry.code, dry.err).toBe(0);
    expect(dry.out).toContain('dry run: 2 rows, 2 good, 0 bad');
    expect(snapshot(h.db)).toEqual(before);
    const r = await cli(['import', 'subscribers', file, '--mapping', mapping]);
    expect(r.code, r.err).toBe(0);
    expect(r.out).toContain('"inserted":1,"updated":1');
    expect(stored(first!.phone)).toEqual({ city: first!.city, name: '改名', arpu: 99.75, age: 41, smartphone: 0, joinedOn: '2019-02-28', dataUsedMb: 2_000_000_000 });
    // empty (null) cells take the defaults of a new customer
    expect(stored(newPhone(9_000))).toEqual({ city: 'sz', name: '', arpu: 58.5, age: 0, smartphone: 1, joinedOn: '2021-03-15', dataUsedMb: 2048 });
  });

  test('tRPC: an uploaded Parquet file previews as Parquet (columns, first rows, exact row count), then imports off the request path', async () => {
    const admin = h.as('admin');
    const file = join(dir, 'upload.parquet');
    writeParquet(file, Array.from({ length: 3_000 }, (_, i) => customer(newPhone(20_000 + i), i % 2 ? 'gz' : 'sz', { name: `客户${i}` })), 1_000);
    const uploadId = await upload(admin, readFileSync(file), 16 * 1024);
    const preview = await admin.data.preview({ uploadId, dataset: 'subscribers' });
    expect(preview).toMatchObject({ format: 'parquet', header: Object.keys(PARQUET_MAPPING.columns), estimatedRows: 3_000, exact: true });
    expect(preview.rows[1]).toEqual([newPhone(20_001), 'gz', '客户1', '58.5', '30', '1', '2021-03-15', '2048']);
    expect(preview.suggested).toMatchObject({ 手机号码: 'phone', 地市: 'city', 年龄: 'age' });
    const { jobId } = await admin.data.start({ dataset: 'subscribers', uploadId, mapping: PARQUET_MAPPING });
    const s = await finished(admin, jobId);
    expect(s).toMatchObject({ status: 'succeeded', rowsDone: 3_000, badRows: 0, summary: { rows: 3_000, applied: true, changes: { inserted: 3_000, updated: 0 } } });
    expect(h.db.prepare('SELECT name FROM subscribers WHERE phone = ?').pluck().get(newPhone(22_999))).toBe('客户2999');
  });

  test('tRPC: cancel stops a Parquet import of many row groups; the base is exactly as it was', async () => {
    const admin = h.as('admin');
    const before = snapshot(h.db);
    const file = join(dir, 'cancel.parquet');
    writeParquet(file, Array.from({ length: 60_000 }, (_, i) => customer(newPhone(40_000 + i))), 5_000);
    const uploadId = await upload(admin, readFileSync(file), 4 * 1024 * 1024);
    const { jobId } = await admin.data.start({ dataset: 'subscribers', uploadId, mapping: PARQUET_MAPPING });
    expect(await admin.data.cancel({ jobId })).toEqual({ cancelling: true });
    const s = await finished(admin, jobId);
    expect(s.status).toBe('cancelled');
    expect(snapshot(h.db)).toEqual(before);
  });

  test.each(['GZIP', 'ZSTD', 'BROTLI'] as const)('CLI: a %s-compressed file (what warehouses also write) imports like SNAPPY, across row groups', async (codec) => {
    const file = join(dir, `${codec}.parquet`);
    const rows = Array.from({ length: 2_500 }, (_, i) => customer(newPhone(200_000 + i + 10_000 * ['GZIP', 'ZSTD', 'BROTLI'].indexOf(codec)), 'sz', { name: `${codec}客户${i}`, arpu: 10 + i / 4 }));
    writeParquet(file, rows, 1_000, codec);
    const r = await cli(['import', 'subscribers', file, '--mapping', mapping]);
    expect(r.code, r.err).toBe(0);
    expect(r.out).toContain('"inserted":2500');
    expect(stored(rows[2_499]!.phone!.toString())).toMatchObject({ city: 'sz', name: `${codec}客户2499`, arpu: 10 + 2_499 / 4 });
  });

  test('a file named .parquet that is not Parquet fails with a clear message', async () => {
    const file = join(dir, 'fake.parquet');
    writeFileSync(file, 'phone,city\n13800138000,gz\n');
    const r = await cli(['import', 'subscribers', file]);
    expect(r.code).toBe(1);
    expect(r.err).toContain('not a valid Parquet file');
  });
});
