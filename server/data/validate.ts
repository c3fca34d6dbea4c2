import { t, type Text } from '../../shared/text.js';
import type { ImportField } from './fields.js';

/** One bad row: the file line, the file column (header text) and why, in both languages. */
export interface RowError { line: number; column: string; reason: Text }

const MOBILE = /^1[3-9]\d{9}$/;
const INTEGER = /^-?\d{1,15}$/;
/** Integer attributes are 32-bit in the store where the seeded columns were made (PostgreSQL INTEGER): a larger value is the row's fault, not the store's. */
const INT_MAX = 2_147_483_647;
const NUMBER = /^-?\d{1,15}(\.\d+)?$/;
const DATE = /^\d{4}-\d{2}-\d{2}$/;
const TRUE = new Set(['1', 'true', 'yes', 'y', '是', 't']);
const FALSE = new Set(['0', 'false', 'no', 'n', '否', 'f']);
/** An enum's allowed values for a refusal: the first 8, with … only when there are more (a 3-value list read "gold、silver、diamond…"). */
const allowed = (options: readonly string[], sep: string): string => options.slice(0, 8).join(sep) + (options.length > 8 ? '…' : '');

export type Parsed = { ok: true; value: string | number } | { ok: false; reason: Text };

/** A cell as the store value of `f`, or why it is not one. Empty cells take the field's default when it has one. */
export function parseCell(f: ImportField, raw: string): Parsed {
  const v = raw.trim();
  if (v.includes('\uFFFD')) return { ok: false, reason: t('含无法解码的字符（文件编码不对？试试 --encoding gbk）', 'undecodable characters (wrong encoding? try --encoding gbk)') };
  if (v === '') {
    if (f.fallback !== undefined) return { ok: true, value: f.fallback };
    return { ok: false, reason: t('必填，不能为空', 'required, empty') };
  }
  switch (f.type) {
    case 'phone':
      return MOBILE.test(v) ? { ok: true, value: v } : { ok: false, reason: t(`"${v}" 不是 11 位大陆手机号`, `"${v}" is not an 11-digit mainland mobile number`) };
    case 'integer':
      if (!INTEGER.test(v)) return { ok: false, reason: t(`"${v}" 不是整数`, `"${v}" is not an integer`) };
      return Math.abs(Number(v)) <= INT_MAX ? { ok: true, value: Number(v) } : { ok: false, reason: t(`"${v}" 超出整数范围（±2,147,483,647；更大的值请用数值型属性）`, `"${v}" is out of the integer range (±2,147,483,647; use a number attribute for larger values)`) };
    case 'id':
      return /^\d{1,15}$/.test(v) && Number(v) > 0 ? { ok: true, value: Number(v) } : { ok: false, reason: t(`"${v}" 不是客户编号`, `"${v}" is not a customer id`) };
    case 'number':
      return NUMBER.test(v) ? { ok: true, value: Number(v) } : { ok: false, reason: t(`"${v}" 不是数字`, `"${v}" is not a number`) };
    case 'boolean': {
      const l = v.toLowerCase();
      if (TRUE.has(l)) return { ok: true, value: 1 };
      if (FALSE.has(l)) return { ok: true, value: 0 };
      return { ok: false, reason: t(`"${v}" 不是是/否（1/0）`, `"${v}" is not yes/no (1/0)`) };
    }
    case 'enum':
      return f.options!.includes(v) ? { ok: true, value: v } : { ok: false, reason: t(`"${v}" 不是可选值之一（${allowed(f.options!, '、')}）`, `"${v}" is not one of the allowed values (${allowed(f.options!, ', ')})`) };
    case 'date':
      return DATE.test(v) && !Number.isNaN(Date.parse(v)) ? { ok: true, value: v } : { ok: false, reason: t(`"${v}" 不是日期（YYYY-MM-DD）`, `"${v}" is not a date (YYYY-MM-DD)`) };
    default:
      return v.length <= 200 ? { ok: true, value: v } : { ok: false, reason: t('超过 200 个字符', 'longer than 200 characters') };
  }
}
