import { z } from 'zod';
import { CHANNEL_BY_ID } from '../../catalogue/channels.js';
import { conditionGroupSchema } from '../../flow/conditions.js';
import { defaultAgentScript, defaultMessageScript } from '../../flow/script.js';
import { t } from '../../text.js';
import { defineNodeType } from '../define.js';
import { TOUCH_OUTPUTS } from '../ports.js';
import { failureFields, HANDOFF_RULES, sampleTouches, serialTouchSchema, touchSchema, type Touch } from '../touch.js';
import type { ConditionRef, TouchRef } from '../define.js';
import { linkageLowering } from './lower.js';

/** A parallel lane: a first touch, optionally gated by an explicit segment rule. */
export const laneSchema = touchSchema.extend({ rule: conditionGroupSchema.optional() });
/**
 * A hybrid lane: a parallel first touch, then serial follow-ups. `handoff` is how the first touch
 * hands the customer to the first follow-up (absent = 'on_response'); each follow-up's own
 * `handoff` governs the step after it, as in a serial chain. `onFailure` / `retryChannel`: what the
 * first touch does when the customer cannot be reached (see `FAILURE_RULES`).
 */
export const hybridLaneSchema = laneSchema.extend({ handoff: z.enum(HANDOFF_RULES).optional(), ...failureFields, followUps: z.array(serialTouchSchema) });

export const LINKAGE_MODES = ['serial', 'parallel', 'hybrid'] as const;
export const LINKAGE_MODE_LABELS = {
  serial: t('串联', 'Serial'),
  parallel: t('并联', 'Parallel'),
  hybrid: t('混联', 'Hybrid'),
} as const;

/** fit: each customer takes the lane with the best CPC fit; rules: the first lane whose rule matches. */
export const routingSchema = z.enum(['fit', 'rules']);

export const linkageDataSchema = z.discriminatedUnion('mode', [
  z.object({ mode: z.literal('serial'), touches: z.array(serialTouchSchema).min(1) }),
  z.object({ mode: z.literal('parallel'), routing: routingSchema, lanes: z.array(laneSchema).min(1) }),
  z.object({ mode: z.literal('hybrid'), routing: routingSchema, lanes: z.array(hybridLaneSchema).min(1) }),
]);
export type LinkageData = z.infer<typeof linkageDataSchema>;

/** Every touch of a linkage, lanes first then follow-ups, for stage and channel summaries. */
export function linkageTouches(d: LinkageData) {
  if (d.mode === 'serial') return d.touches;
  if (d.mode === 'parallel') return d.lanes;
  return d.lanes.flatMap((l) => [l, ...l.followUps]);
}

export const linkageNode = defineNodeType({
  type: 'linkage',
  label: t('渠道联动', 'Channel linkage'),
  description: t('串联、并联或混联多个渠道触达', 'Reach customers across channels: serial, parallel or hybrid'),
  icon: 'Link2',
  category: 'channels',
  hasInput: true,
  data: linkageDataSchema,
  defaults: linkageDefaults,
  outputs: () => TOUCH_OUTPUTS,
  lower: linkageLowering,
  generate: (pick): LinkageData => {
    const { publicitySms: sms, salesCall: call } = sampleTouches;
    switch (pick(3)) {
      case 0: return linkageDefaults();
      case 1: return { mode: 'parallel', routing: 'fit', lanes: [sms('l1'), { ...sms('l2'), channel: 'app', script: { ...sms('l2').script, replyKeywords: [] } as Touch['script'] }] };
      default: return {
        mode: 'hybrid', routing: 'rules',
        lanes: [
          { ...sms('h1'), rule: { combinator: 'and', rules: [{ field: 'group', op: 'in', value: ['student'] }], groups: [] }, followUps: [{ ...call('h1c'), handoff: 'on_response' }] },
          { ...sms('h2'), handoff: 'after_timeout', followUps: [] },
        ],
      };
    }
  },
  touches: (d): TouchRef[][] => {
    switch (d.mode) {
      case 'serial':
        return [d.touches.map((touch, i) => ({ touch, path: ['touches', i] }))];
      case 'parallel':
        return d.lanes.map((touch, i) => [{ touch, path: ['lanes', i] }]);
      case 'hybrid':
        return d.lanes.map((lane, i) => [
          { touch: lane, path: ['lanes', i] },
          ...lane.followUps.map((touch, j) => ({ touch, path: ['lanes', i, 'followUps', j] })),
        ]);
    }
  },
  conditions: (d): ConditionRef[] =>
    d.mode === 'serial' ? [] : d.lanes.flatMap((lane, i) => (lane.rule ? [{ group: lane.rule, path: ['lanes', i, 'rule'] }] : [])),
  rules: (d, { report }) => {
    if (d.mode !== 'serial' && d.routing === 'rules' && d.lanes.every((l) => l.rule)) {
      report('RULES_WITHOUT_FALLBACK_LANE', ['lanes'],
        '每条通道都有规则：不满足任何规则的客户会从「无法触达」出口离开；可添加一条无规则的兜底通道',
        'every lane has a rule: customers matching none leave through "unreachable"; add a lane without a rule as the fallback');
    }
  },
  stages: (d) => [...new Set(linkageTouches(d).map((x) => x.stage))],
  channels: (d) => [...new Set(linkageTouches(d).map((x) => x.channel))],
  summary: (d, lang) => `${LINKAGE_MODE_LABELS[d.mode][lang]} · ${linkageTouches(d).map((x) => CHANNEL_BY_ID[x.channel]?.label[lang] ?? x.channel).join(d.mode === 'serial' ? ' → ' : ' | ')}`,
});

function linkageDefaults(): LinkageData {
  return {
    mode: 'serial',
    touches: [
      { id: 't1', channel: 'bulk_sms', stage: 'publicity', script: { ...defaultMessageScript(), replyKeywords: [{ keyword: '1', action: 'info' }], secondConfirmation: false, template: '尊敬的{name}，{product}上线，仅{price}元/月，回复1了解详情。' }, timeoutHours: 48, handoff: 'on_response' },
      { id: 't2', channel: 'outbound_call', stage: 'sales', script: defaultAgentScript(), timeoutHours: 72, handoff: 'on_response' },
    ],
  };
}
