import { useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import { useLang } from '../../i18n/index.js';
import { EChart, type ChartOption } from '../echart.js';
import { fmtBucket } from '../format.js';

export interface TimelinePoint { t: number; contacts: number; responses: number; conversions: number }

/** Conversions and responses per hour or day (lines), contacts behind them (bars, right axis). */
export function TimelineChart({ points, bucket }: { points: TimelinePoint[]; bucket: 'hour' | 'day' }) {
  const { t } = useTranslation();
  const { lang } = useLang();
  const option = useMemo<ChartOption>(() => ({
    animationDuration: 300,
    legend: { top: 0, itemWidth: 12, itemHeight: 8, textStyle: { fontSize: 11 } },
    grid: { left: 8, right: 8, top: 32, bottom: 8, containLabel: true },
    tooltip: { trigger: 'axis' },
    xAxis: { type: 'category', data: points.map((p) => fmtBucket(p.t, bucket, lang)), axisLabel: { fontSize: 11 } },
    yAxis: [{ type: 'value', minInterval: 1, splitLine: { lineStyle: { color: '#eef2f7' } } }, { type: 'value', minInterval: 1, splitLine: { show: false } }],
    series: [
      { name: t('mon.dash.contacts'), type: 'bar', yAxisIndex: 1, data: points.map((p) => p.contacts), itemStyle: { color: '#e2e8f0' }, barMaxWidth: 24 },
      { name: t('mon.dash.responses'), type: 'line', data: points.map((p) => p.responses), itemStyle: { color: '#9333ea' }, symbolSize: 5 },
      { name: t('mon.dash.conversions'), type: 'line', data: points.map((p) => p.conversions), itemStyle: { color: '#0d9488' }, lineStyle: { width: 3 }, symbolSize: 6, areaStyle: { color: 'rgba(13,148,136,0.08)' } },
    ],
  }), [points, bucket, lang, t]);
  return <EChart option={option} height={260} testId="chart-timeline" label={t('mon.dash.timeline')} />;
}
