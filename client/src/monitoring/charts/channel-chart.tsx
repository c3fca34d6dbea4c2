import { useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import { useLang } from '../../i18n/index.js';
import { EChart, type ChartOption } from '../echart.js';
import { channelName, fmtMoney } from '../format.js';

export interface ChannelRow { channel: string; contacts: number; delivered: number; responses: number; conversions: number; cost: number }

/** Per channel: contacts, delivered, responses and attributed conversions (left axis), cost (right axis, ¥). */
export function ChannelChart({ rows }: { rows: ChannelRow[] }) {
  const { t } = useTranslation();
  const { lang } = useLang();
  const option = useMemo<ChartOption>(() => ({
    animationDuration: 300,
    color: ['#94a3b8', '#2563eb', '#9333ea', '#0d9488', '#ea580c'],
    legend: { top: 0, itemWidth: 12, itemHeight: 8, textStyle: { fontSize: 11 } },
    grid: { left: 8, right: 8, top: 32, bottom: 8, containLabel: true },
    tooltip: { trigger: 'axis', axisPointer: { type: 'shadow' } },
    xAxis: { type: 'category', data: rows.map((r) => channelName(r.channel, lang)), axisLabel: { fontSize: 11, interval: 0 } },
    yAxis: [{ type: 'value', splitLine: { lineStyle: { color: '#eef2f7' } } }, { type: 'value', axisLabel: { formatter: (v: number) => fmtMoney(v, lang) }, splitLine: { show: false } }],
    series: [
      { name: t('mon.dash.contacts'), type: 'bar', data: rows.map((r) => r.contacts), barMaxWidth: 18 },
      { name: t('mon.dash.delivered'), type: 'bar', data: rows.map((r) => r.delivered), barMaxWidth: 18 },
      { name: t('mon.dash.responses'), type: 'bar', data: rows.map((r) => r.responses), barMaxWidth: 18 },
      { name: t('mon.dash.conversions'), type: 'bar', data: rows.map((r) => r.conversions), barMaxWidth: 18 },
      { name: t('mon.dash.cost'), type: 'bar', yAxisIndex: 1, data: rows.map((r) => r.cost), barMaxWidth: 18, itemStyle: { color: '#ea580c', opacity: 0.85 }, tooltip: { valueFormatter: (v: unknown) => fmtMoney(Number(v), lang) } },
    ],
  }), [rows, lang, t]);
  return <EChart option={option} height={260} testId="chart-channels" label={t('mon.dash.channels')} />;
}
