import { useTranslation } from 'react-i18next';
import { useLang } from '../i18n/index.js';
import { trpc } from '../trpc.js';
import { StatusBadge, unitName } from './ui.js';

/** Which approved or running flows would enrol the same customers (counted in the store), and who wins the contact. */
export function ConflictsPanel({ flowId }: { flowId: string }) {
  const { t } = useTranslation();
  const { lang, pick } = useLang();
  const q = trpc.governance.conflicts.useQuery({ flowId });
  if (!q.data) return null;
  const { scope, conflicts, priority, audience } = q.data;
  const n = (x: number) => x.toLocaleString(lang === 'zh' ? 'zh-CN' : 'en-GB');
  return (
    <section data-testid="conflicts">
      <p className="mb-2 text-xs text-slate-500">
        {t('gov.inbox.scope', { cities: scope.cities.map((c) => unitName(c, lang)).join(lang === 'zh' ? '、' : ', ') })} · <span data-testid="conflicts-audience">{t('gov.inbox.audienceOf', { n: n(audience) })}</span> · {t('gov.inbox.priority', { p: priority })}
      </p>
      {conflicts.length === 0 && <p className="text-sm text-slate-500">{t('gov.inbox.noConflicts')}</p>}
      <ul className="space-y-2">
        {conflicts.map((c) => (
          <li key={c.flowId} className="rounded-md border border-amber-200 bg-amber-50 px-3 py-2 text-sm" data-testid="conflict">
            <div className="flex flex-wrap items-center gap-2">
              <span className="font-medium">{c.name}</span>
              <span className="text-xs text-slate-500">{unitName(c.orgUnit, lang)} · {t('gov.inbox.priority', { p: c.priority })}</span>
              <StatusBadge status={c.status} />
              <span className={`ml-auto rounded px-2 py-0.5 text-xs font-medium ${c.winner === 'this' ? 'bg-emerald-100 text-emerald-700' : c.winner === 'other' ? 'bg-red-100 text-danger' : 'bg-slate-100 text-slate-600'}`}>
                {t(c.winner === 'this' ? 'gov.inbox.winnerThis' : c.winner === 'other' ? 'gov.inbox.winnerOther' : 'gov.inbox.winnerTie')}
              </span>
            </div>
            <div className="mt-1 text-xs text-slate-600">
              <span data-testid="conflict-overlap">{t('gov.inbox.overlapOf', { n: n(c.overlapCustomers) })}</span> · {pick(c.reason)}
            </div>
          </li>
        ))}
      </ul>
    </section>
  );
}
