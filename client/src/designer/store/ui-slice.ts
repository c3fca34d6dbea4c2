import type { StateCreator } from 'zustand';
import type { Issue } from '../../../../shared/flow/issues.js';
import { LAYOUT_KEYS, isBool, readStored, writeStored } from '../layout/use-stored.js';
import type { DesignerState, UiSlice } from './types.js';

type Slice = StateCreator<DesignerState, [['temporal', unknown]], [], UiSlice>;

export const createUiSlice: Slice = (set) => ({
  selectedNodes: [],
  selectedEdges: [],
  measured: {},
  issues: [],
  issuesByNode: {},
  panel: 'inspector',
  panelCollapsed: readStored(LAYOUT_KEYS.panelCollapsed, false, isBool),
  focus: null,
  flow: null,
  saveState: 'saved',
  saveError: null,
  notice: null,
  invalidDrafts: {},
  droppedEdges: null,
  setInvalidDraft: (key, invalid) => set((s) => {
    if (invalid === (key in s.invalidDrafts)) return {};
    const next = { ...s.invalidDrafts };
    if (invalid) next[key] = true;
    else delete next[key];
    return { invalidDrafts: next };
  }),
  notify: (text, tone = 'info') => set((s) => ({ notice: { text, tone, seq: (s.notice?.seq ?? 0) + 1 } })),
  // Only what the document holds can be selected: an id of a node that undo took away never lingers.
  select: (nodeIds, edgeIds = []) => set((s) => {
    const nodes = new Set(s.doc.nodes.map((n) => n.id));
    const edges = new Set(s.doc.edges.map((e) => e.id));
    return { selectedNodes: nodeIds.filter((id) => nodes.has(id)), selectedEdges: edgeIds.filter((id) => edges.has(id)) };
  }),
  setMeasured: (id, size) => set((s) => ({ measured: { ...s.measured, [id]: size } })),
  setMeasuredMany: (sizes) => set((s) => ({ measured: { ...s.measured, ...sizes } })),
  // A re-run that finds the same issues keeps the previous arrays, so the issues panel and the badges
  // of nodes whose issues did not change do not re-render.
  setIssues: (issues) => set((s) => {
    const byNode: Record<string, Issue[]> = {};
    for (const i of issues) if (i.nodeId) (byNode[i.nodeId] ??= []).push(i);
    for (const [id, list] of Object.entries(byNode)) {
      const before = s.issuesByNode[id];
      if (before && sameIssues(before, list)) byNode[id] = before;
    }
    return { issues: sameIssues(s.issues, issues) ? s.issues : issues, issuesByNode: byNode };
  }),
  // Asking for a tab (toolbar Validate / Simulate, a rail tab) also opens a collapsed panel.
  setPanel: (panel) => { writeStored(LAYOUT_KEYS.panelCollapsed, false); set({ panel, panelCollapsed: false }); },
  setPanelCollapsed: (panelCollapsed) => { writeStored(LAYOUT_KEYS.panelCollapsed, panelCollapsed); set({ panelCollapsed }); },
  focusNode: (nodeId) => set((s) => ({ focus: { nodeId, seq: (s.focus?.seq ?? 0) + 1 }, selectedNodes: [nodeId], selectedEdges: [], panel: s.panel === 'issues' ? s.panel : 'inspector' })),
  setSave: (patch) => set(patch),
});

const sameIssue = (a: Issue, b: Issue) =>
  a.code === b.code && a.severity === b.severity && a.nodeId === b.nodeId && a.edgeId === b.edgeId &&
  a.message.zh === b.message.zh && a.message.en === b.message.en && (a.path ?? []).join('\u0000') === (b.path ?? []).join('\u0000');
const sameIssues = (a: readonly Issue[], b: readonly Issue[]) => a.length === b.length && a.every((x, i) => sameIssue(x, b[i]!));
