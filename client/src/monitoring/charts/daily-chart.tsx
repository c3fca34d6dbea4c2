import { useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import { t as text } from '../../../../shared/text.js';
import { useLang } from '../../i18n/index.js';
import { EChart, type ChartOption } from '../echart.js';
import { channelName } from '../format.js';

/** One day's figures as the dashboard sends them (server/monitoring/daily.ts). */
export interface DayFigures { contacts: number; deferred: number; responses: number; conversions: number; cost: number }
export interface DailyRow extends DayFigures {
  day: string;
  channels: Record<string, DayFigures & { capacity: { used: number; cap: number; flowShare: boolean } }>;
}

export const DAILY_LABELS = {
  title: text('每日各渠道数据', 'Per channel per day'),
  all: text('全部渠道（按渠道堆叠的触达）', 'All channels (contacts stacked by channel)'),
  channel: text('渠道', 'Channel'),
  deferred: text('顺延', 'Deferred'),
  used: text('已用容量', 'Capacity used'),
  share: text('本流程份额', "Flow's share"),
  capacity: text('渠道日容量', 'Channel capacity'),
};

const PALETTE = ['#2563eb', '#0d9488', '#9333ea', '#ea580c', '#64748b', '#db2777', '#65a30d', '#0891b2', '#a16207', '#4f46e5'];

/**
 * Every day of the run. `channel` empty: contacts per channel stacked, with the run's responses and
 * conversions as lines. A channel: its contacts, deferred sends, responses, conversions, and the
 * capacity it may use that day (the flow's share, or the channel's capacity) as a dashed line.
 */
export function DailyChart({ days, channel }: { days: DailyRow[]; channel: string }) {
  const { t } = useTranslation();
  const { lang, pick } = useLang();
  const option = useMemo<ChartOption>(() => {
    const x = days.map((d) => d.day.slice(5));
    const channels = [...new Set(days.flatMap((d) => Object.keys(d.channels)))];
    const lines = (pickDay: (d: DailyRow) => DayFigures | undefined) => [
      { name: t('mon.dash.responses'), type: 'line', data: days.map((d) => pickDay(d)?.responses ?? 0), itemStyle: { color: '#9333ea' }, symbolSize: 5 },
      { name: t('mon.dash.conversions'), type: 'line', data: days.map((d) => pickDay(d)?.conversions ?? 0), itemStyle: { color: '#0d9488' }, lineStyle: { width: 3 }, symbolSize: 6 },
    ];
    // The same every day (the flow's share or the channel's capacity): drawn on days without contacts too.
    const cap = days.map((d) => d.channels[channel]?.capacity.cap).find((c) => c !== undefined) ?? null;
    const series = channel === ''
      ? [
          ...channels.map((c, i) => ({ name: channelName(c, lang), type: 'bar', stack: 'contacts', data: days.map((d) => d.channels[c]?.contacts ?? 0), itemStyle: { color: PALETTE[i % PALETTE.length] }, barMaxWidth: 28 })),
          ...lines((d) => d),
        ]
      : [
          { name: t('mon.dash.contacts'), type: 'bar', data: days.map((d) => d.channels[channel]?.contacts ?? 0), itemStyle: { color: '#2563eb' }, barMaxWidth: 24 },
          { name: pick(DAILY_LABELS.deferred), type: 'bar', data: days.map((d) => d.channels[channel]?.deferred ?? 0), itemStyle: { color: '#f59e0b' }, barMaxWidth: 24 },
          ...lines((d) => d.channels[channel]),
          {
            name: pick(days.some((d) => d.channels[channel]?.capacity.flowShare) ? DAILY_LABELS.share : DAILY_LABELS.capacity), type: 'line', step: 'middle', symbol: 'none',
            data: days.map(() => cap), lineStyle: { type: 'dashed', color: '#dc2626' }, itemStyle: { color: '#dc2626' },
          },
        ];
    return {
      animationDuration: 300,
      legend: { top: 0, type: 'scroll', itemWidth: 12, itemHeight: 8, textStyle: { fontSize: 11 } },
      grid: { left: 8, right: 8, top: 32, bottom: 8, containLabel: true },
      tooltip: { trigger: 'axis', axisPointer: { type: 'shadow' } },
      xAxis: { type: 'category', data: x, axisLabel: { fontSize: 11 } },
      yAxis: { type: 'value', minInterval: 1, splitLine: { lineStyle: { color: '#eef2f7' } } },
      series,
    };
  }, [days, channel, lang, pick, t]);
  return <EChart option={option} height={280} testId="chart-daily" label={pick(DAILY_LABELS.title)} />;
}

/** The channel picker of the per-day panel. */
export function DailyChannelPicker({ days, value, onChange }: { days: DailyRow[]; value: string; onChange: (c: string) => void }) {
  const { lang, pick } = useLang();
  const channels = [...new Set(days.flatMap((d) => Object.keys(d.channels)))];
  return (
    <select aria-label={pick(DAILY_LABELS.channel)} className="rounded border border-slate-300 px-1.5 py-0.5 text-xs text-slate-700" value={value}
      onChange={(e) => onChange(e.target.value)} data-testid="daily-channel">
      <option value="">{pick(DAILY_LABELS.all)}</option>
      {channels.map((c) => <option key={c} value={c}>{channelName(c, lang)}</option>)}
    </select>
  );
}
