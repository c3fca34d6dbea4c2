import { useTranslation } from 'react-i18next';
import { useLang } from '../i18n/index.js';
import { channelName, fmtInt, fmtMoney, fmtPct } from './format.js';

interface Props {
  channels: Record<string, { contacts: number; delivered: number; failed: number; responses: number; cost: number; capacityUsed: number }>;
  capacity: Record<string, { dailyCapacity: number; usedToday: number; runToday: number }>;
  conversions: Record<string, number>;
  queue: Record<string, number>;
}

/** Per channel: contacts, cost, attributed conversions, and today's capacity used against the daily capacity. */
export function CapacityTable({ channels, capacity, conversions, queue }: Props) {
  const { t } = useTranslation();
  const { lang } = useLang();
  const rows = Object.entries(channels).sort((a, b) => b[1].contacts - a[1].contacts);
  if (rows.length === 0) return <p className="py-6 text-center text-sm text-slate-400">{t('mon.dash.noData')}</p>;
  return (
    <table className="w-full text-sm" data-testid="channel-table">
      <thead className="text-left text-xs text-slate-500">
        <tr>
          <th className="py-1 pr-2 font-medium">{t('mon.report.channel')}</th>
          <th className="py-1 pr-2 text-right font-medium">{t('mon.dash.contacts')}</th>
          <th className="py-1 pr-2 text-right font-medium">{t('mon.dash.cost')}</th>
          <th className="py-1 pr-2 text-right font-medium">{t('mon.dash.conversions')}</th>
          <th className="py-1 pr-2 font-medium">{t('mon.dash.usedToday')} / {t('mon.dash.capacity')}</th>
          <th className="py-1 text-right font-medium">{t('mon.dash.queue')}</th>
        </tr>
      </thead>
      <tbody>
        {rows.map(([ch, c]) => {
          const cap = capacity[ch];
          const share = cap && cap.dailyCapacity > 0 ? cap.usedToday / cap.dailyCapacity : 0;
          return (
            <tr key={ch} className="border-t border-slate-100" data-testid={`channel-row-${ch}`} data-contacts={c.contacts} data-cost={c.cost}>
              <td className="py-1.5 pr-2 whitespace-nowrap">{channelName(ch, lang)}</td>
              <td className="py-1.5 pr-2 text-right tabular-nums">{fmtInt(c.contacts, lang)}</td>
              <td className="py-1.5 pr-2 text-right tabular-nums">{fmtMoney(c.cost, lang)}</td>
              <td className="py-1.5 pr-2 text-right tabular-nums">{fmtInt(conversions[ch] ?? 0, lang)}</td>
              <td className="py-1.5 pr-2">
                {cap && (
                  <div className="flex items-center gap-2" title={`${t('mon.dash.runToday')} ${fmtInt(cap.runToday, lang)}`}>
                    <div className="h-2 min-w-16 flex-1 rounded bg-slate-100"><div className={`h-2 rounded ${share > 0.9 ? 'bg-danger' : 'bg-brand-500'}`} style={{ width: `${Math.min(100, share * 100)}%` }} /></div>
                    <span className="text-xs whitespace-nowrap text-slate-500 tabular-nums">{fmtInt(cap.usedToday, lang)} / {fmtInt(cap.dailyCapacity, lang)} ({fmtPct(share)})</span>
                  </div>
                )}
              </td>
              <td className="py-1.5 text-right tabular-nums">{queue[ch] ? fmtInt(queue[ch], lang) : '—'}</td>
            </tr>
          );
        })}
      </tbody>
    </table>
  );
}
