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
  notify: (text, tone = 'info') => set((s) => ({ notice: { text, tone, seq: (s.notice?.seq ?? 0) + 1 } })),
  select: (nodeIds, edgeIds = []) => set({ selectedNodes: [...nodeIds], selectedEdges: [...edgeIds] }),
  setMeasured: (id, size) => set((s) => ({ measured: { ...s.measured, [id]: size } })),
  setIssues: (issues) => {
    const byNode: Record<string, Issue[]> = {};
    for (const i of issues) if (i.nodeId) (byNode[i.nodeId] ??= []).push(i);
    set({ issues, issuesByNode: byNode });
  },
  // Asking for a tab (toolbar Validate / Simulate, a rail tab) also opens a collapsed panel.
  setPanel: (panel) => { writeStored(LAYOUT_KEYS.panelCollapsed, false); set({ panel, panelCollapsed: false }); },
  setPanelCollapsed: (panelCollapsed) => { writeStored(LAYOUT_KEYS.panelCollapsed, panelCollapsed); set({ panelCollapsed }); },
  focusNode: (nodeId) => set((s) => ({ focus: { nodeId, seq: (s.focus?.seq ?? 0) + 1 }, selectedNodes: [nodeId], selectedEdges: [], panel: s.panel === 'issues' ? s.panel : 'inspector' })),
  setSave: (patch) => set(patch),
});
