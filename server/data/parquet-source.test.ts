import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parquetMetadataAsync } from 'hyparquet';
import { afterAll, expect, test } from 'vitest';
import { customer, writeParquet } from '../../tests/integration/data-import/parquet-fixtures.js';
import { fileRanges, parquetRecords } from './parquet-source.js';

const dir = mkdtempSync(join(tmpdir(), 'linkage-parquet-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

test('row groups are read one at a time: the first rows come out before the last group is read, and no read but the footer’s (a bounded tail) spans two groups', async () => {
  const path = join(dir, 'groups.parquet');
  // distinct names and amounts, so the file is larger than the footer's first read (512 KB)
  writeParquet(path, Array.from({ length: 80_000 }, (_, i) => customer(String(19970000000 + i), 'gz', { name: `客户${(i * 7919) % 100_003}`, arpu: i / 7 })), 20_000);
  const file = await fileRanges(path);
  const groups = (await parquetMetadataAsync(file)).row_groups.map((g) => {
    const chunks = g.columns.map((c) => { const from = Number(c.meta_data!.dictionary_page_offset ?? c.meta_data!.data_page_offset); return [from, from + Number(c.meta_data!.total_compressed_size)]; });
    return { from: Math.min(...chunks.map((c) => c[0]!)), to: Math.max(...chunks.map((c) => c[1]!)) };
  });
  expect(groups).toHaveLength(4);
  expect(file.byteLength).toBeGreaterThan(1024 * 1024);
  const reads: [number, number][] = [];
  const logged = { byteLength: file.byteLength, slice: (s: number, e?: number) => { reads.push([s, e ?? file.byteLength]); return file.slice(s, e); } };
  const lastGroup = groups.at(-1)!;
  let rows = 0;
  let lastGroupReadBeforeFirstRows: boolean | null = null;
  for await (const batch of parquetRecords(logged)) {
    if (batch[0]!.line === 1) lastGroupReadBeforeFirstRows = reads.some(([s, e]) => e < file.byteLength && e > lastGroup.from && s < lastGroup.to);
    if (batch[0]!.line > 0) rows += batch.length;
  }
  await file.close();
  expect(rows).toBe(80_000);
  expect(lastGroupReadBeforeFirstRows).toBe(false);
  // every read but the footer's (the file's tail) lies within one row group
  for (const [s, e] of reads.filter(([, e]) => e < file.byteLength)) expect(groups.filter((g) => e > g.from && s < g.to)).toHaveLength(1);
});

test('values come out as the text a CSV would carry: int64 digits, dates YYYY-MM-DD, booleans 1/0, nulls empty', async () => {
  const path = join(dir, 'types.parquet');
  writeParquet(path, [customer('13800138000', 'sz', { name: null, age: null, smartphone: false, arpu: 0.25, dataUsedMb: 9_007_199_254_740_993n, joinedOn: '1999-12-31' })]);
  const file = await fileRanges(path);
  const out = [];
  for await (const b of parquetRecords(file)) out.push(...b);
  await file.close();
  expect(out).toEqual([
    { line: 0, cells: ['手机号码', '地市', '姓名', '月均消费', '年龄', '智能机', '入网日期', '当月流量'] },
    { line: 1, cells: ['13800138000', 'sz', '', '0.25', '', '0', '1999-12-31', '9007199254740993'] },
  ]);
});

test('a file that is not Parquet, or that is cut short, is a clear import error', async () => {
  const fake = { byteLength: 12, slice: () => new TextEncoder().encode('PAR1 nonsense').buffer };
  await expect(parquetRecords(fake).next()).rejects.toMatchObject({ message: expect.stringContaining('not a valid Parquet file') });
});
