import { closeSync, openSync, readSync, statSync } from 'node:fs';
import iconv from 'iconv-lite';
import { FIELD_BY_ID } from '../../shared/catalogue/subscriber-fields.js';
import { t, type Text } from '../../shared/text.js';
import { CsvSplitter } from './csv-lines.js';
import { detectEncoding, type EncodingOption } from './csv-source.js';
import { ImportError } from './errors.js';
import { DATASET_FIELDS, type Dataset, type ImportField, type ValueType } from './fields.js';
import { fileRanges, parquetFooter, parquetRecords } from './parquet-source.js';
import { fileFormat, type FileFormat } from './source.js';

/** Enough of the file for a header, a screenful of rows and a row-size estimate. */
const PREFIX_BYTES = 256 * 1024;
const PREVIEW_ROWS = 10;

/** Keys the segment builder does not name (identity and import-only columns). */
const OWN_LABELS: Record<string, Text> = {
  phone: t('手机号码', 'Mobile number'), name: t('姓名', 'Name'), dataAllowanceMb: t('套餐流量', 'Data allowance'),
  joinedOn: t('入网日期', 'Joined on'), product: t('产品', 'Product'), channel: t('渠道', 'Channel'), id: t('客户编号', 'Customer id'),
};

export interface PreviewField { key: string; label: Text; type: ValueType; required: boolean }

export interface UploadPreview {
  format: FileFormat;
  /** A CSV's encoding as it will be read; Parquet text is UTF-8 by definition. */
  encoding: 'utf8' | 'gbk';
  header: string[];
  rows: string[][];
  /** Data rows in the file: exact when the whole file was read, else from the prefix's bytes per row. */
  estimatedRows: number;
  exact: boolean;
  bytes: number;
  fields: PreviewField[];
  /** File header → attribute key where a name matches (key, store column, or label in either language). */
  suggested: Record<string, string>;
}

export const fieldLabel = (key: string): Text => FIELD_BY_ID[key]?.label ?? OWN_LABELS[key] ?? t(key, key);

/**
 * The header and first rows of an uploaded file as the import would read them, for the column mapping
 * screen; `alsoRequired`: keys this admin's import must map besides the data set's (a district admin's district).
 */
export async function previewUpload(path: string, dataset: Dataset, encoding: EncodingOption, alsoRequired: readonly string[] = []): Promise<UploadPreview> {
  const bytes = statSync(path).size;
  const read = fileFormat(path) === 'parquet' ? await parquetPrefix(path) : csvPrefix(path, bytes, encoding);
  const { fields, required } = DATASET_FIELDS[dataset];
  const out: PreviewField[] = fields.map((f) => ({ key: f.key, label: fieldLabel(f.key), type: f.type, required: required.includes(f.key) || alsoRequired.includes(f.key) }));
  return { ...read, bytes, fields: out, suggested: suggestMapping(read.header, out, fields) };
}

/** A header or label as compared: case, spaces, brackets and separators do not count. */
const norm = (s: string): string => s.toLowerCase().replace(/[\s_\-·()（）]/g, '');

/**
 * File header → attribute key: a header that is a field's key, store column or label (either language, or
 * the import's own name for it) maps to it; failing that, one that a single field's label contains or is
 * contained in (warehouse exports say 姓名 for 客户姓名, 月均消费 for 月均消费 ARPU). Each field at most once.
 */
export function suggestMapping(header: readonly string[], fields: readonly PreviewField[], columns: readonly ImportField[]): Record<string, string> {
  const names = new Map(fields.map((f) => {
    const column = columns.find((x) => x.key === f.key)?.column ?? f.key;
    return [f.key, [f.key, column, f.label.zh, f.label.en, OWN_LABELS[f.key]?.zh, OWN_LABELS[f.key]?.en].filter((x): x is string => !!x).map(norm)];
  }));
  const suggested: Record<string, string> = {};
  const taken = new Set<string>();
  const pick = (h: string, matches: (n: string, own: string) => boolean): void => {
    const n = norm(h);
    if (suggested[h] || n.length === 0) return;
    const hits = fields.filter((f) => !taken.has(f.key) && names.get(f.key)!.some((own) => matches(n, own)));
    if (hits.length !== 1) return;
    suggested[h] = hits[0]!.key;
    taken.add(hits[0]!.key);
  };
  for (const h of header) pick(h, (n, own) => n === own);
  for (const h of header) pick(h, (n, own) => n.length >= 2 && own.length >= 2 && (own.includes(n) || n.includes(own)));
  return suggested;
}

type FilePrefix = Pick<UploadPreview, 'format' | 'encoding' | 'header' | 'rows' | 'estimatedRows' | 'exact'>;

function csvPrefix(path: string, bytes: number, encoding: EncodingOption): FilePrefix {
  const enc = encoding === 'auto' ? detectEncoding(path) : encoding;
  const buf = Buffer.alloc(Math.min(PREFIX_BYTES, bytes));
  const fd = openSync(path, 'r');
  try {
    readSync(fd, buf, 0, buf.length, 0);
  } finally {
    closeSync(fd);
  }
  const whole = buf.length === bytes;
  const splitter = new CsvSplitter();
  const records = splitter.push(iconv.decode(buf, enc));
  if (whole) records.push(...splitter.end());
  const [head, ...data] = records;
  if (!head) throw new ImportError(t('文件是空的，或第一行太长', 'the file is empty, or its first line is too long'));
  const header = head.cells.map((h) => h.trim());
  if (header.some((h) => h.includes('\uFFFD'))) {
    throw new ImportError(t(`表头按 ${enc === 'gbk' ? 'GBK' : 'UTF-8'} 无法解码：请换一种编码`, `the header does not decode as ${enc === 'gbk' ? 'GBK' : 'UTF-8'}: pick another encoding`));
  }
  // the prefix's last, cut line is left out of `records`: off by under one row per 256 KB
  const estimatedRows = whole ? data.length : Math.round((records.length * bytes) / buf.length) - 1;
  return { format: 'csv', encoding: enc, header, rows: data.slice(0, PREVIEW_ROWS).map((r) => r.cells), estimatedRows, exact: whole };
}

/** A Parquet file's columns and first rows (its first row group only); the row count is in its footer. */
async function parquetPrefix(path: string): Promise<FilePrefix> {
  const file = await fileRanges(path);
  try {
    const { metadata } = await parquetFooter(file);
    const records = parquetRecords(file);
    const header = (await records.next()).value?.[0]?.cells ?? [];
    const first = await records.next();
    await records.return(undefined);
    const rows = first.done ? [] : first.value.slice(0, PREVIEW_ROWS).map((r) => r.cells);
    return { format: 'parquet', encoding: 'utf8', header, rows, estimatedRows: Number(metadata.num_rows), exact: true };
  } finally {
    await file.close();
  }
}
