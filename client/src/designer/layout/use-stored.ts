import { useCallback, useState } from 'react';

/** localStorage keys of the designer's layout preferences (per browser, not per flow). */
export const LAYOUT_KEYS = {
  paletteCollapsed: 'linkage.designer.paletteCollapsed',
  panelCollapsed: 'linkage.designer.panelCollapsed',
  panelWidth: 'linkage.designer.panelWidth',
  funnelSeen: 'linkage.designer.funnelSeen',
} as const;

export function readStored<T>(key: string, fallback: T, valid: (v: unknown) => v is T): T {
  try {
    if (typeof localStorage === 'undefined') return fallback;
    const raw = localStorage.getItem(key);
    if (raw === null) return fallback;
    const v: unknown = JSON.parse(raw);
    return valid(v) ? v : fallback;
  } catch {
    return fallback;
  }
}

export function writeStored(key: string, v: unknown): void {
  try { localStorage.setItem(key, JSON.stringify(v)); } catch { /* no storage (private mode, tests): keep it for this page only */ }
}

export const isBool = (v: unknown): v is boolean => typeof v === 'boolean';
export const isNum = (v: unknown): v is number => typeof v === 'number' && Number.isFinite(v);

/** A piece of layout state remembered in localStorage (storage failures only lose the memory). */
export function useStored<T>(key: string, fallback: T, valid: (v: unknown) => v is T): [T, (v: T) => void] {
  const [value, setValue] = useState<T>(() => readStored(key, fallback, valid));
  const set = useCallback((v: T) => {
    setValue(v);
    writeStored(key, v);
  }, [key]);
  return [value, set];
}
