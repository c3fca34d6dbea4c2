import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { ORG_UNITS } from '../../../shared/catalogue/org.js';
import { ROLES, type Role } from '../../../shared/roles.js';
import { useLang } from '../i18n/index.js';
import { ConfirmDialog } from '../shell/confirm-dialog.js';
import { trpc } from '../trpc.js';
import { Button, Dialog, ErrorText, Field, PageHeader, inputClass, localMessage, selectClass } from './ui.js';

/** Steps that lock someone out: asked before they run. */
type Asking = { kind: 'disable' | 'reset'; userId: number; username: string };

/** Admins: create users, set roles and unit, disable, reset passwords. Every change is audited. */
export function UsersPage() {
  const { t } = useTranslation();
  const { lang, pick } = useLang();
  const utils = trpc.useUtils();
  const users = trpc.users.list.useQuery();
  const [asking, setAsking] = useState<Asking | null>(null);
  const done = { onSuccess: () => void utils.users.list.invalidate() };
  const setRoles = trpc.users.setRoles.useMutation(done);
  const setDisabled = trpc.users.setDisabled.useMutation(done);
  const setOrgUnit = trpc.users.setOrgUnit.useMutation(done);
  const reset = trpc.users.resetPassword.useMutation();
  const confirm = (a: Asking) => {
    const after = { onSuccess: () => setAsking(null) };
    if (a.kind === 'disable') setDisabled.mutate({ userId: a.userId, disabled: true }, after);
    else reset.mutate({ userId: a.userId }, after);
  };
  const askingError = asking ? (asking.kind === 'disable' ? setDisabled.error : reset.error) : null;
  const [creating, setCreating] = useState(false);
  const error = setRoles.error ?? (asking ? null : setDisabled.error ?? reset.error) ?? setOrgUnit.error ?? users.error;
  const toggleRole = (id: number, roles: Role[], r: Role) => setRoles.mutate({ userId: id, roles: roles.includes(r) ? roles.filter((x) => x !== r) : [...roles, r] });

  return (
    <div className="h-full overflow-auto p-6" data-testid="users-page">
      <PageHeader title={t('gov.users.title')}><Button tone="primary" onClick={() => setCreating(true)}>{t('gov.users.create')}</Button></PageHeader>
      <ErrorText error={error} />
      {reset.data && reset.variables && (
        <p className="mb-3 rounded-md bg-amber-50 px-3 py-2 text-sm text-amber-800" role="status">
          {t('gov.users.newPassword', { user: users.data?.find((u) => u.id === reset.variables.userId)?.username ?? '', password: reset.data.password })}
        </p>
      )}
      <div className="overflow-hidden rounded-lg border border-slate-200 bg-white">
        <table className="w-full text-sm">
          <thead className="bg-slate-50 text-left text-slate-500">
            <tr>{(['username', 'displayName', 'unit', 'roles', 'status'] as const).map((k) => <th key={k} className="px-4 py-2 font-medium">{t(`gov.users.${k}`)}</th>)}<th /></tr>
          </thead>
          <tbody>
            {users.data?.map((u) => (
              <tr key={u.id} className={`border-t border-slate-100 ${u.disabled ? 'text-slate-400' : ''}`} data-testid={`user-${u.username}`}>
                <td className="px-4 py-2 font-medium">{u.username}</td>
                <td className="px-4 py-2">{u.displayName}</td>
                <td className="px-4 py-2">
                  <select aria-label={t('gov.users.unit')} className={selectClass} value={u.orgUnit} onChange={(e) => setOrgUnit.mutate({ userId: u.id, orgUnit: e.target.value })}>
                    {ORG_UNITS.map((o) => <option key={o.id} value={o.id}>{pick(o.name)}</option>)}
                  </select>
                </td>
                <td className="px-4 py-2">
                  <div className="flex flex-wrap gap-x-3 gap-y-1">
                    {ROLES.map((r) => (
                      <label key={r} className="flex items-center gap-1 whitespace-nowrap">
                        <input type="checkbox" checked={u.roles.includes(r)} onChange={() => toggleRole(u.id, u.roles, r)} disabled={setRoles.isPending} />
                        {t(`roles.${r}`)}
                      </label>
                    ))}
                  </div>
                </td>
                <td className="px-4 py-2">{u.disabled ? t('gov.users.disabled') : t('gov.users.active')}</td>
                <td className="px-4 py-2 whitespace-nowrap">
                  <Button tone={u.disabled ? 'plain' : 'danger'} data-testid={`${u.disabled ? 'enable' : 'disable'}-${u.username}`} onClick={() => (u.disabled ? setDisabled.mutate({ userId: u.id, disabled: false }) : setAsking({ kind: 'disable', userId: u.id, username: u.username }))}>{u.disabled ? t('gov.users.enable') : t('gov.users.disable')}</Button>{' '}
                  <Button data-testid={`reset-${u.username}`} onClick={() => setAsking({ kind: 'reset', userId: u.id, username: u.username })}>{t('gov.users.resetPassword')}</Button>
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      {creating && <CreateUserDialog onClose={() => setCreating(false)} />}
      <ConfirmDialog
        open={asking !== null}
        testId={`confirm-${asking?.kind ?? 'user'}`}
        title={asking ? t(`gov.confirm.${asking.kind}Title`, { user: asking.username }) : ''}
        confirmLabel={asking ? t(`gov.confirm.${asking.kind}`) : undefined}
        tone="danger"
        busy={setDisabled.isPending || reset.isPending}
        error={askingError ? localMessage(askingError.message, lang) : null}
        onCancel={() => setAsking(null)}
        onConfirm={() => asking && confirm(asking)}
      >
        {asking && <p>{t(`gov.confirm.${asking.kind}Body`, { user: asking.username })}</p>}
      </ConfirmDialog>
    </div>
  );
}

function CreateUserDialog({ onClose }: { onClose: () => void }) {
  const { t } = useTranslation();
  const { pick } = useLang();
  const utils = trpc.useUtils();
  const [form, setForm] = useState({ username: '', displayName: '', orgUnit: 'gz', password: '', roles: ['planner'] as Role[] });
  const create = trpc.users.create.useMutation({ onSuccess: () => { void utils.users.list.invalidate(); onClose(); } });
  const set = (patch: Partial<typeof form>) => setForm((f) => ({ ...f, ...patch }));
  return (
    <Dialog title={t('gov.users.create')} onClose={onClose}>
      <Field label={t('gov.users.username')}><input name="newUsername" className={inputClass} value={form.username} onChange={(e) => set({ username: e.target.value })} /></Field>
      <Field label={t('gov.users.displayName')}><input name="newDisplayName" className={inputClass} value={form.displayName} onChange={(e) => set({ displayName: e.target.value })} /></Field>
      <Field label={t('gov.users.unit')}>
        <select className={inputClass} value={form.orgUnit} onChange={(e) => set({ orgUnit: e.target.value })}>{ORG_UNITS.map((o) => <option key={o.id} value={o.id}>{pick(o.name)}</option>)}</select>
      </Field>
      <fieldset className="mb-3 flex flex-wrap gap-3">
        <legend className="mb-1 text-sm text-slate-600">{t('gov.users.roles')}</legend>
        {ROLES.map((r) => (
          <label key={r} className="flex items-center gap-1 text-sm">
            <input type="checkbox" checked={form.roles.includes(r)} onChange={() => set({ roles: form.roles.includes(r) ? form.roles.filter((x) => x !== r) : [...form.roles, r] })} />{t(`roles.${r}`)}
          </label>
        ))}
      </fieldset>
      <Field label={t('gov.users.password')}><input name="newPassword" type="password" autoComplete="new-password" className={inputClass} value={form.password} onChange={(e) => set({ password: e.target.value })} /></Field>
      <ErrorText error={create.error} />
      <div className="mt-3 flex justify-end gap-2">
        <Button onClick={onClose}>{t('common.cancel')}</Button>
        <Button tone="primary" disabled={create.isPending} onClick={() => create.mutate(form)}>{t('gov.users.create')}</Button>
      </div>
    </Dialog>
  );
}
