import type { z } from 'zod';
import { bilingualHalves, t, type Text } from '../text.js';
import { pathLabel } from './validate/field-labels.js';

type ZodIssue = z.core.$ZodIssue;

const TYPE_ZH: Record<string, string> = {
  string: '文本', number: '数字', boolean: '布尔值', object: '对象', array: '数组', int: '整数', date: '日期',
};

/**
 * A zod issue in both UI languages, built from the issue's structured fields (zod's zh-CN locale needs
 * the rejected input, which finished issues no longer carry, and its English names types, not what a
 * planner typed). Schema-level custom messages (such as 'HH:MM') are kept; one written `中文 / English` gives each
 * language its half, so a field name or a format note can go around it.
 */
export function zodIssueText(iss: ZodIssue): Text {
  const own = bilingualHalves(iss.message);
  return t(zh(iss, own.zh), en(iss, own.en));
}

const TYPE_EN: Record<string, string> = { string: 'text', int: 'a whole number', boolean: 'yes or no', object: 'a group of fields', array: 'a list' };

function en(iss: ZodIssue, own: string): string {
  switch (iss.code) {
    case 'invalid_type':
      return `must be ${TYPE_EN[iss.expected] ?? `a ${iss.expected}`}`;
    case 'too_small':
      if (iss.origin === 'string') return Number(iss.minimum) <= 1 ? 'must not be empty' : `must have at least ${String(iss.minimum)} characters`;
      if (iss.origin === 'array') return `needs at least ${String(iss.minimum)} item(s)`;
      return `must be ${iss.inclusive ? 'at least' : 'more than'} ${String(iss.minimum)}`;
    case 'too_big':
      if (iss.origin === 'string') return `must not be longer than ${String(iss.maximum)} characters`;
      if (iss.origin === 'array') return `allows at most ${String(iss.maximum)} item(s)`;
      return `must be ${iss.inclusive ? 'at most' : 'less than'} ${String(iss.maximum)}`;
    case 'invalid_value':
      return `must be one of ${iss.values.map((v) => JSON.stringify(v)).join(' | ')}`;
    case 'unrecognized_keys':
      return `fields not allowed: ${iss.keys.join(', ')}`;
    case 'invalid_format':
      return iss.format === 'date' ? 'must be a date written yyyy-mm-dd' : `has the wrong format (${own})`;
    default:
      return own;
  }
}

function zh(iss: ZodIssue, own: string): string {
  switch (iss.code) {
    case 'invalid_type':
      return `类型应为${TYPE_ZH[iss.expected] ?? iss.expected}`;
    case 'too_small':
      if (iss.origin === 'string') return Number(iss.minimum) <= 1 ? '不能为空' : `至少 ${String(iss.minimum)} 个字`;
      return iss.origin === 'array'
        ? `至少需要 ${String(iss.minimum)} 项`
        : `不能${iss.inclusive ? '小于' : '小于等于'} ${String(iss.minimum)}`;
    case 'too_big':
      if (iss.origin === 'string') return `不能超过 ${String(iss.maximum)} 个字`;
      return iss.origin === 'array'
        ? `最多 ${String(iss.maximum)} 项`
        : `不能${iss.inclusive ? '大于' : '大于等于'} ${String(iss.maximum)}`;
    case 'invalid_value':
      return `取值应为 ${iss.values.map((v) => JSON.stringify(v)).join(' | ')}`;
    case 'invalid_format':
      return iss.format === 'date' ? '日期应写作 yyyy-mm-dd' : `格式无效（${own}）`;
    case 'invalid_union': {
      const u = iss as ZodIssue & { discriminator?: string; options?: unknown[] };
      return u.options ? `应为 ${u.options.map((o) => JSON.stringify(o)).join(' | ')} 之一` : '不符合任何一种允许的形式';
    }
    case 'unrecognized_keys':
      return `不允许的字段：${iss.keys.join('、')}`;
    default:
      return own;
  }
}

/**
 * `field: message` in both languages, the field named as the editor labels it (「活动周期 · 结束日期」),
 * never as a data path (`period.end`).
 */
export function zodIssueTextWithPath(iss: ZodIssue, prefix: (string | number)[] = []): Text {
  const text = zodIssueText(iss);
  const where = pathLabel([...prefix, ...(iss.path as (string | number)[])]);
  return where.zh ? t(`${where.zh}：${text.zh}`, `${where.en}: ${text.en}`) : text;
}
