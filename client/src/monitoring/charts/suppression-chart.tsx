import { useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import { useLang } from '../../i18n/index.js';
import { EChart, type ChartOption } from '../echart.js';
import { channelName, fmtInt } from '../format.js';

/** Contacts suppressed (or never made) by reason: caps, priority, capacity, do-not-disturb, opt-out, budget… */
export function SuppressionChart({ suppressed }: { suppressed: Record<string, number> }) {
  const { t } = useTranslation();
  const { lang } = useLang();
  const rows = useMemo(() => Object.entries(suppressed).filter(([, n]) => n > 0).sort((a, b) => b[1] - a[1]), [suppressed]);
  const option = useMemo<ChartOption>(() => {
    // `capacity:outbound_call` → 渠道产能已满 · 外呼中心
    const label = (k: string) => {
      const [reason, channel] = k.split(':');
      const text = t(`mon.reasons.${reason}`, { defaultValue: k });
      return channel && reason !== 'priority' ? `${text} · ${channelName(channel, lang)}` : text;
    };
    return {
      animationDuration: 300,
      grid: { left: 8, right: 48, top: 8, bottom: 8, containLabel: true },
      tooltip: { trigger: 'axis', axisPointer: { type: 'shadow' } },
      xAxis: { type: 'value', minInterval: 1, splitLine: { lineStyle: { color: '#eef2f7' } } },
      yAxis: { type: 'category', inverse: true, data: rows.map(([k]) => label(k)), axisTick: { show: false } },
      series: [{ type: 'bar', data: rows.map(([, n]) => n), itemStyle: { color: '#d97706', borderRadius: 3 }, barMaxWidth: 18, label: { show: true, position: 'right', formatter: (p: { value: number }) => fmtInt(p.value, lang) } }],
    };
  }, [rows, t, lang]);
  if (rows.length === 0) return <p className="py-10 text-center text-sm text-slate-400" data-testid="chart-suppressed-empty">{t('mon.dash.noSuppressed')}</p>;
  return <EChart option={option} height={Math.max(140, 36 * rows.length + 24)} testId="chart-suppressed" label={t('mon.dash.suppressed')} />;
}
