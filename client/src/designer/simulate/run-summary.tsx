import { useTranslation } from 'react-i18next';
import { useLang } from '../../i18n/index.js';
import type { SimSummary } from '../store/types.js';
import { formatCount, formatMoney, formatPercent, funnelLine, funnelSteps } from './funnel-steps.js';

/**
 * The funnel of a finished simulation, step by step, so it explains itself: how many were sampled,
 * how many matched the segment, how many were held out as control, then contacted, responded, converted.
 */
export function RunSummary({ summary }: { summary: SimSummary }) {
  const { t } = useTranslation();
  const { lang } = useLang();
  const steps = funnelSteps(summary);
  const label = (k: string) => t(`designer.sim.steps.${k}`);
  return (
    <div data-testid="sim-summary">
      <p className="sr-only">{funnelLine(steps, label, lang)}</p>
      <ol className="rounded-md border border-slate-200" aria-label={t('designer.sim.funnelTitle')}>
        {steps.map((st) => {
          const pct = st.share ? formatPercent(st.share.rate, lang) : null;
          return (
            <li key={st.key} data-testid={`sim-step-${st.key}`}
              className={`flex items-baseline gap-2 border-b border-slate-100 px-3 py-1.5 last:border-b-0 ${st.aside ? 'bg-slate-50 pl-6 text-slate-500' : ''}`}>
              <span className={`flex-1 text-[13px] ${st.aside ? '' : 'text-slate-700'}`}>
                {st.aside ? `↳ ${label(st.key)}` : label(st.key)}
                {st.aside && <span className="ml-1 text-[11px] text-slate-400">{t('designer.sim.controlHint')}</span>}
              </span>
              {pct !== null && st.share && <span className="text-[11px] text-slate-400 tabular-nums" title={t(`designer.sim.shareOf.${st.share.base}`)}>{pct}</span>}
              <span className={`w-16 text-right tabular-nums ${st.aside ? 'text-[13px]' : 'text-sm font-semibold text-slate-800'}`}>{formatCount(st.value, lang)}</span>
            </li>
          );
        })}
      </ol>
      {typeof summary.cost === 'number' && (
        <p className="mt-2 text-[12px] text-slate-500" data-testid="sim-cost">
          {t('designer.sim.cost')} <b className="font-semibold text-slate-800 tabular-nums">{formatMoney(summary.cost, lang)}</b>
          {typeof summary.revenue === 'number' && <> · {t('designer.sim.revenue')} <b className="font-semibold text-slate-800 tabular-nums">{formatMoney(summary.revenue, lang)}</b></>}
        </p>
      )}
    </div>
  );
}
