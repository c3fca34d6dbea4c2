import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { setLang, useLang } from '../i18n/index.js';
import { useSession } from '../lib/session-store.js';
import { trpc } from '../trpc.js';

export function LoginPage() {
  const { t } = useTranslation();
  const { lang } = useLang();
  const utils = trpc.useUtils();
  const setSession = useSession((s) => s.set);
  const [username, setUsername] = useState('');
  const [password, setPassword] = useState('');
  const login = trpc.auth.login.useMutation({
    onSuccess: (res) => {
      setSession(res.user, res.csrfToken);
      void utils.auth.me.invalidate();
    },
  });
  const submit = (e: FormEvent) => {
    e.preventDefault();
    login.mutate({ username, password });
  };
  return (
    <div className="flex min-h-full items-center justify-center bg-gradient-to-br from-brand-50 to-slate-100 p-6">
      <form onSubmit={submit} className="w-full max-w-sm rounded-xl border border-slate-200 bg-white p-8 shadow-sm" aria-label={t('auth.login')}>
        <div className="mb-6 flex items-center justify-between">
          <div>
            <h1 className="text-xl font-semibold text-brand-700">{t('app.name')}</h1>
            <p className="text-sm text-slate-500">{t('app.tagline')}</p>
          </div>
          <button type="button" className="text-xs text-slate-500 hover:text-brand-700" onClick={() => setLang(lang === 'zh' ? 'en' : 'zh')}>
            {t('common.language')}
          </button>
        </div>
        <label className="mb-3 block">
          <span className="mb-1 block text-sm text-slate-600">{t('auth.username')}</span>
          <input name="username" autoComplete="username" autoFocus value={username} onChange={(e) => setUsername(e.target.value)} className="w-full rounded-md border border-slate-300 px-3 py-2 focus:border-brand-600 focus:outline-none" />
        </label>
        <label className="mb-4 block">
          <span className="mb-1 block text-sm text-slate-600">{t('auth.password')}</span>
          <input name="password" type="password" autoComplete="current-password" value={password} onChange={(e) => setPassword(e.target.value)} className="w-full rounded-md border border-slate-300 px-3 py-2 focus:border-brand-600 focus:outline-none" />
        </label>
        {login.error && <p role="alert" className="mb-3 text-sm text-danger">{login.error.message}</p>}
        <button type="submit" disabled={login.isPending} className="w-full rounded-md bg-brand-600 py-2 font-medium text-white hover:bg-brand-700 disabled:opacity-60">
          {t('auth.submit')}
        </button>
        <p className="mt-4 text-xs text-slate-400">{t('auth.hint')}</p>
      </form>
    </div>
  );
}
