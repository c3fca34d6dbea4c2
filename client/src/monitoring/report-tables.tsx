import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import type { FlowNode } from '../../../shared/flow/document.js';
import { nodeTitles } from '../../../shared/flow/validate/names.js';
import { nodeDef } from '../../../shared/nodes/registry.js';
import { useLang } from '../i18n/index.js';
import { channelName, fmtInt, fmtLift, fmtMoney, fmtPct, fmtRatio, groupName, stageName } from './format.js';

interface Breakdown { key: string; contacts: number; delivered: number; responses: number; conversions: number; cost: number; revenue: number; responseRate: number; conversionRate: number; roi: number }
interface GroupRow { key: string; treated: number; contacted: number; responded: number; converted: number; cost: number; revenue: number; contactRate: number; responseRate: number; conversionRate: number; roi: number; control: number; controlConversionRate: number; lift: number | null }
interface NodeRow { key: string; type: string | null; contacts: number; cost: number; conversions: number; revenue: number }

const th = 'px-2 py-1.5 font-medium text-right first:text-left';
const td = 'px-2 py-1.5 text-right tabular-nums first:text-left';

function Table({ head, rows, testId }: { head: string[]; rows: { key: string; cells: ReactNode[] }[]; testId: string }) {
  const { t } = useTranslation();
  return (
    <div className="overflow-x-auto">
      <table className="w-full text-sm" data-testid={testId}>
        <thead className="border-b border-slate-200 text-xs text-slate-500"><tr>{head.map((h) => <th key={h} className={th}>{h}</th>)}</tr></thead>
        <tbody>
          {rows.map((r) => <tr key={r.key} className="border-b border-slate-100 last:border-0" data-key={r.key}>{r.cells.map((c, i) => <td key={i} className={td}>{c}</td>)}</tr>)}
          {/* a run that has sent nothing yet: say so rather than leave a bare header that looks broken */}
          {rows.length === 0 && <tr data-testid={`${testId}-empty`}><td colSpan={head.length} className="px-2 py-3 text-center text-slate-400">{t('mon.dash.noData')}</td></tr>}
        </tbody>
      </table>
    </div>
  );
}

/** Stage or channel breakdown: contacts, delivered, responses, attributed conversions, cost, revenue, rates, ROI. */
export function BreakdownTable({ rows, kind }: { rows: Breakdown[]; kind: 'stage' | 'channel' }) {
  const { t } = useTranslation();
  const { lang } = useLang();
  const name = (k: string) => (kind === 'stage' ? stageName(k, lang) : channelName(k, lang));
  return (
    <Table testId={`report-by-${kind}`}
      head={[t(`mon.report.${kind}`), t('mon.dash.contacts'), t('mon.dash.delivered'), t('mon.dash.responses'), t('mon.dash.conversions'), t('mon.dash.cost'), t('mon.dash.revenue'), t('mon.report.responseRate'), t('mon.report.conversionRate'), t('mon.dash.roi')]}
      rows={rows.map((r) => ({ key: r.key, cells: [name(r.key), fmtInt(r.contacts, lang), fmtInt(r.delivered, lang), fmtInt(r.responses, lang), fmtInt(r.conversions, lang), fmtMoney(r.cost, lang), fmtMoney(r.revenue, lang), fmtPct(r.responseRate), fmtPct(r.conversionRate, 2), fmtRatio(r.roi)] }))} />
  );
}

/** Customer-group breakdown with each group's own control group and lift. */
export function GroupTable({ rows }: { rows: GroupRow[] }) {
  const { t } = useTranslation();
  const { lang } = useLang();
  return (
    <Table testId="report-by-group"
      head={[t('mon.report.group'), t('mon.report.treated'), t('mon.report.contactRate'), t('mon.report.responseRate'), t('mon.report.conversionRate'), t('mon.report.converted'), t('mon.dash.cost'), t('mon.dash.revenue'), t('mon.dash.roi'), t('mon.dash.control'), t('mon.report.controlRate'), t('mon.report.lift')]}
      rows={rows.map((r) => ({ key: r.key, cells: [groupName(r.key, lang), fmtInt(r.treated, lang), fmtPct(r.contactRate), fmtPct(r.responseRate), fmtPct(r.conversionRate, 2), fmtInt(r.converted, lang), fmtMoney(r.cost, lang), fmtMoney(r.revenue, lang), fmtRatio(r.roi), fmtInt(r.control, lang), fmtPct(r.controlConversionRate, 2), fmtLift(r.lift)] }))} />
  );
}

/**
 * Per node: contacts, cost, and the conversions credited to the node's touches. Nodes are named by
 * their canvas titles when the document is at hand, else by kind and id.
 */
export function NodeTable({ rows, nodes }: { rows: NodeRow[]; nodes?: readonly FlowNode[] }) {
  const { t } = useTranslation();
  const { lang, pick } = useLang();
  const titles = nodes ? nodeTitles(nodes) : null;
  const label = (r: NodeRow) => {
    const title = titles?.get(r.key);
    if (title) return title[lang];
    const def = r.type ? nodeDef(r.type) : undefined;
    return def ? `${pick(def.label)} · ${r.key}` : r.key;
  };
  return (
    <Table testId="report-by-node"
      head={[t('mon.report.node'), t('mon.dash.contacts'), t('mon.dash.cost'), t('mon.dash.conversions'), t('mon.dash.revenue')]}
      rows={[...rows].sort((a, b) => b.conversions - a.conversions).map((r) => ({ key: r.key, cells: [label(r), fmtInt(r.contacts, lang), fmtMoney(r.cost, lang), fmtInt(r.conversions, lang), fmtMoney(r.revenue, lang)] }))} />
  );
}
