import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { ErrorText, PageHeader, StatusBadge, unitName } from '../governance/ui.js';
import { useLang } from '../i18n/index.js';
import { trpc } from '../trpc.js';
import { fmtTime } from './format.js';
import { LIVE_MS } from './use-dashboard.js';

/** `/runs`: every run the user may see, newest first, with links to its dashboard and report. */
export function RunsListPage() {
  const { t } = useTranslation();
  const { lang } = useLang();
  const runs = trpc.monitoring.runs.useQuery(undefined, { refetchInterval: LIVE_MS * 5 });
  return (
    <div className="h-full overflow-auto p-6" data-testid="runs-list">
      <PageHeader title={t('mon.runs.title')} />
      <ErrorText error={runs.error} />
      <div className="overflow-hidden rounded-lg border border-slate-200 bg-white">
        <table className="w-full text-sm">
          <thead className="bg-slate-50 text-left text-slate-500">
            <tr>
              <th className="px-4 py-2 font-medium">{t('mon.runs.flow')}</th>
              <th className="px-4 py-2 font-medium">{t('mon.runs.unit')}</th>
              <th className="px-4 py-2 font-medium">{t('mon.runs.status')}</th>
              <th className="px-4 py-2 font-medium">{t('mon.runs.period')}</th>
              <th className="px-4 py-2 font-medium">{t('mon.runs.started')}</th>
              <th className="px-4 py-2 font-medium" />
            </tr>
          </thead>
          <tbody>
            {runs.data?.map((r) => (
              <tr key={r.id} className="border-t border-slate-100" data-testid={`run-row-${r.id}`}>
                <td className="px-4 py-2">
                  <Link to={`/runs/${r.id}`} className="font-medium text-brand-700 hover:underline">{r.name}</Link>
                  <div className="text-xs text-slate-400">#{r.id} · {r.flowId} · v{r.version}{r.clock === 'virtual' ? ` · ${t('mon.runs.virtual')}` : ''}</div>
                </td>
                <td className="px-4 py-2 text-slate-600">{unitName(r.orgUnit, lang)}</td>
                <td className="px-4 py-2"><StatusBadge status={r.status} /></td>
                <td className="px-4 py-2 whitespace-nowrap text-slate-500">{r.period.start} ~ {r.period.end}</td>
                <td className="px-4 py-2 whitespace-nowrap text-slate-500">{fmtTime(r.createdAt, lang)}</td>
                <td className="px-4 py-2 whitespace-nowrap">
                  <Link to={`/runs/${r.id}`} className="mr-3 text-brand-700 hover:underline">{t('mon.runs.open')}</Link>
                  <Link to={`/runs/${r.id}/report`} className="text-brand-700 hover:underline">{t('mon.runs.report')}</Link>
                </td>
              </tr>
            ))}
          </tbody>
        </table>
        {runs.data && runs.data.length === 0 && <p className="p-6 text-center text-slate-400">{t('mon.runs.empty')}</p>}
      </div>
      {runs.data && <p className="mt-2 text-xs text-slate-400">{t('mon.runs.count', { n: runs.data.length })}</p>}
    </div>
  );
}
