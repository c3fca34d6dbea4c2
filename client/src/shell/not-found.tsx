import { useTranslation } from 'react-i18next';
import { Link, useLocation } from 'react-router';

/** An address no page answers (a mistyped or outdated link): say so, show it, and offer the way home. */
export function NotFound() {
  const { t } = useTranslation();
  const { pathname } = useLocation();
  return (
    <div className="p-8" data-testid="not-found">
      <h1 className="text-lg font-semibold text-slate-800">{t('errors.notFound')}</h1>
      <p className="mt-1 text-sm text-slate-500">{t('errors.notFoundHint', { path: pathname })}</p>
      <Link to="/" className="mt-4 inline-block rounded bg-brand-600 px-3 py-1.5 text-sm text-white hover:bg-brand-700">{t('errors.home')}</Link>
    </div>
  );
}
