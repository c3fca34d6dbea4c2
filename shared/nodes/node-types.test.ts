import { describe, expect, it } from 'vitest';
import { NODE_TYPE_IDS, NODE_TYPES, type NodeType } from './registry.js';

/** Set `value` at `path` inside a copy of `data` (test data is plain JSON). */
function setAt(data: unknown, path: (string | number)[], value: unknown): unknown {
  const copy = structuredClone(data) as Record<string | number, unknown>;
  let cursor = copy;
  path.slice(0, -1).forEach((k) => (cursor = cursor[k] as Record<string | number, unknown>));
  cursor[path[path.length - 1]!] = value;
  return copy;
}

/** One bad value per node type, placed at the path where the schema must report it. */
const BAD: Record<NodeType, { path: (string | number)[]; value: unknown; at?: (string | number)[] }> = {
  segment: { path: ['controlGroupPct'], value: 80 },
  linkage: { path: ['touches', 1, 'channel'], value: 'fax' },
  script: { path: ['script', 'template'], value: '' },
  wait: { path: ['hours'], value: '48h' },
  split: { path: ['branches', 1, 'percent'], value: 101 },
  evaluate: { path: ['branches', 0, 'test'], value: { kind: 'attribute' }, at: ['branches', 0, 'test', 'condition'] },
  end: { path: ['outcome'], value: 'won' },
  benefit: { path: ['kind'], value: 'cash' },
};

describe.each(NODE_TYPE_IDS)('node type %s', (type) => {
  const def = NODE_TYPES[type];

  it('parses its defaults and derives ports, stages, channels and a summary from them', () => {
    const parsed = def.data.safeParse(def.defaults());
    expect(parsed.success).toBe(true);
    const data = parsed.data as never;
    const ports = def.outputs(data);
    expect(new Set(ports.map((p) => p.id)).size).toBe(ports.length);
    expect(def.summary(data, 'zh').length).toBeGreaterThan(0);
    expect(def.summary(data, 'en').length).toBeGreaterThan(0);
    expect(Array.isArray(def.stages(data)) && Array.isArray(def.channels(data))).toBe(true);
  });

  it('rejects a bad datum at the right path', () => {
    const bad = BAD[type];
    const result = def.data.safeParse(setAt(def.defaults(), bad.path, bad.value));
    expect(result.success).toBe(false);
    expect(result.error!.issues.map((i) => i.path)).toContainEqual(bad.at ?? bad.path);
  });
});

describe('entries', () => {
  it('only the segment has no input', () => {
    expect(NODE_TYPE_IDS.filter((t) => !NODE_TYPES[t].hasInput)).toEqual(['segment']);
  });
});

describe('hybrid lanes', () => {
  it('accept an optional hand-off into the first follow-up', () => {
    const lane = { id: 'a', channel: 'sms_hall', stage: 'publicity', timeoutHours: 1, script: { kind: 'message', template: 'x', replyKeywords: [], secondConfirmation: false }, followUps: [] };
    const base = { mode: 'hybrid', routing: 'fit', lanes: [lane] };
    expect(NODE_TYPES.linkage.data.safeParse(base).success).toBe(true);
    expect(NODE_TYPES.linkage.data.safeParse({ ...base, lanes: [{ ...lane, handoff: 'on_no_response' }] }).success).toBe(true);
    expect(NODE_TYPES.linkage.data.safeParse({ ...base, lanes: [{ ...lane, handoff: 'later' }] }).success).toBe(false);
  });
});
