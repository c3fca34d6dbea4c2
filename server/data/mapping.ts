import { z } from 'zod';
import { t } from '../../shared/text.js';
import { DATASET_FIELDS, type Dataset, type ImportField } from './fields.js';
import { ImportError } from './errors.js';

/**
 * A mapping file: `{ "columns": { "手机号码": "phone", "地市": "city" } }` — file header → attribute key.
 * Without one, a header that is an attribute key or its store column maps to it.
 */
export const mappingSchema = z.object({ columns: z.record(z.string().min(1).max(100), z.string().min(1).max(100)) }).strict();
export type Mapping = z.infer<typeof mappingSchema>;

export interface BoundField { field: ImportField; index: number; header: string }

export function parseMapping(json: string): Mapping {
  let raw: unknown;
  try {
    raw = JSON.parse(json);
  } catch {
    throw new ImportError(t('映射文件不是合法的 JSON', 'the mapping file is not valid JSON'), 'mapping');
  }
  const r = mappingSchema.safeParse(raw);
  if (!r.success) throw new ImportError(t('映射文件格式应为 {"columns": {"文件列名": "属性键"}}', 'the mapping file should be {"columns": {"file column": "attribute key"}}'), 'mapping');
  return r.data;
}

/** Bind the file's header to the data set's fields; a mapped or required column that is not in the file is a file-level error. */
export function bindHeader(dataset: Dataset, header: readonly string[], mapping?: Mapping): BoundField[] {
  const { fields, required } = DATASET_FIELDS[dataset];
  const byKey = new Map(fields.map((f) => [f.key, f]));
  const names = header.map((h) => h.trim().replace(/^\uFEFF/, ''));
  if (names.some((h) => h.includes('\uFFFD'))) throw new ImportError(t('表头含无法解码的字符：文件编码不对？试试 --encoding gbk', 'the header has undecodable characters: wrong encoding? try --encoding gbk'));
  const bound: BoundField[] = [];
  if (mapping) {
    for (const [col, key] of Object.entries(mapping.columns)) {
      const field = byKey.get(key);
      if (!field) throw new ImportError(t(`映射中的属性 "${key}" 不存在（可用：${fields.map((f) => f.key).join('、')}）`, `the mapping names an unknown attribute "${key}" (known: ${fields.map((f) => f.key).join(', ')})`), 'mapping');
      const index = names.indexOf(col);
      if (index < 0) throw new ImportError(t(`文件中没有映射的列 "${col}"`, `the file has no mapped column "${col}"`), 'mapping');
      bound.push({ field, index, header: col });
    }
  } else {
    names.forEach((h, index) => {
      const field = byKey.get(h) ?? fields.find((f) => f.column === h);
      if (field && !bound.some((b) => b.field === field)) bound.push({ field, index, header: h });
    });
  }
  for (const key of required) {
    if (!bound.some((b) => b.field.key === key)) throw new ImportError(t(`缺少必需的列：${key}`, `a required column is missing: ${key}`), 'mapping');
  }
  if (dataset === 'exclusion' && !bound.some((b) => b.field.key === 'phone' || b.field.key === 'id')) {
    throw new ImportError(t('排除名单需要 phone 或 id 列', 'an exclusion list needs a phone or an id column'), 'mapping');
  }
  return bound;
}
