import { useTranslation } from 'react-i18next';
import { CHANNEL_BY_ID, type ChannelId } from '../../../../../shared/catalogue/channels.js';
import { GROUP_IDS, GROUP_LABELS } from '../../../../../shared/catalogue/groups.js';
import { useLang } from '../../../i18n/index.js';
import { trpc } from '../../../trpc.js';

/**
 * With fit routing, each customer takes the lane whose channel fits their group best (CP score).
 * This previews, per lane, which groups it wins and their average fit.
 */
export function FitPreview({ channels }: { channels: ChannelId[] }) {
  const { t } = useTranslation();
  const { pick } = useLang();
  const fit = trpc.flows.fit.useQuery(undefined, { staleTime: Infinity });
  if (!fit.data) return null;
  const score = (g: string, c: string) => fit.data.find((r) => r.groupId === g && r.channelId === c)?.score ?? 0;
  const wins = channels.map(() => [] as { group: string; score: number }[]);
  for (const g of GROUP_IDS) {
    let best = -1;
    channels.forEach((c, i) => { if (best < 0 || score(g, c) > score(g, channels[best]!)) best = i; });
    if (best >= 0) wins[best]!.push({ group: g, score: score(g, channels[best]!) });
  }
  return (
    <div className="rounded-lg border border-slate-200 bg-slate-50 p-2" data-testid="fit-preview">
      <p className="mb-1.5 text-[11px] font-medium text-slate-500">{t('designer.linkage.fitPreview')}</p>
      {channels.map((c, i) => {
        const w = wins[i]!;
        const avg = w.length ? w.reduce((s, x) => s + x.score, 0) / w.length : 0;
        return (
          <div key={`${c}-${i}`} className="mb-1.5" data-testid="fit-lane">
            <div className="flex text-xs text-slate-700">
              <span className="flex-1 font-medium">{i + 1}. {pick(CHANNEL_BY_ID[c].label)}</span>
              <span className="text-slate-500 tabular-nums">{w.length ? t('designer.linkage.fitScore', { score: avg.toFixed(2) }) : '—'}</span>
            </div>
            <div className="my-0.5 h-1.5 rounded bg-slate-200"><div className="h-1.5 rounded bg-brand-500" style={{ width: `${Math.round(avg * 100)}%` }} /></div>
            <p className="text-[11px] text-slate-500">{w.length ? w.map((x) => pick(GROUP_LABELS[x.group as keyof typeof GROUP_LABELS])).join('、') : t('designer.linkage.noGroups')}</p>
          </div>
        );
      })}
    </div>
  );
}
