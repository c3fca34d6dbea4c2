import { fieldById, OPERATOR_LABELS } from '../catalogue/subscriber-fields.js';
import { t, type Lang, type Text } from '../text.js';
import type { Condition, ConditionGroup } from './conditions.js';

const YES: Text = t('是', 'yes');
const NO: Text = t('否', 'no');

/** One condition as a reviewer reads it: 「年龄 介于 20–49 岁」 / "Age between 20 and 49 years". */
export function conditionText(c: Condition, lang: Lang): string {
  const f = fieldById(c.field);
  const field = f?.label[lang] ?? c.field;
  const op = OPERATOR_LABELS[c.op]?.[lang] ?? c.op;
  const unit = f?.unit ? (lang === 'zh' ? ` ${f.unit.zh}` : ` ${f.unit.en}`) : '';
  const v = c.value;
  if (c.op === 'is') return `${field}${lang === 'zh' ? '：' : ': '}${(v ? YES : NO)[lang]}`;
  if (c.op === 'between' && Array.isArray(v)) return lang === 'zh' ? `${field} 介于 ${v[0]}–${v[1]}${unit}` : `${field} between ${v[0]} and ${v[1]}${unit}`;
  if (c.op === 'within_days') return lang === 'zh' ? `${field} 在最近 ${String(v)} 天内` : `${field} within the last ${String(v)} days`;
  if (c.op === 'contains') return lang === 'zh' ? `${field} 包含「${String(v)}」` : `${field} contains "${String(v)}"`;
  if (Array.isArray(v)) {
    const names = v.map((x) => f?.options?.find((o) => o.value === x)?.label[lang] ?? String(x));
    return `${field} ${op} ${names.join(lang === 'zh' ? '、' : ', ')}`;
  }
  return `${field} ${op} ${String(v)}${unit}`;
}

/** A nested AND/OR group on one line, inner groups in brackets; an empty group matches everybody. */
export function conditionGroupText(g: ConditionGroup, lang: Lang): string {
  const parts = [...g.rules.map((r) => conditionText(r, lang)), ...g.groups.map((x) => `(${conditionGroupText(x, lang)})`)];
  if (!parts.length) return lang === 'zh' ? '全部客户' : 'all customers';
  const joiner = g.combinator === 'and' ? (lang === 'zh' ? ' 且 ' : ' and ') : (lang === 'zh' ? ' 或 ' : ' or ');
  return parts.join(joiner);
}

export const conditionGroupLabel = (g: ConditionGroup): Text => t(conditionGroupText(g, 'zh'), conditionGroupText(g, 'en'));
export const conditionLabel = (c: Condition): Text => t(conditionText(c, 'zh'), conditionText(c, 'en'));
