import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useDesigner, useDesignerApi } from '../store/context.js';

/** Columns a name takes in the monospace-free sense of `ch`: CJK characters are about two wide. */
const columns = (text: string): number => [...text].reduce((n, ch) => n + (ch.codePointAt(0)! >= 0x2e80 ? 2 : 1), 0);

/**
 * The flow name, edited in place; committed on Enter or blur as one undoable step. The field grows
 * with the name (up to a limit, then the full name is its tooltip), so a long Chinese name is not cut.
 */
export function FlowName() {
  const { t } = useTranslation();
  const api = useDesignerApi();
  const { name, readOnly } = useDesigner((s) => ({ name: s.doc.name, readOnly: s.flow?.readOnly ?? false }));
  const [draft, setDraft] = useState(name);
  useEffect(() => setDraft(name), [name]);
  // An emptied name stays empty with its message (and is not saved) until the user types one or
  // presses Esc; it used to snap back silently.
  const empty = draft.trim() === '';
  useEffect(() => {
    api.getState().setInvalidDraft('flow-name', empty);
    return () => api.getState().setInvalidDraft('flow-name', false);
  }, [api, empty]);
  const commit = () => {
    const v = draft.trim().slice(0, 120);
    if (v && v !== name) api.getState().setMeta({ name: v });
  };
  return (
    <span className="relative inline-flex min-w-0 flex-col">
    <input
      aria-label={t('designer.top.name')}
      data-testid="flow-name"
      value={draft}
      title={draft}
      readOnly={readOnly}
      style={{ width: `calc(${Math.max(columns(draft), 12)}ch + 1.25rem)` }}
      onChange={(e) => setDraft(e.target.value)}
      onBlur={commit}
      aria-invalid={empty || undefined}
      aria-describedby={empty ? 'flow-name-error' : undefined}
      onKeyDown={(e) => { if (e.key === 'Enter') e.currentTarget.blur(); if (e.key === 'Escape') { setDraft(name); e.currentTarget.blur(); } }}
      className={`min-w-0 max-w-[30rem] rounded-md border border-transparent bg-transparent px-2 py-1 text-[15px] font-semibold text-slate-800 hover:border-slate-200 focus:border-brand-500 focus:bg-white ${empty ? '!border-danger' : ''}`}
    />
    {empty && <span id="flow-name-error" role="alert" data-testid="flow-name-error" className="absolute top-full left-2 z-20 mt-0.5 rounded bg-white px-1.5 py-0.5 text-[11px] whitespace-nowrap text-danger shadow">{t('designer.top.nameRequired')}</span>}
    </span>
  );
}
