import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { Button, ErrorText } from '../governance/ui.js';
import { formatDate, fromZonedInput } from '../lib/time.js';
import { channelForm, dispositionsFor } from '../../../shared/flow/channel-wording.js';
import { trpc } from '../trpc.js';
import { CallbackTime } from './callback-time.js';

type Disposition = 'accepted' | 'declined' | 'no_answer' | 'busy' | 'callback';

/** Tomorrow 10:00 in the operator's time zone (Beijing). */
const defaultCallback = () => ({ date: formatDate(Date.now() + 86_400_000), time: '10:00' });

/**
 * The outcome of a call or visit. Accepting an order-taking script asks for the customer's second
 * confirmation (五条禁令); a callback asks for a time. The result enters the engine as an event.
 */
export function DispositionForm({ queueId, dispositions: allowed, channel, needsConfirmation, onDone }: {
  queueId: number; dispositions: string[]; channel: string; needsConfirmation: boolean; onDone: (status: string) => void;
}) {
  const { t } = useTranslation();
  // What can happen depends on the channel: a store visit is never "no answer" or "busy".
  const visit = channelForm(channel) === 'visit';
  const dispositions = dispositionsFor(channel, allowed);
  const [choice, setChoice] = useState<Disposition | null>(null);
  const [confirmed, setConfirmed] = useState(false);
  const [callback, setCallback] = useState(defaultCallback);
  const utils = trpc.useUtils();
  const dispose = trpc.workbench.dispose.useMutation({
    onSuccess: (r) => {
      void utils.workbench.queue.invalidate();
      void utils.workbench.counts.invalidate();
      onDone(r.status);
    },
  });
  const submit = (e: FormEvent) => {
    e.preventDefault();
    const callbackAt = fromZonedInput(`${callback.date}T${callback.time}`);
    if (!choice || (choice === 'callback' && callbackAt === null)) return;
    dispose.mutate({
      queueId, disposition: choice,
      ...(choice === 'callback' ? { callbackAt: callbackAt! } : {}),
      ...(choice === 'accepted' && needsConfirmation ? { secondConfirmed: confirmed } : {}),
    });
  };
  return (
    <form onSubmit={submit} className="rounded-lg border border-slate-200 bg-white p-4" data-testid="disposition-form" aria-label={t('mon.work.disposition')}>
      <h3 className="mb-2 text-sm font-semibold text-slate-700">{t('mon.work.disposition')}</h3>
      <div className="flex flex-wrap gap-2" role="radiogroup" aria-label={t('mon.work.disposition')}>
        {dispositions.map((d) => (
          <label key={d} className={`cursor-pointer rounded-md border px-3 py-1.5 text-sm ${choice === d ? 'border-brand-600 bg-brand-50 font-medium text-brand-700' : 'border-slate-300 bg-white text-slate-700 hover:bg-slate-50'}`}>
            <input type="radio" name="disposition" value={d} className="sr-only" checked={choice === d} onChange={() => setChoice(d as Disposition)} />
            {t(visit ? `designer.script.dispositionVisit.${d}` : `mon.work.dispositions.${d}`, { defaultValue: d })}
          </label>
        ))}
      </div>
      {choice === 'accepted' && needsConfirmation && (
        <label className="mt-3 flex items-center gap-2 rounded-md bg-amber-50 px-3 py-2 text-sm text-amber-900">
          <input type="checkbox" name="secondConfirmed" checked={confirmed} onChange={(e) => setConfirmed(e.target.checked)} />
          {t('mon.work.secondConfirmed')}
          <span className="ml-auto text-xs text-amber-700">{t('mon.work.needConfirm')}</span>
        </label>
      )}
      {choice === 'callback' && (
        <CallbackTime date={callback.date} time={callback.time} onDate={(date) => setCallback((c) => ({ ...c, date }))} onTime={(time) => setCallback((c) => ({ ...c, time }))} />
      )}
      <div className="mt-3 flex items-center gap-3">
        <Button tone="primary" type="submit" disabled={!choice || dispose.isPending}>{t('mon.work.submit')}</Button>
        <ErrorText error={dispose.error} />
      </div>
    </form>
  );
}
