import { fieldById, isIsoDate, OPERATORS_BY_TYPE, SUBSCRIBER_FIELDS, type SubscriberField } from '../../catalogue/subscriber-fields.js';
import type { Condition, ConditionGroup } from '../conditions.js';
import { factOf, type FlowGraph, type GraphNode } from '../graph.js';
import { issue, type IssueCode } from '../issues.js';
import { about, fieldName, type Report } from './names.js';

type Path = (string | number)[];

/** Every condition in the flow (segment filters, lane rules, evaluate attribute tests) vs the attribute catalogue (SUBSCRIBER_FIELDS). */
export function checkConditions(graph: FlowGraph, report: Report): void {
  for (const gn of graph.nodes.values()) {
    // Each definition names the conditions in its data (segment filters, lane rules, attribute tests).
    for (const ref of factOf(gn, 'conditions') ?? []) {
      if ('group' in ref) checkGroup(gn, ref.group, ref.path, report);
      else checkCondition(gn, ref.condition, ref.path, report);
    }
  }
}

function checkGroup(gn: GraphNode, root: ConditionGroup, rootPath: Path, report: Report): void {
  const stack: { group: ConditionGroup; path: Path }[] = [{ group: root, path: rootPath }];
  for (let item = stack.pop(); item; item = stack.pop()) {
    const { group, path } = item;
    group.rules.forEach((c, i) => checkCondition(gn, c, [...path, 'rules', i], report));
    group.groups.forEach((g, i) => stack.push({ group: g, path: [...path, 'groups', i] }));
  }
}

function checkCondition(gn: GraphNode, c: Condition, path: Path, report: Report): void {
  const at = (code: IssueCode, sub: string, zh: string, en: string) =>
    report(issue(code, about(fieldName(gn, [...path, sub]), zh, en), { nodeId: gn.node.id, path: [...path, sub] }));
  const field = fieldById(c.field);
  if (!field) {
    const known = SUBSCRIBER_FIELDS.map((f) => f.id).join(', ');
    at('UNKNOWN_FIELD', 'field', `客户字段「${c.field}」不存在（可用：${known}）`, `subscriber field "${c.field}" does not exist (known: ${known})`);
    return;
  }
  const ops: readonly string[] = OPERATORS_BY_TYPE[field.type];
  if (!ops.includes(c.op)) {
    at('BAD_OPERATOR', 'op', `运算符「${c.op}」不适用于字段「${field.label.zh}」（可用：${ops.join('、')}）`, `operator "${c.op}" does not apply to ${field.label.en} (use: ${ops.join(', ')})`);
    return;
  }
  const problem = valueProblem(field, c);
  if (problem) at('BAD_CONDITION_VALUE', 'value', `「${field.label.zh}」的取值无效：${problem.zh}`, `invalid value for ${field.label.en}: ${problem.en}`);
}

function valueProblem(field: SubscriberField, c: Condition): { zh: string; en: string } | null {
  const v = c.value;
  const date = field.type === 'date';
  const whole = field.type === 'integer';
  const numberProblem = (x: unknown): { zh: string; en: string } | null => {
    if (typeof x !== 'number' || !Number.isFinite(x)) return { zh: '需要一个数字', en: 'needs a number' };
    return whole && !Number.isInteger(x) ? { zh: `需要整数（不是 ${x}）`, en: `needs a whole number (not ${x})` } : null;
  };
  switch (c.op) {
    case 'between':
      if (date) {
        if (!Array.isArray(v) || v.length !== 2 || !isIsoDate(v[0]) || !isIsoDate(v[1])) return { zh: '「介于」需要两个日期（YYYY-MM-DD）', en: '"between" needs two dates (YYYY-MM-DD)' };
        return v[0] > v[1] ? { zh: `开始日期 ${v[0]} 晚于结束日期 ${v[1]}`, en: `start date ${v[0]} is after end date ${v[1]}` } : null;
      }
      if (!Array.isArray(v) || v.length !== 2 || typeof v[0] !== 'number' || typeof v[1] !== 'number') return { zh: '「介于」需要两个数字', en: '"between" needs two numbers' };
      if (whole && (!Number.isInteger(v[0]) || !Number.isInteger(v[1]))) return { zh: '「介于」需要两个整数', en: '"between" needs two whole numbers' };
      return v[0] > v[1] ? { zh: `下限 ${v[0]} 大于上限 ${v[1]}`, en: `lower bound ${v[0]} is above upper bound ${v[1]}` } : null;
    case 'in':
    case 'not_in': {
      if (!Array.isArray(v) || v.length === 0 || v.some((x) => typeof x !== 'string')) return { zh: '需要至少一个选项', en: 'needs at least one option' };
      if (field.type === 'text') return (v as string[]).some((x) => x === '') ? { zh: '取值不能为空', en: 'values must not be empty' } : null;
      const allowed = new Set((field.options ?? []).map((o) => o.value));
      const bad = (v as string[]).filter((x) => !allowed.has(x));
      return bad.length > 0 ? { zh: `选项 ${bad.join('、')} 不存在`, en: `unknown option(s) ${bad.join(', ')}` } : null;
    }
    case 'is':
      return typeof v === 'boolean' ? null : { zh: '需要「是/否」', en: 'needs true or false' };
    case 'contains':
      return typeof v === 'string' && v !== '' ? null : { zh: '需要要包含的文字', en: 'needs the text to look for' };
    case 'before':
    case 'after':
      return isIsoDate(v) ? null : { zh: '需要一个日期（YYYY-MM-DD）', en: 'needs a date (YYYY-MM-DD)' };
    case 'within_days':
      return typeof v === 'number' && Number.isInteger(v) && v >= 0 ? null : { zh: '需要天数（0 或更大的整数）', en: 'needs a number of days (a whole number, 0 or more)' };
    default:
      if (field.type === 'text') return typeof v === 'string' ? null : { zh: '需要一段文字', en: 'needs a text' };
      return numberProblem(v);
  }
}
