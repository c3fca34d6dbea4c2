import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Eye, EyeOff } from 'lucide-react';
import { ErrorText, PageHeader, selectClass, unitName } from '../governance/ui.js';
import { useLang } from '../i18n/index.js';
import { maskPhone } from '../../../shared/mask-phone.js';
import { trpc } from '../trpc.js';
import { DispositionForm } from './disposition-form.js';
import { channelName, fmtInt, groupName, stageName } from './format.js';
import { ScriptCard } from './script-card.js';
import { LIVE_MS } from './use-dashboard.js';

const CHANNELS = ['outbound_call', 'store', 'dealer'] as const;
type Channel = (typeof CHANNELS)[number];
const STORAGE_KEY = 'linkage.workbench.channel';

/** `/workbench`: an agent's queue on one human channel, the filled-in script of the selected customer, and the outcome form. */
export function WorkbenchPage() {
  const { t } = useTranslation();
  const { lang } = useLang();
  const counts = trpc.workbench.counts.useQuery(undefined, { refetchInterval: LIVE_MS });
  const [channel, setChannel] = useState<Channel | null>(() => {
    const saved = typeof localStorage !== 'undefined' ? localStorage.getItem(STORAGE_KEY) : null;
    return CHANNELS.includes(saved as Channel) ? (saved as Channel) : null;
  });
  // Without a saved choice: the channel that has work, else the call centre.
  const active: Channel = channel ?? (counts.data ? (CHANNELS.find((c) => counts.data[c] > 0) ?? 'outbound_call') : 'outbound_call');
  const queue = trpc.workbench.queue.useQuery({ channel: active, lang }, { refetchInterval: LIVE_MS });
  const [selected, setSelected] = useState<number | null>(null);
  const [notice, setNotice] = useState<string | null>(null);
  const [query, setQuery] = useState('');
  const all = queue.data ?? [];
  // Search what the agent sees: the name, the masked number as shown (its visible digits), the queue id.
  const q = query.trim().toLowerCase();
  const items = q ? all.filter((i) => i.customerName.toLowerCase().includes(q) || maskPhone(i.phone).includes(q) || i.phone.slice(-4).includes(q) || String(i.id) === q || String(i.customerId) === q) : all;
  const current = items.find((i) => i.id === selected) ?? null;

  useEffect(() => {
    if (queue.data && (selected === null || !queue.data.some((i) => i.id === selected))) setSelected(queue.data[0]?.id ?? null);
  }, [queue.data, selected]);

  const pick = (c: Channel) => {
    localStorage.setItem(STORAGE_KEY, c);
    setChannel(c);
    setSelected(null);
  };

  return (
    <div className="flex h-full flex-col p-6" data-testid="workbench">
      <PageHeader title={t('mon.work.title')}>
        <label className="flex items-center gap-2 text-sm text-slate-600">
          {t('mon.work.channel')}
          <select className={selectClass} value={active} onChange={(e) => pick(e.target.value as Channel)} aria-label={t('mon.work.channel')} data-testid="channel-select">
            {CHANNELS.map((c) => <option key={c} value={c}>{channelName(c, lang)}{counts.data ? ` (${counts.data[c]})` : ''}</option>)}
          </select>
        </label>
      </PageHeader>
      <ErrorText error={queue.error ?? counts.error} />
      {notice && <p role="status" className="mb-3 rounded-md bg-brand-50 px-3 py-2 text-sm text-brand-700" data-testid="work-notice">{notice}</p>}
      <div className="flex min-h-0 flex-1 gap-4">
        <aside className="w-80 shrink-0 overflow-auto rounded-lg border border-slate-200 bg-white" aria-label={t('mon.work.title')}>
          <input type="search" value={query} onChange={(e) => setQuery(e.target.value)} placeholder={t('mon.work.search')} aria-label={t('mon.work.search')} data-testid="queue-search"
            className="m-2 w-[calc(100%-1rem)] rounded-md border border-slate-300 px-2 py-1.5 text-sm" />
          {q && items.length === 0 && all.length > 0 && <p className="px-3 py-2 text-sm text-slate-400">{t('mon.work.noMatch', { q: query.trim() })}</p>}
          <div className="border-b border-slate-100 px-3 py-2 text-xs text-slate-500">{t('mon.work.waiting', { n: fmtInt(counts.data?.[active] ?? items.length, lang) })}</div>
          {all.length === 0 && <p className="p-6 text-center text-sm text-slate-400">{t('mon.work.empty')}</p>}
          <ul>
            {items.map((i) => (
              <li key={i.id}>
                <button type="button" onClick={() => setSelected(i.id)} data-testid={`queue-item-${i.id}`}
                  className={`block w-full border-b border-slate-100 px-3 py-2 text-left text-sm ${i.id === selected ? 'bg-brand-50' : 'hover:bg-slate-50'}`}>
                  <div className="flex items-center gap-2"><span className="font-medium text-slate-800" data-testid="customer-name">{i.customerName}</span><span className="text-xs text-slate-400 tabular-nums">{maskPhone(i.phone)}</span></div>
                  <div className="text-xs text-slate-500">{groupName(i.group, lang)} · {stageName(i.stage, lang)}{i.tries > 0 ? ` · ${t('mon.work.tries', { n: i.tries })}` : ''}</div>
                </button>
              </li>
            ))}
          </ul>
        </aside>
        <section className="min-w-0 flex-1 overflow-auto" data-testid="work-item">
          {!current && <p className="p-6 text-sm text-slate-400">{t(items.length > 0 ? 'mon.work.selectHint' : 'mon.work.idleHint')}</p>}
          {current && (
            <div className="flex max-w-3xl flex-col gap-3">
              <div className="flex flex-wrap items-baseline gap-x-4 gap-y-1 rounded-lg border border-slate-200 bg-white px-4 py-3 text-sm" data-testid="work-customer" data-customer-id={current.customerId}>
                <span className="text-base font-semibold text-slate-800">{current.customerName}</span>
                <PhoneNumber key={current.id} phone={current.phone} />
                <span className="text-slate-500">{groupName(current.group, lang)} · {unitName(current.city, lang)}</span>
                <span className="text-slate-500">{t('mon.work.stage')}: {stageName(current.stage, lang)}</span>
                <span className="ml-auto text-xs text-slate-400">{t('mon.work.flow')}: {current.flowName} #{current.runId}</span>
              </div>
              {current.script ? <ScriptCard script={current.script} /> : <p className="text-sm text-slate-500">{t('mon.work.noScript')}</p>}
              <DispositionForm key={current.id} queueId={current.id} channel={active} dispositions={current.script?.dispositions ?? ['accepted', 'declined', 'no_answer', 'busy', 'callback']}
                needsConfirmation={!!current.script?.takesOrder && !!current.script.secondConfirmation}
                onDone={(status) => { setNotice(`${current.customerName}: ${t(`mon.work.result.${status}`, { defaultValue: status })}`); setSelected(null); }} />
            </div>
          )}
        </section>
      </div>
    </div>
  );
}

/**
 * The open customer's number, masked like the queue's until the agent asks for it (to dial by hand, or
 * to confirm it with the customer): a screen that others can see shows no full numbers by default.
 */
function PhoneNumber({ phone }: { phone: string }) {
  const { t } = useTranslation();
  const [shown, setShown] = useState(false);
  return (
    <span className="inline-flex items-center gap-1 text-slate-600">
      <span className="tabular-nums" data-testid="customer-phone">{shown ? phone : maskPhone(phone)}</span>
      <button type="button" className="rounded p-0.5 text-slate-400 hover:bg-slate-100 hover:text-brand-700" aria-pressed={shown}
        aria-label={t(shown ? 'mon.work.hidePhone' : 'mon.work.showPhone')} title={t(shown ? 'mon.work.hidePhone' : 'mon.work.showPhone')} onClick={() => setShown(!shown)}>
        {shown ? <EyeOff aria-hidden className="size-4" /> : <Eye aria-hidden className="size-4" />}
      </button>
    </span>
  );
}
