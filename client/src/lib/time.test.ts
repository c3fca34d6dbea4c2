import { describe, expect, test } from 'vitest';
import { formatBucket, formatDate, formatDateTime, fromZonedInput, toZonedInput } from './time.js';

// 2026-12-05T23:30:15Z is already Sunday morning in Beijing: a UTC reading would show the wrong day and hour.
const LATE_UTC = Date.UTC(2026, 11, 5, 23, 30, 15);

describe('times in the operator zone (Asia/Shanghai), one format', () => {
  test('epoch ms, ISO strings and Dates read the same, eight hours ahead of UTC', () => {
    expect(formatDateTime(LATE_UTC)).toBe('2026-12-06 07:30');
    expect(formatDateTime(new Date(LATE_UTC).toISOString())).toBe('2026-12-06 07:30');
    expect(formatDateTime(new Date(LATE_UTC), 'seconds')).toBe('2026-12-06 07:30:15');
    expect(formatDate(LATE_UTC)).toBe('2026-12-06');
  });

  test('midnight is 00, not 24; unknown moments read as a dash', () => {
    expect(formatDateTime(Date.UTC(2026, 11, 5, 16, 0))).toBe('2026-12-06 00:00');
    expect(formatDateTime(null)).toBe('—');
    expect(formatDateTime('not a date')).toBe('—');
  });

  test('chart buckets', () => {
    expect(formatBucket(LATE_UTC, 'hour')).toBe('12-06 07:30');
    expect(formatBucket(LATE_UTC, 'day')).toBe('12-06');
  });

  test('datetime-local values round-trip in the operator zone, whatever the machine zone', () => {
    expect(toZonedInput(LATE_UTC)).toBe('2026-12-06T07:30');
    expect(fromZonedInput('2026-12-06T07:30')).toBe(Date.UTC(2026, 11, 5, 23, 30));
    expect(fromZonedInput('2026-12-06T07:30:15')).toBe(LATE_UTC);
    expect(fromZonedInput('2026-02-30T10:00')).toBeNull();
    expect(fromZonedInput('tomorrow')).toBeNull();
  });
});
