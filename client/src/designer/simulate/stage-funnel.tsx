import { useTranslation } from 'react-i18next';
import { STAGES, STAGE_LABELS } from '../../../../shared/catalogue/stages.js';
import { useLang } from '../../i18n/index.js';
import { STAGE_CLASSES } from '../nodes/stage-style.js';
import { useDesigner, useDesignerApi } from '../store/context.js';

/** The publicity → experience → sales funnel of the last simulation, floating over the canvas. */
export function StageFunnel() {
  const { t } = useTranslation();
  const { pick } = useLang();
  const api = useDesignerApi();
  const { summary, show } = useDesigner((s) => ({ summary: s.run?.done ? s.run.summary : null, show: s.showOverlay }));
  if (!summary || !show) return null;
  const enrolled = typeof summary.enrolled === 'number' ? summary.enrolled : null;
  const max = Math.max(1, enrolled ?? 0, ...STAGES.map((s) => summary.stages[s] ?? 0));
  return (
    <section data-testid="stage-funnel" aria-label={t('designer.sim.funnel')}
      className="absolute top-3 left-3 z-10 w-64 rounded-lg border border-slate-200 bg-white/95 p-3 shadow-md backdrop-blur">
      <div className="mb-2 flex items-center">
        <h3 className="flex-1 text-xs font-semibold text-slate-600">{t('designer.sim.funnel')}</h3>
        <button type="button" className="text-[11px] text-slate-400 hover:text-slate-700" onClick={() => api.getState().setShowOverlay(false)}>{t('designer.sim.hide')}</button>
      </div>
      {enrolled !== null && <Bar label={t('designer.sim.enrolled')} value={enrolled} max={max} bar="bg-slate-400" />}
      {STAGES.map((s) => <Bar key={s} label={pick(STAGE_LABELS[s])} value={summary.stages[s] ?? 0} max={max} bar={STAGE_CLASSES[s].bar} />)}
      {typeof summary.conversions === 'number' && (
        <p className="mt-2 text-[11px] text-slate-500">{t('designer.sim.conversions')} <b className="text-slate-800">{summary.conversions.toLocaleString()}</b>
          {typeof summary.cost === 'number' && <> · {t('designer.sim.cost')} <b className="text-slate-800">¥{Math.round(summary.cost).toLocaleString()}</b></>}</p>
      )}
    </section>
  );
}

function Bar({ label, value, max, bar }: { label: string; value: number; max: number; bar: string }) {
  return (
    <div className="mb-1.5">
      <div className="flex text-[11px] text-slate-600"><span className="flex-1">{label}</span><span className="tabular-nums">{value.toLocaleString()}</span></div>
      <div className="h-2 rounded bg-slate-100"><div className={`h-2 rounded ${bar}`} style={{ width: `${(100 * value) / max}%` }} /></div>
    </div>
  );
}
