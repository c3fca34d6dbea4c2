import { useEffect } from 'react';
import { useTranslation } from 'react-i18next';
import type { TFunction } from 'i18next';
import { trpc } from '../trpc.js';
import { useLang } from '../i18n/index.js';
import { Button, ErrorText, localMessage } from '../governance/ui.js';
import { download, reportInLanguage } from './import-upload.js';

const POLL_MS = 500;

function duration(t: TFunction, sec: number): string {
  const s = Math.max(1, Math.round(sec));
  return s < 60 ? t('dataImport.progress.seconds', { n: s }) : t('dataImport.progress.minutes', { m: Math.floor(s / 60), s: s % 60 });
}

/** A running import's progress (rows read, rows/s, time left, cancel), then its outcome with the bad-row report. */
export function ImportProgress({ jobId, estimatedRows, fileName }: { jobId: string; estimatedRows: number; fileName: string }) {
  const { t } = useTranslation();
  const { lang, pick } = useLang();
  const utils = trpc.useUtils();
  const status = trpc.data.status.useQuery({ jobId }, { refetchInterval: (q) => (q.state.data?.status === 'running' ? POLL_MS : false) });
  const cancel = trpc.data.cancel.useMutation({ onSuccess: () => void utils.data.status.invalidate({ jobId }) });
  const s = status.data;
  const ended = !!s && s.status !== 'running';
  // the recent-imports list shows the outcome as soon as this job has one
  useEffect(() => { if (ended) void utils.data.jobs.invalidate(); }, [ended, utils]);
  if (!s) return <ErrorText error={status.error} />;
  const running = s.status === 'running';
  const total = Math.max(estimatedRows, s.rowsDone, 1);
  const pct = running ? Math.min(99, Math.floor((100 * s.rowsDone) / total)) : 100;
  const left = s.rowsPerSec > 0 ? (total - s.rowsDone) / s.rowsPerSec : null;
  const sum = s.summary;
  const changes = (sum?.changes ?? {}) as Record<string, number>;
  const saveReport = async () => {
    const r = await utils.data.report.fetch({ jobId });
    // named after the admin's file (was bad-rows-<job id>.csv, which said nothing about which upload it was)
    const base = fileName.replace(/\.(csv|parquet)$/i, '') || jobId.slice(0, 8);
    download(t('dataImport.result.reportFile', { name: base }), reportInLanguage(r.csv, lang));
  };
  // in file order: a repeated phone is found after the per-cell checks, and read before them it looked out of place
  const shown = [...(sum?.badSample ?? [])].sort((a, b) => a.line - b.line).slice(0, 20);
  const outcome = s.status === 'succeeded' ? (sum?.dryRun ? 'dry' : 'succeeded') : s.status;
  return (
    <section className="space-y-3 rounded-lg border border-slate-200 p-4" data-testid="import-progress" data-status={s.status}>
      <h3 className="text-sm font-medium text-slate-800">{t('dataImport.progress.title')}</h3>
      <div className="h-3 w-full overflow-hidden rounded-full bg-slate-100" role="progressbar" aria-valuemin={0} aria-valuemax={100} aria-valuenow={pct}>
        <div className={`h-full transition-all ${s.status === 'failed' || s.status === 'cancelled' ? 'bg-red-400' : 'bg-brand-600'}`} style={{ width: `${pct}%` }} />
      </div>
      {running ? (
        <div className="flex flex-wrap items-center gap-x-4 gap-y-1 text-sm text-slate-600 tabular-nums">
          <span data-testid="import-rows">{t('dataImport.progress.rows', { done: s.rowsDone.toLocaleString(), total: total.toLocaleString() })}</span>
          {s.rowsPerSec > 0 && <span>{t('dataImport.progress.rate', { rate: Math.round(s.rowsPerSec).toLocaleString() })}</span>}
          {s.rowsDone >= total ? <span>{t('dataImport.progress.finishing')}</span> : left !== null && <span>{t('dataImport.progress.left', { time: duration(t, left) })}</span>}
          <Button tone="danger" className="ml-auto" disabled={cancel.isPending || cancel.isSuccess} onClick={() => cancel.mutate({ jobId })} data-testid="import-cancel">
            {cancel.isPending || cancel.isSuccess ? t('dataImport.progress.cancelling') : t('dataImport.progress.cancel')}
          </Button>
        </div>
      ) : (
        <div className="space-y-2 text-sm" data-testid="import-result">
          <p className={`font-medium ${s.status === 'succeeded' ? 'text-emerald-700' : 'text-danger'}`}>{t(`dataImport.result.${outcome}`)}</p>
          {/* a cancel's own message only repeated the outcome ("已取消，数据未改动" then "导入已取消，数据未改动"): say how far it got */}
          {s.status === 'cancelled'
            ? <p className="text-slate-600 tabular-nums" data-testid="import-cancelled-rows">{t('dataImport.result.readBeforeCancel', { n: s.rowsDone.toLocaleString() })}</p>
            : s.error && <p className="text-danger">{localMessage(s.error, lang)}</p>}
          {sum && <p className="text-slate-700 tabular-nums">{t('dataImport.result.counts', { rows: sum.rows.toLocaleString(), good: sum.good.toLocaleString(), bad: sum.bad.toLocaleString() })}</p>}
          {sum?.applied && (
            <p className="text-slate-600">
              {(['inserted', 'updated', 'added', 'removed', 'journeysEnded'] as const).filter((k) => k in changes).map((k) => t(`dataImport.result.${k}`, { n: changes[k]!.toLocaleString() })).join(pick({ zh: '，', en: ', ' }))}
            </p>
          )}
          {s.badRows > 0 && sum && (
            <>
              <Button onClick={() => void saveReport()} data-testid="import-report">{t('dataImport.result.report')}</Button>
              <table className="mt-2 text-xs" data-testid="import-bad-rows">
                <caption className="mb-1 text-left text-slate-500" data-testid="import-bad-rows-title">
                  {shown.length < sum.bad ? t('dataImport.result.reportTitleFirst', { count: shown.length, total: sum.bad.toLocaleString() }) : t('dataImport.result.reportTitle')}
                </caption>
                <thead><tr className="text-left text-slate-500"><th className="pr-6">{t('dataImport.result.line')}</th><th className="pr-6">{t('dataImport.result.column')}</th><th>{t('dataImport.result.reason')}</th></tr></thead>
                <tbody>
                  {shown.map((e, i) => <tr key={i}><td className="pr-6 tabular-nums">{e.line}</td><td className="pr-6">{e.column}</td><td>{pick(e.reason)}</td></tr>)}
                </tbody>
              </table>
            </>
          )}
        </div>
      )}
      <ErrorText error={cancel.error} />
    </section>
  );
}
