import { useTranslation } from 'react-i18next';
import type { SimSummary } from '../store/types.js';

const METRICS = ['enrolled', 'conversions', 'cost'] as const;

/** Headline numbers of a finished simulation. */
export function RunSummary({ summary }: { summary: SimSummary }) {
  const { t } = useTranslation();
  return (
    <dl className="grid grid-cols-3 gap-2" data-testid="sim-summary">
      {METRICS.map((m) => {
        const v = summary[m];
        if (typeof v !== 'number') return null;
        return (
          <div key={m} className="rounded-md border border-slate-200 p-2">
            <dt className="text-[11px] text-slate-500">{t(`designer.sim.${m}`)}</dt>
            <dd className="text-base font-semibold text-slate-800 tabular-nums">{m === 'cost' ? `¥${Math.round(v).toLocaleString()}` : v.toLocaleString()}</dd>
          </div>
        );
      })}
    </dl>
  );
}
