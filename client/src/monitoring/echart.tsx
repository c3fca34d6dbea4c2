import { BarChart, FunnelChart, HeatmapChart, LineChart } from 'echarts/charts';
import { DatasetComponent, GridComponent, LegendComponent, TooltipComponent, VisualMapComponent } from 'echarts/components';
import * as echarts from 'echarts/core';
import { SVGRenderer } from 'echarts/renderers';
import type { EChartsCoreOption } from 'echarts/core';
import { memo, useEffect, useRef } from 'react';

// Only the chart types the monitoring screens use; SVG renders crisply on screen and in print.
echarts.use([BarChart, LineChart, FunnelChart, HeatmapChart, GridComponent, TooltipComponent, LegendComponent, VisualMapComponent, DatasetComponent, SVGRenderer]);

export type ChartOption = EChartsCoreOption;

/**
 * One ECharts instance bound to a div. A new `option` merges into the chart (live refresh animates
 * instead of redrawing); series that disappear are replaced. Resizes with its container.
 */
export const EChart = memo(function EChart({ option, height = 260, testId, label }: { option: ChartOption; height?: number; testId?: string; label?: string }) {
  const ref = useRef<HTMLDivElement>(null);
  const chart = useRef<echarts.ECharts | null>(null);
  useEffect(() => {
    const el = ref.current;
    if (!el) return;
    const c = echarts.init(el, undefined, { renderer: 'svg' });
    // ECharts writes its own font ("sans-serif") on every label; use the page's stack (styles.css), which covers Chinese.
    c.setOption({ textStyle: { fontFamily: getComputedStyle(el).fontFamily } });
    chart.current = c;
    const ro = new ResizeObserver(() => c.resize());
    ro.observe(el);
    return () => {
      ro.disconnect();
      c.dispose();
      chart.current = null;
    };
  }, []);
  useEffect(() => {
    chart.current?.setOption(option, { replaceMerge: ['series', 'xAxis', 'yAxis'] });
  }, [option]);
  return <div ref={ref} style={{ height }} className="w-full" data-testid={testId} role="img" aria-label={label} />;
});
