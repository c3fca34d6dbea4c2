import { useTranslation } from 'react-i18next';
import { Link, useLocation } from 'react-router';
import type { Role } from '../../../shared/roles.js';

/**
 * A page the user's roles may not open (a bookmark, a link from a colleague): say so and which roles may,
 * instead of landing somewhere else without a word; offer the way to the user's own home.
 */
export function NoAccess({ roles, home }: { roles: readonly Role[]; home: string }) {
  const { t, i18n } = useTranslation();
  const { pathname } = useLocation();
  const en = i18n.language === 'en';
  // 「审核主管或系统管理员」 / "Supervisor or Admin": any one of them may open it
  const names = new Intl.ListFormat(en ? 'en' : 'zh-CN', { type: 'disjunction' }).format(roles.map((r) => t(`roles.${r}`)));
  return (
    <div className="p-8" data-testid="no-access">
      <h1 className="text-lg font-semibold text-slate-800">{t('errors.noAccess', { roles: names })}</h1>
      <p className="mt-1 text-sm text-slate-500">{t('errors.noAccessHint', { path: pathname })}</p>
      <Link to={home} className="mt-4 inline-block rounded bg-brand-600 px-3 py-1.5 text-sm text-white hover:bg-brand-700">{t('errors.home')}</Link>
    </div>
  );
}
