import { useState } from 'react';
import type { inferRouterOutputs } from '@trpc/server';
import { ORG_UNITS } from '../../../shared/catalogue/org.js';
import { PROVISION_SERVICE_LABELS, saveProvisioningBindingSchema } from '../../../shared/channels/provisioning-input.js';
import type { AppRouter } from '../../../server/trpc/routers/_app.js';
import { useLang } from '../i18n/index.js';
import { useSession } from '../lib/session-store.js';
import { Button, ErrorText, Field, formatTime, inputClass, localMessage, PageHeader, selectClass } from '../governance/ui.js';
import { trpc } from '../trpc.js';
import { BX } from './channel-bindings-text.js';
import { PX } from './provisioning-text.js';

type Overview = inferRouterOutputs<AppRouter>['channelBindings']['provisioning'];
type View = Overview['bindings'][number];

/**
 * 权益开通 (#21 item 2): per operator provisioning service its binding (simulated or the operator's HTTP
 * interface), calls waiting and dead letters; a province admin edits the binding.
 */
export function ProvisioningPage() {
  const { lang, pick } = useLang();
  const user = useSession((s) => s.user);
  // The server refuses a city admin's change as well; the page says so up front.
  const readOnly = !user || ORG_UNITS.find((u) => u.id === user.orgUnit)?.parent !== null;
  const q = trpc.channelBindings.provisioning.useQuery(undefined, { refetchInterval: 3000 });
  const utils = trpc.useUtils();
  const [open, setOpen] = useState<string | null>(null);
  const data = q.data;
  const opened = data?.bindings.find((b) => b.service === open);

  return (
    <div className="space-y-4 p-6" data-testid="provisioning-page">
      <PageHeader title={pick(PX.title)} />
      <p className="max-w-4xl text-sm text-slate-600">{pick(PX.intro)}</p>
      {data?.secretKey === 'unset' && <p className="rounded bg-amber-50 px-3 py-2 text-sm text-amber-800">{pick(BX.keyUnset)}</p>}
      {data?.secretKey === 'invalid' && <p className="rounded bg-red-50 px-3 py-2 text-sm text-danger">{pick(BX.keyInvalid)}</p>}
      {readOnly && <p className="text-sm text-slate-500">{pick(PX.cityReadOnly)}</p>}
      <ErrorText error={q.error} />
      <table className="w-full max-w-5xl text-sm">
        <thead className="text-left text-slate-500">
          <tr>{[PX.service, PX.kind, PX.version, PX.queued, PX.accepted, PX.deadLetters, PX.edit].map((h, i) => <th key={i} className="border-b border-slate-200 px-2 py-1.5 font-medium">{pick(h)}</th>)}</tr>
        </thead>
        <tbody>
          {data?.bindings.map((b) => (
            <tr key={b.service} data-testid={`provisioning-row-${b.service}`} className={open === b.service ? 'bg-brand-50' : ''}>
              <td className="border-b border-slate-100 px-2 py-1.5">{pick(PROVISION_SERVICE_LABELS[b.service])}</td>
              <td className="border-b border-slate-100 px-2 py-1.5" data-testid="provisioning-kind">{pick(PX.kinds[b.kind])}{b.kind === 'http' ? ` · ${b.http.url}` : ''}
                {b.paused && <span className="ml-2 rounded bg-red-50 px-1.5 py-0.5 text-xs text-danger" data-testid="provisioning-paused">{pick(PX.paused)}</span>}</td>
              <td className="border-b border-slate-100 px-2 py-1.5">{b.version || '—'}</td>
              <td className="border-b border-slate-100 px-2 py-1.5">{b.queued}</td>
              <td className="border-b border-slate-100 px-2 py-1.5">{b.accepted}</td>
              <td className="border-b border-slate-100 px-2 py-1.5">{b.deadLetters}</td>
              <td className="border-b border-slate-100 px-2 py-1.5"><Button data-testid={`provisioning-edit-${b.service}`} onClick={() => setOpen(open === b.service ? null : b.service)}>{pick(open === b.service ? PX.close : PX.edit)}</Button></td>
            </tr>
          ))}
        </tbody>
      </table>
      {opened && data && (
        <section className="max-w-5xl space-y-3 rounded-lg border border-slate-200 bg-white p-4" data-testid="provisioning-panel">
          <h3 className="font-medium">{pick(PROVISION_SERVICE_LABELS[opened.service])} · v{opened.version}</h3>
          <ProvisioningForm key={`${opened.service}@${opened.version}`} binding={opened} readOnly={readOnly} onSaved={() => void utils.channelBindings.provisioning.invalidate()} />
          <p className="text-xs text-slate-500">{pick(PX.contract)} <code>{data.answerPath.replace(':service', opened.service)}</code></p>
          <p className="text-xs text-slate-500">{pick(PX.retries)}</p>
        </section>
      )}
      <section className="max-w-5xl" data-testid="provisioning-dead-letters">
        <h3 className="mb-2 font-medium">{pick(PX.deadTitle)}</h3>
        {data?.deadLetters.length === 0 ? <p className="text-sm text-slate-500">{pick(PX.deadNone)}</p> : (
          <table className="w-full text-sm">
            <thead className="text-left text-slate-500"><tr>{[PX.deadKey, PX.deadReason, PX.deadTries, PX.deadAt].map((h, i) => <th key={i} className="border-b px-2 py-1 font-medium">{pick(h)}</th>)}</tr></thead>
            <tbody>
              {data?.deadLetters.map((d) => (
                <tr key={d.id}>
                  <td className="border-b border-slate-100 px-2 py-1 font-mono text-xs">{d.contactKey}</td>
                  <td className="border-b border-slate-100 px-2 py-1">{localMessage(d.reason, lang)}</td>
                  <td className="border-b border-slate-100 px-2 py-1">{d.tries}</td>
                  <td className="border-b border-slate-100 px-2 py-1">{formatTime(new Date(d.createdAt).toISOString(), lang)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        )}
      </section>
    </div>
  );
}

const FIELDS = ['url', 'secret', 'timeoutMs', 'maxAttempts'] as const;
type Values = Record<(typeof FIELDS)[number], string>;

/** One service's binding: simulated, or the HTTP interface's URL, secret (write-only), timeout and attempts, each checked as it is typed (the server's rules). */
function ProvisioningForm({ binding, readOnly, onSaved }: { binding: View; readOnly: boolean; onSaved: () => void }) {
  const { lang, pick } = useLang();
  const [kind, setKind] = useState<'simulated' | 'http'>(binding.kind);
  const [values, setValues] = useState<Values>(binding.kind === 'http'
    ? { url: binding.http.url, secret: '', timeoutMs: String(binding.http.timeoutMs), maxAttempts: String(binding.http.maxAttempts) }
    : { url: '', secret: '', timeoutMs: '5000', maxAttempts: '5' });
  const [touched, setTouched] = useState(false);
  const save = trpc.channelBindings.saveProvisioning.useMutation({ onSuccess: onSaved });
  const num = (k: keyof Values) => (values[k].trim() === '' ? Number.NaN : Number(values[k]));
  const input = {
    service: binding.service,
    binding: kind === 'http' ? { kind, http: { url: values.url, ...(values.secret ? { secret: values.secret } : {}), timeoutMs: num('timeoutMs'), maxAttempts: num('maxAttempts') } } : { kind },
  };
  const parsed = saveProvisioningBindingSchema.safeParse(input);
  const errors: Record<string, string> = {};
  if (!parsed.success) for (const i of parsed.error.issues) errors[String(i.path[i.path.length - 1])] ??= localMessage(i.message, lang);
  const secretSet = binding.kind === 'http' && binding.http.secretSet;

  return (
    <form className="space-y-3" data-testid="provisioning-form" onSubmit={(e) => { e.preventDefault(); setTouched(true); if (parsed.success) save.mutate(parsed.data); }}>
      <Field label={pick(PX.kind)}>
        <select className={selectClass} data-testid="provisioning-kind-select" value={kind} disabled={readOnly} onChange={(e) => { setKind(e.target.value as 'simulated' | 'http'); save.reset(); }}>
          {(['simulated', 'http'] as const).map((k) => <option key={k} value={k}>{pick(PX.kinds[k])}</option>)}
        </select>
      </Field>
      {kind === 'http' && (
        <div className="grid grid-cols-2 gap-3">
          {FIELDS.map((name) => (
            <Field key={name} label={pick(BX.fields[name])}>
              <input className={inputClass} name={name} data-testid={`provisioning-${name}`} type={name === 'secret' ? 'password' : name === 'url' ? 'text' : 'number'} autoComplete="off" disabled={readOnly}
                placeholder={name === 'secret' ? pick(secretSet ? BX.secretSet : BX.secretUnset) : undefined}
                value={values[name]} onChange={(e) => { setTouched(true); setValues({ ...values, [name]: e.target.value }); }} aria-invalid={touched && !!errors[name]} />
              {touched && errors[name] && <span className="text-xs text-danger" data-testid={`provisioning-error-${name}`}>{errors[name]}</span>}
            </Field>
          ))}
        </div>
      )}
      <ErrorText error={save.error} />
      {save.data && <p className="text-sm text-emerald-700" data-testid="provisioning-saved">{pick(PX.saved).replace('{v}', String(save.data.version))}</p>}
      {!readOnly && <Button type="submit" tone="primary" data-testid="provisioning-save" disabled={save.isPending}>{pick(PX.save)}</Button>}
    </form>
  );
}
