import { t, type Text } from '../../shared/text.js';
import type { EncodingOption } from './csv-source.js';
import { DATASETS, type Dataset } from './fields.js';
import type { ImportMode } from './import.js';

export interface ImportArgs {
  dataset: Dataset;
  file: string;
  mapping?: string | undefined;
  mode: ImportMode;
  dryRun: boolean;
  encoding: EncodingOption;
  maxBadPercent: number;
  report?: string | undefined;
  list?: string | undefined;
}

export const USAGE = `usage: npm run data -- import <${DATASETS.join('|')}> FILE [--mapping mapping.json] [--mode upsert|replace] [--dry-run]
       [--encoding utf8|gbk|auto] [--max-bad PERCENT] [--report bad-rows.csv] [--list NAME (exclusion lists)]`;

/** `import DATASET FILE [options]` as options, or the reason it is not one. */
export function parseImportArgs(argv: readonly string[]): ImportArgs | { error: Text } {
  const [cmd, dataset, file, ...rest] = argv;
  if (cmd !== 'import' || !dataset || !file) return { error: t('用法错误', 'wrong usage') };
  if (!(DATASETS as readonly string[]).includes(dataset)) return { error: t(`未知的数据集 "${dataset}"`, `unknown data set "${dataset}"`) };
  const a: ImportArgs = { dataset: dataset as Dataset, file, mode: 'upsert', dryRun: false, encoding: 'auto', maxBadPercent: 0 };
  for (let i = 0; i < rest.length; i++) {
    const k = rest[i]!;
    const v = rest[i + 1];
    if (k === '--dry-run') { a.dryRun = true; continue; }
    if (v === undefined) return { error: t(`${k} 缺少取值`, `${k} needs a value`) };
    i++;
    if (k === '--mapping') a.mapping = v;
    else if (k === '--report') a.report = v;
    else if (k === '--list') a.list = v;
    else if (k === '--mode' && (v === 'upsert' || v === 'replace')) a.mode = v;
    else if (k === '--encoding' && (v === 'utf8' || v === 'gbk' || v === 'auto')) a.encoding = v;
    else if (k === '--max-bad' && Number(v) >= 0 && Number(v) <= 100) a.maxBadPercent = Number(v);
    else return { error: t(`无法识别的参数 ${k} ${v}`, `unrecognised option ${k} ${v}`) };
  }
  return a;
}
