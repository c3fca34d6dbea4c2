import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { STAGES, STAGE_LABELS } from '../../../../shared/catalogue/stages.js';
import { useLang } from '../../i18n/index.js';
import { LAYOUT_KEYS, isBool, readStored, writeStored } from '../layout/use-stored.js';
import { STAGE_CLASSES } from '../nodes/stage-style.js';
import { useDesigner, useDesignerApi } from '../store/context.js';
import { formatCount, formatMoney, funnelLine, funnelSteps } from './funnel-steps.js';

/**
 * The last simulation's funnel, docked bottom-left beside the zoom controls so it never covers the
 * flow's start. The first time ever it opens expanded; after that it shows as a one-line summary.
 */
export function StageFunnel() {
  const { t } = useTranslation();
  const { pick, lang } = useLang();
  const api = useDesignerApi();
  const { summary, show } = useDesigner((s) => ({ summary: s.run?.done ? s.run.summary : null, show: s.showOverlay }));
  const [expanded, setExpanded] = useState(() => !readStored(LAYOUT_KEYS.funnelSeen, false, isBool));
  const visible = !!summary && show;
  useEffect(() => { if (visible && expanded) writeStored(LAYOUT_KEYS.funnelSeen, true); }, [visible, expanded]);
  if (!summary || !show) return null;
  const line = funnelLine(funnelSteps(summary), (k) => t(`designer.sim.steps.${k}`), lang);
  const max = Math.max(1, ...STAGES.map((s) => summary.stages[s] ?? 0));
  const toggle = (
    <button type="button" data-testid="stage-funnel-toggle" aria-expanded={expanded} onClick={() => setExpanded(!expanded)}
      className="flex min-w-0 flex-1 items-center gap-1.5 rounded text-left focus-visible:outline-2 focus-visible:outline-brand-500">
      <span aria-hidden className={`inline-block text-[10px] text-slate-400 transition-transform ${expanded ? 'rotate-90' : ''}`}>▶</span>
      <span className="shrink-0 text-xs font-semibold text-slate-700">{t('designer.sim.funnelTitle')}</span>
      {!expanded && <span className="truncate text-[11px] text-slate-500 tabular-nums" data-testid="stage-funnel-line" title={line}>{line}</span>}
    </button>
  );
  return (
    <section data-testid="stage-funnel" data-expanded={expanded} aria-label={t('designer.sim.funnelTitle')}
      className={`absolute bottom-3 left-12 z-10 rounded-lg border border-slate-200 bg-white/95 shadow-md backdrop-blur ${expanded ? 'w-72 p-3' : 'max-w-[min(640px,calc(100%-15rem))] px-3 py-1.5'}`}>
      <div className="flex items-center gap-2">
        {toggle}
        <button type="button" className="shrink-0 rounded text-[11px] text-slate-400 hover:text-slate-700 focus-visible:outline-2 focus-visible:outline-brand-500" onClick={() => api.getState().setShowOverlay(false)}>{t('designer.sim.hide')}</button>
      </div>
      {expanded && (
        <div className="mt-2">
          <p className="mb-2 text-[11px] leading-4 text-slate-600 tabular-nums" data-testid="stage-funnel-line">{line}</p>
          <h4 className="mb-1 text-[11px] font-medium text-slate-500">{t('designer.sim.byStage')}</h4>
          {STAGES.map((s) => <Bar key={s} label={pick(STAGE_LABELS[s])} value={summary.stages[s] ?? 0} max={max} bar={STAGE_CLASSES[s].bar} lang={lang} />)}
          {typeof summary.cost === 'number' && <p className="mt-2 text-[11px] text-slate-500">{t('designer.sim.cost')} <b className="text-slate-800">{formatMoney(summary.cost, lang)}</b></p>}
        </div>
      )}
    </section>
  );
}

function Bar({ label, value, max, bar, lang }: { label: string; value: number; max: number; bar: string; lang: 'zh' | 'en' }) {
  return (
    <div className="mb-1">
      <div className="flex text-[11px] text-slate-600"><span className="flex-1">{label}</span><span className="tabular-nums">{formatCount(value, lang)}</span></div>
      <div className="h-1.5 rounded bg-slate-100"><div className={`h-1.5 rounded ${bar}`} style={{ width: `${(100 * value) / max}%` }} /></div>
    </div>
  );
}
