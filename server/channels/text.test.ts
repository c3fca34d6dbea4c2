import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { Framer } from './framer.js';
import { fromUcs2, readUdh, Reassembler, splitText } from './text.js';

describe('splitText', () => {
  it('70 Chinese characters fit one message; 71 need two parts of 67 + 4', () => {
    expect(splitText('好'.repeat(70), 1)).toHaveLength(1);
    const parts = splitText('好'.repeat(71), 1);
    expect(parts.map((p) => fromUcs2(readUdh(p.payload).body).length)).toEqual([67, 4]);
  });

  it('never cuts an emoji (surrogate pair) in two', () => {
    const text = `${'好'.repeat(66)}😀${'好'.repeat(10)}`;
    const parts = splitText(text, 1);
    expect(parts.map((p) => fromUcs2(readUdh(p.payload).body)).join('')).toBe(text);
    expect(fromUcs2(readUdh(parts[0]!.payload).body)).toHaveLength(66);
  });

  it('a 2,000-character message is 30 parts; empty and too-long messages are refused', () => {
    expect(splitText('字'.repeat(2000), 9)).toHaveLength(30);
    expect(() => splitText('', 1)).toThrow(/empty/);
    expect(() => splitText('字'.repeat(67 * 256), 1)).toThrow(/at most 255/);
  });

  it('split → reassemble (any arrival order) gives the text back', () => {
    fc.assert(
      fc.property(fc.string({ minLength: 1, maxLength: 600, unit: 'grapheme' }), fc.integer({ min: 0, max: 255 }), fc.nat(), (text, ref, seed) => {
        const parts = splitText(text, ref);
        const order = parts.map((_, i) => i).sort((x, y) => ((x * 7919 + seed) % 13) - ((y * 7919 + seed) % 13));
        const r = new Reassembler();
        let out: string | null = null;
        for (const i of order) {
          const { concat, body } = parts[i]!.udhi ? readUdh(parts[i]!.payload) : { concat: null, body: parts[i]!.payload };
          const got = concat ? r.add('13800138000', concat, fromUcs2(body)) : fromUcs2(body);
          if (got !== null) out = got;
        }
        expect(out).toBe(text);
      }),
    );
  });
});

describe('Framer', () => {
  const frame = (n: number, fill: number) => {
    const b = Buffer.alloc(n, fill);
    b.writeUInt32BE(n, 0);
    return b;
  };

  it('handles partial and coalesced reads', () => {
    const stream = Buffer.concat([frame(12, 1), frame(20, 2), frame(13, 3)]);
    fc.assert(
      fc.property(fc.array(fc.integer({ min: 1, max: stream.length }), { maxLength: 6 }), (cuts) => {
        const points = [...new Set([0, ...cuts, stream.length])].sort((x, y) => x - y);
        const f = new Framer(12, 4096);
        const got: Buffer[] = [];
        for (let i = 1; i < points.length; i++) got.push(...f.push(stream.subarray(points[i - 1]!, points[i]!)));
        expect(got.map((g) => g.length)).toEqual([12, 20, 13]);
      }),
    );
  });

  it('an impossible length is an error', () => {
    expect(() => new Framer(12, 4096).push(Buffer.from('0000000300000000', 'hex'))).toThrow(/frame length 3/);
    expect(() => new Framer(12, 4096).push(Buffer.from('ffffffff', 'hex'))).toThrow(/outside/);
  });
});
