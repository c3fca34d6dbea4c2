import { useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useParams } from 'react-router';
import type { FlowDocument } from '../../../shared/flow/document.js';
import { ErrorText } from '../governance/ui.js';
import { useLang } from '../i18n/index.js';
import { trpc } from '../trpc.js';
import { BindingAlerts } from './binding-alerts.js';
import { CapacityTable } from './capacity-table.js';
import { ChannelChart } from './charts/channel-chart.js';
import { DAILY_LABELS, DailyChannelPicker, DailyChart } from './charts/daily-chart.js';
import { FunnelChart } from './charts/funnel-chart.js';
import { GRANT_LABELS, GrantsTable } from './grants-table.js';
import { SuppressionChart } from './charts/suppression-chart.js';
import { TimelineChart } from './charts/timeline-chart.js';
import { fmtInt, fmtMoney, fmtRatio, fmtTime } from './format.js';
import { KpiCards, Panel, type Kpi } from './kpi-cards.js';
import type { NodeLive } from './live-counts.js';
import { RunCanvas } from './run-canvas.js';
import { RunHeader } from './run-header.js';
import { useDashboard } from './use-dashboard.js';

/** `/runs/:runId`: the live dashboard of one run — canvas with counts, funnel, channels, conversions over time, suppressions. */
export function RunDashboardPage() {
  const { t } = useTranslation();
  const { lang, pick } = useLang();
  const [dailyChannel, setDailyChannel] = useState('');
  const runId = Number(useParams().runId);
  const [bucket, setBucket] = useState<'auto' | 'hour' | 'day'>('auto');
  const q = useDashboard(runId, bucket);
  const doc = trpc.monitoring.document.useQuery({ runId }, { enabled: Number.isInteger(runId) && runId > 0, staleTime: Infinity });
  const d = q.data;

  const live = useMemo(() => {
    const out: Record<string, NodeLive> = {};
    if (!d) return out;
    for (const [id, n] of Object.entries(d.metrics.nodes)) out[id] = { ...n, conversions: d.attribution.byNode[id] ?? 0 };
    for (const [id, c] of Object.entries(d.attribution.byNode)) out[id] ??= { entered: 0, active: 0, waiting: 0, completed: 0, conversions: c };
    return out;
  }, [d]);

  const channelRows = useMemo(() => (d ? Object.entries(d.metrics.channels).map(([channel, c]) => ({ channel, ...c, conversions: d.attribution.byChannel[channel] ?? 0 })) : []), [d]);

  if (q.error) return <div className="p-6"><ErrorText error={q.error} /></div>;
  if (!d) return <div className="p-6 text-slate-500">{t('common.loading')}</div>;
  const m = d.metrics;
  const contacts = Object.values(m.channels).reduce((a, c) => a + c.contacts, 0);
  const kpis: Kpi[] = [
    { key: 'enrolled', label: t('mon.dash.enrolled'), value: m.enrolled, text: fmtInt(m.enrolled, lang) },
    { key: 'control', label: t('mon.dash.control'), value: m.control, text: fmtInt(m.control, lang) },
    { key: 'active', label: t('mon.dash.active'), value: m.active, text: fmtInt(m.active, lang) },
    { key: 'completed', label: t('mon.dash.completed'), value: m.completed, text: fmtInt(m.completed, lang) },
    { key: 'contacts', label: t('mon.dash.contacts'), value: contacts, text: fmtInt(contacts, lang) },
    { key: 'responses', label: t('mon.dash.responses'), value: m.responses, text: fmtInt(m.responses, lang) },
    { key: 'conversions', label: t('mon.dash.conversions'), value: m.conversions, text: fmtInt(m.conversions, lang), tone: 'brand' },
    { key: 'cost', label: t('mon.dash.cost'), value: m.cost, text: fmtMoney(m.cost, lang) },
    { key: 'revenue', label: t('mon.dash.revenue'), value: m.revenue, text: fmtMoney(m.revenue, lang) },
    { key: 'roi', label: t('mon.dash.roi'), value: m.evaluation.roi, text: fmtRatio(m.evaluation.roi) },
  ];
  if (d.gateway) {
    kpis.push(
      { key: 'delivered', label: t('mon.dash.gwDelivered'), value: d.gateway.delivered, text: fmtInt(d.gateway.delivered, lang), sub: t('mon.dash.gwFailed', { n: fmtInt(d.gateway.failed, lang) }) },
      { key: 'unknown', label: t('mon.dash.gwUnknown'), value: d.gateway.unknown, text: fmtInt(d.gateway.unknown, lang), tone: 'warn', hint: t('mon.dash.gwUnknownHint') },
    );
  }
  const bucketButton = (b: 'hour' | 'day') => (
    <button type="button" key={b} onClick={() => setBucket(b)} aria-pressed={d.timeline.bucket === b}
      className={`rounded px-2 py-0.5 text-xs ${d.timeline.bucket === b ? 'bg-brand-50 font-medium text-brand-700' : 'text-slate-500 hover:bg-slate-100'}`}>{t(`mon.dash.${b}`)}</button>
  );

  return (
    <div className="h-full overflow-auto p-6" data-testid="run-dashboard" data-run-status={d.run.status}>
      <RunHeader run={d.run}>
        <span className="text-xs text-slate-400" data-testid="updated-at">
          {d.run.status === 'running' && <span className="mr-1 inline-block h-2 w-2 animate-pulse rounded-full bg-emerald-500 align-middle" title={t('mon.dash.refreshing')} />}
          {t('mon.dash.updated', { time: fmtTime(q.dataUpdatedAt, lang) })}
        </span>
        <Link to={`/runs/${runId}/report`} className="rounded-md bg-brand-600 px-3 py-1.5 text-sm font-medium text-white hover:bg-brand-700">{t('mon.dash.report')}</Link>
      </RunHeader>
      <KpiCards items={kpis} />
      <BindingAlerts bindings={d.bindings} />
      {d.run.status === 'running' && m.deferred.customers > 0 && m.deferred.nextAt !== null && (
        <p className="mt-3 rounded-md border border-amber-200 bg-amber-50 px-3 py-2 text-sm text-amber-800" data-testid="deferred-notice">
          {t('mon.dash.deferred', { n: fmtInt(m.deferred.customers, lang), time: fmtTime(m.deferred.nextAt, lang) })}
        </p>
      )}
      <div className="mt-4 grid gap-4 xl:grid-cols-3">
        <Panel title={t('mon.dash.canvas')} className="xl:col-span-2">
          <div className="h-[460px] rounded border border-slate-100 bg-slate-50">
            {doc.data?.document ? <RunCanvas doc={doc.data.document as FlowDocument} live={live} /> : <p className="p-6 text-sm text-slate-400">{doc.isLoading ? t('common.loading') : t('mon.dash.noDocument')}</p>}
          </div>
        </Panel>
        <div className="flex flex-col gap-4">
          <Panel title={t('mon.dash.funnel')} testId="panel-funnel"><FunnelChart funnel={m.funnel} treated={m.enrolled - m.control} /></Panel>
          <Panel title={t('mon.dash.suppressed')} testId="panel-suppressed"><SuppressionChart suppressed={m.suppressed} /></Panel>
        </div>
      </div>
      <div className="mt-4 grid gap-4 xl:grid-cols-2">
        <Panel title={t('mon.dash.channels')}><ChannelChart rows={channelRows} /></Panel>
        <Panel title={t('mon.dash.timeline')} right={<div className="flex gap-1">{bucketButton('hour')}{bucketButton('day')}</div>}>
          {d.timeline.points.length > 0 ? <TimelineChart points={d.timeline.points} bucket={d.timeline.bucket} /> : <p className="py-10 text-center text-sm text-slate-400">{t('mon.dash.noData')}</p>}
        </Panel>
      </div>
      <Panel title={pick(DAILY_LABELS.title)} className="mt-4" testId="panel-daily" right={<DailyChannelPicker days={d.daily} value={dailyChannel} onChange={setDailyChannel} />}>
        {d.daily.length > 0 ? <DailyChart days={d.daily} channel={dailyChannel} /> : <p className="py-10 text-center text-sm text-slate-400">{t('mon.dash.noData')}</p>}
      </Panel>
      <Panel title={t('mon.dash.channelTable')} className="mt-4">
        <CapacityTable channels={m.channels} capacity={d.capacity} conversions={d.attribution.byChannel} queue={d.agentQueue} />
      </Panel>
      {Object.keys(m.grants.byNode).length > 0 && (
        <Panel title={pick(GRANT_LABELS.title)} className="mt-4" testId="panel-grants">
          <GrantsTable grants={m.grants} {...(doc.data?.document ? { nodes: (doc.data.document as FlowDocument).nodes } : {})} />
        </Panel>
      )}
    </div>
  );
}
