import { z } from 'zod';
import { t } from '../../text.js';
import { defineNodeType } from '../define.js';
import { splitLowering } from './lower.js';

/** Random A/B split; a customer's bucket is a hash of (customer, node) so reruns are stable. */
export const splitDataSchema = z.object({
  branches: z.array(z.object({ id: z.string().min(1), label: z.string(), percent: z.number().min(0).max(100) })).min(2),
});
export type SplitData = z.infer<typeof splitDataSchema>;

export const splitNode = defineNodeType({
  type: 'split',
  label: t('A/B 分流', 'A/B split'),
  description: t('按比例随机分流', 'Random split by percentage'),
  icon: 'Split',
  category: 'control',
  hasInput: true,
  data: splitDataSchema,
  defaults: splitDefaults,
  outputs: (d) => d.branches.map((b) => ({ id: b.id, label: t(`${b.label} ${b.percent}%`, `${b.label} ${b.percent}%`), required: true })),
  stages: () => [],
  lower: splitLowering,
  generate: (pick): SplitData => (pick(2) === 0 ? splitDefaults() : { branches: [{ id: 'x', label: 'X', percent: 30 }, { id: 'y', label: 'Y', percent: 30 }, { id: 'z', label: 'Z', percent: 40 }] }),
  branches: (d) => ({ ids: d.branches.map((b, i) => ({ id: b.id, label: b.label, path: ['branches', i] })), reserved: [] }),
  rules: (d, { report }) => {
    const sum = d.branches.reduce((s, b) => s + b.percent, 0);
    if (Math.abs(sum - 100) > 1e-6) {
      report('SPLIT_NOT_100', ['branches'], `各分支比例之和为 ${round(sum)}%，应为 100%`, `the branch percentages add up to ${round(sum)}%, not 100%`);
    }
  },
  channels: () => [],
  summary: (d) => d.branches.map((b) => `${b.label} ${b.percent}%`).join(' / '),
});

function splitDefaults(): SplitData {
  return { branches: [{ id: 'a', label: 'A', percent: 50 }, { id: 'b', label: 'B', percent: 50 }] };
}

const round = (n: number) => Math.round(n * 100) / 100;
