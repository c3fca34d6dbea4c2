import { describe, expect, it } from 'vitest';
import { canonicalJson, canonicalize, contentHash, cyrb64 } from './hash.js';

describe('content hash', () => {
  it('ignores key order and undefined members, not array order', () => {
    expect(canonicalJson({ b: 1, a: { d: [2, 1], c: undefined } })).toBe('{"a":{"d":[2,1]},"b":1}');
    expect(contentHash({ x: 1, y: 2 })).toBe(contentHash({ y: 2, x: 1 }));
    expect(contentHash([1, 2])).not.toBe(contentHash([2, 1]));
    expect(Object.keys(canonicalize({ b: 1, a: 2 }))).toEqual(['a', 'b']);
  });

  it('is a fixed function: known values never change (stored machines are compared by it)', () => {
    expect(cyrb64('')).toMatch(/^[0-9a-f]{16}$/);
    expect(cyrb64('linkage')).toBe(cyrb64('linkage'));
    expect(cyrb64('linkage')).not.toBe(cyrb64('linkagf'));
    expect(cyrb64('宣传')).not.toBe(cyrb64('销售'));
    expect(cyrb64('linkage')).toMatchInlineSnapshot(`"1b839a54b3e6a04d"`);
  });
});
