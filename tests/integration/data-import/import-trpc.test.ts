import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import iconv from 'iconv-lite';
import { afterAll, beforeAll, describe, expect, test, vi } from 'vitest';
import { createJob, requestCancel } from '../../../server/data/jobs.js';
import { uploadDir } from '../../../server/data/uploads.js';
import { openHarness, type Harness } from '../governance/harness.js';
import { callFlow, publishAndStart } from '../monitoring/support.js';
import { HEADER, MAPPING, base, newPhone, row, snapshot } from './fixtures.js';

type Caller = ReturnType<Harness['as']>;
let h: Harness;
let dir: string;

beforeAll(() => {
  h = openHarness(300);
  // uploads and reports go beside the configured SQLite path: a private folder for this test
  dir = mkdtempSync(join(tmpdir(), 'linkage-data-trpc-'));
  h.services.config = { ...h.services.config, DATABASE_PATH: join(dir, 'store.db') };
  // a city admin (Guangzhou) besides the demo's province admin
  const id = h.db.prepare(`INSERT INTO users (username, display_name, password_hash, org_unit, disabled, created_at) VALUES ('admin_gz', '广州管理', 'x', 'gz', 0, '2026-01-01') RETURNING id`).pluck().get() as number;
  h.db.prepare("INSERT INTO user_roles (user_id, role) VALUES (?, 'admin')").run(id);
});
afterAll(() => {
  rmSync(dir, { recursive: true, force: true });
  h.close();
});

const csv = (rows: readonly (readonly string[])[], header: readonly string[] = HEADER): string => [header, ...rows].map((r) => r.join(',')).join('\n') + '\n';

/** Upload `bytes` in chunks of `chunk` bytes, as the admin page will. */
async function upload(as: Caller, bytes: Buffer, chunk = 64 * 1024): Promise<string> {
  let uploadId: string | undefined;
  for (let at = 0; at < bytes.length; at += chunk) {
    const r = await as.data.upload({ ...(uploadId ? { uploadId } : {}), chunkBase64: bytes.subarray(at, at + chunk).toString('base64') });
    uploadId = r.uploadId;
    expect(r.bytes).toBe(Math.min(bytes.length, at + chunk));
  }
  return uploadId!;
}

/** Wait for the job to leave `running` (it runs off the request path). */
const finished = (as: Caller, jobId: string) => vi.waitFor(async () => {
  const s = await as.data.status({ jobId });
  expect(s.status).not.toBe('running');
  return s;
}, { timeout: 30_000, interval: 30 });

describe('data.* (tRPC): imports off the request path into the real store', () => {
  test('a province admin imports a GBK file uploaded in chunks; progress and the summary are in the job row', async () => {
    const admin = h.as('admin');
    const rows = Array.from({ length: 1200 }, (_, i) => row(newPhone(i), i % 2 ? 'gz' : 'sz', `客户${i}`));
    const uploadId = await upload(admin, iconv.encode(csv(rows), 'gbk'), 16 * 1024);
    const { jobId } = await admin.data.start({ dataset: 'subscribers', uploadId, mapping: MAPPING });
    const s = await finished(admin, jobId);
    expect(s).toMatchObject({ status: 'succeeded', rowsDone: 1200, badRows: 0, summary: { rows: 1200, good: 1200, applied: true, changes: { inserted: 1200, updated: 0 } } });
    expect(s.rowsPerSec).toBeGreaterThan(0);
    expect(h.db.prepare('SELECT name FROM subscribers WHERE phone = ?').pluck().get(newPhone(7))).toBe('客户7');
    expect((await admin.data.jobs({ dataset: 'subscribers' })).map((j) => j.id)).toContain(jobId);
  });

  test('a city admin imports only that city: a row of another city is a bad row, nothing changes, the report says why; the job is hidden from other cities', async () => {
    const gzAdmin = h.as('admin_gz');
    const before = snapshot(h.db);
    const uploadId = await upload(gzAdmin, Buffer.from(csv([row(newPhone(5000), 'gz'), row(newPhone(5001), 'sz')])));
    const { jobId } = await gzAdmin.data.start({ dataset: 'subscribers', uploadId, mapping: MAPPING });
    const s = await finished(gzAdmin, jobId);
    expect(s.status).toBe('failed');
    expect(s.error).toContain('1 of 2 rows are bad');
    expect(snapshot(h.db)).toEqual(before);
    const report = await gzAdmin.data.report({ jobId });
    expect(report.csv).toContain('3,地市,只能导入本单位（gz）的客户,only customers of your unit (gz) can be imported');
    // a Shenzhen admin does not see it; the province admin does
    const szId = h.db.prepare(`INSERT INTO users (username, display_name, password_hash, org_unit, disabled, created_at) VALUES ('admin_sz', '深圳管理', 'x', 'sz', 0, '2026-01-01') RETURNING id`).pluck().get() as number;
    h.db.prepare("INSERT INTO user_roles (user_id, role) VALUES (?, 'admin')").run(szId);
    await expect(h.as('admin_sz').data.status({ jobId })).rejects.toMatchObject({ code: 'NOT_FOUND' });
    await expect(h.as('admin_sz').data.cancel({ jobId })).rejects.toMatchObject({ code: 'NOT_FOUND' });
    expect((await h.as('admin').data.status({ jobId })).status).toBe('failed');
  });

  test('a city admin’s replace makes only that city’s base exactly the file; other cities are untouched', async () => {
    const gzAdmin = h.as('admin_gz');
    const others = h.db.prepare("SELECT * FROM subscribers WHERE city <> 'gz' ORDER BY id").all();
    const keep = base(h.db).find((c) => c.city === 'gz')!;
    const uploadId = await upload(gzAdmin, Buffer.from(csv([row(keep.phone, 'gz', '留下')])));
    const { jobId } = await gzAdmin.data.start({ dataset: 'subscribers', uploadId, mapping: MAPPING, mode: 'replace' });
    const s = await finished(gzAdmin, jobId);
    expect(s.status, s.error ?? '').toBe('succeeded');
    expect(h.db.prepare("SELECT phone, name FROM subscribers WHERE city = 'gz'").all()).toEqual([{ phone: keep.phone, name: '留下' }]);
    expect(h.db.prepare("SELECT * FROM subscribers WHERE city <> 'gz' ORDER BY id").all()).toEqual(others);
  });

  test('one import per data set at a time: a second start is refused with a clear error', async () => {
    const admin = h.as('admin');
    const held = createJob(h.db, 'dnd', 'elsewhere.csv', {}, { userId: null, orgUnit: null });
    const uploadId = await upload(admin, Buffer.from('phone\n'));
    await expect(admin.data.start({ dataset: 'dnd', uploadId })).rejects.toMatchObject({ code: 'CONFLICT', message: expect.stringContaining('is already running') });
    expect(requestCancel(h.db, held)).toBe(true);
    h.db.prepare("UPDATE data_import_jobs SET status = 'cancelled' WHERE id = ?").run(held);
  });

  test('cancel: the import stops and leaves the base exactly as it was', async () => {
    const admin = h.as('admin');
    const before = snapshot(h.db);
    const rows = Array.from({ length: 60_000 }, (_, i) => row(newPhone(10_000 + i), 'gz'));
    const uploadId = await upload(admin, Buffer.from(csv(rows)), 4 * 1024 * 1024);
    const { jobId } = await admin.data.start({ dataset: 'subscribers', uploadId, mapping: MAPPING });
    expect(await admin.data.cancel({ jobId })).toEqual({ cancelling: true });
    const s = await finished(admin, jobId);
    expect(s.status).toBe('cancelled');
    expect(s.error).toContain('nothing was changed');
    expect(snapshot(h.db)).toEqual(before);
  });

  test('DND and opt-out lists go through the contact-preference history; products and a saved exclusion list by the same path', async () => {
    const admin = h.as('admin');
    const [a, b, c] = base(h.db);
    const run = async (dataset: 'dnd' | 'optout' | 'products' | 'exclusion', text: string, extra: { mode?: 'replace'; list?: string } = {}) => {
      const { jobId } = await admin.data.start({ dataset, uploadId: await upload(admin, Buffer.from(text)), ...extra });
      const s = await finished(admin, jobId);
      expect(s.status, s.error ?? '').toBe('succeeded');
      return jobId;
    };
    const dndJob = await run('dnd', `phone\n${a!.phone}\n${b!.phone}\n`);
    expect(h.db.prepare('SELECT dnd FROM subscribers WHERE id IN (?, ?)').pluck().all(a!.id, b!.id)).toEqual([1, 1]);
    expect(h.db.prepare("SELECT kind, source, detail FROM contact_pref_changes WHERE customer_id = ? ORDER BY id").all(a!.id)).toEqual([{ kind: 'dnd_on', source: 'admin', detail: `import ${dndJob}` }]);
    // replace: b leaves the DND list
    await run('dnd', `phone\n${a!.phone}\n`, { mode: 'replace' });
    expect(h.db.prepare('SELECT dnd FROM subscribers WHERE id = ?').pluck().get(b!.id)).toBe(0);
    expect(h.db.prepare("SELECT kind FROM contact_pref_changes WHERE customer_id = ? ORDER BY id").pluck().all(b!.id)).toEqual(['dnd_on', 'dnd_off']);

    await run('optout', `phone,channel\n${c!.phone},bulk_sms\n`);
    expect(h.db.prepare("SELECT kind, channel FROM contact_pref_changes WHERE customer_id = ? AND kind = 'opt_out'").all(c!.id)).toEqual([{ kind: 'opt_out', channel: 'bulk_sms' }]);
    expect(Number(h.db.prepare('SELECT opt_out_mask FROM subscribers WHERE id = ?').pluck().get(c!.id))).not.toBe(0);

    await run('products', `phone,product\n${a!.phone},dp_10g\n`);
    expect(h.db.prepare("SELECT count(*) FROM subscriber_products WHERE subscriber_id = ? AND product_id = 'dp_10g'").pluck().get(a!.id)).toBe(1);

    await run('exclusion', `phone,id\n${a!.phone},\n,${b!.id}\n`, { list: '投诉名单', mode: 'replace' });
    expect(h.db.prepare("SELECT subscriber_id FROM exclusion_lists WHERE name = '投诉名单' ORDER BY subscriber_id").pluck().all()).toEqual([a!.id, b!.id].sort((x, y) => x - y));
    expect(h.db.prepare("SELECT count(*) FROM exclusion_list_names WHERE name = '投诉名单'").pluck().get()).toBe(1);
  });

  test('bad input answers a clear error, not a 500: an unknown upload, a mapping to an unknown attribute', async () => {
    const admin = h.as('admin');
    await expect(admin.data.start({ dataset: 'subscribers', uploadId: '00000000-0000-4000-8000-000000000000' })).rejects.toMatchObject({ code: 'NOT_FOUND' });
    const uploadId = await upload(admin, Buffer.from(csv([row(newPhone(9000))])));
    const { jobId } = await admin.data.start({ dataset: 'subscribers', uploadId, mapping: { columns: { 手机号码: 'phone', 地市: 'city', 姓名: 'nickname' } } });
    const s = await finished(admin, jobId);
    expect(s.status).toBe('failed');
    expect(s.error).toContain('unknown attribute "nickname"');
    expect(readFileSync(uploadDir(h.services.config) + `/${jobId}.bad-rows.csv`, 'utf8')).toContain('line,column,reason_zh,reason_en');
  });
});

describe('a district admin imports the customers of that district (#18)', () => {
  const DISTRICT_HEADER = [...HEADER, '区县'];
  const DISTRICT_MAPPING = { columns: { ...MAPPING.columns, 区县: 'district' } };
  const p = (i: number) => newPhone(80_000 + i);
  /** A row with a district cell ('' = none). */
  const drow = (phone: string, city: string, district: string, name = '张三') => [...row(phone, city, name), district];
  const importAs = async (as: Caller, rows: string[][], extra: { mode?: 'replace'; header?: readonly string[]; mapping?: typeof MAPPING } = {}) => {
    const uploadId = await upload(as, Buffer.from(csv(rows, extra.header ?? DISTRICT_HEADER)));
    const { jobId } = await as.data.start({ dataset: 'subscribers', uploadId, mapping: extra.mapping ?? DISTRICT_MAPPING, ...(extra.mode ? { mode: extra.mode } : {}) });
    return { jobId, status: await finished(as, jobId) };
  };
  const districtOf = (phone: string) => h.db.prepare('SELECT city, district FROM subscribers WHERE phone = ?').get(phone);

  beforeAll(async () => {
    const id = h.db.prepare(`INSERT INTO users (username, display_name, password_hash, org_unit, disabled, created_at) VALUES ('admin_th', '天河管理', 'x', 'gz_tianhe', 0, '2026-01-01') RETURNING id`).pluck().get() as number;
    h.db.prepare("INSERT INTO user_roles (user_id, role) VALUES (?, 'admin')").run(id);
    // the province admin puts two Tianhe customers, one of Haizhu and one of Guangzhou without a district in the base
    const r = await importAs(h.as('admin'), [drow(p(0), 'gz', 'gz_tianhe', '天河甲'), drow(p(1), 'gz', 'gz_tianhe', '天河乙'), drow(p(2), 'gz', 'gz_haizhu', '海珠'), drow(p(3), 'gz', '', '无区县')]);
    expect(r.status.status, r.status.error ?? '').toBe('succeeded');
  });

  test('rows of another district or city, a row without a district, and another district\'s customer named by phone are bad rows saying why; nothing changes', async () => {
    const th = h.as('admin_th');
    const before = snapshot(h.db);
    const { jobId, status } = await importAs(th, [
      drow(p(10), 'gz', 'gz_tianhe'), drow(p(11), 'gz', 'gz_haizhu'), drow(p(12), 'sz', 'sz_nanshan'), drow(p(13), 'gz', ''), drow(p(2), 'gz', 'gz_tianhe'),
    ]);
    expect(status.status).toBe('failed');
    expect(status.error).toContain('4 of 5 rows are bad');
    expect(snapshot(h.db)).toEqual(before);
    const report = (await th.data.report({ jobId })).csv;
    expect(report).toContain("3,区县,区县 gz_haizhu 不是本单位（gz_tianhe）：只能导入本区县的客户,district gz_haizhu is not your unit (gz_tianhe): only your district's customers can be imported");
    expect(report).toContain('4,地市,只能导入本单位（gz_tianhe）的客户,only customers of your unit (gz_tianhe) can be imported');
    expect(report).toContain('5,区县,区县为空：只能导入本单位（gz_tianhe）的客户,no district: only customers of your unit (gz_tianhe) can be imported');
    expect(report).toContain('6,手机号码,该号码属于其他单位的客户,this number belongs to a customer of another unit');
    // the job is the district's: its admin and the province see it, the city admin does not
    expect((await h.as('admin').data.status({ jobId })).status).toBe('failed');
    await expect(h.as('admin_gz').data.status({ jobId })).rejects.toMatchObject({ code: 'NOT_FOUND' });

    // the district's own rows go in
    const ok = await importAs(th, [drow(p(10), 'gz', 'gz_tianhe', '新天河'), drow(p(0), 'gz', 'gz_tianhe', '改名')]);
    expect(ok.status).toMatchObject({ status: 'succeeded', summary: { changes: { inserted: 1, updated: 1, removed: 0 } } });
    expect(h.db.prepare('SELECT name, city, district FROM subscribers WHERE phone = ?').get(p(10))).toEqual({ name: '新天河', city: 'gz', district: 'gz_tianhe' });
    expect(h.db.prepare('SELECT name FROM subscribers WHERE phone = ?').pluck().get(p(0))).toBe('改名');
  });

  test('lists too: a district admin names only the district\'s customers, and replace clears only theirs', async () => {
    const th = h.as('admin_th');
    const dnd = async (phones: string[], mode?: 'replace') => {
      const { jobId } = await th.data.start({ dataset: 'dnd', uploadId: await upload(th, Buffer.from(`phone\n${phones.join('\n')}\n`)), ...(mode ? { mode } : {}) });
      return { jobId, status: await finished(th, jobId) };
    };
    const dndOf = (phone: string) => Number(h.db.prepare('SELECT dnd FROM subscribers WHERE phone = ?').pluck().get(phone));
    const refused = await dnd([p(0), p(2)]);
    expect(refused.status.status).toBe('failed');
    expect((await th.data.report({ jobId: refused.jobId })).csv).toContain('3,phone,不是本单位的客户,not a customer of your unit');
    expect([dndOf(p(0)), dndOf(p(2))]).toEqual([0, 0]);
    // Haizhu's customer is on the list (the province put them there): a Tianhe replace leaves them on it
    const admin = h.as('admin');
    const { jobId } = await admin.data.start({ dataset: 'dnd', uploadId: await upload(admin, Buffer.from(`phone\n${p(1)}\n${p(2)}\n`)) });
    expect((await finished(admin, jobId)).status).toBe('succeeded');
    const onList = Number(h.db.prepare(`SELECT count(*) FROM subscribers WHERE district = 'gz_tianhe' AND dnd = 1`).pluck().get());
    const replaced = await dnd([p(0)], 'replace');
    expect(replaced.status).toMatchObject({ status: 'succeeded', summary: { changes: { added: 1, removed: onList } } });
    expect([dndOf(p(0)), dndOf(p(1)), dndOf(p(2))]).toEqual([1, 0, 1]);
    expect(h.db.prepare(`SELECT phone FROM subscribers WHERE district = 'gz_tianhe' AND dnd = 1`).pluck().all()).toEqual([p(0)]);
  });

  test('a district customer file without a district column is refused as a whole, saying so; the preview marks the district required', async () => {
    const before = snapshot(h.db);
    const required = async (as: Caller) => {
      const preview = await as.data.preview({ uploadId: await upload(as, Buffer.from(csv([row(p(20), 'gz')], HEADER))), dataset: 'subscribers' });
      return preview.fields.filter((f) => f.required).map((f) => f.key);
    };
    expect(await required(h.as('admin_th'))).toEqual(['phone', 'city', 'district']);
    expect(await required(h.as('admin_gz'))).toEqual(['phone', 'city']);
    const { status } = await importAs(h.as('admin_th'), [row(p(20), 'gz')], { header: HEADER, mapping: MAPPING });
    expect(status.status).toBe('failed');
    expect(status.error).toContain('区县管理员导入客户时文件须有区县列（district）');
    expect(status.error).toContain("a district admin's customer file needs a district column, each row naming gz_tianhe");
    expect(snapshot(h.db)).toEqual(before);
  });

  test('replace ends journeys and removes customers inside the district only; the city\'s other customers and their journeys stay', async () => {
    const { runId } = publishAndStart(h.db, callFlow('gz', 'district-replace'), 'live');
    const id = (phone: string) => Number(h.db.prepare('SELECT id FROM subscribers WHERE phone = ?').pluck().get(phone));
    const enrol = h.db.prepare(`INSERT INTO journeys (run_id, customer_id, state, due_at, entered_at, updated_at) VALUES (?, ?, 'call', NULL, 1, 1)`);
    const [removed, haizhu, none] = [id(p(1)), id(p(2)), id(p(3))];
    for (const c of [removed, haizhu, none]) enrol.run(runId, c);
    const outside = h.db.prepare(`SELECT * FROM subscribers WHERE district IS NULL OR district <> 'gz_tianhe' ORDER BY id`).all();
    const tianhe = Number(h.db.prepare(`SELECT count(*) FROM subscribers WHERE district = 'gz_tianhe'`).pluck().get());
    expect(tianhe).toBeGreaterThanOrEqual(3);

    const { status } = await importAs(h.as('admin_th'), [drow(p(0), 'gz', 'gz_tianhe', '改名'), drow(p(10), 'gz', 'gz_tianhe', '新天河')], { mode: 'replace' });
    expect(status).toMatchObject({ status: 'succeeded', summary: { changes: { inserted: 0, updated: 2, removed: tianhe - 2, journeysEnded: 1 } } });
    expect(h.db.prepare(`SELECT phone FROM subscribers WHERE district = 'gz_tianhe' ORDER BY phone`).pluck().all()).toEqual([p(0), p(10)]);
    expect(h.db.prepare(`SELECT * FROM subscribers WHERE district IS NULL OR district <> 'gz_tianhe' ORDER BY id`).all()).toEqual(outside);
    // the removed Tianhe customer's journey ended; Haizhu's and the no-district customer's run on
    const journey = (c: number) => h.db.prepare('SELECT state, outcome FROM journeys WHERE run_id = ? AND customer_id = ?').get(runId, c);
    expect(journey(removed)).toEqual({ state: '$ended', outcome: 'removed_from_base' });
    expect(journey(haizhu)).toEqual({ state: 'call', outcome: null });
    expect(journey(none)).toEqual({ state: 'call', outcome: null });
  });

  test('an upsert moving a customer to another city without a district column clears the district; staying in the city keeps it', async () => {
    const admin = h.as('admin');
    expect(districtOf(p(0))).toEqual({ city: 'gz', district: 'gz_tianhe' });
    expect(districtOf(p(2))).toEqual({ city: 'gz', district: 'gz_haizhu' });
    const { status } = await importAs(admin, [row(p(0), 'sz'), row(p(2), 'gz')], { header: HEADER, mapping: MAPPING });
    expect(status).toMatchObject({ status: 'succeeded', summary: { changes: { updated: 2 } } });
    expect(districtOf(p(0))).toEqual({ city: 'sz', district: null });
    expect(districtOf(p(2))).toEqual({ city: 'gz', district: 'gz_haizhu' });
    // with a district column the file says where: moved with its new district
    const moved = await importAs(admin, [drow(p(2), 'sz', 'sz_futian')]);
    expect(moved.status.status).toBe('succeeded');
    expect(districtOf(p(2))).toEqual({ city: 'sz', district: 'sz_futian' });
  });
});
