import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { PRODUCT_CATEGORIES, PRODUCT_CATEGORY_LABELS, type ProductCategory } from '../../../shared/catalogue/products.js';
import { Button, ErrorText, PageHeader, selectClass } from '../governance/ui.js';
import { useLang } from '../i18n/index.js';
import { useSession } from '../lib/session-store.js';
import { trpc } from '../trpc.js';
import { FitHeatmap } from './charts/fit-heatmap.js';
import { fmtTime } from './format.js';
import { Panel } from './kpi-cards.js';

type View = 'estimate' | 'prior' | 'fitScore';

/** `/fit`: the CPC matrix — group × channel fit and the learned response-rate estimates per product category. */
export function FitPage() {
  const { t } = useTranslation();
  const { lang, pick } = useLang();
  const user = useSession((s) => s.user);
  const [category, setCategory] = useState<ProductCategory>('data_pack');
  const [view, setView] = useState<View>('estimate');
  const q = trpc.learning.matrix.useQuery({ category });
  const utils = trpc.useUtils();
  const learn = trpc.learning.learn.useMutation({ onSuccess: () => void utils.learning.matrix.invalidate() });
  const canLearn = !!user?.roles.some((r) => r === 'supervisor' || r === 'admin');
  const cells = (q.data?.cells ?? []).map((c) => ({ group: c.group, channel: c.channel, observed: c.observed, value: view === 'estimate' ? c.mean : view === 'prior' ? c.priorMean : c.score }));
  const label = t(`mon.fit.${view}`);
  return (
    <div className="h-full overflow-auto p-6" data-testid="fit-page">
      <PageHeader title={t('mon.fit.title')}>
        <label className="flex items-center gap-2 text-sm text-slate-600">{t('mon.fit.category')}
          <select className={selectClass} value={category} onChange={(e) => setCategory(e.target.value as ProductCategory)} data-testid="fit-category">
            {PRODUCT_CATEGORIES.map((c) => <option key={c} value={c}>{pick(PRODUCT_CATEGORY_LABELS[c])}</option>)}
          </select>
        </label>
        <label className="flex items-center gap-2 text-sm text-slate-600">{t('mon.fit.view')}
          <select className={selectClass} value={view} onChange={(e) => setView(e.target.value as View)} data-testid="fit-view">
            {(['estimate', 'prior', 'fitScore'] as const).map((v) => <option key={v} value={v}>{t(`mon.fit.${v}`)}</option>)}
          </select>
        </label>
        {canLearn && <Button tone="primary" disabled={learn.isPending} onClick={() => learn.mutate({})} data-testid="learn-now">{learn.isPending ? t('mon.fit.learning') : t('mon.fit.learn')}</Button>}
      </PageHeader>
      <ErrorText error={q.error ?? learn.error} />
      {learn.data && <p role="status" className="mb-3 rounded-md bg-brand-50 px-3 py-2 text-sm text-brand-700" data-testid="learn-result">{t('mon.fit.learnedResult', learn.data)}</p>}
      <p className="mb-3 text-xs text-slate-500">{t('mon.fit.hint')}</p>
      <Panel title={label}><FitHeatmap cells={cells} label={label} percent={view !== 'fitScore'} /></Panel>
      <Panel title={t('mon.fit.passes')} className="mt-4">
        {(q.data?.passes.length ?? 0) === 0 ? <p className="text-sm text-slate-400">{t('mon.fit.noPasses')}</p> : (
          <table className="w-full text-sm" data-testid="learning-passes">
            <thead className="text-left text-xs text-slate-500"><tr><th className="py-1 font-medium">{t('mon.fit.at')}</th><th className="py-1 font-medium">{t('mon.fit.run')}</th><th className="py-1 font-medium">{t('mon.fit.trigger')}</th><th className="py-1 text-right font-medium">{t('mon.fit.learned')}</th><th className="py-1 text-right font-medium">{t('mon.dash.responses')}</th><th className="py-1 text-right font-medium">{t('mon.fit.cells')}</th></tr></thead>
            <tbody>
              {q.data!.passes.map((p) => (
                <tr key={p.id} className="border-t border-slate-100">
                  <td className="py-1 text-slate-500">{fmtTime(p.at, lang)}</td><td className="py-1">{p.runId ? `#${p.runId}` : '—'}</td>
                  <td className="py-1">{t(`mon.fit.${p.trigger as 'manual' | 'run_completed'}`)}</td>
                  <td className="py-1 text-right tabular-nums">{p.contacts}</td><td className="py-1 text-right tabular-nums">{p.responses}</td><td className="py-1 text-right tabular-nums">{p.cells}</td>
                </tr>
              ))}
            </tbody>
          </table>
        )}
      </Panel>
    </div>
  );
}
