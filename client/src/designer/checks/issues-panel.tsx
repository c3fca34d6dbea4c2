import { useTranslation } from 'react-i18next';
import { ISSUE_CODES, type Issue } from '../../../../shared/flow/issues.js';
import { useLang } from '../../i18n/index.js';
import { nodeTitleOf } from '../nodes/node-title.js';
import { useDesigner, useDesignerApi } from '../store/context.js';

/** Every finding of the shared validator, errors first; clicking one selects and centres its node. */
export function IssuesPanel() {
  const { t } = useTranslation();
  const { pick, lang } = useLang();
  const api = useDesignerApi();
  const issues = useDesigner((s) => s.issues);
  const nodes = useDesigner((s) => s.doc.nodes);
  const sorted = [...issues].sort((a, b) => (a.severity === b.severity ? 0 : a.severity === 'error' ? -1 : 1));
  const open = (i: Issue) => {
    const s = api.getState();
    if (i.nodeId) s.focusNode(i.nodeId);
    else if (i.edgeId) s.select([], [i.edgeId]);
  };
  if (issues.length === 0) {
    return <p className="p-6 text-center text-[13px] text-slate-500" data-testid="issues-empty">✓ {t('designer.issues.none')}</p>;
  }
  return (
    <ul className="divide-y divide-slate-100" data-testid="issues-list">
      {sorted.map((i, n) => (
        <li key={`${i.code}-${i.nodeId ?? ''}-${i.edgeId ?? ''}-${n}`}>
          <button type="button" onClick={() => open(i)} data-testid="issue-item" data-code={i.code} data-node={i.nodeId ?? ''}
            className="flex w-full items-start gap-2 px-4 py-2.5 text-left hover:bg-slate-50 focus:bg-brand-50">
            <span aria-hidden className={`mt-1 h-2 w-2 shrink-0 rounded-full ${i.severity === 'error' ? 'bg-danger' : 'bg-warning'}`} />
            <span className="min-w-0 flex-1">
              <span className="block text-[13px] text-slate-800">{pick(i.message)}</span>
              <span className="mt-0.5 block text-[11px] text-slate-400">
                {t(`designer.issues.${i.severity}`)} · {pick(ISSUE_CODES[i.code].title)}{i.nodeId ? ` · ${nodeTitleOf(nodes, i.nodeId, lang)}` : ''}
              </span>
            </span>
          </button>
        </li>
      ))}
    </ul>
  );
}
