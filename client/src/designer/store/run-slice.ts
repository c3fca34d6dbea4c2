import type { StateCreator } from 'zustand';
import type { DesignerState, RunSlice } from './types.js';

type Slice = StateCreator<DesignerState, [['temporal', unknown]], [], RunSlice>;

export const createRunSlice: Slice = (set) => ({
  run: null,
  showOverlay: true,
  setRun: (run) => set({ run }),
  setShowOverlay: (showOverlay) => set({ showOverlay }),
});
