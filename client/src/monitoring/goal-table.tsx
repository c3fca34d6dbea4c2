import { useTranslation } from 'react-i18next';
import { useLang } from '../i18n/index.js';
import { fmtInt, fmtMoney, fmtPct } from './format.js';

interface Props {
  reached: number;
  responses: number;
  conversions: number;
  revenue: number;
  cost: number;
  goal: { reach: number; responses: number; conversions: number; revenue: number; budget: number };
}

/** Actual against the flow's goal, with a bar per row (cost against the budget turns red past 100%). */
export function GoalTable({ reached, responses, conversions, revenue, cost, goal }: Props) {
  const { t } = useTranslation();
  const { lang } = useLang();
  // A goal of 0 is no goal, a budget of 0 no spending limit (the engine stops only at a budget above 0).
  const target = (n: number, text: string) => (n > 0 ? text : t('mon.report.noGoal'));
  const rows = [
    { key: 'reach', label: t('mon.report.contacted'), actual: fmtInt(reached, lang), target: target(goal.reach, fmtInt(goal.reach, lang)), share: goal.reach > 0 ? reached / goal.reach : null, spend: false },
    { key: 'responses', label: t('mon.dash.responses'), actual: fmtInt(responses, lang), target: target(goal.responses, fmtInt(goal.responses, lang)), share: goal.responses > 0 ? responses / goal.responses : null, spend: false },
    { key: 'conversions', label: t('mon.dash.conversions'), actual: fmtInt(conversions, lang), target: target(goal.conversions, fmtInt(goal.conversions, lang)), share: goal.conversions > 0 ? conversions / goal.conversions : null, spend: false },
    { key: 'revenue', label: t('mon.dash.revenue'), actual: fmtMoney(revenue, lang), target: target(goal.revenue, fmtMoney(goal.revenue, lang)), share: goal.revenue > 0 ? revenue / goal.revenue : null, spend: false },
    { key: 'cost', label: `${t('mon.dash.cost')} / ${t('mon.report.budget')}`, actual: fmtMoney(cost, lang), target: goal.budget > 0 ? fmtMoney(goal.budget, lang) : t('mon.report.noBudget'), share: goal.budget > 0 ? cost / goal.budget : null, spend: true },
  ];
  return (
    <table className="w-full text-sm" data-testid="report-goal">
      <thead className="border-b border-slate-200 text-xs text-slate-500">
        <tr><th className="px-2 py-1.5 text-left font-medium">{t('mon.report.metric')}</th><th className="px-2 py-1.5 text-right font-medium">{t('mon.report.actual')}</th><th className="px-2 py-1.5 text-right font-medium">{t('mon.report.target')}</th><th className="w-2/5 px-2 py-1.5 text-left font-medium">{t('mon.report.attainment')}</th></tr>
      </thead>
      <tbody>
        {rows.map((r) => (
          <tr key={r.key} className="border-b border-slate-100 last:border-0" data-key={r.key}>
            <td className="px-2 py-1.5">{r.label}</td>
            <td className="px-2 py-1.5 text-right tabular-nums">{r.actual}</td>
            <td className="px-2 py-1.5 text-right text-slate-500 tabular-nums">{r.target}</td>
            <td className="px-2 py-1.5">
              {r.share === null ? '—' : (
                <div className="flex items-center gap-2">
                  <div className="h-2 flex-1 rounded bg-slate-100 print:border print:border-slate-300"><div className={`h-2 rounded ${r.spend ? (r.share > 1 ? 'bg-danger' : 'bg-slate-400') : r.share >= 1 ? 'bg-brand-600' : 'bg-brand-500'}`} style={{ width: `${Math.min(100, r.share * 100)}%` }} /></div>
                  <span className="w-14 text-right text-xs tabular-nums">{fmtPct(r.share)}</span>
                </div>
              )}
            </td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}
