import { readdirSync, readFileSync } from 'node:fs';
import { expect, test } from 'vitest';
import { categoryLabel, copyName, TEMPLATE_CATEGORIES } from './template-categories.js';

test('every built-in template (flows/) files under a category of the list', () => {
  const ids = new Set(TEMPLATE_CATEGORIES.map((c) => c.id));
  const used = readdirSync('flows').filter((f) => f.endsWith('.json'))
    .map((f) => (JSON.parse(readFileSync(`flows/${f}`, 'utf8')) as { template?: { category: string } }).template?.category)
    .filter((c): c is string => !!c);
  expect(used.length).toBeGreaterThan(0);
  expect(used.filter((c) => !ids.has(c))).toEqual([]);
});

test('labels by language; an unknown stored category shows as written', () => {
  expect(categoryLabel('流量经营', 'en')).toBe('Data usage');
  expect(categoryLabel('流量经营', 'zh')).toBe('流量经营');
  expect(categoryLabel('scripts', 'en')).toBe('scripts');
});

test('a flow from a template is named as a copy, numbered past the names taken', () => {
  expect(copyName('流量加油包', [], 'zh')).toBe('流量加油包（副本）');
  expect(copyName('流量加油包', ['流量加油包（副本）', '流量加油包（副本 2）'], 'zh')).toBe('流量加油包（副本 3）');
  expect(copyName('Data top-up', ['Data top-up (copy)'], 'en')).toBe('Data top-up (copy 2)');
});
