import type { FlowDocument, FlowEdge, FlowNode } from '../../../../shared/flow/document.js';
import type { Issue } from '../../../../shared/flow/issues.js';
import type { NodeType } from '../../../../shared/nodes/registry.js';

export interface XY { x: number; y: number }

/** Nodes and edges cut out of a document: the unit of copy, paste and duplicate. */
export interface Fragment { nodes: FlowNode[]; edges: FlowEdge[] }

/** The flow document — the only slice zundo records. */
export interface DocumentSlice {
  doc: FlowDocument;
  setMeta: (patch: Partial<Pick<FlowDocument, 'name' | 'description' | 'productId' | 'period' | 'goal' | 'priority' | 'contactPolicy'>>, mergeKey?: string) => void;
  addNode: (type: NodeType, position: XY) => string;
  /** Replace a node's data. Calls with the same `mergeKey` in quick succession (typing) record one step. */
  updateNodeData: (id: string, data: unknown, mergeKey?: string) => void;
  /** Positions during a drag; wrap the drag in beginGesture/endGesture so it records once. */
  moveNodes: (positions: Record<string, XY>) => void;
  connect: (edge: Omit<FlowEdge, 'id'>) => string | null;
  removeElements: (nodeIds: readonly string[], edgeIds: readonly string[]) => void;
  /** Insert a fragment with fresh ids, offset by `offset`; returns the new node ids and selects them. */
  insertFragment: (fragment: Fragment, offset: XY) => string[];
}

export type SaveState = 'saved' | 'saving' | 'unsaved' | 'conflict' | 'error';
export type SidePanel = 'inspector' | 'issues' | 'compile' | 'simulate';

/** Selection, measurements, panels, save state and checks: never recorded. */
export interface UiSlice {
  selectedNodes: string[];
  selectedEdges: string[];
  measured: Record<string, { width: number; height: number }>;
  issues: Issue[];
  issuesByNode: Record<string, Issue[]>;
  panel: SidePanel;
  /** The side panel folded to a rail (remembered per browser). */
  panelCollapsed: boolean;
  /** Bumped to ask the canvas to centre a node (issues panel, search). */
  focus: { nodeId: string; seq: number } | null;
  flow: { id: string; revision: number; status: string; ownerId: number | null; orgUnit: string; readOnly: boolean } | null;
  saveState: SaveState;
  saveError: string | null;
  /** A transient message (refused connection, paste result); `seq` re-triggers the same text. */
  notice: { text: string; tone: 'info' | 'error'; seq: number } | null;
  notify: (text: string, tone?: 'info' | 'error') => void;
  /** Edges an edit took away without the user deleting them (a branch removed, a port re-wired), to say so. */
  droppedEdges: { edges: FlowEdge[]; before: FlowDocument; seq: number } | null;
  /** Inspector fields whose typed value is invalid and so not in the document (see useDraft). */
  invalidDrafts: Record<string, true>;
  setInvalidDraft: (key: string, invalid: boolean) => void;
  select: (nodeIds: readonly string[], edgeIds?: readonly string[]) => void;
  setMeasured: (id: string, size: { width: number; height: number }) => void;
  /** Many measurements in one update (React Flow reports every node at once when a flow opens). */
  setMeasuredMany: (sizes: Record<string, { width: number; height: number }>) => void;
  setIssues: (issues: Issue[]) => void;
  setPanel: (panel: SidePanel) => void;
  setPanelCollapsed: (collapsed: boolean) => void;
  focusNode: (nodeId: string) => void;
  setSave: (patch: Partial<Pick<UiSlice, 'saveState' | 'saveError' | 'flow'>>) => void;
}

export interface SimSummary {
  nodes: Record<string, { entered: number; completed: number }>;
  stages: { publicity: number; experience: number; sales: number };
  conversions?: number;
  cost?: number;
  enrolled?: number;
  channels?: unknown;
  [key: string]: unknown;
}

export interface RunOverlay {
  jobId: string;
  progress: number;
  done: boolean;
  summary: SimSummary | null;
  error: string | null;
}

/** Simulation progress and counts pushed from the server: never recorded, never saved. */
export interface RunSlice {
  run: RunOverlay | null;
  showOverlay: boolean;
  setRun: (run: RunOverlay | null) => void;
  setShowOverlay: (show: boolean) => void;
}

export interface HistoryActions {
  /** Load a document from the server or a file: replaces it and forgets the undo history. */
  loadDocument: (doc: FlowDocument) => void;
  beginGesture: () => void;
  endGesture: () => void;
  undo: () => void;
  redo: () => void;
}

export type DesignerState = DocumentSlice & UiSlice & RunSlice & HistoryActions;
