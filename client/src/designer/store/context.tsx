import { createContext, useContext, type ReactNode } from 'react';
import { useStore } from 'zustand';
import { useShallow } from 'zustand/react/shallow';
import type { DesignerStore } from './create-store.js';
import type { DesignerState } from './types.js';

const StoreContext = createContext<DesignerStore | null>(null);

export function DesignerStoreProvider({ store, children }: { store: DesignerStore; children: ReactNode }) {
  return <StoreContext.Provider value={store}>{children}</StoreContext.Provider>;
}

export function useDesignerApi(): DesignerStore {
  const store = useContext(StoreContext);
  if (!store) throw new Error('useDesigner outside <DesignerStoreProvider>');
  return store;
}

/** Select from the designer store; objects and arrays are compared shallowly. */
export function useDesigner<T>(selector: (s: DesignerState) => T): T {
  return useStore(useDesignerApi(), useShallow(selector));
}

/** Whether undo / redo are possible, for the toolbar buttons. */
export function useHistoryState(): { canUndo: boolean; canRedo: boolean } {
  return useStore(useDesignerApi().temporal, useShallow((t) => ({ canUndo: t.pastStates.length > 0, canRedo: t.futureStates.length > 0 })));
}
