import { z } from 'zod';
import { t } from '../../text.js';
import { defineNodeType } from '../define.js';
import { OUT_PORT } from '../ports.js';
import { waitLowering } from './lower.js';

/** Events a wait can listen for; a timeout branch catches customers who never produce one. */
export const WAIT_EVENTS = ['response', 'order', 'trial', 'store_visit', 'app_login'] as const;
export const WAIT_EVENT_LABELS = {
  response: t('客户响应', 'Response'),
  order: t('订购', 'Order'),
  trial: t('开通体验', 'Trial activated'),
  store_visit: t('到店', 'Store visit'),
  app_login: t('登录掌厅', 'App login'),
} as const;

export const waitDataSchema = z.discriminatedUnion('mode', [
  z.object({ mode: z.literal('duration'), hours: z.number() }),
  z.object({ mode: z.literal('until_time'), time: z.string().regex(/^([01]\d|2[0-3]):[0-5]\d$/, 'HH:MM') }),
  z.object({ mode: z.literal('until_date'), date: z.iso.date() }),
  z.object({ mode: z.literal('event'), event: z.enum(WAIT_EVENTS), timeoutHours: z.number() }),
]);
export type WaitData = z.infer<typeof waitDataSchema>;

export const waitNode = defineNodeType({
  type: 'wait',
  label: t('等待', 'Wait'),
  description: t('等待一段时间、某个时刻或某个事件', 'Wait for a duration, a time, a date or an event'),
  icon: 'Hourglass',
  category: 'control',
  hasInput: true,
  data: waitDataSchema,
  defaults: (): WaitData => ({ mode: 'duration', hours: 48 }),
  outputs: (d) =>
    d.mode === 'event'
      ? [{ id: 'event', label: t('事件发生', 'Event'), required: true }, { id: 'timeout', label: t('超时', 'Timeout'), required: true }]
      : [OUT_PORT],
  stages: () => [],
  channels: () => [],
  lower: waitLowering,
  generate: (pick) => [
    { mode: 'duration', hours: 48 },
    { mode: 'event', event: 'order', timeoutHours: 24 },
    { mode: 'until_time', time: '09:30' },
    { mode: 'until_date', date: '2025-07-15' },
  ][pick(4)] as WaitData,
  // A wait until a fixed date does not hold once the date has passed.
  holdsCustomer: (d) => d.mode !== 'until_date',
  // Its fields (mode, hours, time, …) mean little one by one; 「等待 2 天 → 等待 6 小时」 says it all.
  review: { asSummary: t('等待设置', 'wait') },
  rules: (d, { report, period }) => {
    if (d.mode === 'duration' && !(d.hours > 0)) {
      report('WAIT_NON_POSITIVE', ['hours'], `等待时长必须大于 0 小时（当前 ${d.hours}）`, `the wait must last more than 0 hours (is ${d.hours})`);
    }
    if (d.mode === 'event' && !(d.timeoutHours > 0)) {
      report('WAIT_NON_POSITIVE', ['timeoutHours'], `事件等待超时必须大于 0 小时（当前 ${d.timeoutHours}）`, `the event timeout must be more than 0 hours (is ${d.timeoutHours})`);
    }
    if (d.mode === 'until_date' && (d.date < period.start || d.date > period.end)) {
      report('WAIT_OUTSIDE_PERIOD', ['date'], `等待到 ${d.date}，不在活动周期 ${period.start} ~ ${period.end} 内`, `waits until ${d.date}, outside the period ${period.start} – ${period.end}`);
    }
  },
  summary: (d, lang) => {
    switch (d.mode) {
      case 'duration': return lang === 'zh' ? `等待 ${fmtHours(d.hours, lang)}` : `wait ${fmtHours(d.hours, lang)}`;
      case 'until_time': return lang === 'zh' ? `等到 ${d.time}` : `until ${d.time}`;
      case 'until_date': return lang === 'zh' ? `等到 ${d.date}` : `until ${d.date}`;
      case 'event': return `${WAIT_EVENT_LABELS[d.event][lang]} · ${lang === 'zh' ? '超时' : 'timeout'} ${fmtHours(d.timeoutHours, lang)}`;
    }
  },
});

function fmtHours(h: number, lang: 'zh' | 'en'): string {
  if (h >= 24 && h % 24 === 0) return lang === 'zh' ? `${h / 24} 天` : `${h / 24} d`;
  return lang === 'zh' ? `${h} 小时` : `${h} h`;
}
