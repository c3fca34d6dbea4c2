import { useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import { CHANNEL_IDS } from '../../../../shared/catalogue/channels.js';
import { GROUP_IDS } from '../../../../shared/catalogue/groups.js';
import { useLang } from '../../i18n/index.js';
import { EChart, type ChartOption } from '../echart.js';
import { channelName, fmtPct, groupName } from '../format.js';

export interface HeatCell { group: string; channel: string; value: number; observed: number }

/** Customer group × channel heatmap of one value (estimate, prior or fit), labelled in each cell. */
export function FitHeatmap({ cells, label, percent }: { cells: HeatCell[]; label: string; percent: boolean }) {
  const { t } = useTranslation();
  const { lang } = useLang();
  const option = useMemo<ChartOption>(() => {
    const gi = new Map<string, number>(GROUP_IDS.map((g, i) => [g, i]));
    const ci = new Map<string, number>(CHANNEL_IDS.map((c, i) => [c, i]));
    const data = cells.filter((c) => gi.has(c.group) && ci.has(c.channel)).map((c) => [ci.get(c.channel)!, gi.get(c.group)!, c.value, c.observed]);
    const max = Math.max(0.0001, ...cells.map((c) => c.value));
    const fmt = (v: number) => (percent ? fmtPct(v, 1) : v.toFixed(2));
    return {
      animationDuration: 300,
      grid: { left: 8, right: 8, top: 8, bottom: 64, containLabel: true },
      tooltip: {
        formatter: (p: { value: [number, number, number, number] }) =>
          `${t('mon.fit.cell', { group: groupName(GROUP_IDS[p.value[1]]!, lang), channel: channelName(CHANNEL_IDS[p.value[0]]!, lang), value: fmt(p.value[2]) })}<br/>${t('mon.fit.learned')}: ${p.value[3]}`,
      },
      xAxis: { type: 'category', data: CHANNEL_IDS.map((c) => channelName(c, lang)), axisLabel: { fontSize: 11, interval: 0, rotate: 30 }, splitArea: { show: true } },
      yAxis: { type: 'category', data: GROUP_IDS.map((g) => groupName(g, lang)), axisLabel: { fontSize: 11 }, splitArea: { show: true } },
      visualMap: { min: 0, max, dimension: 2, calculable: true, orient: 'horizontal', left: 'center', bottom: 0, itemHeight: 160, inRange: { color: ['#f0fdfa', '#5eead4', '#0d9488', '#134e4a'] }, formatter: (v: number) => fmt(v), textStyle: { fontSize: 11 } },
      series: [{ type: 'heatmap', name: label, data, label: { show: true, fontSize: 10, formatter: (p: { value: [number, number, number] }) => fmt(p.value[2]) }, emphasis: { itemStyle: { borderColor: '#0f172a', borderWidth: 1 } } }],
    };
  }, [cells, label, percent, lang, t]);
  return <EChart option={option} height={460} testId="fit-heatmap" label={label} />;
}
