import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, expect, test } from 'vitest';
import { customer, writeParquet } from '../integration/data-import/parquet-fixtures.js';
import { callApi, screenshot } from './support/browser.js';
import { e2eApp } from './support/app.js';

/** #18 item 3 in the browser: a Parquet file uploads, previews as "Parquet" with its columns mapped by name, and imports. */
const { server, page, errors } = await e2eApp({ user: 'admin' });
const dir = mkdtempSync(join(tmpdir(), 'linkage-e2e-parquet-'));

const ROWS = 3_000;
const phone = (i: number) => `1996${String(1_000_000 + i).padStart(7, '0')}`;

afterAll(async () => {
  rmSync(dir, { recursive: true, force: true });
});

test('a Parquet file previews as Parquet (no encoding), its columns map by name, and it imports to the end', async () => {
  const file = join(dir, 'base.parquet');
  writeParquet(file, Array.from({ length: ROWS }, (_, i) => customer(phone(i), 'gz', { name: `客户${i}`, age: 20 + (i % 50) })), 1_000);
  await page.goto(`${server.url}/admin/import`);
  await page.waitForSelector('[data-testid=import-page]');
  await page.setInputFiles('[data-testid=import-file]', { name: 'base.parquet', mimeType: 'application/octet-stream', buffer: readFileSync(file) });
  await page.waitForSelector('[data-testid=import-mapping]');
  expect(await page.locator('[data-testid=import-format]').innerText()).toBe('Parquet 文件');
  expect(await page.locator('[data-testid=import-row-estimate]').innerText()).toBe('共 3,000 行数据');
  expect(await page.locator('[data-testid="map-手机号码"]').inputValue()).toBe('phone');
  expect(await page.locator('[data-testid="map-入网日期"]').inputValue()).toBe('joinedOn');
  expect(await page.locator('[data-testid=import-mapping] tbody tr').first().innerText()).toContain('2021-03-15');
  await screenshot(page, 'admin-import-parquet-01-preview-zh');
  await page.getByRole('button', { name: 'English' }).click();
  await page.waitForSelector('[data-testid=import-format] >> text=Parquet file');
  await screenshot(page, 'admin-import-parquet-01-preview-en');
  await page.getByRole('button', { name: '中文' }).click();
  await page.click('[data-testid=import-start]');
  await page.waitForSelector('[data-testid=import-progress][data-status=succeeded]', { timeout: 60_000 });
  expect(await page.locator('[data-testid=import-result]').innerText()).toContain(`新增 ${ROWS.toLocaleString('en-US')}`);
  const stored = await callApi<{ count: number }>(page, 'segment.audience', {
    segment: { conditions: { combinator: 'and', rules: [{ field: 'age', op: 'gte', value: 60 }], groups: [] }, exclusions: { optedOut: false, doNotDisturb: false, ownsOffer: false, inOtherActiveFlow: false, exclusionList: '' }, controlGroupPct: 0, entry: { mode: 'once' }, reentry: { mode: 'never' } },
    orgUnit: 'gz', slot: 'e2e',
  });
  expect(stored.count).toBeGreaterThanOrEqual(Array.from({ length: ROWS }, (_, i) => 20 + (i % 50)).filter((a) => a >= 60).length);
  await screenshot(page, 'admin-import-parquet-02-done-zh');
  expect(errors).toEqual([]);
});
