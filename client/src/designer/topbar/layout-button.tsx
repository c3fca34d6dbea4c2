import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { autoLayout } from '../canvas/auto-layout.js';
import { useFitReadable } from '../canvas/readable-fit.js';
import { useDesigner, useDesignerApi } from '../store/context.js';

/** Auto-layout (elkjs, layered left → right) as one undoable step, then zoom to fit (never below a readable zoom). */
export function LayoutButton() {
  const { t } = useTranslation();
  const api = useDesignerApi();
  const fit = useFitReadable();
  const readOnly = useDesigner((s) => s.flow?.readOnly ?? false);
  const [busy, setBusy] = useState(false);
  // How many layouts have finished, fit included: what an end-to-end test waits for instead of a fixed time.
  const [done, setDone] = useState(0);
  const run = async () => {
    setBusy(true);
    try {
      const s = api.getState();
      api.getState().moveNodes(await autoLayout(s.doc, s.measured));
      await new Promise((r) => requestAnimationFrame(r));
      await fit();
    } finally {
      setBusy(false);
      setDone((n) => n + 1);
    }
  };
  return (
    <>
      <button type="button" data-testid="auto-layout" data-layouts={done} disabled={busy || readOnly} onClick={() => void run()}
        className="rounded-md px-2.5 py-1.5 text-[13px] text-slate-700 hover:bg-slate-100 disabled:opacity-40">{t('designer.top.layout')}</button>
      <button type="button" data-testid="zoom-fit" onClick={() => void fit()}
        className="rounded-md px-2.5 py-1.5 text-[13px] text-slate-700 hover:bg-slate-100">{t('designer.top.fit')}</button>
    </>
  );
}
