import { describe, expect, test } from 'vitest';
import type { FlowDocument } from '../../../../shared/flow/document.js';
import { createDesignerStore } from './create-store.js';
import { fragmentOf } from './fragment.js';

const blank = (): FlowDocument => ({
  schemaVersion: 1, id: 'flow-test', name: 'Test', description: '', productId: 'dp_10g',
  period: { start: '2026-01-01', end: '2026-01-31' },
  goal: { reach: 0, responses: 0, conversions: 0, revenue: 0, budget: 0, evaluationDays: 7 },
  priority: 50, orgUnit: 'gz', nodes: [], edges: [],
});

describe('selection follows the document', () => {
  test('paste then undo: the pasted node leaves the selection, so the next click selects one node', () => {
    const store = createDesignerStore(blank());
    const seg = store.getState().addNode('segment', { x: 0, y: 0 });
    const link = store.getState().addNode('linkage', { x: 300, y: 0 });
    const pasted = store.getState().insertFragment(fragmentOf(store.getState().doc, [seg]), { x: 40, y: 40 });
    expect(store.getState().selectedNodes).toEqual(pasted);
    store.getState().undo();
    expect(store.getState().selectedNodes).toEqual([]);
    // React Flow reports a click as "select this one" on top of what the store holds.
    store.getState().select([...store.getState().selectedNodes, link]);
    expect(store.getState().selectedNodes).toEqual([link]);
  });

  test('an id the document does not hold cannot be selected', () => {
    const store = createDesignerStore(blank());
    const seg = store.getState().addNode('segment', { x: 0, y: 0 });
    store.getState().select(['ghost', seg], ['e-ghost']);
    expect(store.getState().selectedNodes).toEqual([seg]);
    expect(store.getState().selectedEdges).toEqual([]);
  });
});

describe('edges an edit takes away are reported', () => {
  test('re-wiring a used output names the replaced edge; a plain connect reports nothing', () => {
    const store = createDesignerStore(blank());
    const seg = store.getState().addNode('segment', { x: 0, y: 0 });
    const a = store.getState().addNode('end', { x: 300, y: 0 });
    const b = store.getState().addNode('end', { x: 300, y: 200 });
    store.getState().connect({ source: seg, sourceHandle: 'out', target: a, targetHandle: 'in' });
    expect(store.getState().droppedEdges).toBeNull();
    store.getState().connect({ source: seg, sourceHandle: 'out', target: b, targetHandle: 'in' });
    expect(store.getState().droppedEdges?.edges.map((e) => e.target)).toEqual([a]);
  });
});
