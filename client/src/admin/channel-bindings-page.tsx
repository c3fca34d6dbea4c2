import { useState } from 'react';
import { CHANNEL_BY_ID, type ChannelId } from '../../../shared/catalogue/channels.js';
import { testNumberSchema } from '../../../shared/channels/binding-input.js';
import { ORG_UNITS } from '../../../shared/catalogue/org.js';
import { useLang } from '../i18n/index.js';
import { useSession } from '../lib/session-store.js';
import { Button, ErrorText, Field, inputClass, localMessage, PageHeader } from '../governance/ui.js';
import { trpc } from '../trpc.js';
import { BindingForm } from './channel-bindings-form.js';
import { BX } from './channel-bindings-text.js';

const LINK_STYLE = { up: 'text-emerald-700', down: 'text-danger', connecting: 'text-amber-700', na: 'text-slate-400' } as const;

/**
 * 渠道绑定 (#19 items 1, 4): per catalogue channel its binding and status (link, paused on errors, contacts
 * waiting, dead letters); a province admin edits a binding, sends a real test message through it, and
 * retries HTTP dead letters.
 */
export function ChannelBindingsPage() {
  const { lang, pick } = useLang();
  const user = useSession((s) => s.user);
  // The server refuses a city admin's change as well; the page says so up front.
  const readOnly = !user || ORG_UNITS.find((u) => u.id === user.orgUnit)?.parent !== null;
  const list = trpc.channelBindings.list.useQuery(undefined, { refetchInterval: 3000 });
  const [open, setOpen] = useState<ChannelId | null>(null);
  const utils = trpc.useUtils();
  const data = list.data;
  const status = (c: ChannelId) => data?.statuses.find((s) => s.channel === c);
  const opened = open ? data?.bindings.find((b) => b.channel === open) : undefined;

  return (
    <div className="space-y-4 p-6" data-testid="channel-bindings-page">
      <PageHeader title={pick(BX.title)} />
      <p className="max-w-4xl text-sm text-slate-600">{pick(BX.intro)}</p>
      {data?.secretKey === 'unset' && <p className="rounded bg-amber-50 px-3 py-2 text-sm text-amber-800" data-testid="secret-key-warning">{pick(BX.keyUnset)}</p>}
      {data?.secretKey === 'invalid' && <p className="rounded bg-red-50 px-3 py-2 text-sm text-danger">{pick(BX.keyInvalid)}</p>}
      {readOnly && <p className="text-sm text-slate-500">{pick(BX.cityReadOnly)}</p>}
      <ErrorText error={list.error} />
      <table className="w-full max-w-5xl text-sm">
        <thead className="text-left text-slate-500">
          <tr>{[BX.channel, BX.kind, BX.version, BX.link, BX.waiting, BX.deadLetters, BX.edit].map((h, i) => <th key={i} className="border-b border-slate-200 px-2 py-1.5 font-medium">{pick(h)}</th>)}</tr>
        </thead>
        <tbody>
          {data?.bindings.map((b) => {
            const s = status(b.channel);
            return (
              <tr key={b.channel} data-testid={`binding-row-${b.channel}`} className={open === b.channel ? 'bg-brand-50' : ''}>
                <td className="border-b border-slate-100 px-2 py-1.5">{pick(CHANNEL_BY_ID[b.channel].label)}</td>
                <td className="border-b border-slate-100 px-2 py-1.5" data-testid="binding-kind-cell">{pick(BX.kinds[b.kind])}{b.kind === 'http' ? ` · ${b.http.url}` : b.kind === 'smpp' || b.kind === 'cmpp' ? ` · ${b.gateway.host}:${b.gateway.port}` : ''}</td>
                <td className="border-b border-slate-100 px-2 py-1.5">{b.version || '—'}</td>
                <td className={`border-b border-slate-100 px-2 py-1.5 ${LINK_STYLE[s?.link ?? 'na']}`} title={s?.detail ? localMessage(s.detail, lang) : undefined} data-testid="binding-link">
                  {pick(BX.links[s?.link ?? 'na'])}{s?.paused ? ` · ${pick(BX.paused)}` : ''}{s?.detail ? <span className="block text-xs text-slate-500">{localMessage(s.detail, lang)}</span> : null}
                </td>
                <td className="border-b border-slate-100 px-2 py-1.5">{s?.waiting ?? 0}</td>
                <td className="border-b border-slate-100 px-2 py-1.5">{s?.deadLetters ?? 0}</td>
                <td className="border-b border-slate-100 px-2 py-1.5"><Button data-testid={`binding-edit-${b.channel}`} onClick={() => setOpen(open === b.channel ? null : b.channel)}>{pick(open === b.channel ? BX.cancel : BX.edit)}</Button></td>
              </tr>
            );
          })}
        </tbody>
      </table>
      {opened && (
        <section className="grid max-w-5xl grid-cols-2 gap-6 rounded-lg border border-slate-200 bg-white p-4" data-testid="binding-panel">
          <div>
            <h3 className="mb-2 font-medium">{pick(CHANNEL_BY_ID[opened.channel].label)} · v{opened.version}</h3>
            <BindingForm key={`${opened.channel}@${opened.version}`} binding={opened} readOnly={readOnly} onSaved={() => void utils.channelBindings.list.invalidate()} />
          </div>
          {!readOnly && CHANNEL_BY_ID[opened.channel].kind === 'message' && <TestSend channel={opened.channel} />}
        </section>
      )}
      {opened && <DeadLetters channel={opened.channel} readOnly={readOnly} />}
    </div>
  );
}

function TestSend({ channel }: { channel: ChannelId }) {
  const { lang, pick } = useLang();
  const [to, setTo] = useState('');
  const [text, setText] = useState('Linkage 测试消息');
  const test = trpc.channelBindings.test.useMutation();
  const [bad, setBad] = useState<string | null>(null);
  const r = test.data;
  const send = () => {
    const n = testNumberSchema.safeParse(to);
    setBad(n.success ? null : localMessage(n.error.issues[0]!.message, lang));
    if (n.success) test.mutate({ channel, to, text });
  };
  return (
    <form className="space-y-3" data-testid="binding-test" onSubmit={(e) => { e.preventDefault(); send(); }}>
      <h3 className="font-medium">{pick(BX.test)}</h3>
      <Field label={pick(BX.testTo)}><input className={inputClass} data-testid="binding-test-to" value={to} onChange={(e) => setTo(e.target.value)} placeholder="13800138000" /></Field>
      <Field label={pick(BX.testText)}><input className={inputClass} data-testid="binding-test-text" value={text} onChange={(e) => setText(e.target.value)} /></Field>
      <Button type="submit" tone="primary" data-testid="binding-test-send" disabled={test.isPending}>{pick(BX.testSend)}</Button>
      {bad && <p role="alert" className="text-sm text-danger">{bad}</p>}
      <ErrorText error={test.error} />
      {r && !bad && (r.ok
        ? <p className="text-sm text-emerald-700" data-testid="binding-test-result">{pick(BX.testOk).replace('{id}', r.messageId)}</p>
        : <p className="text-sm text-danger" data-testid="binding-test-result">{pick(BX.testFailed).replace('{error}', localMessage(r.error, lang))}</p>)}
    </form>
  );
}

function DeadLetters({ channel, readOnly }: { channel: ChannelId; readOnly: boolean }) {
  const { lang, pick } = useLang();
  const utils = trpc.useUtils();
  const letters = trpc.channelBindings.deadLetters.useQuery({ channel }, { refetchInterval: 3000 });
  const retry = trpc.channelBindings.retryDeadLetter.useMutation({ onSuccess: () => void utils.channelBindings.invalidate() });
  return (
    <section className="max-w-5xl" data-testid="dead-letters">
      <h3 className="mb-2 font-medium">{pick(BX.deadTitle)}</h3>
      <ErrorText error={retry.error} />
      {letters.data?.length === 0 ? <p className="text-sm text-slate-500">{pick(BX.deadNone)}</p> : (
        <table className="w-full text-sm">
          <thead className="text-left text-slate-500"><tr>{[BX.deadKey, BX.deadReason, BX.deadTries, BX.deadStatus, BX.retry].map((h, i) => <th key={i} className="border-b px-2 py-1 font-medium">{pick(h)}</th>)}</tr></thead>
          <tbody>
            {letters.data?.map((d) => (
              <tr key={d.id}>
                <td className="border-b border-slate-100 px-2 py-1 font-mono text-xs">{d.contactKey}</td>
                <td className="border-b border-slate-100 px-2 py-1">{localMessage(d.reason, lang)}</td>
                <td className="border-b border-slate-100 px-2 py-1">{d.tries}</td>
                <td className="border-b border-slate-100 px-2 py-1">{pick(d.status === 'waiting' ? BX.deadWaiting : BX.deadRetried)}</td>
                <td className="border-b border-slate-100 px-2 py-1">{d.status === 'waiting' && !readOnly && <Button onClick={() => retry.mutate({ id: d.id })}>{pick(BX.retry)}</Button>}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </section>
  );
}
