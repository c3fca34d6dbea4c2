import type { FlowDocument } from '../../../shared/flow/document.js';
import { useTranslation } from 'react-i18next';
import { useParams } from 'react-router';
import { PRODUCT_BY_ID } from '../../../shared/catalogue/products.js';
import { Button, ErrorText } from '../governance/ui.js';
import { useLang } from '../i18n/index.js';
import { trpc } from '../trpc.js';
import { fmtInt, fmtLift, fmtMoney, fmtPct, fmtRatio, fmtTime } from './format.js';
import { GoalTable } from './goal-table.js';
import { GRANT_LABELS, GrantsTable } from './grants-table.js';
import { KpiCards, Panel, type Kpi } from './kpi-cards.js';
import { PRINT_CSS } from './print-css.js';
import { BreakdownTable, GroupTable, NodeTable } from './report-tables.js';
import { RunHeader } from './run-header.js';

/** `/runs/:runId/report`: the evaluation against the goal, by stage, channel, group and node; CSV export and print. */
export function ReportPage() {
  const { t } = useTranslation();
  const { lang, pick } = useLang();
  const runId = Number(useParams().runId);
  const q = trpc.monitoring.report.useQuery({ runId }, { enabled: Number.isInteger(runId) && runId > 0 });
  // Node titles for the node and grants tables, as the dashboard shows them (the report itself carries no document).
  const doc = trpc.monitoring.document.useQuery({ runId }, { enabled: Number.isInteger(runId) && runId > 0, staleTime: Infinity });
  const nodes = (doc.data?.document as FlowDocument | undefined)?.nodes;
  if (q.error) return <div className="p-6"><ErrorText error={q.error} /></div>;
  const r = q.data;
  if (!r) return <div className="p-6 text-slate-500">{t('common.loading')}</div>;
  const e = r.metrics.evaluation;
  const reached = Math.round(e.contactRate * r.treated);
  const product = PRODUCT_BY_ID[r.run.productId];
  const rates: Kpi[] = [
    { key: 'contactRate', label: t('mon.report.contactRate'), value: e.contactRate, text: fmtPct(e.contactRate) },
    { key: 'responseRate', label: t('mon.report.responseRate'), value: e.responseRate, text: fmtPct(e.responseRate) },
    { key: 'conversionRate', label: t('mon.report.conversionRate'), value: e.conversionRate, text: fmtPct(e.conversionRate, 2), tone: 'brand' },
    { key: 'controlRate', label: t('mon.report.controlRate'), value: e.controlConversionRate, text: fmtPct(e.controlConversionRate, 2), sub: `${t('mon.dash.control')} ${fmtInt(r.metrics.control, lang)}` },
    { key: 'lift', label: t('mon.report.lift'), value: e.lift ?? 0, text: fmtLift(e.lift), ...(e.lift === null ? { sub: t('mon.report.noLift') } : {}) },
    { key: 'cost', label: t('mon.dash.cost'), value: e.cost, text: fmtMoney(e.cost, lang) },
    { key: 'revenue', label: t('mon.dash.revenue'), value: r.metrics.revenue, text: fmtMoney(r.metrics.revenue, lang) },
    { key: 'roi', label: t('mon.dash.roi'), value: e.roi, text: fmtRatio(e.roi) },
    { key: 'treated', label: t('mon.report.treated'), value: r.treated, text: fmtInt(r.treated, lang) },
    { key: 'conversions', label: t('mon.dash.conversions'), value: r.metrics.conversions, text: fmtInt(r.metrics.conversions, lang), tone: 'brand' },
  ];
  return (
    <div className="h-full overflow-auto bg-slate-50 p-6 print:h-auto print:overflow-visible print:bg-white print:p-0" data-testid="report">
      <style>{PRINT_CSS}</style>
      <RunHeader run={r.run} back={`/runs/${runId}`}>
        <a href={`/api/runs/${runId}/report.csv?lang=${lang}`} download className="rounded-md border border-slate-300 bg-white px-3 py-1.5 text-sm font-medium text-slate-700 hover:bg-slate-50" data-testid="csv-link">{t('mon.report.csv')}</a>
        <Button tone="primary" onClick={() => window.print()}>{t('mon.report.print')}</Button>
      </RunHeader>
      <p className="mb-3 text-sm text-slate-500">
        {t('mon.report.title')} · {t('mon.report.product')}: {product ? `${pick(product.name)} (¥${product.price})` : r.run.productId} · {t('mon.report.generated', { time: fmtTime(Date.now(), lang) })}
      </p>
      <KpiCards items={rates} />
      <div className="mt-4">
        <Panel title={t('mon.report.goal')}>
          <GoalTable reached={reached} responses={r.metrics.responses} conversions={r.metrics.conversions} revenue={r.metrics.revenue} cost={e.cost} goal={e.goal} />
        </Panel>
      </div>
      <Panel title={t('mon.report.byStage')} className="mt-4"><BreakdownTable rows={r.byStage} kind="stage" /></Panel>
      <Panel title={t('mon.report.byChannel')} className="mt-4"><BreakdownTable rows={r.byChannel} kind="channel" /></Panel>
      <Panel title={t('mon.report.byGroup')} className="mt-4"><GroupTable rows={r.byGroup} /></Panel>
      <Panel title={t('mon.report.byNode')} className="mt-4">
        <NodeTable rows={r.byNode} {...(nodes ? { nodes } : {})} />
        <p className="mt-2 text-xs text-slate-500">{t('mon.report.attribution', { e: r.attribution.engaged, l: r.attribution.lastSent })}</p>
      </Panel>
      {Object.keys(r.metrics.grants.byNode).length > 0 && (
        <Panel title={pick(GRANT_LABELS.title)} className="mt-4" testId="panel-grants"><GrantsTable grants={r.metrics.grants} {...(nodes ? { nodes } : {})} /></Panel>
      )}
    </div>
  );
}
