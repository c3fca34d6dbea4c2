import { useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import { STAGES } from '../../../../shared/catalogue/stages.js';
import { useLang } from '../../i18n/index.js';
import { EChart, type ChartOption } from '../echart.js';
import { STAGE_COLOURS, fmtInt, fmtShare, stageName } from '../format.js';

/** Customers reached at each stage, then converted, as a funnel of horizontal bars (share of treated customers). */
export function FunnelChart({ funnel, treated }: { funnel: { publicity: number; experience: number; sales: number; converted: number }; treated: number }) {
  const { t } = useTranslation();
  const { lang } = useLang();
  const option = useMemo<ChartOption>(() => {
    const rows = [...STAGES.map((s) => ({ name: stageName(s, lang), value: funnel[s], colour: STAGE_COLOURS[s] })), { name: t('mon.dash.converted'), value: funnel.converted, colour: STAGE_COLOURS.converted }];
    return {
      animationDuration: 300,
      grid: { left: 8, right: 110, top: 8, bottom: 8, containLabel: true },
      tooltip: { trigger: 'axis', axisPointer: { type: 'shadow' } },
      xAxis: { type: 'value', show: false, max: Math.max(1, treated, ...rows.map((r) => r.value)) },
      yAxis: { type: 'category', inverse: true, data: rows.map((r) => r.name), axisTick: { show: false }, axisLine: { show: false } },
      series: [{
        type: 'bar', barWidth: 22, data: rows.map((r) => ({ value: r.value, itemStyle: { color: r.colour, borderRadius: 4 } })),
        label: { show: true, position: 'right', formatter: (p: { value: number }) => `${fmtInt(p.value, lang)}  ${treated > 0 ? fmtShare(p.value / treated) : ''}` },
        showBackground: true, backgroundStyle: { color: '#f1f5f9', borderRadius: 4 },
      }],
    };
  }, [funnel, treated, lang, t]);
  return <EChart option={option} height={200} testId="chart-funnel" label={t('mon.dash.funnel')} />;
}
