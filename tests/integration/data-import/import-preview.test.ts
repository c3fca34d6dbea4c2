import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import iconv from 'iconv-lite';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { openHarness, type Harness } from '../governance/harness.js';
import { HEADER, newPhone, row } from './fixtures.js';

let h: Harness;
let dir: string;

beforeAll(() => {
  h = openHarness(50);
  dir = mkdtempSync(join(tmpdir(), 'linkage-data-preview-'));
  h.services.config = { ...h.services.config, DATABASE_PATH: join(dir, 'store.db') };
});
afterAll(() => {
  rmSync(dir, { recursive: true, force: true });
  h.close();
});

const csv = (n: number, header: readonly string[] = HEADER): string =>
  [header, ...Array.from({ length: n }, (_, i) => row(newPhone(i), 'gz', `客户${i}`))].map((r) => r.join(',')).join('\n') + '\n';

async function upload(bytes: Buffer): Promise<string> {
  let uploadId: string | undefined;
  for (let at = 0; at < bytes.length; at += 1024 * 1024) {
    uploadId = (await h.as('admin').data.upload({ ...(uploadId ? { uploadId } : {}), chunkBase64: bytes.subarray(at, at + 1024 * 1024).toString('base64') })).uploadId;
  }
  return uploadId!;
}

describe('data.preview: what the mapping screen shows of an uploaded file', () => {
  test('a UTF-8 file: encoding, header, the first ten rows, exact row count; columns named by a label map themselves', async () => {
    const uploadId = await upload(Buffer.from(csv(25)));
    const p = await h.as('admin').data.preview({ uploadId, dataset: 'subscribers' });
    expect(p).toMatchObject({ encoding: 'utf8', header: HEADER, estimatedRows: 25, exact: true });
    expect(p.rows).toHaveLength(10);
    expect(p.rows[3]).toEqual(row(newPhone(3), 'gz', '客户3'));
    // 手机号码 and 地市 are the attributes' Chinese labels; 姓名 and 月均消费 are inside one label each
    // (客户姓名, 月均消费 ARPU); 套餐 is inside two (当前套餐, 套餐流量), so the admin chooses
    expect(p.suggested).toMatchObject({ 手机号码: 'phone', 地市: 'city', 姓名: 'name', 月均消费: 'arpu', 年龄: 'age' });
    expect(p.suggested).not.toHaveProperty('套餐');
    expect(p.fields.find((f) => f.key === 'phone')).toMatchObject({ required: true, label: { zh: '手机号码', en: 'Mobile number' } });
  });

  test('a header that names attribute keys or store columns maps itself; an unknown header stays unmapped', async () => {
    const header = ['phone', 'CITY', 'arpu', 'tenure_months', '备注'];
    const uploadId = await upload(Buffer.from(`${header.join(',')}\n13800000000,gz,58,12,x\n`));
    const p = await h.as('admin').data.preview({ uploadId, dataset: 'subscribers' });
    expect(p.suggested).toEqual({ phone: 'phone', CITY: 'city', arpu: 'arpu', tenure_months: 'tenureMonths' });
    expect(p).toMatchObject({ estimatedRows: 1, exact: true, rows: [['13800000000', 'gz', '58', '12', 'x']] });
  });

  test('a GBK file of ~1 MB is detected as GBK and decoded; the row count is estimated from its first 256 KB', async () => {
    const n = 15_000;
    const uploadId = await upload(iconv.encode(csv(n), 'gbk'));
    const p = await h.as('admin').data.preview({ uploadId, dataset: 'subscribers' });
    expect(p.encoding).toBe('gbk');
    expect(p.header).toEqual(HEADER);
    expect(p.rows[0]![2]).toBe('客户0');
    expect(p.exact).toBe(false);
    expect(Math.abs(p.estimatedRows - n) / n).toBeLessThan(0.02);
  });

  test('a GBK file read as UTF-8 on request is refused with the field-level reason; an unknown upload is NOT_FOUND', async () => {
    const uploadId = await upload(iconv.encode(csv(3), 'gbk'));
    await expect(h.as('admin').data.preview({ uploadId, dataset: 'subscribers', encoding: 'utf8' })).rejects.toMatchObject({ code: 'BAD_REQUEST', message: expect.stringContaining('UTF-8') });
    await expect(h.as('admin').data.preview({ uploadId: '00000000-0000-4000-8000-000000000000', dataset: 'subscribers' })).rejects.toMatchObject({ code: 'NOT_FOUND' });
  });
});
