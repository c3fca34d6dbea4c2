import { z } from 'zod';
import { t } from '../../text.js';
import { defineNodeType } from '../define.js';
import { endLowering } from './lower.js';

export const END_OUTCOMES = ['converted', 'completed', 'declined', 'unreachable', 'stopped'] as const;
export const END_OUTCOME_LABELS = {
  converted: t('成功办理', 'Converted'),
  completed: t('流程完成', 'Completed'),
  declined: t('客户拒绝', 'Declined'),
  unreachable: t('无法触达', 'Unreachable'),
  stopped: t('终止', 'Stopped'),
} as const;

export const endDataSchema = z.object({ outcome: z.enum(END_OUTCOMES) });
export type EndData = z.infer<typeof endDataSchema>;

export const endNode = defineNodeType({
  type: 'end',
  label: t('结束', 'End'),
  description: t('客户以某个结果退出流程', 'The customer exits with an outcome'),
  icon: 'Flag',
  category: 'control',
  hasInput: true,
  data: endDataSchema,
  defaults: (): EndData => ({ outcome: 'completed' }),
  outputs: () => [],
  stages: () => [],
  lower: endLowering,
  generate: (pick): EndData => ({ outcome: pick(2) === 0 ? 'completed' : 'converted' }),
  form: { fields: { outcome: t('结束结果', 'Outcome') }, options: { outcome: END_OUTCOME_LABELS } },
  channels: () => [],
  summary: (d, lang) => END_OUTCOME_LABELS[d.outcome][lang],
});
