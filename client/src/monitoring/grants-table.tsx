import type { FlowNode } from '../../../shared/flow/document.js';
import { nodeTitles } from '../../../shared/flow/validate/names.js';
import { t } from '../../../shared/text.js';
import { useLang } from '../i18n/index.js';
import { fmtInt, fmtMoney } from './format.js';

interface Figures { granted: number; failed: number; alreadyHeld: number; cost: number }

export const GRANT_LABELS = {
  title: t('权益发放', 'Benefits granted'),
  node: t('节点', 'Node'),
  granted: t('已发放', 'Granted'),
  failed: t('发放失败', 'Failed'),
  alreadyHeld: t('已持有', 'Already held'),
  cost: t('成本', 'Cost'),
  total: t('合计', 'Total'),
} as const;

/**
 * A run's benefit grants per benefit node (granted, failed, already held, cost) and in total, as
 * `runMetrics().grants` counts them from the grants log. Nodes are named by their canvas titles when
 * the document is at hand (the dashboard), else by id.
 */
export function GrantsTable({ grants, nodes }: { grants: Figures & { byNode: Record<string, Figures> }; nodes?: readonly FlowNode[] }) {
  const { lang, pick } = useLang();
  const titles = nodes ? nodeTitles(nodes) : null;
  const rows: [string, string, Figures][] = Object.entries(grants.byNode).map(([id, f]) => [id, titles?.get(id)?.[lang] ?? id, f]);
  if (rows.length > 1) rows.push(['', pick(GRANT_LABELS.total), grants]);
  const cells = (f: Figures) => [fmtInt(f.granted, lang), fmtInt(f.failed, lang), fmtInt(f.alreadyHeld, lang), fmtMoney(f.cost, lang)];
  return (
    <table className="w-full text-sm" data-testid="grants-table">
      <thead className="border-b border-slate-200 text-xs text-slate-500">
        <tr>{(['node', 'granted', 'failed', 'alreadyHeld', 'cost'] as const).map((k, i) => <th key={k} className={`px-2 py-1.5 font-medium ${i === 0 ? 'text-left' : 'text-right'}`}>{pick(GRANT_LABELS[k])}</th>)}</tr>
      </thead>
      <tbody>
        {rows.map(([id, name, f]) => (
          <tr key={id || 'total'} className="border-b border-slate-100 last:border-0" data-key={id || 'total'} data-granted={f.granted} data-cost={f.cost}>
            <td className="px-2 py-1.5">{name}</td>
            {cells(f).map((c, i) => <td key={i} className="px-2 py-1.5 text-right tabular-nums">{c}</td>)}
          </tr>
        ))}
      </tbody>
    </table>
  );
}
