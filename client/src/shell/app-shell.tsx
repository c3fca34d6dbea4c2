import { LogOut } from 'lucide-react';
import { useState, type ReactNode } from 'react';
import { flushSync } from 'react-dom';
import { useTranslation } from 'react-i18next';
import { NavLink } from 'react-router';
import { setLang, useLang } from '../i18n/index.js';
import { useSession } from '../lib/session-store.js';
import { trpc } from '../trpc.js';
import { ChangePassword } from './change-password.js';
import { logOut } from './log-out.js';
import { NAV_ITEMS } from './nav-items.js';

export function AppShell({ children }: { children: ReactNode }) {
  const { t } = useTranslation();
  const { lang } = useLang();
  const user = useSession((s) => s.user);
  const utils = trpc.useUtils();
  const [leaving, setLeaving] = useState<'no' | 'saving' | 'closed'>('no');
  const leave = () => {
    setLeaving('saving');
    // Unmount the pages synchronously, before the session ends on the server: none of them can ask again.
    void logOut(utils.client, () => flushSync(() => setLeaving('closed')));
  };
  const items = NAV_ITEMS.filter((i) => user?.roles.some((r) => i.roles.includes(r)));
  return (
    <div className="flex h-full flex-col">
      {/* One line at any width a desk has (an admin sees ten entries): below 1440 px the spacing tightens, the role goes and the
          account buttons keep their icons only; the menu scrolls rather than wraps if even that is not enough. */}
      <header className="flex h-12 shrink-0 items-center gap-4 whitespace-nowrap border-b border-slate-200 bg-white px-4 min-[1440px]:gap-6">
        <span className="shrink-0 font-semibold text-brand-700">{t('app.name')}</span>
        <nav className="flex min-w-0 gap-0.5 overflow-x-auto min-[1440px]:gap-1" aria-label="main">
          {items.map((i) => (
            <NavLink key={i.key} to={i.to} className={({ isActive }) => `shrink-0 rounded px-2 py-1.5 text-sm min-[1440px]:px-3 ${isActive ? 'bg-brand-50 font-medium text-brand-700' : 'text-slate-600 hover:bg-slate-100'}`}>
              {t(`nav.${i.key}`)}
            </NavLink>
          ))}
        </nav>
        <div className="ml-auto flex shrink-0 items-center gap-3 text-sm">
          <button type="button" className="text-slate-500 hover:text-brand-700" onClick={() => setLang(lang === 'zh' ? 'en' : 'zh')}>{t('common.language')}</button>
          {user && (
            <span className="text-slate-600" data-testid="current-user">
              {user.displayName}<span className="hidden min-[1440px]:inline"> · {user.roles.map((r) => t(`roles.${r}`)).join('/')}</span>
            </span>
          )}
          {user && <ChangePassword />}
          <button type="button" title={t('auth.logout')} className="inline-flex items-center gap-1 text-slate-500 hover:text-danger disabled:opacity-60" disabled={leaving !== 'no'} onClick={leave}>
            <LogOut aria-hidden className="size-4" /><span className="hidden xl:inline">{t('auth.logout')}</span><span className="sr-only xl:hidden">{t('auth.logout')}</span>
          </button>
        </div>
      </header>
      <main className="min-h-0 flex-1">{leaving === 'closed' ? <p className="p-8 text-slate-500">{t('auth.leaving')}</p> : children}</main>
    </div>
  );
}
