import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { StatusBadge } from '../../governance/ui.js';
import { formatDateTime } from '../../lib/time.js';
import { trpc } from '../../trpc.js';

/** The flows the user can open, most recently changed first (the start screen shows the first few). */
export function FlowPicker({ limit, title }: { limit?: number; title?: string }) {
  const { t } = useTranslation();
  const list = trpc.flows.list.useQuery();
  const flows = limit ? list.data?.slice(0, limit) : list.data;
  return (
    <section data-testid="flow-picker">
      <div className="mb-3 flex items-baseline gap-3">
        <h2 className="text-base font-semibold text-slate-900">{title ?? t('designer.files.openFlow')}</h2>
        {limit && (list.data?.length ?? 0) > limit && (
          <Link to="/flows" className="text-xs text-brand-700 hover:underline">{t('designer.start.allFlows', { count: list.data!.length })}</Link>
        )}
      </div>
      {list.isLoading && <p className="text-sm text-slate-500">{t('common.loading')}</p>}
      {list.data?.length === 0 && <p className="rounded-lg border border-dashed border-slate-300 px-4 py-6 text-center text-sm text-slate-500">{t('designer.files.noFlows')}</p>}
      {!!flows?.length && (
        <ul className="divide-y divide-slate-200 overflow-hidden rounded-lg border border-slate-200 bg-white">
          {flows.map((f) => (
            <li key={f.id}>
              <Link to={`/designer/${f.id}`} data-testid={`open-flow-${f.id}`}
                className="flex items-center gap-3 px-4 py-2.5 hover:bg-brand-50 focus-visible:bg-brand-50 focus-visible:outline-2 focus-visible:-outline-offset-2 focus-visible:outline-brand-500">
                <span className="min-w-0 flex-1 truncate text-sm font-medium text-slate-800">{f.name}</span>
                <span className="shrink-0"><StatusBadge status={f.status} /></span>
                <span className="w-32 shrink-0 text-right text-xs text-slate-400 tabular-nums">{formatDateTime(f.updatedAt)}</span>
              </Link>
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}
