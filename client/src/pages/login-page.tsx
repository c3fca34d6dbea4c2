import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { localMessage } from '../governance/ui.js';
import { setLang, useLang } from '../i18n/index.js';
import { clearClientData } from '../lib/end-session.js';
import { useSession } from '../lib/session-store.js';
import { trpc } from '../trpc.js';

/** `/login`. After login the routes take the user on (AfterLogin in app.tsx): back to `?next=`, or home. */
export function LoginPage() {
  const { t } = useTranslation();
  const { lang } = useLang();
  const setSession = useSession((s) => s.set);
  const ended = useSession((s) => s.ended);
  const info = trpc.auth.loginInfo.useQuery(undefined, { staleTime: Infinity });
  const [username, setUsername] = useState('');
  const [password, setPassword] = useState('');
  const login = trpc.auth.login.useMutation({
    onSuccess: (res) => {
      // Nothing loaded before this login (a previous user's pages, the login page's own queries) is kept.
      clearClientData();
      setSession(res.user, res.csrfToken);
    },
  });
  const submit = (e: FormEvent) => {
    e.preventDefault();
    login.mutate({ username, password });
  };
  return (
    <div className="flex min-h-full items-center justify-center bg-gradient-to-br from-brand-50 to-slate-100 p-6">
      <form onSubmit={submit} className="w-full max-w-sm rounded-xl border border-slate-200 bg-white p-8 shadow-sm" aria-label={t('auth.login')}
        data-demo={info.data ? (info.data.demo ? 'yes' : 'no') : undefined}>
        <div className="mb-6 flex items-center justify-between">
          <div>
            <h1 className="text-xl font-semibold text-brand-700">{t('app.name')}</h1>
            <p className="text-sm text-slate-500">{t('app.tagline')}</p>
          </div>
          <button type="button" className="text-xs text-slate-500 hover:text-brand-700" onClick={() => setLang(lang === 'zh' ? 'en' : 'zh')}>
            {t('common.language')}
          </button>
        </div>
        {ended === 'expired' && <p role="status" className="mb-4 rounded-md bg-amber-50 px-3 py-2 text-sm text-amber-800" data-testid="session-expired">{t('auth.expired')}</p>}
        <label className="mb-3 block">
          <span className="mb-1 block text-sm text-slate-600">{t('auth.username')}</span>
          <input name="username" autoComplete="username" autoFocus value={username} onChange={(e) => setUsername(e.target.value)} className="w-full rounded-md border border-slate-300 px-3 py-2 focus:border-brand-600 focus:outline-none" />
        </label>
        <label className="mb-4 block">
          <span className="mb-1 block text-sm text-slate-600">{t('auth.password')}</span>
          <input name="password" type="password" autoComplete="current-password" value={password} onChange={(e) => setPassword(e.target.value)} className="w-full rounded-md border border-slate-300 px-3 py-2 focus:border-brand-600 focus:outline-none" />
        </label>
        {login.error && <p role="alert" className="mb-3 text-sm text-danger">{localMessage(login.error.message, lang)}</p>}
        <button type="submit" disabled={login.isPending} className="w-full rounded-md bg-brand-600 py-2 font-medium text-white hover:bg-brand-700 disabled:opacity-60">
          {t('auth.submit')}
        </button>
        {info.data?.demo && (
          <p className="mt-4 text-xs leading-5 text-slate-500" data-testid="demo-hint">
            {t('auth.demoHint', { users: info.data.usernames.join(lang === 'zh' ? '、' : ', '), password: info.data.password })}
          </p>
        )}
      </form>
    </div>
  );
}
