import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { CatalogueDriftBanner } from '../admin/catalogue-drift.js';
import { StatusBadge, unitName } from '../governance/ui.js';
import { useLang } from '../i18n/index.js';

export interface RunHead { id: number; name: string; flowId: string; version: number; orgUnit: string; status: string; stopReason: string | null; period: { start: string; end: string }; clock: string }

/** Title line of the run screens: flow name, status, version, unit, period; actions on the right. */
export function RunHeader({ run, children, back = '/runs' }: { run: RunHead; children?: ReactNode; back?: string }) {
  const { t } = useTranslation();
  const { lang } = useLang();
  return (
    <>
      <div className="mb-4 flex flex-wrap items-center gap-x-3 gap-y-2">
        <Link to={back} className="text-sm text-slate-500 hover:text-brand-700 print:hidden" aria-label={t('mon.dash.back')}>←</Link>
        <h1 className="text-xl font-semibold text-slate-800" data-testid="run-title">{run.name}</h1>
        <StatusBadge status={run.status} />
        <span className="text-sm text-slate-500">
          #{run.id} · v{run.version} · {unitName(run.orgUnit, lang)} · {run.period.start} ~ {run.period.end}
          {run.clock === 'virtual' ? ` · ${t('mon.runs.virtual')}` : ''}
          {run.stopReason ? ` · ${t('mon.dash.stopReason', { r: t(`mon.reasons.${run.stopReason}`, { defaultValue: run.stopReason }) })}` : ''}
        </span>
        <div className="ml-auto flex items-center gap-3 print:hidden">{children}</div>
      </div>
      {run.status === 'running' || run.status === 'paused' ? <CatalogueDriftBanner flowId={run.flowId} /> : null}
    </>
  );
}
