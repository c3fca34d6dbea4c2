import type { inferRouterOutputs } from '@trpc/server';
import { useState } from 'react';
import type { AppRouter } from '../../../server/trpc/routers/_app.js';
import { useTranslation } from 'react-i18next';
import { useLang } from '../i18n/index.js';
import { useSession } from '../lib/session-store.js';
import { trpc } from '../trpc.js';
import { InstantiateDialog } from './instantiate-dialog.js';
import { categoryLabel } from './template-categories.js';
import { Button, ErrorText, PageHeader, formatTime, inputClass } from './ui.js';

type Template = inferRouterOutputs<AppRouter>['templates']['list'][number];

/** The template library: search, category filter, usage and cases; planners create drafts from it. */
export function TemplateGalleryPage() {
  const { t } = useTranslation();
  const { lang } = useLang();
  const user = useSession((s) => s.user);
  const [search, setSearch] = useState('');
  const [category, setCategory] = useState('');
  const [using, setUsing] = useState<Template | null>(null);
  const [casesOf, setCasesOf] = useState<string | null>(null);
  const categories = trpc.templates.categories.useQuery();
  const list = trpc.templates.list.useQuery({ search: search || undefined, category: category || undefined });
  const canUse = !!user?.roles.includes('planner');
  const chip = (active: boolean) => `rounded-full px-3 py-1 text-sm ${active ? 'bg-brand-600 text-white' : 'bg-white text-slate-600 border border-slate-200 hover:bg-slate-50'}`;

  return (
    <div className="h-full overflow-auto p-6" data-testid="template-gallery">
      <PageHeader title={t('gov.templates.title')}>
        <input aria-label={t('gov.templates.search')} placeholder={t('gov.templates.search')} className={`${inputClass} max-w-72`} value={search} onChange={(e) => setSearch(e.target.value)} />
      </PageHeader>
      <div className="mb-4 flex flex-wrap gap-2" role="group" aria-label={t('gov.templates.category')}>
        <button type="button" className={chip(category === '')} onClick={() => setCategory('')}>{t('gov.templates.allCategories')}</button>
        {categories.data?.map((c) => (
          <button type="button" key={c.category} className={chip(category === c.category)} onClick={() => setCategory(c.category)}>{categoryLabel(c.category, lang)} · {c.count}</button>
        ))}
      </div>
      <ErrorText error={list.error} />
      {list.data?.length === 0 && <p className="p-6 text-center text-slate-400">{t('gov.templates.empty')}</p>}
      <div className="grid grid-cols-1 gap-4 md:grid-cols-2 xl:grid-cols-3">
        {list.data?.map((tpl) => (
          <article key={tpl.id} className="flex flex-col rounded-lg border border-slate-200 bg-white p-4" data-testid={`template-${tpl.id}`}>
            <div className="mb-1 flex items-start gap-2">
              <h2 className="font-semibold text-slate-800">{tpl.name}</h2>
              {tpl.partial && <span className="rounded bg-experience-soft px-1.5 text-xs text-experience">{t('gov.templates.partial')}</span>}
              <span className="ml-auto shrink-0 rounded bg-slate-100 px-1.5 text-xs text-slate-600">{categoryLabel(tpl.category, lang)}</span>
            </div>
            <p className="mb-2 line-clamp-2 text-sm text-slate-600">{tpl.description}</p>
            <div className="mb-3 flex flex-wrap gap-1">{tpl.tags.map((tag) => <span key={tag} className="rounded bg-brand-50 px-1.5 text-xs text-brand-700">#{tag}</span>)}</div>
            <div className="mt-auto flex flex-wrap items-center gap-3 text-xs text-slate-500">
              <span>{t('gov.templates.nodes', { n: tpl.nodeCount })}</span>
              <span>{t('gov.templates.usage', { n: tpl.usageCount })}</span>
              <button type="button" className="hover:text-brand-700 hover:underline" onClick={() => setCasesOf(casesOf === tpl.id ? null : tpl.id)}>{t('gov.templates.cases', { n: tpl.caseCount })}</button>
              <span>{tpl.source === 'file' ? t('gov.templates.fromFile') : t('gov.templates.by', { name: tpl.createdBy ?? '' })}</span>
              {canUse && <Button tone="primary" className="ml-auto" data-testid={`use-${tpl.id}`} onClick={() => setUsing(tpl)}>{t('gov.templates.use')}</Button>}
            </div>
            {casesOf === tpl.id && <CaseList templateId={tpl.id} />}
          </article>
        ))}
      </div>
      {using && <InstantiateDialog template={using} onClose={() => setUsing(null)} />}
    </div>
  );
}

function CaseList({ templateId }: { templateId: string }) {
  const { t } = useTranslation();
  const { lang } = useLang();
  const cases = trpc.templates.cases.useQuery({ templateId });
  return (
    <div className="mt-3 border-t border-slate-100 pt-2">
      <h3 className="mb-1 text-sm font-medium text-slate-700">{t('gov.templates.casesTitle')}</h3>
      {cases.data?.length === 0 && <p className="text-xs text-slate-400">{t('gov.templates.noCases')}</p>}
      <ul className="space-y-1">
        {cases.data?.map((c) => (
          <li key={c.id} className="text-xs text-slate-600">
            <span className="font-medium">{c.flowName}</span> · {c.createdBy} · {formatTime(c.createdAt, lang)}
            <p>{c.note}</p>
            {Object.keys(c.results).length > 0 && <p className="text-slate-400">{Object.entries(c.results).map(([k, v]) => `${k} ${v}`).join(' · ')}</p>}
          </li>
        ))}
      </ul>
    </div>
  );
}
