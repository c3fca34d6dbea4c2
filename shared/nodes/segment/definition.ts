import { z } from 'zod';
import { t } from '../../text.js';
import { conditionGroupLabel } from '../../flow/condition-text.js';
import { conditionGroupSchema } from '../../flow/conditions.js';
import { defineNodeType } from '../define.js';
import { OUT_PORT } from '../ports.js';
import { segmentLowering } from './lower.js';

/** Events that can enrol a customer in real time (触发式营销). */
export const TRIGGER_EVENTS = ['usage_threshold', 'app_login', 'store_visit', 'recharge', 'web_page_view'] as const;
export const triggerEventSchema = z.enum(TRIGGER_EVENTS);

export const TRIGGER_EVENT_LABELS = {
  usage_threshold: t('流量使用超阈值', 'Data usage crosses threshold'),
  app_login: t('登录掌厅', 'App login'),
  store_visit: t('到访营业厅', 'Store visit'),
  recharge: t('充值缴费', 'Recharge'),
  web_page_view: t('浏览网厅页面', 'Web-hall page view'),
} as const;

export const segmentDataSchema = z.object({
  conditions: conditionGroupSchema,
  exclusions: z.object({
    optedOut: z.boolean(),
    doNotDisturb: z.boolean(),
    ownsOffer: z.boolean(),
    inOtherActiveFlow: z.boolean(),
    /** Name of a saved exclusion list (blacklist); empty for none. */
    exclusionList: z.string(),
  }),
  /** Holdout kept out of every contact, to measure lift. */
  controlGroupPct: z.number().min(0).max(50),
  /**
   * A saved segment (#18 item 4) these conditions and exclusions are a copy of: the designer refreshes the copy
   * from it and shows it read-only; the copy is what validates, counts and compiles, so a published flow keeps the
   * conditions it was approved with whatever happens to the saved segment later.
   */
  savedSegmentId: z.number().int().positive().optional(),
  entry: z.discriminatedUnion('mode', [
    z.object({ mode: z.literal('once') }),
    z.object({ mode: z.literal('daily') }),
    z.object({ mode: z.literal('event'), event: triggerEventSchema, threshold: z.number().optional() }),
  ]),
  reentry: z.discriminatedUnion('mode', [
    z.object({ mode: z.literal('never') }),
    z.object({ mode: z.literal('after_exit'), cooldownDays: z.number().int().min(0) }),
  ]),
});
export type SegmentData = z.infer<typeof segmentDataSchema>;

export const segmentNode = defineNodeType({
  type: 'segment',
  label: t('目标客群', 'Segment'),
  description: t('筛选目标客户并决定进入方式', 'Select target customers and how they enter'),
  icon: 'Users',
  category: 'entry',
  hasInput: false,
  data: segmentDataSchema,
  defaults: segmentDefaults,
  outputs: () => [OUT_PORT],
  stages: () => [],
  channels: () => [],
  lower: segmentLowering,
  generate: (pick): SegmentData => (pick(2) === 0 ? segmentDefaults() : { ...segmentDefaults(), entry: { mode: 'event', event: 'usage_threshold', threshold: 90 } }),
  conditions: (d) => [{ group: d.conditions, path: ['conditions'] }],
  audience: { of: (d) => d.conditions, with: (d, conditions) => ({ ...d, conditions }) },
  savedSegment: {
    linked: (d) => d.savedSegmentId,
    // a saved segment's exclusions are checked by this same schema when it is saved
    copy: (d, saved) => ({ ...d, conditions: saved.conditions, exclusions: saved.exclusions as SegmentData['exclusions'] }),
  },
  review: { content: (d) => [{ label: t('筛选条件', 'conditions'), value: conditionGroupLabel(d.conditions) }] },
  rules: (d, { report }) => {
    if (d.conditions.rules.length === 0 && d.conditions.groups.length === 0) {
      report('SEGMENT_TARGETS_EVERYONE', ['conditions'], '没有筛选条件，将面向全部客户', 'there are no conditions, so every subscriber is targeted');
    }
    if (d.entry.mode === 'event' && d.entry.event === 'usage_threshold' && d.entry.threshold === undefined) {
      report('TRIGGER_THRESHOLD_MISSING', ['entry', 'threshold'], '「流量使用超阈值」触发需要设置阈值（%）', 'the usage-threshold trigger needs a threshold (%)');
    }
  },
  summary: (d, lang) => {
    const n = countRules(d.conditions);
    const entry = d.entry.mode === 'event' ? TRIGGER_EVENT_LABELS[d.entry.event][lang] : d.entry.mode === 'daily' ? (lang === 'zh' ? '每日新增' : 'daily') : (lang === 'zh' ? '发布时一次' : 'at publish');
    return lang === 'zh' ? `${n} 个条件 · ${entry} · 对照组 ${d.controlGroupPct}%` : `${n} conditions · ${entry} · control ${d.controlGroupPct}%`;
  },
});

function segmentDefaults(): SegmentData {
  return {
    conditions: { combinator: 'and', rules: [{ field: 'smartphone', op: 'is', value: true }], groups: [] },
    exclusions: { optedOut: true, doNotDisturb: true, ownsOffer: true, inOtherActiveFlow: false, exclusionList: '' },
    controlGroupPct: 5,
    entry: { mode: 'once' },
    reentry: { mode: 'never' },
  };
}

function countRules(g: SegmentData['conditions']): number {
  return g.rules.length + g.groups.reduce((s, x) => s + countRules(x), 0);
}
