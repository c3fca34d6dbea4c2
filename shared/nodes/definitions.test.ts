import { describe, expect, it } from 'vitest';
import { baseDoc, withData } from '../flow/testing/build.js';
import { validateFlow } from '../flow/validate.js';
import type { NodeTypeDef } from './define.js';
import { NODE_ICON_NAMES } from './icons.js';
import { NODE_TYPE_IDS, NODE_TYPES } from './registry.js';

/** The value at `path` inside `data`, or undefined when the path leads nowhere. */
function at(data: unknown, path: (string | number)[]): unknown {
  return path.reduce<unknown>((cur, k) => (cur !== null && typeof cur === 'object' ? (cur as Record<string | number, unknown>)[k] : undefined), data);
}

/** Every valid datum the generator can produce: one per choice of the first pick, for pick ranges up to 8. */
function generated(type: (typeof NODE_TYPE_IDS)[number]): unknown[] {
  return Array.from({ length: 8 }, (_, n) => NODE_TYPES[type].generate((m) => n % m));
}

describe.each(NODE_TYPE_IDS)('definition %s', (type) => {
  const def = NODE_TYPES[type] as unknown as NodeTypeDef<string, unknown>;

  it('generates data its own schema accepts, and the zh / en defaults parse', () => {
    for (const data of generated(type)) expect(def.data.safeParse(data).error).toBeUndefined();
    expect(def.data.safeParse(def.defaults('zh')).success).toBe(true);
    expect(def.data.safeParse(def.defaults('en')).success).toBe(true);
  });

  it('names an icon the client can draw, and a lowering', () => {
    expect(NODE_ICON_NAMES).toContain(def.icon);
    expect(typeof def.lower.entry).toBe('function');
    expect(typeof def.lower.lower).toBe('function');
  });

  it('points its touches, conditions, outcome tests and branches at data that exists', () => {
    for (const data of generated(type)) {
      for (const chain of def.touches?.(data) ?? []) for (const { touch, path } of chain) expect(path.length === 0 ? data : at(data, path)).toBe(touch);
      for (const ref of def.conditions?.(data) ?? []) expect(at(data, ref.path)).toBe('group' in ref ? ref.group : ref.condition);
      for (const { path } of def.outcomeTests?.(data) ?? []) expect(at(data, path)).toBeDefined();
      for (const b of def.branches?.(data).ids ?? []) expect((at(data, b.path) as { id: string }).id).toBe(b.id);
    }
  });
});

describe('field labels from the definition', () => {
  it('name the field in validator messages in both languages', () => {
    const issues = validateFlow(withData(baseDoc(), 'done', { outcome: 'won' })).filter((i) => i.code === 'INVALID_NODE_DATA');
    expect(issues).toHaveLength(1);
    expect(issues[0]!.message.zh).toMatch(/^结束 \d · 结束结果：/);
    expect(issues[0]!.message.en).toMatch(/^End \d · Outcome: /);
  });
});
