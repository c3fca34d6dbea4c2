import { useEffect } from 'react';
import { autosaver } from '../files/use-autosave.js';
import { useDesignerApi } from '../store/context.js';
import { fragmentOf } from '../store/fragment.js';
import type { DesignerStore } from '../store/create-store.js';
import { isEditable } from './editable.js';

/** Duplicate the selection next to itself (Ctrl+D). */
export function duplicateSelection(api: DesignerStore): void {
  const s = api.getState();
  if (s.selectedNodes.length === 0 || s.flow?.readOnly) return;
  s.insertFragment(fragmentOf(s.doc, s.selectedNodes), { x: 40, y: 40 });
}

export function deleteSelection(api: DesignerStore): void {
  const s = api.getState();
  if (s.flow?.readOnly) return;
  s.removeElements(s.selectedNodes, s.selectedEdges);
}

/**
 * Keyboard shortcuts: Ctrl+Z undo, Ctrl+Y / Ctrl+Shift+Z redo, Ctrl+D duplicate, Delete/Backspace
 * delete, Ctrl+A select all, Ctrl+S save now, Esc clear selection. Copy/cut/paste are clipboard events
 * (use-clipboard). Ignored while typing in a field, except Ctrl+S.
 */
export function useShortcuts(): void {
  const api = useDesignerApi();
  useEffect(() => {
    const onKey = (e: KeyboardEvent) => {
      const mod = e.ctrlKey || e.metaKey;
      const key = e.key.toLowerCase();
      if (mod && key === 's') {
        e.preventDefault();
        void autosaver()?.flush();
        return;
      }
      if (isEditable(e.target) || e.defaultPrevented) return;
      const s = api.getState();
      const readOnly = s.flow?.readOnly ?? false;
      if (mod && key === 'z' && !e.shiftKey) { e.preventDefault(); if (!readOnly) s.undo(); }
      else if (mod && (key === 'y' || (key === 'z' && e.shiftKey))) { e.preventDefault(); if (!readOnly) s.redo(); }
      else if (mod && key === 'd') { e.preventDefault(); duplicateSelection(api); }
      else if (mod && key === 'a') { e.preventDefault(); s.select(s.doc.nodes.map((n) => n.id), s.doc.edges.map((x) => x.id)); }
      else if (!mod && (e.key === 'Delete' || e.key === 'Backspace')) { e.preventDefault(); deleteSelection(api); }
      else if (e.key === 'Escape') s.select([], []);
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, [api]);
}
