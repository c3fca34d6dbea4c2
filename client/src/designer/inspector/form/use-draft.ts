import { useEffect, useId, useRef, useState } from 'react';
import { useDesignerApi } from '../../store/context.js';

export type Parsed<T> = { ok: true; value: T } | { ok: false; error: string };

/**
 * What the user typed, kept as typed: a field edits a local draft and commits to the document only
 * when the draft is valid; an invalid draft stays on screen with its message (it never snaps back to
 * the old value) and is reported to the store, so the save indicator does not say "saved" for it.
 * A change that did not come from this field (undo, another editor) replaces the draft.
 */
export function useDraft<T>({ value, format, parse, onCommit, same = Object.is, untracked = false }: {
  value: T;
  format: (v: T) => string;
  parse: (text: string) => Parsed<T>;
  onCommit: (v: T) => void;
  same?: (a: T, b: T) => boolean;
  /** Not part of the document (simulation settings): the save indicator ignores it. */
  untracked?: boolean;
}) {
  const api = useDesignerApi();
  const key = useId();
  const [text, setText] = useState(() => format(value));
  const [error, setError] = useState<string | null>(null);
  const committed = useRef(value);
  useEffect(() => {
    if (same(value, committed.current)) return;
    committed.current = value;
    setText(format(value));
    setError(null);
    // Only a value from elsewhere resets the draft; format and same are pure helpers.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [value]);
  useEffect(() => {
    if (untracked) return;
    api.getState().setInvalidDraft(key, error !== null);
    return () => api.getState().setInvalidDraft(key, false);
  }, [api, key, error, untracked]);
  const change = (next: string) => {
    setText(next);
    const r = parse(next);
    if (!r.ok) return setError(r.error);
    setError(null);
    if (same(r.value, committed.current)) return;
    committed.current = r.value;
    onCommit(r.value);
  };
  return { text, error, change };
}
