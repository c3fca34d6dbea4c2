import { z } from 'zod';
import { t } from '../text.js';
import { defineNodeType } from './define.js';

/** Random A/B split; a customer's bucket is a hash of (customer, node) so reruns are stable. */
export const splitDataSchema = z.object({
  branches: z.array(z.object({ id: z.string().min(1), label: z.string(), percent: z.number().min(0).max(100) })).min(2),
});
export type SplitData = z.infer<typeof splitDataSchema>;

export const splitNode = defineNodeType({
  type: 'split',
  label: t('A/B 分流', 'A/B split'),
  description: t('按比例随机分流', 'Random split by percentage'),
  icon: '🔀',
  category: 'control',
  hasInput: true,
  data: splitDataSchema,
  defaults: (): SplitData => ({ branches: [{ id: 'a', label: 'A', percent: 50 }, { id: 'b', label: 'B', percent: 50 }] }),
  outputs: (d) => d.branches.map((b) => ({ id: b.id, label: t(`${b.label} ${b.percent}%`, `${b.label} ${b.percent}%`), required: true })),
  stages: () => [],
  channels: () => [],
  summary: (d) => d.branches.map((b) => `${b.label} ${b.percent}%`).join(' / '),
});
