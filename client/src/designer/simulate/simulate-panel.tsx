import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { localMessage } from '../../governance/ui.js';
import { useLang } from '../../i18n/index.js';
import { Field, NumberInput, Section, Toggle } from '../inspector/fields.js';
import { useDesigner, useDesignerApi } from '../store/context.js';
import { RunSummary } from './run-summary.js';
import { useSimulation } from './use-simulation.js';

/** Simulate the flow for N sample customers: progress, then per-node counts and the funnel on the canvas. */
export function SimulatePanel() {
  const { t } = useTranslation();
  const { lang } = useLang();
  const api = useDesignerApi();
  const [customers, setCustomers] = useState(2000);
  const [seed, setSeed] = useState(1);
  const [days, setDays] = useState(30);
  const { run, showOverlay, errors } = useDesigner((s) => ({ run: s.run, showOverlay: s.showOverlay, errors: s.issues.filter((i) => i.severity === 'error').length }));
  const sim = useSimulation();
  const running = !!run && !run.done && !run.error;
  return (
    <div data-testid="simulate-panel">
      <Section title={t('designer.sim.title')}>
        <p className="mb-3 text-[11px] text-slate-400">{t('designer.sim.hint')}</p>
        <div className="grid grid-cols-3 gap-2">
          <Field label={t('designer.sim.customers')}>{(id) => <NumberInput id={id} value={customers} min={10} max={100000} integer untracked onChange={setCustomers} testId="sim-customers" />}</Field>
          <Field label={t('designer.sim.seed')}>{(id) => <NumberInput id={id} value={seed} integer untracked onChange={setSeed} />}</Field>
          <Field label={t('designer.sim.days')}>{(id) => <NumberInput id={id} value={days} min={1} max={365} integer untracked onChange={setDays} />}</Field>
        </div>
        {errors > 0 && <p className="mb-2 text-xs text-danger">{t('designer.sim.hasErrors', { count: errors })}</p>}
        <div className="flex gap-2">
          <button type="button" data-testid="sim-start" disabled={running || errors > 0 || sim.starting} onClick={() => sim.start({ customers, seed, days })}
            className="rounded-md bg-brand-600 px-3 py-1.5 text-[13px] font-medium text-white hover:bg-brand-700 disabled:opacity-40">{t('designer.sim.start')}</button>
          {run && <button type="button" className="rounded-md border border-slate-300 px-3 py-1.5 text-[13px] text-slate-600" onClick={() => api.getState().setRun(null)}>{t('designer.sim.clear')}</button>}
        </div>
        {run && (
          <div className="mt-3" aria-live="polite">
            <div className="h-2 overflow-hidden rounded bg-slate-100" role="progressbar" aria-valuemin={0} aria-valuemax={100} aria-valuenow={Math.round(run.progress * 100)}>
              <div className={`h-2 rounded transition-all ${run.error ? 'bg-danger' : 'bg-brand-500'}`} style={{ width: `${Math.round(run.progress * 100)}%` }} />
            </div>
            <p className="mt-1 text-[11px] text-slate-500" data-testid="sim-status">
              {run.error ? <span className="text-danger">{localMessage(run.error, lang)}</span> : run.done ? t('designer.sim.done') : t('designer.sim.running', { pct: Math.round(run.progress * 100) })}
            </p>
          </div>
        )}
        {sim.error && <p role="alert" className="mt-2 text-xs text-danger">{localMessage(sim.error, lang)}</p>}
      </Section>
      {run?.done && run.summary && (
        <Section title={t('designer.sim.results')}>
          <Toggle label={t('designer.sim.overlay')} checked={showOverlay} onChange={(v) => api.getState().setShowOverlay(v)} testId="sim-overlay" />
          <RunSummary summary={run.summary} />
        </Section>
      )}
    </div>
  );
}

