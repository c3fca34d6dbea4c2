import { open, type FileHandle } from 'node:fs/promises';
import { parquetMetadataAsync, parquetRead, parquetSchema, type AsyncBuffer, type FileMetaData } from 'hyparquet';
import { compressors } from 'hyparquet-compressors';
import { t } from '../../shared/text.js';
import type { CsvRecord } from './csv-lines.js';
import { ImportError } from './errors.js';

/** Records handed on at a time: a row group is decoded whole, then cut into batches of this size. */
const SLICE_ROWS = 2_000;
/**
 * What hyparquet decodes with its compressor package: warehouses write SNAPPY (pyarrow's and Spark's default),
 * ZSTD or GZIP; LZO, deprecated in Parquet, has no maintained JS decoder.
 */
const CODECS = new Set(['UNCOMPRESSED', 'SNAPPY', 'GZIP', 'ZSTD', 'BROTLI', 'LZ4', 'LZ4_RAW']);

const iso = (ms: number): string => {
  const s = new Date(ms).toISOString();
  // a timestamp at midnight is a date (warehouses often export dates that way)
  return s.endsWith('T00:00:00.000Z') ? s.slice(0, 10) : s;
};

/**
 * Parquet values as the text a CSV would carry, so the same per-cell checks apply: dates as YYYY-MM-DD,
 * int64 as digits, booleans as 1/0; null is an empty cell.
 */
const PARSERS = {
  dateFromDays: (days: number) => iso(days * 86_400_000),
  timestampFromMilliseconds: (v: bigint) => iso(Number(v)),
  timestampFromMicroseconds: (v: bigint) => iso(Number(v / 1000n)),
  timestampFromNanoseconds: (v: bigint) => iso(Number(v / 1_000_000n)),
};

function cellText(v: unknown): string {
  switch (typeof v) {
    case 'string': return v;
    case 'number': case 'bigint': return String(v);
    case 'boolean': return v ? '1' : '0';
    case 'undefined': return '';
    default:
      if (v === null) return '';
      if (v instanceof Date) return iso(v.getTime());
      return JSON.stringify(v, (_k, x: unknown) => (typeof x === 'bigint' ? String(x) : x));
  }
}

/** A local file as hyparquet's range reader: only the footer and the row group being read are in memory. */
export async function fileRanges(path: string): Promise<AsyncBuffer & { close(): Promise<void> }> {
  let fh: FileHandle;
  try {
    fh = await open(path, 'r');
  } catch {
    throw new ImportError(t(`无法打开文件 ${path}`, `cannot open the file ${path}`));
  }
  const { size } = await fh.stat();
  return {
    byteLength: size,
    async slice(start: number, end = size) {
      const buf = Buffer.alloc(end - start);
      await fh.read(buf, 0, buf.length, start);
      return buf.buffer.slice(buf.byteOffset, buf.byteOffset + buf.length) as ArrayBuffer;
    },
    close: () => fh.close(),
  };
}

/** The footer, or a clear error: not Parquet, or compressed in a way this reader does not decode. */
export async function parquetFooter(file: AsyncBuffer): Promise<{ metadata: FileMetaData; columns: string[] }> {
  let metadata: FileMetaData;
  try {
    metadata = await parquetMetadataAsync(file);
  } catch (e) {
    throw new ImportError(t(`不是有效的 Parquet 文件：${e instanceof Error ? e.message : String(e)}`, `not a valid Parquet file: ${e instanceof Error ? e.message : String(e)}`));
  }
  const codecs = new Set(metadata.row_groups.flatMap((g) => g.columns.map((c) => c.meta_data?.codec ?? 'UNCOMPRESSED')));
  const unsupported = [...codecs].filter((c) => !CODECS.has(c));
  if (unsupported.length) {
    throw new ImportError(t(`Parquet 文件使用了不支持的压缩方式 ${unsupported.join('、')}（支持 SNAPPY、ZSTD、GZIP、BROTLI、LZ4 或不压缩）`, `the Parquet file uses an unsupported compression ${unsupported.join(', ')} (SNAPPY, ZSTD, GZIP, BROTLI, LZ4 or none are supported)`));
  }
  return { metadata, columns: parquetSchema(metadata).children.map((c) => c.element.name) };
}

/** Rows `start`..`end` of one row group, each column decoded once, as arrays of values. */
async function readGroup(file: AsyncBuffer, metadata: FileMetaData, columns: readonly string[], start: number, end: number): Promise<unknown[][]> {
  const data = columns.map(() => new Array<unknown>(end - start));
  const index = new Map(columns.map((c, i) => [c, i]));
  try {
    await parquetRead({
      file, metadata, compressors, rowStart: start, rowEnd: end, parsers: PARSERS,
      onChunk: (c) => {
        const col = data[index.get(c.columnName)!]!;
        for (let i = 0; i < c.columnData.length; i++) col[c.rowStart - start + i] = c.columnData[i];
      },
    });
  } catch (e) {
    throw new ImportError(t(`Parquet 文件读取失败：${e instanceof Error ? e.message : String(e)}`, `the Parquet file could not be read: ${e instanceof Error ? e.message : String(e)}`));
  }
  return data;
}

/**
 * A Parquet file's records in batches, like `readCsv`: the column names first (line 0), then the rows,
 * `line` being the row number (1 = the first row). Row groups are read one at a time, so memory holds
 * the footer and one decoded row group, whatever the file's size.
 */
export async function* parquetRecords(file: AsyncBuffer): AsyncGenerator<CsvRecord[]> {
  const { metadata, columns } = await parquetFooter(file);
  yield [{ line: 0, cells: columns }];
  let start = 0;
  for (const group of metadata.row_groups) {
    const end = start + Number(group.num_rows);
    const data = await readGroup(file, metadata, columns, start, end);
    for (let from = 0; from < end - start; from += SLICE_ROWS) {
      const to = Math.min(end - start, from + SLICE_ROWS);
      const batch: CsvRecord[] = [];
      for (let r = from; r < to; r++) batch.push({ line: start + r + 1, cells: data.map((col) => cellText(col[r])) });
      yield batch;
    }
    start = end;
  }
}

/** `parquetRecords` over a local file, closed when the reader stops. */
export async function* readParquet(path: string): AsyncGenerator<CsvRecord[]> {
  const file = await fileRanges(path);
  try {
    yield* parquetRecords(file);
  } finally {
    await file.close();
  }
}
