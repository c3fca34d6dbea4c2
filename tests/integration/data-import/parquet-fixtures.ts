import { brotliCompressSync, gzipSync } from 'node:zlib';
import { parquetWriteFile } from 'hyparquet-writer';

/** One customer as a warehouse Parquet export types it: the phone as int64, money as double, flags as boolean, dates as DATE. */
export interface ParquetCustomer { phone: bigint | null; city: string; name: string | null; arpu: number; age: number | null; smartphone: boolean; joinedOn: string; dataUsedMb: bigint }

export const customer = (phone: string, city = 'gz', over: Partial<ParquetCustomer> = {}): ParquetCustomer => ({
  phone: BigInt(phone), city, name: '张三', arpu: 58.5, age: 30, smartphone: true, joinedOn: '2021-03-15', dataUsedMb: 2048n, ...over,
});

/** The columns' names as a warehouse would export them (mapped like CSV headers). */
export const PARQUET_MAPPING = { columns: { 手机号码: 'phone', 地市: 'city', 姓名: 'name', 月均消费: 'arpu', 年龄: 'age', 智能机: 'smartphone', 入网日期: 'joinedOn', 当月流量: 'dataUsedMb' } };

/**
 * A valid Zstandard frame of raw (stored) blocks: Node 20's zlib has no zstd encoder, and the reader's
 * decoder must still walk a real frame (magic, header with the content size, block headers, last-block bit).
 */
export function zstdStored(input: Uint8Array): Uint8Array {
  const MAX = 128 * 1024;
  const parts: Buffer[] = [Buffer.from([0x28, 0xb5, 0x2f, 0xfd, 0xa0])]; // magic; single segment, 4-byte content size
  const size = Buffer.alloc(4);
  size.writeUInt32LE(input.length);
  parts.push(size);
  for (let at = 0; at === 0 || at < input.length; at += MAX) {
    const block = input.subarray(at, Math.min(input.length, at + MAX));
    const last = at + MAX >= input.length ? 1 : 0;
    const header = (block.length << 3) | last; // block type 0 = raw
    parts.push(Buffer.from([header & 0xff, (header >> 8) & 0xff, (header >> 16) & 0xff]), Buffer.from(block));
  }
  return new Uint8Array(Buffer.concat(parts));
}

/** Codecs a warehouse writes besides SNAPPY, compressed by Node itself (ZSTD as stored blocks). */
const COMPRESSORS = {
  GZIP: (b: Uint8Array) => new Uint8Array(gzipSync(b)),
  BROTLI: (b: Uint8Array) => new Uint8Array(brotliCompressSync(b)),
  ZSTD: zstdStored,
};

/** Write a real Parquet file (SNAPPY unless told, several row groups when `rowGroupSize` is below the row count). */
export function writeParquet(path: string, rows: readonly ParquetCustomer[], rowGroupSize = 100_000, codec: 'SNAPPY' | keyof typeof COMPRESSORS = 'SNAPPY'): void {
  const col = <K extends keyof ParquetCustomer>(k: K) => rows.map((r) => r[k]);
  parquetWriteFile({
    filename: path,
    rowGroupSize,
    codec,
    ...(codec === 'SNAPPY' ? {} : { compressors: { [codec]: COMPRESSORS[codec] } }),
    schema: [
      { name: 'root', num_children: 8 },
      { name: '手机号码', type: 'INT64', repetition_type: 'OPTIONAL' },
      { name: '地市', type: 'BYTE_ARRAY', converted_type: 'UTF8', repetition_type: 'REQUIRED' },
      { name: '姓名', type: 'BYTE_ARRAY', converted_type: 'UTF8', repetition_type: 'OPTIONAL' },
      { name: '月均消费', type: 'DOUBLE', repetition_type: 'REQUIRED' },
      { name: '年龄', type: 'INT32', repetition_type: 'OPTIONAL' },
      { name: '智能机', type: 'BOOLEAN', repetition_type: 'REQUIRED' },
      { name: '入网日期', type: 'INT32', converted_type: 'DATE', repetition_type: 'REQUIRED' },
      { name: '当月流量', type: 'INT64', repetition_type: 'REQUIRED' },
    ],
    columnData: [
      { name: '手机号码', data: col('phone') },
      { name: '地市', data: col('city') },
      { name: '姓名', data: col('name') },
      { name: '月均消费', data: col('arpu') },
      { name: '年龄', data: col('age') },
      { name: '智能机', data: col('smartphone') },
      { name: '入网日期', data: rows.map((r) => new Date(`${r.joinedOn}T00:00:00Z`)) },
      { name: '当月流量', data: col('dataUsedMb') },
    ],
  });
}
