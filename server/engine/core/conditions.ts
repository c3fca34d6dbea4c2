import { FIELD_BY_ID, fieldById, isIsoDate, withinDaysFrom } from '../../../shared/catalogue/subscriber-fields.js';
import type { Condition, ConditionGroup } from '../../../shared/flow/conditions.js';

/** Subscriber attributes by field id (the attribute catalogue), as the stepper reads them for guards. */
export type Attributes = Record<string, string | number | boolean | null>;

/** A condition the SQL builder cannot express: bad client input, answered 400 with this message. */
export class ConditionError extends Error {}

/**
 * One condition as SQL over alias `s`, with positional parameters appended to `params`. Unknown fields
 * or operators throw: the validator should have caught them, and a wrong audience is worse than none.
 */
export function conditionSql(c: Condition, params: unknown[]): string {
  // Own keys only: `constructor` or `__proto__` must not find Object.prototype's members.
  const f = fieldById(c.field);
  if (!f) throw new ConditionError(`unknown subscriber field '${c.field}'`);
  const v = c.value;
  const numeric = f.type === 'number' || f.type === 'integer';
  const num = (x: unknown): number => {
    if (typeof x !== 'number' || !Number.isFinite(x)) throw new ConditionError(`field '${c.field}' needs a number`);
    return x;
  };
  const date = (x: unknown): string => {
    if (!isIsoDate(x)) throw new ConditionError(`field '${c.field}' needs a date YYYY-MM-DD`);
    return x;
  };
  const str = (x: unknown): string => {
    if (typeof x !== 'string') throw new ConditionError(`field '${c.field}' needs a text`);
    return x;
  };
  const cmp = (op: string): string => {
    if (!numeric) fail();
    params.push(num(v));
    return `${f.sql} ${op} ?`;
  };
  switch (c.op) {
    case 'eq':
    case 'ne':
      if (f.type === 'text') {
        params.push(str(v));
        return `${f.sql} ${c.op === 'eq' ? '=' : '<>'} ?`;
      }
      return cmp(c.op === 'eq' ? '=' : '<>');
    case 'gt': return cmp('>');
    case 'gte': return cmp('>=');
    case 'lt': return cmp('<');
    case 'lte': return cmp('<=');
    case 'between': {
      if (!Array.isArray(v) || v.length !== 2) throw new ConditionError(`'between' on '${c.field}' needs [min, max]`);
      if (f.type === 'date') params.push(date(v[0]), date(v[1]));
      else if (numeric) params.push(num(v[0]), num(v[1]));
      else fail();
      return `${f.sql} BETWEEN ? AND ?`;
    }
    case 'in':
    case 'not_in': {
      if (f.type !== 'enum' && f.type !== 'text') fail();
      if (!Array.isArray(v) || v.some((x) => typeof x !== 'string')) throw new ConditionError(`'${c.op}' on '${c.field}' needs a list`);
      if (v.length === 0) return c.op === 'in' ? 'FALSE' : 'TRUE';
      params.push(...(v as string[]));
      return `${f.sql} ${c.op === 'in' ? 'IN' : 'NOT IN'} (${v.map(() => '?').join(',')})`;
    }
    case 'is':
      if (f.type !== 'boolean') fail();
      if (typeof v !== 'boolean') throw new ConditionError(`'is' on '${c.field}' needs true/false`);
      return `${f.sql} = ${v ? 1 : 0}`;
    case 'contains':
      if (f.type !== 'text') fail();
      // LIKE is case-insensitive for ASCII on SQLite only; lower() on both sides makes PostgreSQL agree.
      params.push(`%${str(v).toLowerCase().replace(/[\\%_]/g, (m) => `\\${m}`)}%`);
      return `lower(${f.sql}) LIKE ? ESCAPE '\\'`;
    case 'before':
    case 'after':
      if (f.type !== 'date') fail();
      params.push(date(v));
      return `${f.sql} ${c.op === 'before' ? '<' : '>'} ?`;
    case 'within_days':
      if (f.type !== 'date') fail();
      params.push(withinDaysFrom(num(v)));
      return `${f.sql} >= ?`;
  }
  function fail(): never {
    throw new ConditionError(`operator '${c.op}' does not apply to field '${c.field}'`);
  }
}

/** A nested AND/OR group as SQL; an empty group is true (a boolean literal: PostgreSQL has no integer truth values). */
export function groupSql(g: ConditionGroup, params: unknown[]): string {
  const parts = [...g.rules.map((r) => conditionSql(r, params)), ...g.groups.map((x) => groupSql(x, params))];
  if (parts.length === 0) return 'TRUE';
  return `(${parts.map((p) => `(${p})`).join(g.combinator === 'and' ? ' AND ' : ' OR ')})`;
}

/** SELECT list giving every subscriber field under its id, for JS guards (`evalCondition`). */
export const attributesSelect = (): string =>
  Object.values(FIELD_BY_ID).map((f) => `${f.sql} AS "a_${f.id}"`).join(', ');

/** The JS twin of `conditionSql`, for guards on one customer. Missing attributes fail the test. */
export function evalCondition(c: Condition, a: Attributes): boolean {
  const x = a[c.field];
  if (x === undefined || x === null) return false;
  const v = c.value;
  switch (c.op) {
    case 'eq': return x === v;
    case 'ne': return x !== v;
    case 'gt': return (x as number) > (v as number);
    case 'gte': return (x as number) >= (v as number);
    case 'lt': return (x as number) < (v as number);
    case 'lte': return (x as number) <= (v as number);
    case 'between': return Array.isArray(v) && x >= (v[0] as number | string) && x <= (v[1] as number | string);
    case 'in': return Array.isArray(v) && (v as unknown[]).includes(x);
    case 'not_in': return Array.isArray(v) && !(v as unknown[]).includes(x);
    case 'is': return Boolean(x) === v;
    case 'contains': return typeof v === 'string' && String(x).toLowerCase().includes(v.toLowerCase());
    case 'before': return String(x) < String(v);
    case 'after': return String(x) > String(v);
    case 'within_days': return typeof v === 'number' && String(x) >= withinDaysFrom(v);
  }
}

export function evalGroup(g: ConditionGroup, a: Attributes): boolean {
  const results = [...g.rules.map((r) => evalCondition(r, a)), ...g.groups.map((x) => evalGroup(x, a))];
  if (results.length === 0) return true;
  return g.combinator === 'and' ? results.every(Boolean) : results.some(Boolean);
}
