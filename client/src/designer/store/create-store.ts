import { temporal } from 'zundo';
import { createStore } from 'zustand/vanilla';
import type { FlowDocument } from '../../../../shared/flow/document.js';
import { createDocumentSlice } from './document-slice.js';
import { createRunSlice } from './run-slice.js';
import type { DesignerState } from './types.js';
import { createUiSlice } from './ui-slice.js';

const HISTORY_LIMIT = 200;
const MERGE_WINDOW_MS = 1500;

/**
 * One store per open designer, built from slices. zundo records only `doc`: selection, measurements,
 * checks, save state and simulation counts never enter the history. A gesture (a node drag) pauses
 * recording and pushes one step at its end, so a drag undoes in one go; typing in one field within
 * a moment of the last keystroke folds into the same step.
 */
export function createDesignerStore(initial: FlowDocument, now: () => number = Date.now) {
  let gestureStart: FlowDocument | null = null;
  let lastMerge = { key: '', at: 0 };

  const merged = (mergeKey: string | undefined, apply: () => void) => {
    const at = now();
    const fold = !!mergeKey && lastMerge.key === mergeKey && at - lastMerge.at < MERGE_WINDOW_MS && store.temporal.getState().pastStates.length > 0;
    lastMerge = mergeKey ? { key: mergeKey, at } : { key: '', at: 0 };
    if (!fold) return apply();
    store.temporal.getState().pause();
    apply();
    store.temporal.getState().resume();
  };

  const pruneSelection = () => {
    const s = store.getState();
    s.select(s.selectedNodes, s.selectedEdges);
  };

  const store = createStore<DesignerState>()(
    temporal(
      (set, get, api) => {
        const docSlice = createDocumentSlice(initial)(set, get, api);
        return {
          ...docSlice,
          ...createUiSlice(set, get, api),
          ...createRunSlice(set, get, api),
          updateNodeData: (id, data, mergeKey) => merged(mergeKey && `node:${id}:${mergeKey}`, () => docSlice.updateNodeData(id, data)),
          setMeta: (patch, mergeKey) => merged(mergeKey && `meta:${mergeKey}`, () => docSlice.setMeta(patch)),
          loadDocument: (doc) => {
            const t = store.temporal.getState();
            t.pause();
            set({ doc, selectedNodes: [], selectedEdges: [], run: null });
            t.resume();
            t.clear();
          },
          beginGesture: () => {
            if (gestureStart) return;
            gestureStart = get().doc;
            store.temporal.getState().pause();
          },
          endGesture: () => {
            if (!gestureStart) return;
            const before = gestureStart;
            gestureStart = null;
            store.temporal.getState().resume();
            if (get().doc !== before) store.temporal.setState((t) => ({ pastStates: [...t.pastStates, { doc: before }].slice(-HISTORY_LIMIT), futureStates: [] }));
          },
          // Undo and redo swap the document under the selection: nodes they removed (a pasted node) must
          // leave the selection too, or the next click adds to a ghost ("2 nodes selected").
          undo: () => { lastMerge = { key: '', at: 0 }; store.temporal.getState().undo(); pruneSelection(); },
          redo: () => { lastMerge = { key: '', at: 0 }; store.temporal.getState().redo(); pruneSelection(); },
        };
      },
      {
        partialize: (s): Pick<DesignerState, 'doc'> => ({ doc: s.doc }),
        equality: (a, b) => a.doc === b.doc,
        limit: HISTORY_LIMIT,
      },
    ),
  );
  return store;
}

export type DesignerStore = ReturnType<typeof createDesignerStore>;
