import { useEffect, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useSearchParams } from 'react-router';
import { END_OUTCOME_LABELS, type END_OUTCOMES } from '../../../shared/nodes/end/definition.js';
import { Button, ErrorText, PageHeader, StatusBadge, inputClass, unitName } from '../governance/ui.js';
import { useLang } from '../i18n/index.js';
import { trpc } from '../trpc.js';
import { groupName } from './format.js';
import { TraceSteps } from './trace-steps.js';
import { LIVE_MS } from './use-dashboard.js';

/** A customer id as the page's URL carries it; a phone number is never one (11 digits). */
const isId = (s: string) => /^\d{1,9}$/.test(s);

/**
 * `/trace?customer=<id>`: a customer's path through each run with times and reasons. A search by phone
 * asks the server for the id in a POST (monitoring.findCustomer) and then shows `?customer=<id>`, so the
 * number is in no URL: not the page's (history, shared links), not a request's (proxy and server logs).
 * An old `?q=` link still opens, its phone swapped for the id in place.
 */
export function TracePage() {
  const { t } = useTranslation();
  const { lang, pick } = useLang();
  const [params, setParams] = useSearchParams();
  const legacy = params.get('q')?.trim() ?? '';
  const customer = params.get('customer') ?? (isId(legacy) ? legacy : '');
  const [text, setText] = useState(customer || legacy);
  // The search that found nobody the caller may see (kept out of the URL too).
  const [missed, setMissed] = useState<string | null>(null);
  const q = trpc.monitoring.trace.useQuery({ customerId: Number(customer) }, { enabled: isId(customer), refetchInterval: LIVE_MS * 2 });
  const find = trpc.monitoring.findCustomer.useMutation();
  const lookUp = (search: string, replace: boolean) => {
    setMissed(null);
    if (isId(search)) { setParams({ customer: search }, { replace }); return; }
    find.mutate({ query: search }, {
      onSuccess: (r) => {
        if (r.customer) setParams({ customer: String(r.customer.id) }, { replace });
        else { setMissed(search); setParams({}, { replace }); }
      },
    });
  };
  useEffect(() => {
    if (legacy && !params.has('customer')) lookUp(legacy, true);
    // Once per old link: lookUp replaces the URL, which ends the `q`.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [legacy]);
  const submit = (e: FormEvent) => {
    e.preventDefault();
    if (text.trim()) lookUp(text.trim(), false);
  };
  const c = q.data?.customer;
  const outcomeLabel = (o: string) => (o in END_OUTCOME_LABELS ? pick(END_OUTCOME_LABELS[o as (typeof END_OUTCOMES)[number]]) : t(`mon.reasons.${o}`, { defaultValue: o }));
  return (
    <div className="h-full overflow-auto p-6" data-testid="trace-page">
      <PageHeader title={t('mon.trace.title')}>
        <form onSubmit={submit} className="flex gap-2" role="search">
          <input name="q" autoComplete="off" aria-label={t('mon.trace.placeholder')} placeholder={t('mon.trace.placeholder')} className={`${inputClass} w-56`} value={text} onChange={(e) => setText(e.target.value)} />
          <Button tone="primary" type="submit" className="whitespace-nowrap">{t('mon.trace.search')}</Button>
        </form>
      </PageHeader>
      <ErrorText error={find.error ?? q.error} />
      {!isId(customer) && !missed && !find.isPending && <p className="text-sm text-slate-500">{t('mon.trace.hint')}</p>}
      {((q.data && !c) || missed) && <p className="text-sm text-slate-500" data-testid="trace-not-found">{t('mon.trace.notFound')}</p>}
      {c && (
        <section className="mb-4 flex flex-wrap gap-x-6 gap-y-1 rounded-lg border border-slate-200 bg-white px-4 py-3 text-sm" data-testid="trace-customer" data-customer-id={c.id}>
          <span className="font-semibold text-slate-800">{c.name} <span className="font-normal text-slate-400">#{c.id}</span></span>
          {/* Masked by the server (139****1234): the full number is only what the caller typed to search. */}
          <span><span className="text-slate-500">{t('mon.trace.phone')}</span> <span className="tabular-nums" data-testid="trace-phone">{c.phone}</span></span>
          <span><span className="text-slate-500">{t('mon.trace.group')}</span> {groupName(c.group, lang)}</span>
          <span><span className="text-slate-500">{t('mon.trace.city')}</span> {unitName(c.city, lang)}</span>
          <span>{c.smartphone ? t('mon.trace.smartphone') : t('mon.trace.featurePhone')}</span>
          {c.dnd && <span className="rounded bg-red-100 px-1.5 text-danger">{t('mon.trace.dnd')}</span>}
        </section>
      )}
      {c && q.data!.runs.length === 0 && <p className="text-sm text-slate-500">{t('mon.trace.noRuns')}</p>}
      <div className="flex flex-col gap-4">
        {q.data?.runs.map((p) => (
          <section key={p.run.id} className="rounded-lg border border-slate-200 bg-white p-4" data-testid={`trace-run-${p.run.id}`}>
            <div className="mb-3 flex flex-wrap items-center gap-2">
              <Link to={`/runs/${p.run.id}`} className="font-semibold text-brand-700 hover:underline">{p.run.name}</Link>
              <StatusBadge status={p.run.status} />
              <span className="text-xs text-slate-400">#{p.run.id} · v{p.run.version}</span>
              <span className="ml-auto flex gap-2 text-xs">
                {p.control && <span className="rounded bg-slate-100 px-1.5 py-px text-slate-600">{t('mon.trace.inControl')}</span>}
                {p.responded && <span className="rounded bg-experience-soft px-1.5 py-px text-experience">{t('mon.trace.responded')}</span>}
                {p.converted && <span className="rounded bg-brand-100 px-1.5 py-px text-brand-700">{t('mon.trace.converted')}</span>}
                {p.endedAt === null && !p.control && <span className="rounded bg-slate-800 px-1.5 py-px text-white" data-testid="trace-open">{t('mon.trace.open')}{p.node ? ` · ${p.titles[p.node] ? pick(p.titles[p.node]!) : p.node}` : ''}</span>}
                {p.outcome && <span className="rounded bg-slate-200 px-1.5 py-px text-slate-700">{t('mon.trace.outcome')}: {outcomeLabel(p.outcome)}</span>}
              </span>
            </div>
            <TraceSteps steps={p.steps} titles={p.titles} />
          </section>
        ))}
      </div>
    </div>
  );
}
