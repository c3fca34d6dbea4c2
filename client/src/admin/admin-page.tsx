import { lazy, Suspense, useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import { Navigate, NavLink, useParams } from 'react-router';
import { useLang } from '../i18n/index.js';
import { ADMIN_TABS } from './admin-tabs.js';

/** 系统设置: one page with a tab per admin section (catalogue, attributes, data import, channel bindings …). */
export function AdminPage() {
  const { t } = useTranslation();
  const { pick } = useLang();
  const { section } = useParams();
  const tab = ADMIN_TABS.find((x) => x.path === section);
  const Section = useMemo(() => (tab ? lazy(() => tab.load().then((c) => ({ default: c }))) : null), [tab]);
  if (!tab) return ADMIN_TABS[0] ? <Navigate to={`/admin/${ADMIN_TABS[0].path}`} replace /> : <p className="p-8 text-slate-500">{t('errors.notFound')}</p>;
  return (
    <div className="flex h-full flex-col" data-testid="admin-page">
      <nav className="flex gap-1 border-b border-slate-200 bg-white px-6" aria-label={t('nav.admin')}>
        {ADMIN_TABS.map((x) => (
          <NavLink key={x.path} to={`/admin/${x.path}`} data-testid={`admin-tab-${x.path}`}
            className={({ isActive }) => `-mb-px border-b-2 px-3 py-2 text-sm ${isActive ? 'border-brand-600 font-medium text-brand-700' : 'border-transparent text-slate-600 hover:text-slate-900'}`}>
            {pick(x.label)}
          </NavLink>
        ))}
      </nav>
      <div className="min-h-0 flex-1 overflow-auto">
        <Suspense fallback={<div className="p-8 text-slate-500">{t('common.loading')}</div>}>{Section && <Section />}</Suspense>
      </div>
    </div>
  );
}
