import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CITY_IDS } from '../../../shared/catalogue/org.js';
import { GROUP_IDS } from '../../../shared/catalogue/groups.js';
import type { Condition, ConditionGroup } from '../../../shared/flow/conditions.js';
import type { Guard, RouteState } from '../../../shared/machine/types.js';
import { attributesSelect, type Attributes } from '../../../server/engine/core/conditions.js';
import { guardSql } from '../../../server/engine/core/guard-sql.js';
import { guardHolds, type StepContext } from '../../../server/engine/core/step.js';
import type { Journey } from '../../../server/engine/core/journey.js';
import { openFixture, type Fixture } from './support/fixture.js';
import { machine, end } from './support/machines.js';

/**
 * A route guard decides the same in its two forms (#21 item 5): `guardHolds` (JS, per customer) and `guardSql`
 * (SQL, set-based moves), on random guards over a real store's subscribers (SQLite here, PostgreSQL in the pg project).
 */
let fx: Fixture;
let customers: { id: number; flags: number; attrs: Attributes }[];
beforeAll(() => {
  fx = openFixture(300, 5);
  const rows = fx.db.prepare(`SELECT s.id AS "id", ${attributesSelect()} FROM subscribers s ORDER BY s.id`).all() as Record<string, unknown>[];
  customers = rows.map((r) => {
    const attrs: Attributes = {};
    for (const k of Object.keys(r)) if (k.startsWith('a_')) attrs[k.slice(2)] = r[k] as Attributes[string];
    const id = Number(r.id);
    return { id, flags: (id * 7) % 4, attrs };
  });
});
afterAll(() => fx?.close());

const num = (field: string, max: number) => fc.oneof(
  fc.record({ field: fc.constant(field), op: fc.constantFrom('eq', 'ne', 'gt', 'gte', 'lt', 'lte'), value: fc.integer({ min: 0, max }) }),
  fc.tuple(fc.integer({ min: 0, max }), fc.integer({ min: 0, max })).map(([a, b]) => ({ field, op: 'between', value: [Math.min(a, b), Math.max(a, b)] as [number, number] })),
);
const condition: fc.Arbitrary<Condition> = fc.oneof(
  num('arpu', 300), num('age', 90), num('tenureMonths', 240), num('dormantDays', 365), num('churnRisk', 100), num('dataUsagePct', 150),
  fc.record({ field: fc.constantFrom('smartphone', 'hasBroadband'), op: fc.constant('is'), value: fc.boolean() }),
  fc.record({ field: fc.constant('city'), op: fc.constantFrom('in', 'not_in'), value: fc.subarray([...CITY_IDS], { minLength: 1 }) }),
  fc.record({ field: fc.constant('group'), op: fc.constantFrom('in', 'not_in'), value: fc.subarray([...GROUP_IDS], { minLength: 1 }) }),
) as fc.Arbitrary<Condition>;
const group: fc.Arbitrary<ConditionGroup> = fc.record({ combinator: fc.constantFrom('and', 'or'), rules: fc.array(condition, { minLength: 0, maxLength: 3 }), groups: fc.constant([]) }) as fc.Arbitrary<ConditionGroup>;
const guard: fc.Arbitrary<Guard> = fc.oneof(
  fc.constant<Guard>({ kind: 'always' }),
  fc.constant<Guard>({ kind: 'converted' }),
  fc.constant<Guard>({ kind: 'responded' }),
  fc.tuple(fc.integer({ min: 0, max: 100 }), fc.integer({ min: 0, max: 100 })).map(([a, b]): Guard => ({ kind: 'bucket', from: Math.min(a, b), to: Math.max(a, b) })),
  condition.map((c): Guard => ({ kind: 'attribute', condition: c })),
  group.map((g): Guard => ({ kind: 'rule', group: g })),
);

describe('route guards: JS and SQL twins agree', () => {
  it('on random guards over the store\'s subscribers', () => {
    const route: RouteState = { id: 'r', node: 'route-node', kind: 'route', mode: 'first', branches: [], otherwise: 'x' };
    const m = machine([route, end('x')]);
    fc.assert(fc.property(guard, (g) => {
      const params: unknown[] = [];
      const sql = guardSql(g, route, () => { throw new Error('no kpi guards here'); }, params)!;
      const viaSql = new Set((fx.db.prepare(`SELECT customer_id FROM (SELECT s.id AS customer_id, (s.id * 7) % 4 AS flags FROM subscribers s) journeys WHERE ${sql}`)
        .pluck().all(...params) as number[]).map(Number));
      const viaJs = new Set(customers.filter((c) => guardHolds(g, m, route, { customerId: c.id, flags: c.flags } as Journey,
        { customer: { attrs: c.attrs } } as unknown as StepContext)).map((c) => c.id));
      expect([...viaSql].sort((a, b) => a - b)).toEqual([...viaJs].sort((a, b) => a - b));
    }), { numRuns: 150, seed: 21 });
  });
});
