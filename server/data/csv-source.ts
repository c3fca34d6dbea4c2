import { createReadStream, closeSync, openSync, readSync } from 'node:fs';
import iconv from 'iconv-lite';
import { t } from '../../shared/text.js';
import { CsvSplitter, type CsvRecord } from './csv-lines.js';
import { ImportError } from './errors.js';

export type EncodingOption = 'utf8' | 'gbk' | 'auto';

const SNIFF_BYTES = 256 * 1024;

/**
 * The file's encoding: a UTF-8 byte-order mark or a prefix that is valid UTF-8 → utf8, else gbk (what
 * Chinese warehouse exports usually are). Only a prefix is read; a later invalid byte shows up as an
 * undecodable cell, reported on its row.
 */
export function detectEncoding(path: string): 'utf8' | 'gbk' {
  let fd: number;
  try {
    fd = openSync(path, 'r');
  } catch {
    throw new ImportError(t(`无法打开文件 ${path}`, `cannot open the file ${path}`));
  }
  try {
    const buf = Buffer.alloc(SNIFF_BYTES);
    const n = readSync(fd, buf, 0, SNIFF_BYTES, 0);
    if (n >= 3 && buf[0] === 0xef && buf[1] === 0xbb && buf[2] === 0xbf) return 'utf8';
    // drop a multi-byte character the prefix may cut in half
    let end = n;
    if (n === SNIFF_BYTES) while (end > n - 4 && (buf[end - 1]! & 0xc0) === 0x80) end--;
    if (n === SNIFF_BYTES && end > 0 && buf[end - 1]! >= 0xc0) end--;
    try {
      new TextDecoder('utf-8', { fatal: true }).decode(buf.subarray(0, end));
      return 'utf8';
    } catch {
      return 'gbk';
    }
  } finally {
    closeSync(fd);
  }
}

/** The file's records in batches (one per chunk read), streamed with bounded memory; the first record is the header. */
export async function* readCsv(path: string, encoding: EncodingOption): AsyncGenerator<CsvRecord[]> {
  const enc = encoding === 'auto' ? detectEncoding(path) : encoding;
  const file = createReadStream(path, { highWaterMark: 256 * 1024 });
  await new Promise<void>((resolve, reject) => {
    file.once('open', () => resolve());
    file.once('error', () => reject(new ImportError(t(`无法打开文件 ${path}`, `cannot open the file ${path}`))));
  });
  const text = file.pipe(iconv.decodeStream(enc));
  const splitter = new CsvSplitter();
  try {
    for await (const chunk of text as AsyncIterable<string>) yield splitter.push(chunk);
    yield splitter.end();
  } catch (e) {
    if (e instanceof ImportError) throw e;
    const msg = e instanceof Error ? e.message : String(e);
    throw new ImportError(t(`CSV 格式错误：${msg}`, `malformed CSV: ${msg}`));
  } finally {
    file.destroy();
  }
}
