import { useTranslation } from 'react-i18next';
import { trpc } from '../trpc.js';
import { formatDateTime } from '../lib/time.js';

/** The last imports the admin's unit ran (the province admin: all), newest first. */
export function ImportJobs() {
  const { t } = useTranslation();
  const jobs = trpc.data.jobs.useQuery({}, { refetchInterval: (q) => (q.state.data?.some((j) => j.status === 'running') ? 2000 : false) });
  const list = jobs.data ?? [];
  return (
    <section className="space-y-2" data-testid="import-jobs">
      <h3 className="text-sm font-medium text-slate-800">{t('dataImport.jobs.title')}</h3>
      {list.length === 0 ? (
        <p className="text-sm text-slate-500">{t('dataImport.jobs.empty')}</p>
      ) : (
        <table className="min-w-full text-sm">
          <thead>
            <tr className="border-b border-slate-200 text-left text-xs text-slate-500">
              {(['when', 'dataset', 'file', 'by', 'status', 'rows', 'bad', 'rate'] as const).map((k) => <th key={k} className="py-1.5 pr-4 font-medium">{t(`dataImport.jobs.${k}`)}</th>)}
            </tr>
          </thead>
          <tbody>
            {list.map((j) => (
              <tr key={j.id} className="border-b border-slate-100" data-testid="import-job">
                <td className="py-1.5 pr-4 text-slate-600">{formatDateTime(j.createdAt)}</td>
                <td className="pr-4">{t(`dataImport.dataset.${j.dataset}`)}</td>
                {/* the name is the admin's input: shown as text (React escapes it), cut with an ellipsis, whole on hover */}
                <td className="pr-4" data-testid="import-job-file"><div className="max-w-56 truncate" title={j.fileName ?? undefined}>{j.fileName ?? '—'}</div></td>
                <td className="pr-4" data-testid="import-job-by">{j.userId === null ? t('dataImport.jobs.cli') : (j.userName ?? '—')}</td>
                <td className="pr-4">{t(`dataImport.jobs.status_${j.status}`)}{j.summary?.dryRun ? t('dataImport.jobs.dry') : ''}</td>
                <td className="pr-4 tabular-nums">{j.rowsDone.toLocaleString()}</td>
                <td className="pr-4 tabular-nums">{j.badRows.toLocaleString()}</td>
                <td className="pr-4 tabular-nums">{j.rowsPerSec > 0 ? Math.round(j.rowsPerSec).toLocaleString() : '—'}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </section>
  );
}
