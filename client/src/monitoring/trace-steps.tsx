import { useTranslation } from 'react-i18next';
import type { Text } from '../../../shared/text.js';
import { localMessage } from '../governance/ui.js';
import { useLang } from '../i18n/index.js';
import { channelName, fmtTime, stageName } from './format.js';

export interface Step { at: number; kind: string; node: string | null; state: string; reason: string | null; detail: string | null; until?: number }

const TONE: Record<string, string> = {
  entered: 'bg-slate-100 text-slate-700', sent: 'bg-publicity-soft text-publicity', delivered: 'bg-publicity-soft text-publicity', queued: 'bg-publicity-soft text-publicity',
  suppressed: 'bg-amber-100 text-amber-800', deferred: 'bg-amber-50 text-amber-700', unreachable: 'bg-red-100 text-danger', failed: 'bg-red-100 text-danger',
  responded: 'bg-experience-soft text-experience', awaiting_confirmation: 'bg-experience-soft text-experience', converted: 'bg-brand-100 text-brand-700',
  waiting: 'bg-slate-800 text-white', ended: 'bg-slate-200 text-slate-700',
  granted: 'bg-experience-soft text-experience', grant_failed: 'bg-red-100 text-danger', already_held: 'bg-slate-100 text-slate-700',
};

/** Why, in words: the channel and stage of a send, the policy reason of a suppression, what a wait waits for. */
function useWhy() {
  const { t } = useTranslation();
  const { lang } = useLang();
  return (s: Step): string => {
    if ((s.kind === 'sent' || s.kind === 'queued') && s.detail) {
      const [ch, rest] = s.detail.split('/');
      const stage = rest?.split(' ')[0];
      return `${channelName(ch ?? '', lang)}${stage ? ` · ${stageName(stage, lang)}` : ''}${s.detail.includes('fallback') ? ` (${s.detail.slice(s.detail.indexOf('(') + 1, -1)})` : ''}`;
    }
    if (s.kind === 'waiting') return `${t(`mon.reasons.${s.reason ?? 'await'}`)}${s.until ? ` · ${t('mon.trace.until', { time: fmtTime(s.until, lang) })}` : ''}`;
    if ((s.kind === 'failed' || s.kind === 'delivered') && s.detail) {
      // `bulk_sms: <gateway's reason>`; the reason may be empty when the gateway gave none, or read `中文 / English` (a delivery report).
      const i = s.detail.indexOf(':');
      const why = localMessage(i < 0 ? s.detail : s.detail.slice(i + 1).trim(), lang);
      return `${i < 0 ? '' : `${channelName(s.detail.slice(0, i), lang)} · `}${why || t('mon.trace.noReason')}`;
    }
    if ((s.kind === 'granted' || s.kind === 'grant_failed' || s.kind === 'already_held') && s.detail) {
      // `benefit <code>[ until <ISO time>][ (<why>)]`, as the engine traces a provision call
      const until = /until (\S+)/.exec(s.detail)?.[1];
      const paren = /\((.*)\)$/.exec(s.detail)?.[1];
      return `${s.detail.split(' ')[1] ?? ''}${until ? ` · ${t('mon.trace.until', { time: fmtTime(Date.parse(until), lang) })}` : ''}${paren ? ` (${paren})` : ''}`;
    }
    if (s.kind === 'route' || s.kind === 'timeout' || s.kind === 'wake' || s.kind === 'other') return s.detail ?? '';
    if (s.reason) return t(`mon.reasons.${s.reason}`, { defaultValue: s.reason });
    return s.detail ?? '';
  };
}

/** One run's path as a vertical timeline: time, what happened at which node, and why. */
export function TraceSteps({ steps, titles }: { steps: Step[]; titles: Record<string, Text> }) {
  const { t } = useTranslation();
  const { lang, pick } = useLang();
  const why = useWhy();
  return (
    <ol className="relative ml-2 border-l border-slate-200" data-testid="trace-steps">
      {steps.map((s, i) => (
        <li key={i} className="relative mb-2 pl-4" data-kind={s.kind} data-reason={s.reason ?? ''}>
          <span className={`absolute top-1.5 -left-[5px] h-2.5 w-2.5 rounded-full border-2 border-white ${s.kind === 'converted' ? 'bg-brand-600' : s.kind === 'waiting' ? 'animate-pulse bg-slate-800' : 'bg-slate-400'}`} />
          <div className="flex flex-wrap items-baseline gap-x-2 text-sm">
            <span className="w-40 shrink-0 text-xs text-slate-400 tabular-nums">{fmtTime(s.at, lang)}</span>
            <span className={`rounded px-1.5 py-px text-xs font-medium ${TONE[s.kind] ?? 'bg-slate-50 text-slate-600'}`}>{t(`mon.trace.kinds.${s.kind}`, { defaultValue: s.kind })}</span>
            {s.node && <span data-testid="trace-node" className="text-xs text-slate-500">{titles[s.node] ? pick(titles[s.node]!) : s.node}</span>}
            <span className="text-slate-700">{why(s)}</span>
          </div>
        </li>
      ))}
    </ol>
  );
}
