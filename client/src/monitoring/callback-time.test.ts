import { describe, expect, test } from 'vitest';
import { normalizeTime } from './callback-time.js';

describe('normalizeTime', () => {
  test('reads a time of day written loosely as 24-hour hh:mm', () => {
    expect(['9:30', '09:30', '0930', '930', '9：30', '9.30', ' 9 : 30 '].map(normalizeTime)).toEqual(Array(7).fill('09:30'));
    expect(normalizeTime('0:00')).toBe('00:00');
    expect(normalizeTime('23:59')).toBe('23:59');
  });
  test('is null for what is not one', () => {
    for (const s of ['24:00', '12:60', '9:3', '', 'noon', '10:00 AM', '1:2:3']) expect({ s, v: normalizeTime(s) }).toEqual({ s, v: null });
  });
});
