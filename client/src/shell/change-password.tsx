import { KeyRound } from 'lucide-react';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { localMessage } from '../governance/ui.js';
import { useLang } from '../i18n/index.js';
import { trpc } from '../trpc.js';
import { ConfirmDialog } from './confirm-dialog.js';

const EMPTY = { current: '', next: '', repeat: '' };

/**
 * The account menu's "change password": current password, the new one twice. The server checks the
 * policy (length, common passwords, not the user name) and answers in both languages; other sessions
 * of the user end, this one stays.
 */
export function ChangePassword() {
  const { t } = useTranslation();
  const { lang } = useLang();
  const [open, setOpen] = useState(false);
  const [form, setForm] = useState(EMPTY);
  const [done, setDone] = useState(false);
  const change = trpc.auth.changePassword.useMutation({ onSuccess: () => { setDone(true); setForm(EMPTY); } });
  const mismatch = form.repeat.length > 0 && form.next !== form.repeat;
  const close = () => { setOpen(false); setDone(false); setForm(EMPTY); change.reset(); };
  const field = (key: keyof typeof EMPTY, label: string, autoComplete: string) => (
    <label className="mb-3 block">
      <span className="mb-1 block text-slate-600">{label}</span>
      <input type="password" autoComplete={autoComplete} data-testid={`password-${key}`} value={form[key]} onChange={(e) => setForm({ ...form, [key]: e.target.value })}
        className="w-full rounded-md border border-slate-300 px-2 py-1.5 focus:border-brand-500 focus:outline-none" />
    </label>
  );
  return (
    <>
      <button type="button" data-testid="change-password" title={t('account.changePassword')} className="inline-flex items-center gap-1 text-slate-500 hover:text-brand-700" onClick={() => setOpen(true)}>
        <KeyRound aria-hidden className="size-4" /><span className="hidden xl:inline">{t('account.changePassword')}</span><span className="sr-only xl:hidden">{t('account.changePassword')}</span>
      </button>
      <ConfirmDialog
        open={open}
        testId="change-password-dialog"
        title={t('account.changePassword')}
        confirmLabel={done ? t('common.close') : t('account.save')}
        busy={change.isPending}
        confirmDisabled={!done && (!form.current || !form.next || form.next !== form.repeat)}
        error={change.error ? localMessage(change.error.message, lang) : mismatch ? t('account.mismatch') : null}
        onConfirm={() => (done ? close() : change.mutate({ currentPassword: form.current, newPassword: form.next }))}
        onCancel={close}
      >
        {done ? <p role="status" data-testid="password-changed">{t('account.changed')}</p> : (
          <form onSubmit={(e) => e.preventDefault()}>
            <p className="mb-3 text-slate-500">{t('account.rules')}</p>
            {field('current', t('account.current'), 'current-password')}
            {field('next', t('account.next'), 'new-password')}
            {field('repeat', t('account.repeat'), 'new-password')}
          </form>
        )}
      </ConfirmDialog>
    </>
  );
}
