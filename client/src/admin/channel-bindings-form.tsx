import { useState } from 'react';
import { CHANNEL_BY_ID, type ChannelId } from '../../../shared/catalogue/channels.js';
import { kindsFor, saveBindingSchema, type BindingKindInput } from '../../../shared/channels/binding-input.js';
import type { inferRouterOutputs } from '@trpc/server';
import type { AppRouter } from '../../../server/trpc/routers/_app.js';
import { trpc } from '../trpc.js';
import { useLang } from '../i18n/index.js';
import { Button, ErrorText, Field, inputClass, localMessage, selectClass } from '../governance/ui.js';
import { BX } from './channel-bindings-text.js';

export type BindingView = inferRouterOutputs<AppRouter>['channelBindings']['list']['bindings'][number];
type View = BindingView;
type Values = Record<string, string>;

const GATEWAY_FIELDS = ['host', 'port', 'account', 'password', 'serviceId', 'accessNumber', 'tps', 'window', 'signature'] as const;
const NUMBERS = new Set(['port', 'tps', 'window', 'timeoutMs', 'maxAttempts', 'leaseSeconds']);

function initial(b: View): Values {
  if (b.kind === 'http') return { url: b.http.url, secret: '', timeoutMs: String(b.http.timeoutMs), maxAttempts: String(b.http.maxAttempts) };
  if (b.kind === 'smpp' || b.kind === 'cmpp') {
    const g = b.gateway;
    return { host: g.host, port: String(g.port), account: g.account, password: '', version: g.version ?? '3.0', serviceId: g.serviceId, accessNumber: g.accessNumber, tps: String(g.tps), window: String(g.window), signature: g.signature ?? '' };
  }
  if (b.kind === 'dialer') return { leaseSeconds: String(b.dialer.leaseSeconds) };
  return {};
}

const DEFAULTS: Values = { timeoutMs: '5000', maxAttempts: '5', port: '7890', tps: '100', window: '16', version: '3.0', serviceId: '', signature: '', leaseSeconds: '300' };

/** The form's values as the API takes them (numbers as numbers, blank secrets left out: kept). */
function toInput(channel: ChannelId, kind: BindingKindInput, v: Values) {
  const num = (k: string) => (v[k]?.trim() === '' ? Number.NaN : Number(v[k]));
  const binding = kind === 'http'
    ? { kind, http: { url: v.url ?? '', ...(v.secret ? { secret: v.secret } : {}), timeoutMs: num('timeoutMs'), maxAttempts: num('maxAttempts') } }
    : kind === 'smpp' || kind === 'cmpp'
      ? { kind, gateway: { host: v.host ?? '', port: num('port'), account: v.account ?? '', ...(v.password ? { password: v.password } : {}), ...(kind === 'cmpp' ? { version: v.version as '2.0' | '3.0' } : {}), serviceId: v.serviceId ?? '', accessNumber: v.accessNumber ?? '', tps: num('tps'), window: num('window'), ...(v.signature ? { signature: v.signature } : {}) } }
      : kind === 'dialer' ? { kind, dialer: { leaseSeconds: num('leaseSeconds') } } : { kind };
  return { channel, binding };
}

/** One channel's binding: its kind and that kind's settings, each field checked as it is typed (same rules as the server). */
export function BindingForm({ binding, readOnly, onSaved }: { binding: View; readOnly: boolean; onSaved: () => void }) {
  const { lang, pick } = useLang();
  const channel = binding.channel;
  const [kind, setKind] = useState<BindingKindInput>(binding.kind);
  const [values, setValues] = useState<Values>({ ...DEFAULTS, ...initial(binding) });
  const [touched, setTouched] = useState(false);
  const save = trpc.channelBindings.save.useMutation({ onSuccess: onSaved });
  const input = toInput(channel, kind, values);
  const parsed = saveBindingSchema.safeParse(input);
  const errors: Record<string, string> = {};
  if (!parsed.success) for (const i of parsed.error.issues) errors[String(i.path[i.path.length - 1])] ??= localMessage(i.message, lang);
  const secretSet = kind === binding.kind && ((binding.kind === 'http' && binding.http.secretSet) || ((binding.kind === 'smpp' || binding.kind === 'cmpp') && binding.gateway.passwordSet));

  const field = (name: string, secret = false) => (
    <Field key={name} label={pick(BX.fields[name as keyof typeof BX.fields])}>
      <input className={inputClass} name={name} data-testid={`binding-${name}`} type={secret ? 'password' : NUMBERS.has(name) ? 'number' : 'text'} autoComplete="off" disabled={readOnly}
        placeholder={secret ? pick(secretSet ? BX.secretSet : BX.secretUnset) : undefined}
        value={values[name] ?? ''} onChange={(e) => { setTouched(true); setValues({ ...values, [name]: e.target.value }); }} aria-invalid={touched && !!errors[name]} />
      {touched && errors[name] && <span className="text-xs text-danger" data-testid={`binding-error-${name}`}>{errors[name]}</span>}
    </Field>
  );

  return (
    <form className="space-y-3" data-testid="binding-form" onSubmit={(e) => { e.preventDefault(); setTouched(true); if (parsed.success) save.mutate(parsed.data); }}>
      <Field label={pick(BX.kind)}>
        <select className={selectClass} data-testid="binding-kind" value={kind} disabled={readOnly} onChange={(e) => { setKind(e.target.value as BindingKindInput); save.reset(); }}>
          {kindsFor(channel).map((k) => <option key={k} value={k}>{pick(BX.kinds[k])}</option>)}
        </select>
      </Field>
      <div className="grid grid-cols-2 gap-3">
        {kind === 'http' && ['url', 'secret', 'timeoutMs', 'maxAttempts'].map((f) => field(f, f === 'secret'))}
        {(kind === 'smpp' || kind === 'cmpp') && GATEWAY_FIELDS.map((f) => field(f, f === 'password'))}
        {kind === 'cmpp' && (
          <Field label={pick(BX.fields.version)}>
            <select className={selectClass} data-testid="binding-version" value={values.version} disabled={readOnly} onChange={(e) => setValues({ ...values, version: e.target.value })}>
              <option value="2.0">2.0</option><option value="3.0">3.0</option>
            </select>
          </Field>
        )}
        {kind === 'dialer' && field('leaseSeconds')}
      </div>
      {kind === 'dialer' && <p className="text-xs text-slate-500">{pick(BX.dialerNote)}</p>}
      {CHANNEL_BY_ID[channel].kind === 'message' && kind === 'http' && <p className="text-xs text-slate-500">{pick(BX.inbound)} <code>/api/channels/{channel}/inbound</code></p>}
      <ErrorText error={save.error} />
      {save.data && <p className="text-sm text-emerald-700" data-testid="binding-saved">{pick(BX.saved).replace('{v}', String(save.data.version))}</p>}
      {!readOnly && <Button type="submit" tone="primary" data-testid="binding-save" disabled={save.isPending}>{pick(BX.save)}</Button>}
    </form>
  );
}
