import { z } from 'zod';
import { conditionSchema } from '../flow/conditions.js';
import { t } from '../text.js';
import { defineNodeType, type PortDef } from './define.js';

export const KPI_METRICS = ['contact_rate', 'response_rate', 'conversion_rate', 'cost', 'roi'] as const;
export const KPI_LABELS = {
  contact_rate: t('接触率', 'Contact rate'),
  response_rate: t('响应率', 'Response rate'),
  conversion_rate: t('转化率', 'Conversion rate'),
  cost: t('成本', 'Cost'),
  roi: t('投入产出比', 'ROI'),
} as const;

/** What a per-customer branch tests: the journey's own outcome so far, or an attribute. */
export const branchTestSchema = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('converted') }),
  z.object({ kind: z.literal('responded') }),
  z.object({ kind: z.literal('attribute'), condition: conditionSchema }),
]);

export const evaluateDataSchema = z.discriminatedUnion('mode', [
  z.object({
    mode: z.literal('customer'),
    branches: z.array(z.object({ id: z.string().min(1), label: z.string(), test: branchTestSchema })).min(1),
  }),
  z.object({
    mode: z.literal('kpi'),
    metric: z.enum(KPI_METRICS),
    op: z.enum(['gte', 'lte']),
    /** Rates are fractions (0.05 = 5%); cost in yuan; ROI as revenue ÷ cost. */
    threshold: z.number(),
    /** On failure: stop ends the remaining customers; reroute sends them out of the `fail` port. */
    onFail: z.enum(['reroute', 'stop']),
  }),
]);
export type EvaluateData = z.infer<typeof evaluateDataSchema>;

export const evaluateNode = defineNodeType({
  type: 'evaluate',
  label: t('评估', 'Evaluate'),
  description: t('按客户结果或活动指标分流', 'Branch on customer outcome or campaign KPIs'),
  icon: '📊',
  category: 'evaluation',
  hasInput: true,
  data: evaluateDataSchema,
  defaults: (): EvaluateData => ({
    mode: 'customer',
    branches: [{ id: 'b_converted', label: '已转化', test: { kind: 'converted' } }, { id: 'b_responded', label: '已响应', test: { kind: 'responded' } }],
  }),
  outputs: (d): PortDef[] =>
    d.mode === 'customer'
      ? [...d.branches.map((b) => ({ id: b.id, label: t(b.label || b.id, b.label || b.id), required: true })), { id: 'else', label: t('其他', 'Otherwise'), required: true }]
      : d.onFail === 'stop'
        ? [{ id: 'pass', label: t('达标', 'Pass'), required: true }]
        : [{ id: 'pass', label: t('达标', 'Pass'), required: true }, { id: 'fail', label: t('未达标', 'Fail'), required: true }],
  stages: () => [],
  channels: () => [],
  summary: (d, lang) =>
    d.mode === 'customer'
      ? (lang === 'zh' ? `${d.branches.length} 个分支 + 其他` : `${d.branches.length} branches + otherwise`)
      : `${KPI_LABELS[d.metric][lang]} ${d.op === 'gte' ? '≥' : '≤'} ${d.threshold}`,
});
