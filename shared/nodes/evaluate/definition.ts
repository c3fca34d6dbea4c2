import { z } from 'zod';
import { conditionSchema } from '../../flow/conditions.js';
import { t, type Lang } from '../../text.js';
import { defineNodeType, type ConditionRef, type PortDef } from '../define.js';
import { evaluateLowering } from './lower.js';

export const KPI_METRICS = ['contact_rate', 'response_rate', 'conversion_rate', 'cost', 'roi'] as const;
export const KPI_LABELS = {
  contact_rate: t('接触率', 'Contact rate'),
  response_rate: t('响应率', 'Response rate'),
  conversion_rate: t('转化率', 'Conversion rate'),
  cost: t('成本', 'Cost'),
  roi: t('投入产出比', 'ROI'),
} as const;

const RATE_METRICS = new Set<string>(['contact_rate', 'response_rate', 'conversion_rate']);

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
  icon: 'ChartColumn',
  category: 'evaluation',
  hasInput: true,
  data: evaluateDataSchema,
  // Branch labels show on the node's ports and in issues, so a new node names them in the UI language.
  defaults: evaluateDefaults,
  outputs: (d): PortDef[] =>
    d.mode === 'customer'
      ? [...d.branches.map((b) => ({ id: b.id, label: t(b.label || b.id, b.label || b.id), required: true })), { id: 'else', label: t('其他', 'Otherwise'), required: true }]
      : d.onFail === 'stop'
        ? [{ id: 'pass', label: t('达标', 'Pass'), required: true }]
        : [{ id: 'pass', label: t('达标', 'Pass'), required: true }, { id: 'fail', label: t('未达标', 'Fail'), required: true }],
  stages: () => [],
  lower: evaluateLowering,
  generate: (pick): EvaluateData => [
    evaluateDefaults(),
    { mode: 'kpi', metric: 'response_rate', op: 'gte', threshold: 0.1, onFail: 'reroute' },
    { mode: 'kpi', metric: 'cost', op: 'lte', threshold: 5000, onFail: 'stop' },
    { mode: 'customer', branches: [{ id: 'rich', label: '高 ARPU', test: { kind: 'attribute', condition: { field: 'arpu', op: 'gte', value: 100 } } }] },
  ][pick(4)] as EvaluateData,
  conditions: (d): ConditionRef[] =>
    d.mode === 'customer' ? d.branches.flatMap((b, i) => (b.test.kind === 'attribute' ? [{ condition: b.test.condition, path: ['branches', i, 'test', 'condition'] }] : [])) : [],
  outcomeTests: (d) =>
    d.mode === 'customer' ? d.branches.flatMap((b, i) => (b.test.kind === 'attribute' ? [] : [{ label: b.label, path: ['branches', i, 'test'] }])) : [],
  branches: (d) =>
    d.mode === 'customer' ? { ids: d.branches.map((b, i) => ({ id: b.id, label: b.label, path: ['branches', i] })), reserved: ['else'] } : { ids: [], reserved: [] },
  rules: (d, { report }) => {
    if (d.mode === 'kpi' && RATE_METRICS.has(d.metric) && (d.threshold < 0 || d.threshold > 1)) {
      const label = KPI_LABELS[d.metric];
      report('KPI_THRESHOLD_OUT_OF_RANGE', ['threshold'],
        `${label.zh}是 0 到 1 之间的比例（5% 写作 0.05），当前阈值 ${d.threshold}`,
        `${label.en} is a fraction between 0 and 1 (5% is 0.05); the threshold is ${d.threshold}`);
    }
  },
  channels: () => [],
  summary: (d, lang) =>
    d.mode === 'customer'
      ? (lang === 'zh' ? `${d.branches.length} 个分支 + 其他` : `${d.branches.length} branches + otherwise`)
      : `${KPI_LABELS[d.metric][lang]} ${d.op === 'gte' ? '≥' : '≤'} ${d.threshold}`,
});

/** Branch labels show on the node's ports and in issues, so a new node names them in the UI language. */
function evaluateDefaults(lang: Lang = 'zh'): EvaluateData {
  return {
    mode: 'customer',
    branches: [
      { id: 'b_converted', label: lang === 'zh' ? '已成功办理' : 'Converted', test: { kind: 'converted' } },
      { id: 'b_responded', label: lang === 'zh' ? '已响应' : 'Responded', test: { kind: 'responded' } },
    ],
  };
}
