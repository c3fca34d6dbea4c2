import { closeSync, openSync, readSync } from 'node:fs';
import type { CsvRecord } from './csv-lines.js';
import { readCsv, type EncodingOption } from './csv-source.js';
import { readParquet } from './parquet-source.js';

export type FileFormat = 'csv' | 'parquet';

/** Parquet when the file starts with its magic `PAR1` or is named `.parquet` (a broken one is then reported as such); CSV otherwise. */
export function fileFormat(path: string): FileFormat {
  if (/\.parquet$/i.test(path)) return 'parquet';
  const head = Buffer.alloc(4);
  let fd: number;
  try {
    fd = openSync(path, 'r');
  } catch {
    return 'csv'; // the CSV reader reports the missing file
  }
  try {
    readSync(fd, head, 0, 4, 0);
  } finally {
    closeSync(fd);
  }
  return head.toString('latin1') === 'PAR1' ? 'parquet' : 'csv';
}

/** An import file's records in batches, header first: CSV (in the given encoding) or Parquet (UTF-8 by definition). */
export const readRecords = (path: string, encoding: EncodingOption): AsyncGenerator<CsvRecord[]> =>
  fileFormat(path) === 'parquet' ? readParquet(path) : readCsv(path, encoding);
