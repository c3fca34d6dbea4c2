import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { STATUS_LABELS, type FlowStatus } from '../../../../shared/governance/lifecycle.js';
import { useLang } from '../../i18n/index.js';
import { trpc } from '../../trpc.js';

/** The flows the user can open: shown when there is no flow to edit (read-only roles, a missing flow). */
export function FlowPicker() {
  const { t } = useTranslation();
  const { pick } = useLang();
  const list = trpc.flows.list.useQuery();
  return (
    <section data-testid="flow-picker">
      <h2 className="mb-3 text-lg font-semibold">{t('designer.files.openFlow')}</h2>
      {list.isLoading && <p className="text-slate-500">{t('common.loading')}</p>}
      {list.data?.length === 0 && <p className="text-slate-500">{t('designer.files.noFlows')}</p>}
      <ul className="divide-y divide-slate-200 rounded-lg border border-slate-200 bg-white">
        {list.data?.map((f) => (
          <li key={f.id}>
            <Link to={`/designer/${f.id}`} className="flex items-center gap-3 px-4 py-2.5 hover:bg-brand-50">
              <span className="flex-1 font-medium text-slate-800">{f.name}</span>
              <span className="text-xs text-slate-500">{STATUS_LABELS[f.status as FlowStatus] ? pick(STATUS_LABELS[f.status as FlowStatus]) : f.status}</span>
              <span className="text-xs text-slate-400">{f.updatedAt.slice(0, 16).replace('T', ' ')}</span>
            </Link>
          </li>
        ))}
      </ul>
    </section>
  );
}
