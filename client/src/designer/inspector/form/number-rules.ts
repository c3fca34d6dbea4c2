import type { TFunction } from 'i18next';
import type { Parsed } from './use-draft.js';

export interface NumberRules {
  min?: number;
  /** `min` itself is not allowed (a wait of 0 hours). */
  minExclusive?: boolean;
  max?: number;
  integer?: boolean;
}

/**
 * A number as a planner types it: full-width digits and a leading sign are fine, an empty field or
 * "-" says what is missing instead of becoming 0 or snapping back.
 */
export function parseNumber(text: string, rules: NumberRules, t: TFunction): Parsed<number> {
  const s = text.trim().replace(/[０-９]/g, (d) => String.fromCharCode(d.charCodeAt(0) - 0xfee0)).replace(/[，,]/g, '').replace('－', '-').replace('．', '.');
  if (s === '') return { ok: false, error: t('designer.field.required') };
  if (!/^[-+]?(\d+\.?\d*|\.\d+)$/.test(s)) return { ok: false, error: t('designer.field.notNumber') };
  const n = Number(s);
  if (rules.integer && !Number.isInteger(n)) return { ok: false, error: t('designer.field.integer') };
  if (rules.min !== undefined && (rules.minExclusive ? n <= rules.min : n < rules.min)) {
    return { ok: false, error: t(rules.minExclusive ? 'designer.field.above' : 'designer.field.min', { min: rules.min }) };
  }
  if (rules.max !== undefined && n > rules.max) return { ok: false, error: t('designer.field.max', { max: rules.max }) };
  return { ok: true, value: n };
}

export const formatNumber = (n: number): string => (Number.isFinite(n) ? String(n) : '');
