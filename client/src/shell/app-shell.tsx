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
      <header className="flex h-12 shrink-0 items-center gap-6 border-b border-slate-200 bg-white px-4">
        <span className="font-semibold text-brand-700">{t('app.name')}</span>
        <nav className="flex gap-1" aria-label="main">
          {items.map((i) => (
            <NavLink key={i.key} to={i.to} className={({ isActive }) => `rounded px-3 py-1.5 text-sm ${isActive ? 'bg-brand-50 font-medium text-brand-700' : 'text-slate-600 hover:bg-slate-100'}`}>
              {t(`nav.${i.key}`)}
            </NavLink>
          ))}
        </nav>
        <div className="ml-auto flex items-center gap-3 text-sm">
          <button type="button" className="text-slate-500 hover:text-brand-700" onClick={() => setLang(lang === 'zh' ? 'en' : 'zh')}>{t('common.language')}</button>
          {user && (
            <span className="text-slate-600" data-testid="current-user">
              {user.displayName} · {user.roles.map((r) => t(`roles.${r}`)).join('/')}
            </span>
          )}
          {user && <ChangePassword />}
          <button type="button" className="inline-flex items-center gap-1 text-slate-500 hover:text-danger disabled:opacity-60" disabled={leaving !== 'no'} onClick={leave}>
            <LogOut aria-hidden className="size-4" />{t('auth.logout')}
          </button>
        </div>
      </header>
      <main className="min-h-0 flex-1">{leaving === 'closed' ? <p className="p-8 text-slate-500">{t('auth.leaving')}</p> : children}</main>
    </div>
  );
}
