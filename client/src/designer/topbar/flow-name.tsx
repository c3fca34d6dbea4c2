import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useDesigner, useDesignerApi } from '../store/context.js';

/** The flow name, edited in place; committed on Enter or blur as one undoable step. */
export function FlowName() {
  const { t } = useTranslation();
  const api = useDesignerApi();
  const { name, readOnly } = useDesigner((s) => ({ name: s.doc.name, readOnly: s.flow?.readOnly ?? false }));
  const [draft, setDraft] = useState(name);
  useEffect(() => setDraft(name), [name]);
  const commit = () => {
    const v = draft.trim().slice(0, 120);
    if (v && v !== name) api.getState().setMeta({ name: v });
    else setDraft(name);
  };
  return (
    <input
      aria-label={t('designer.top.name')}
      data-testid="flow-name"
      value={draft}
      readOnly={readOnly}
      onChange={(e) => setDraft(e.target.value)}
      onBlur={commit}
      onKeyDown={(e) => { if (e.key === 'Enter') e.currentTarget.blur(); if (e.key === 'Escape') { setDraft(name); e.currentTarget.blur(); } }}
      className="w-64 min-w-0 rounded-md border border-transparent bg-transparent px-2 py-1 text-[15px] font-semibold text-slate-800 hover:border-slate-200 focus:border-brand-500 focus:bg-white"
    />
  );
}
