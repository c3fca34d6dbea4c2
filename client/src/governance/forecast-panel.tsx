import { useTranslation } from 'react-i18next';
import { CHANNEL_BY_ID, type ChannelId } from '../../../shared/catalogue/channels.js';
import { useLang } from '../i18n/index.js';
import { formatDateTime } from '../lib/time.js';
import { trpc } from '../trpc.js';
import { ErrorText, localMessage, unitName } from './ui.js';

const channelName = (id: string, lang: 'zh' | 'en') => CHANNEL_BY_ID[id as ChannelId]?.label[lang] ?? id;

/**
 * What publishing would do, for the approval page and the publish confirmation: audience, first send,
 * forecast cost, conversions and channel load (a sample simulation on the server, polled while it
 * runs), and the conflicts with other flows.
 */
export function ForecastSummary({ flowId, conflicts = true }: { flowId: string; conflicts?: boolean }) {
  const { t } = useTranslation();
  const { lang } = useLang();
  // asked again while the simulation runs, and after an answer whose audience count a newer one superseded
  const q = trpc.governance.forecast.useQuery({ flowId }, { refetchInterval: (query) => {
    const d = query.state.data;
    return d && ('superseded' in d || d.simulation.state === 'running') ? 700 : false;
  } });
  const c = trpc.governance.conflicts.useQuery({ flowId }, { enabled: conflicts });
  if (!q.data || 'superseded' in q.data) return q.error ? <ErrorText error={q.error} /> : <p className="text-slate-400">{t('common.loading')}</p>;
  const { audience, firstSend, budget, simulation: sim } = q.data;
  const n = (x: number) => x.toLocaleString(lang === 'zh' ? 'zh-CN' : 'en-GB');
  const Row = ({ label, children, testId }: { label: string; children: React.ReactNode; testId: string }) => (
    <div className="flex gap-3 py-1" data-testid={testId}><dt className="w-24 shrink-0 text-slate-500">{label}</dt><dd className="min-w-0 flex-1 text-slate-800">{children}</dd></div>
  );
  return (
    <dl className="text-sm" data-testid="forecast">
      <Row label={t('gov.confirm.audience')} testId="forecast-audience">{t('gov.confirm.audienceValue', { n: n(audience.treated), c: n(audience.control) })}</Row>
      <Row label={t('gov.confirm.firstSend')} testId="forecast-first-send">
        {!firstSend ? t('gov.confirm.noSend') : firstSend.at === null
          ? t('gov.confirm.firstSendEvent', { channel: channelName(firstSend.channel, lang) })
          : t('gov.confirm.firstSendValue', { time: formatDateTime(firstSend.at), channel: channelName(firstSend.channel, lang) })}
      </Row>
      {sim.state === 'running' && (
        <Row label={t('gov.confirm.cost')} testId="forecast-progress">
          <span role="status">{t('gov.confirm.simulating', { n: n(sim.sample), p: Math.round(sim.progress * 100) })}</span>
          <progress className="ml-2 h-2 w-32 align-middle" value={sim.progress} max={1} />
        </Row>
      )}
      {sim.state === 'failed' && <Row label={t('gov.confirm.cost')} testId="forecast-failed"><span className="text-danger">{t('gov.confirm.simFailed', { e: localMessage(sim.error, lang) })}</span></Row>}
      {sim.state === 'done' && (
        <>
          <Row label={t('gov.confirm.cost')} testId="forecast-cost">{budget > 0 ? t('gov.confirm.costValue', { n: n(sim.cost), b: n(budget) }) : t('gov.confirm.costNoBudget', { n: n(sim.cost) })}</Row>
          <Row label={t('gov.confirm.conversions')} testId="forecast-conversions">{n(sim.conversions)}</Row>
          <Row label={t('gov.confirm.load')} testId="forecast-load">
            {sim.channels.map((ch) => t('gov.confirm.loadValue', { channel: channelName(ch.channel, lang), n: n(ch.contacts) })).join(lang === 'zh' ? '；' : '; ')}
          </Row>
          <p className="mt-1 text-xs text-slate-400">{t('gov.confirm.sampleNote', { n: n(sim.sample) })}</p>
        </>
      )}
      {conflicts && c.data && (
        <Row label={t('gov.confirm.conflicts')} testId="forecast-conflicts">
          {c.data.conflicts.length === 0 ? t('gov.confirm.conflictsNone') : (
            <>
              {t('gov.confirm.conflictsSome', { n: c.data.conflicts.length })}
              <ul className="mt-1 space-y-0.5">
                {c.data.conflicts.map((x) => (
                  <li key={x.flowId}>{lang === 'zh' ? `「${x.name}」` : `"${x.name}" `}{unitName(x.orgUnit, lang)} · {t('gov.inbox.overlapOf', { n: n(x.overlapCustomers) })} · {t(x.winner === 'this' ? 'gov.inbox.winnerThis' : x.winner === 'other' ? 'gov.inbox.winnerOther' : 'gov.inbox.winnerTie')}</li>
                ))}
              </ul>
            </>
          )}
        </Row>
      )}
    </dl>
  );
}
