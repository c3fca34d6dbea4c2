import { describe, expect, test } from 'vitest';
import { parseCell } from './validate.js';

const age = { key: 'age', column: 'age', type: 'integer' } as const;
const arpu = { key: 'arpu', column: 'arpu', type: 'number' } as const;

describe('parseCell', () => {
  test('integers: digits within the 32-bit range; a larger one is a bad row naming the range, not a store error', () => {
    expect(parseCell(age, ' 42 ')).toEqual({ ok: true, value: 42 });
    expect(parseCell(age, '-2147483647')).toEqual({ ok: true, value: -2147483647 });
    expect(parseCell(age, '2147483647')).toEqual({ ok: true, value: 2147483647 });
    const big = parseCell(age, '5000000000');
    expect(big.ok).toBe(false);
    expect(!big.ok && big.reason.zh).toContain('超出整数范围');
    expect(!big.ok && big.reason.en).toContain('out of the integer range');
    expect(parseCell(age, '4.5')).toMatchObject({ ok: false, reason: { en: '"4.5" is not an integer' } });
  });

  test('numbers keep large values and decimals; an empty required cell says so', () => {
    expect(parseCell(arpu, '5000000000.25')).toEqual({ ok: true, value: 5000000000.25 });
    expect(parseCell(arpu, '')).toMatchObject({ ok: false, reason: { zh: '必填，不能为空' } });
  });

  test('an enum refusal lists the allowed values, with … only when some are left out', () => {
    const tier = { key: 'tier', column: 'attr_tier', type: 'enum', options: ['gold', 'silver', 'diamond'] } as const;
    expect(parseCell(tier, 'platinum')).toEqual({ ok: false, reason: { zh: '"platinum" 不是可选值之一（gold、silver、diamond）', en: '"platinum" is not one of the allowed values (gold, silver, diamond)' } });
    const nine = { key: 'n', column: 'attr_n', type: 'enum', options: ['a', 'b', 'c', 'd', 'e', 'f', 'g', 'h', 'i'] } as const;
    expect(parseCell(nine, 'z')).toEqual({ ok: false, reason: { zh: '"z" 不是可选值之一（a、b、c、d、e、f、g、h…）', en: '"z" is not one of the allowed values (a, b, c, d, e, f, g, h…)' } });
  });
});
