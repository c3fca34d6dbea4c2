import { describe, expect, it } from 'vitest';
import { canConnect } from './connect.js';
import { baseDoc, edge, node, withData } from './testing/build.js';

const doc = {
  ...baseDoc(),
  nodes: [...baseDoc().nodes, node('pause', 'wait'), node('ab', 'split'), node('bad', 'wait', { mode: 'nope' })],
};

describe('canConnect', () => {
  it.each([
    ['an open output to a node with an input', { source: 'pub', sourceHandle: 'unreachable', target: 'done' }],
    ['fan-in to a node that already has inputs', { source: 'pause', sourceHandle: 'out', target: 'done' }],
    ['with the explicit input handle', { source: 'ab', sourceHandle: 'a', target: 'call', targetHandle: 'in' }],
    ['a port derived from data (split branch b)', { source: 'ab', sourceHandle: 'b', target: 'pause' }],
  ])('accepts %s', (_name, conn) => {
    expect(canConnect(doc, conn)).toEqual({ ok: true });
  });

  it.each([
    ['a self-loop', { source: 'pause', sourceHandle: 'out', target: 'pause' }, 'itself'],
    ['an edge into the entry', { source: 'pause', sourceHandle: 'out', target: 'seg' }, 'entry'],
    ['an unknown source node', { source: 'ghost', sourceHandle: 'out', target: 'done' }, 'ghost'],
    ['an unknown target node', { source: 'pause', sourceHandle: 'out', target: 'ghost' }, 'ghost'],
    ['a handle the source does not have', { source: 'pause', sourceHandle: 'event', target: 'done' }, 'has no such output'],
    ['a missing source handle', { source: 'pause', sourceHandle: null, target: 'done' }, 'no such output'],
    ['an unknown target handle', { source: 'pause', sourceHandle: 'out', target: 'done', targetHandle: 'side' }, 'an input End does not have'],
    ['a duplicate edge', { source: 'pub', sourceHandle: 'converted', target: 'won' }, 'already exists'],
    ['a second edge from a used output', { source: 'pub', sourceHandle: 'converted', target: 'done' }, 'exactly one'],
    ['a source whose data is invalid', { source: 'bad', sourceHandle: 'out', target: 'done' }, 'invalid'],
  ])('refuses %s', (_name, conn, reason) => {
    const verdict = canConnect(doc, conn);
    expect(verdict.ok).toBe(false);
    if (!verdict.ok) {
      expect(verdict.reason.en).toContain(reason);
      expect(verdict.reason.zh.length).toBeGreaterThan(0);
    }
  });

  it('lets the edge being re-attached move off its own port', () => {
    expect(canConnect(doc, { source: 'pub', sourceHandle: 'converted', target: 'done' }, { replacingEdgeId: 'e-pub-converted' })).toEqual({ ok: true });
  });

  it('follows the node data: a wait switched to event mode gets event/timeout ports', () => {
    const d = withData(doc, 'pause', { mode: 'event', event: 'order', timeoutHours: 24 });
    expect(canConnect(d, { source: 'pause', sourceHandle: 'event', target: 'done' }).ok).toBe(true);
    expect(canConnect(d, { source: 'pause', sourceHandle: 'out', target: 'done' }).ok).toBe(false);
  });

  it('agrees with the validator on every edge of a valid flow', () => {
    const d = baseDoc();
    for (const e of d.edges) {
      const others = { ...d, edges: d.edges.filter((x) => x !== e) };
      expect(canConnect(others, e)).toEqual({ ok: true });
    }
    expect(canConnect(d, edge('call', 'unreachable', 'done'))).toEqual({ ok: true });
  });
});
