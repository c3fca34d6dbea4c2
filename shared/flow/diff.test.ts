import { describe, expect, test } from 'vitest';
import { fixtureFlow } from '../../tests/integration/governance/fixture-flow.js';
import { diffFlows, diffValues } from './diff.js';

describe('diffFlows', () => {
  const base = fixtureFlow('f', 'gz');

  test('identical documents: empty diff', () => {
    expect(diffFlows(base, structuredClone(base)).empty).toBe(true);
  });

  test('first submission: every node and edge is added', () => {
    const d = diffFlows(null, base);
    expect(d.nodes.added.map((n) => n.id)).toEqual(['seg', 'sms', 'won', 'done', 'lost']);
    expect(d.edges.added).toHaveLength(4);
    expect(d.document).toEqual([]);
  });

  test('changed node fields are reported with JSON paths and both values', () => {
    const after = structuredClone(base);
    (after.nodes[1]!.data as { script: { template: string } }).script.template = '新话术';
    (after.nodes[1]!.data as { timeoutHours: number }).timeoutHours = 24;
    const d = diffFlows(base, after);
    expect(d.nodes.changed).toEqual([{ id: 'sms', label: 'script', fields: [
      { path: 'data.script.template', before: (base.nodes[1]!.data as { script: { template: string } }).script.template, after: '新话术' },
      { path: 'data.timeoutHours', before: 48, after: 24 },
    ] }]);
  });

  test('added and removed nodes and edges, rewired edges, document fields', () => {
    const after = structuredClone(base);
    after.nodes = after.nodes.filter((n) => n.id !== 'lost');
    after.nodes.push({ id: 'wait', type: 'wait', position: { x: 1, y: 1 }, data: { mode: 'duration', hours: 24 } });
    after.edges = after.edges.filter((e) => e.id !== 'e4');
    after.edges.push({ id: 'e5', source: 'sms', sourceHandle: 'no_response', target: 'wait' });
    after.edges[0]!.target = 'done';
    after.priority = 70;
    const d = diffFlows(base, after);
    expect(d.nodes.added.map((n) => n.id)).toEqual(['wait']);
    expect(d.nodes.removed.map((n) => n.id)).toEqual(['lost']);
    expect(d.edges.added.map((e) => e.id)).toEqual(['e5']);
    expect(d.edges.removed.map((e) => e.id)).toEqual(['e4']);
    expect(d.edges.changed).toEqual([{ id: 'e1', label: 'seg→done', fields: [{ path: 'target', before: 'sms', after: 'done' }] }]);
    expect(d.document).toEqual([{ path: 'priority', before: 50, after: 70 }]);
    expect(d.empty).toBe(false);
  });

  test('moving a node is listed apart and does not make the diff non-empty', () => {
    const after = structuredClone(base);
    after.nodes[0]!.position = { x: 99, y: 99 };
    const d = diffFlows(base, after);
    expect(d.nodes.moved).toEqual(['seg']);
    expect(d.nodes.changed).toEqual([]);
    expect(d.empty).toBe(true);
  });

  test('arrays compare by index, including length changes', () => {
    expect(diffValues({ a: [1, 2] }, { a: [1, 3, 4] }, '')).toEqual([
      { path: 'a[1]', before: 2, after: 3 },
      { path: 'a[2]', before: undefined, after: 4 },
    ]);
  });
});
