import { expect, test } from 'vitest';
import { reasonOf } from './customer-trace.js';

test('trace details become reasons: caps, priority, capacity, quiet hours, do-not-disturb, channel of a send', () => {
  expect(reasonOf('suppressed', 'daily_cap until 2026-01-06T01:00:00.000Z')).toBe('daily_cap');
  expect(reasonOf('suppressed', 'weekly_cap until 2026-01-06T01:00:00.000Z')).toBe('weekly_cap');
  expect(reasonOf('suppressed', 'priority:plan-5g-launch until 2026-01-06T01:00:00.000Z')).toBe('priority');
  expect(reasonOf('suppressed', 'capacity:outbound_call until 2026-01-06T01:00:00.000Z')).toBe('capacity');
  expect(reasonOf('deferred', 'quiet_hours until 2026-01-06T00:00:00.000Z')).toBe('quiet_hours');
  expect(reasonOf('unreachable', 'dnd')).toBe('dnd');
  expect(reasonOf('unreachable', 'opt_out')).toBe('opt_out');
  expect(reasonOf('sent', 'sms_hall/publicity')).toBe('sms_hall');
  expect(reasonOf('queued', 'store/experience (fallback from outbound_call)')).toBe('store');
  expect(reasonOf('order', null)).toBe('order');
  expect(reasonOf('timeout', null)).toBeNull();
});
