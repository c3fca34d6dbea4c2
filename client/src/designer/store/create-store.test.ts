import { describe, expect, test } from 'vitest';
import type { FlowDocument } from '../../../../shared/flow/document.js';
import { createCanvasMapper, fromCanvas } from '../canvas/to-react-flow.js';
import { onlyPositionsDiffer } from '../checks/use-live-validation.js';
import { validateFlow } from '../../../../shared/flow/validate.js';
import { createDesignerStore } from './create-store.js';
import { fragmentOf, parseFragment, serializeFragment } from './fragment.js';

const blank = (): FlowDocument => ({
  schemaVersion: 1, id: 'flow-test', name: 'Test', description: '', productId: 'dp_10g',
  period: { start: '2026-01-01', end: '2026-01-31' },
  goal: { reach: 0, responses: 0, conversions: 0, revenue: 0, budget: 0, evaluationDays: 7 },
  priority: 50, orgUnit: 'gz', nodes: [], edges: [],
});

function serialFlow() {
  const store = createDesignerStore(blank());
  const s = store.getState();
  const seg = s.addNode('segment', { x: 0, y: 0 });
  const link = s.addNode('linkage', { x: 300, y: 0 });
  const end = s.addNode('end', { x: 600, y: 0 });
  store.getState().connect({ source: seg, sourceHandle: 'out', target: link, targetHandle: 'in' });
  store.getState().connect({ source: link, sourceHandle: 'converted', target: end, targetHandle: 'in' });
  return { store, seg, link, end };
}

describe('designer store', () => {
  test('adds nodes with their type defaults and unique ids', () => {
    const { store, seg, link } = serialFlow();
    const doc = store.getState().doc;
    expect([seg, link]).toEqual(['segment-1', 'linkage-1']);
    expect((doc.nodes[1]!.data as { mode: string }).mode).toBe('serial');
    expect(doc.edges).toHaveLength(2);
  });

  test('undo and redo step through document changes only', () => {
    const { store } = serialFlow();
    const t = store.temporal.getState();
    expect(t.pastStates).toHaveLength(5);
    store.getState().select(['segment-1']);
    store.getState().setMeasured('segment-1', { width: 240, height: 100 });
    expect(store.temporal.getState().pastStates).toHaveLength(5);
    store.getState().undo();
    expect(store.getState().doc.edges).toHaveLength(1);
    store.getState().undo();
    store.getState().undo();
    expect(store.getState().doc.nodes.map((n) => n.id)).toEqual(['segment-1', 'linkage-1']);
    store.getState().redo();
    store.getState().redo();
    store.getState().redo();
    expect(store.getState().doc.edges).toHaveLength(2);
  });

  test('a drag is one undo step however many positions it moved through', () => {
    const { store } = serialFlow();
    const before = store.temporal.getState().pastStates.length;
    store.getState().beginGesture();
    for (let i = 1; i <= 20; i++) store.getState().moveNodes({ 'segment-1': { x: i * 5, y: i } });
    store.getState().endGesture();
    expect(store.temporal.getState().pastStates.length).toBe(before + 1);
    expect(store.getState().doc.nodes[0]!.position).toEqual({ x: 100, y: 20 });
    store.getState().undo();
    expect(store.getState().doc.nodes[0]!.position).toEqual({ x: 0, y: 0 });
  });

  test('typing into one field folds into one step; another field starts a new one', () => {
    let clock = 0;
    const store = createDesignerStore(blank(), () => clock);
    const base = store.temporal.getState().pastStates.length;
    for (const name of ['A', 'Ab', 'Abc']) { clock += 100; store.getState().setMeta({ description: name }, 'description'); }
    expect(store.temporal.getState().pastStates.length).toBe(base + 1);
    clock += 5000;
    store.getState().setMeta({ description: 'Abcd' }, 'description');
    expect(store.temporal.getState().pastStates.length).toBe(base + 2);
  });

  test('loading a document clears the history', () => {
    const { store } = serialFlow();
    store.getState().loadDocument(blank());
    expect(store.temporal.getState().pastStates).toHaveLength(0);
    expect(store.getState().doc.nodes).toHaveLength(0);
  });

  test('deleting a node removes its edges, in one step', () => {
    const { store, link } = serialFlow();
    const before = store.temporal.getState().pastStates.length;
    store.getState().removeElements([link], []);
    expect(store.getState().doc.edges).toHaveLength(0);
    expect(store.temporal.getState().pastStates.length).toBe(before + 1);
  });

  test('changing data drops edges from ports that no longer exist', () => {
    const store = createDesignerStore(blank());
    const w = store.getState().addNode('wait', { x: 0, y: 0 });
    const e = store.getState().addNode('end', { x: 0, y: 0 });
    store.getState().updateNodeData(w, { mode: 'event', event: 'order', timeoutHours: 24 });
    store.getState().connect({ source: w, sourceHandle: 'timeout', target: e });
    store.getState().updateNodeData(w, { mode: 'duration', hours: 24 });
    expect(store.getState().doc.edges).toHaveLength(0);
  });
});

describe('copy and paste', () => {
  test('a fragment keeps inner edges, pastes with fresh ids and selects the copies', () => {
    const { store, seg, link, end } = serialFlow();
    const frag = fragmentOf(store.getState().doc, [seg, link]);
    expect(frag.edges).toHaveLength(1);
    const text = serializeFragment(frag);
    const parsed = parseFragment(text)!;
    const ids = store.getState().insertFragment(parsed, { x: 40, y: 40 });
    expect(ids).toEqual(['segment-2', 'linkage-2']);
    const doc = store.getState().doc;
    expect(doc.edges.some((e) => e.source === 'segment-2' && e.target === 'linkage-2')).toBe(true);
    expect(doc.nodes.find((n) => n.id === 'linkage-2')!.position).toEqual({ x: 340, y: 40 });
    expect(store.getState().selectedNodes).toEqual(ids);
    expect(doc.nodes.find((n) => n.id === end)).toBeTruthy();
  });

  test('pastes into another flow (another store) and rejects non-fragments', () => {
    const { store, seg } = serialFlow();
    const text = serializeFragment(fragmentOf(store.getState().doc, [seg]));
    const other = createDesignerStore(blank());
    expect(other.getState().insertFragment(parseFragment(text)!, { x: 0, y: 0 })).toEqual(['segment-1']);
    expect(parseFragment('hello')).toBeNull();
    expect(parseFragment('{"nodes": []}')).toBeNull();
  });
});

describe('document ↔ canvas', () => {
  test('round-trips nodes and edges', () => {
    const { store } = serialFlow();
    const doc = store.getState().doc;
    const mapper = createCanvasMapper();
    const back = fromCanvas(doc, mapper.nodes(doc, ['segment-1'], {}), mapper.edges(doc, []));
    expect(back).toEqual(doc);
  });

  test('unchanged nodes keep their canvas object (memoised views do not re-render)', () => {
    const { store } = serialFlow();
    const mapper = createCanvasMapper();
    const first = mapper.nodes(store.getState().doc, [], {});
    store.getState().moveNodes({ 'end-1': { x: 1, y: 1 } });
    const second = mapper.nodes(store.getState().doc, [], {});
    expect(second[0]).toBe(first[0]);
    expect(second[2]).not.toBe(first[2]);
  });

  test('a move keeps the edges array and edge objects, so React Flow does not rebuild its edge lookup', () => {
    const { store } = serialFlow();
    const mapper = createCanvasMapper();
    const label = (e: { source: string }) => e.source;
    const before = store.getState().doc;
    const first = mapper.edges(before, [], label);
    store.getState().moveNodes({ 'end-1': { x: 1, y: 1 } });
    const after = store.getState().doc;
    expect(after.edges).toBe(before.edges);
    expect(mapper.edges(after, [], label)).toEqual(first);
    expect(mapper.edges(after, [], label)[0]).toBe(first[0]);
    expect(mapper.edges(after, [first[1]!.id], label)[1]!.selected).toBe(true);
  });
});

describe('large-flow updates', () => {
  test('many measurements are one store update', () => {
    const { store } = serialFlow();
    let updates = 0;
    const unsubscribe = store.subscribe(() => updates++);
    store.getState().setMeasuredMany({ 'segment-1': { width: 240, height: 90 }, 'linkage-1': { width: 240, height: 160 } });
    unsubscribe();
    expect(updates).toBe(1);
    expect(store.getState().measured['linkage-1']).toEqual({ width: 240, height: 160 });
  });

  test('re-validating to the same findings keeps the issue arrays (badges do not re-render)', () => {
    const { store } = serialFlow();
    store.getState().setIssues(validateFlow(store.getState().doc));
    const { issues, issuesByNode } = store.getState();
    store.getState().setIssues(validateFlow(store.getState().doc));
    expect(store.getState().issues).toBe(issues);
    for (const id of Object.keys(issuesByNode)) expect(store.getState().issuesByNode[id]).toBe(issuesByNode[id]);
  });

  test('only-moved documents are recognised, so a drag does not re-run validation', () => {
    const { store, link } = serialFlow();
    const before = store.getState().doc;
    store.getState().moveNodes({ [link]: { x: 10, y: 20 } });
    expect(onlyPositionsDiffer(before, store.getState().doc)).toBe(true);
    store.getState().setMeta({ name: 'Renamed' });
    expect(onlyPositionsDiffer(before, store.getState().doc)).toBe(false);
    const moved = store.getState().doc;
    store.getState().updateNodeData(link, { ...(moved.nodes[1]!.data as object) });
    expect(onlyPositionsDiffer(moved, store.getState().doc)).toBe(false);
  });
});
