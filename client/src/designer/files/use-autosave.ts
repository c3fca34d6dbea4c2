import { useEffect } from 'react';
import { useTranslation } from 'react-i18next';
import { TRPCClientError } from '@trpc/client';
import type { FlowDocument } from '../../../../shared/flow/document.js';
import { trpc } from '../../trpc.js';
import { useDesignerApi } from '../store/context.js';
import type { DesignerStore } from '../store/create-store.js';

const DEBOUNCE_MS = 1000;

type SaveFn = (input: { id: string; revision: number; document: FlowDocument }) => Promise<{ revision: number; status: string }>;

/**
 * Autosave of the working copy, ~1 s after the last change. Saves carry the revision the editor holds;
 * a CONFLICT answer stops autosaving and raises the conflict banner — nothing is overwritten.
 * Exposed on the store as `saveNow` for Ctrl+S and the tests.
 */
export function createAutosaver(api: DesignerStore, save: SaveFn) {
  let saved: FlowDocument = api.getState().doc;
  let timer: ReturnType<typeof setTimeout> | undefined;
  let inFlight: Promise<void> | null = null;

  const flush = async (): Promise<void> => {
    clearTimeout(timer);
    if (inFlight) { await inFlight; return flush(); }
    const s = api.getState();
    if (!s.flow || s.flow.readOnly || s.saveState === 'conflict' || s.doc === saved) return;
    const doc = s.doc;
    s.setSave({ saveState: 'saving', saveError: null });
    inFlight = (async () => {
      try {
        const res = await save({ id: s.flow!.id, revision: s.flow!.revision, document: doc });
        saved = doc;
        const now = api.getState();
        now.setSave({ flow: { ...now.flow!, revision: res.revision, status: res.status }, saveState: now.doc === doc ? 'saved' : 'unsaved' });
      } catch (e) {
        const conflict = e instanceof TRPCClientError && (e.data as { code?: string } | undefined)?.code === 'CONFLICT';
        api.getState().setSave({ saveState: conflict ? 'conflict' : 'error', saveError: e instanceof Error ? e.message : String(e) });
      } finally {
        inFlight = null;
      }
    })();
    await inFlight;
    if (api.getState().doc !== saved && api.getState().saveState === 'unsaved') schedule();
  };

  const schedule = () => {
    clearTimeout(timer);
    timer = setTimeout(() => void flush(), DEBOUNCE_MS);
  };

  const unsubscribe = api.subscribe((s, prev) => {
    if (s.doc === prev.doc) return;
    if (s.saveState !== 'conflict' && s.saveState !== 'saving') s.setSave({ saveState: s.doc === saved ? 'saved' : 'unsaved' });
    if (s.saveState !== 'conflict') schedule();
  });

  return {
    flush,
    /** After a reload or resolution the loaded document is the saved one. */
    markSaved: (doc: FlowDocument) => { saved = doc; },
    dispose: () => { clearTimeout(timer); unsubscribe(); },
  };
}

let current: ReturnType<typeof createAutosaver> | null = null;
/** The active autosaver (one designer is open at a time), for Ctrl+S and the conflict banner. */
export const autosaver = () => current;

export function useAutosave(): void {
  const api = useDesignerApi();
  const utils = trpc.useUtils();
  const { t } = useTranslation();
  useEffect(() => {
    const saver = createAutosaver(api, (input) => utils.client.flows.save.mutate(input));
    current = saver;
    const onUnload = (e: BeforeUnloadEvent) => {
      const state = api.getState().saveState;
      if (state === 'unsaved' || state === 'saving' || state === 'conflict') e.preventDefault();
    };
    window.addEventListener('beforeunload', onUnload);
    return () => {
      window.removeEventListener('beforeunload', onUnload);
      void saver.flush();
      saver.dispose();
      if (current === saver) current = null;
    };
  }, [api, utils, t]);
}
