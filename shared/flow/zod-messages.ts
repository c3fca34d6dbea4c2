import type { z } from 'zod';
import { t, type Text } from '../text.js';
import { formatPath } from './issues.js';

type ZodIssue = z.core.$ZodIssue;

const TYPE_ZH: Record<string, string> = {
  string: '文本', number: '数字', boolean: '布尔值', object: '对象', array: '数组', int: '整数', date: '日期',
};

/**
 * A zod issue in both UI languages. zod's own message is the English text (it carries schema-level
 * custom messages such as 'HH:MM'); the zh text is built from the issue's structured fields, because
 * zod's zh-CN locale needs the rejected input, which finished issues no longer carry.
 */
export function zodIssueText(iss: ZodIssue): Text {
  return t(zh(iss), iss.message);
}

function zh(iss: ZodIssue): string {
  switch (iss.code) {
    case 'invalid_type':
      return `类型应为${TYPE_ZH[iss.expected] ?? iss.expected}`;
    case 'too_small':
      return iss.origin === 'string' || iss.origin === 'array'
        ? `长度不能少于 ${String(iss.minimum)}`
        : `不能${iss.inclusive ? '小于' : '小于等于'} ${String(iss.minimum)}`;
    case 'too_big':
      return iss.origin === 'string' || iss.origin === 'array'
        ? `长度不能超过 ${String(iss.maximum)}`
        : `不能${iss.inclusive ? '大于' : '大于等于'} ${String(iss.maximum)}`;
    case 'invalid_value':
      return `取值应为 ${iss.values.map((v) => JSON.stringify(v)).join(' | ')}`;
    case 'invalid_format':
      return `格式无效（${iss.message}）`;
    case 'invalid_union': {
      const u = iss as ZodIssue & { discriminator?: string; options?: unknown[] };
      return u.options ? `应为 ${u.options.map((o) => JSON.stringify(o)).join(' | ')} 之一` : '不符合任何一种允许的形式';
    }
    case 'unrecognized_keys':
      return `不允许的字段：${iss.keys.join('、')}`;
    default:
      return iss.message;
  }
}

/** `path: message` in both languages, for issues whose location is only a path. */
export function zodIssueTextWithPath(iss: ZodIssue, prefix: (string | number)[] = []): Text {
  const text = zodIssueText(iss);
  const path = formatPath([...prefix, ...(iss.path as (string | number)[])]);
  return path ? t(`${path}：${text.zh}`, `${path}: ${text.en}`) : text;
}
