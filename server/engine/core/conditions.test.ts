import Database from 'better-sqlite3';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { SEED_ATTRIBUTES, setSubscriberFields, withinDaysFrom } from '../../../shared/catalogue/subscriber-fields.js';
import type { Condition } from '../../../shared/flow/conditions.js';
import { conditionSql, evalCondition, type Attributes } from './conditions.js';

/** The SQL builder and its JS twin (per-customer guards) agree on the text and date operators, NULLs included. */
const db = new Database(':memory:');
const rows: { id: number; tags: string | null; seen: string | null; score: number | null }[] = [
  { id: 1, tags: '流量,夜猫', seen: '2026-01-15', score: 3 },
  { id: 2, tags: 'Family', seen: '2026-06-30', score: 7 },
  { id: 3, tags: '50%_off', seen: withinDaysFrom(3), score: null },
  { id: 4, tags: null, seen: null, score: 10 },
];

beforeAll(() => {
  setSubscriberFields([
    ...SEED_ATTRIBUTES,
    { id: 'tags', label: { zh: '标签', en: 'Tags' }, type: 'text', sql: 's.tags', column: 'tags' },
    { id: 'seen', label: { zh: '日期', en: 'Seen' }, type: 'date', sql: 's.seen', column: 'seen' },
    { id: 'score', label: { zh: '分', en: 'Score' }, type: 'integer', sql: 's.score', column: 'score' },
  ]);
  db.exec('CREATE TABLE subscribers (id INTEGER PRIMARY KEY, tags TEXT, seen TEXT, score INTEGER)');
  const ins = db.prepare('INSERT INTO subscribers VALUES (@id, @tags, @seen, @score)');
  for (const r of rows) ins.run(r);
});
afterAll(() => {
  setSubscriberFields(SEED_ATTRIBUTES);
  db.close();
});

const cases: Condition[] = [
  { field: 'tags', op: 'contains', value: '夜猫' },
  { field: 'tags', op: 'contains', value: 'family' },
  { field: 'tags', op: 'contains', value: '%_' },
  { field: 'tags', op: 'eq', value: 'Family' },
  { field: 'tags', op: 'ne', value: 'Family' },
  { field: 'tags', op: 'in', value: ['Family', '50%_off'] },
  { field: 'tags', op: 'not_in', value: ['Family'] },
  { field: 'seen', op: 'before', value: '2026-06-30' },
  { field: 'seen', op: 'after', value: '2026-01-15' },
  { field: 'seen', op: 'between', value: ['2026-01-01', '2026-06-30'] },
  { field: 'seen', op: 'within_days', value: 7 },
  { field: 'score', op: 'between', value: [3, 7] },
  { field: 'score', op: 'ne', value: 7 },
];

describe('conditionSql and evalCondition on text, date and integer attributes', () => {
  test.each(cases)('$field $op $value', (c) => {
    const params: unknown[] = [];
    const sql = conditionSql(c, params);
    const bySql = (db.prepare(`SELECT id FROM subscribers s WHERE ${sql} ORDER BY id`).pluck().all(...params) as number[]);
    const byJs = rows.filter((r) => evalCondition(c, { tags: r.tags, seen: r.seen, score: r.score } as Attributes)).map((r) => r.id);
    expect(byJs).toEqual(bySql);
  });

  test('an operator that does not fit the type is refused, not guessed', () => {
    expect(() => conditionSql({ field: 'tags', op: 'gt', value: 3 }, [])).toThrow(/does not apply/);
    expect(() => conditionSql({ field: 'seen', op: 'before', value: '2026-02-30' }, [])).toThrow(/date/);
  });
});
