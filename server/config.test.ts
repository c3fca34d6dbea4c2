import { expect, test } from 'vitest';
import { loadConfig } from './config.js';

test('defaults apply when the environment is empty', () => {
  const c = loadConfig({});
  expect(c.PORT).toBe(3000);
  expect(c.DATABASE_PATH).toBe('data/linkage.db');
  expect(c.SEED_SUBSCRIBERS).toBe(200_000);
});

test('a bad variable fails with its name, its value and the reason', () => {
  expect(() => loadConfig({ PORT: 'eighty' })).toThrow(/PORT="eighty"/);
  expect(() => loadConfig({ LOG_LEVEL: 'loud' })).toThrow(/LOG_LEVEL/);
});
