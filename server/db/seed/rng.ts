/**
 * A small seeded PRNG for demo data: sfc32 (128-bit state, passes PractRand to 2^40+), seeded through
 * splitmix32. Only integer ops, + and * are used, so the stream is identical on every platform and
 * Node version — there is deliberately no Math.log / Math.cos (Box–Muller) in here.
 */

/** 32-bit FNV-1a of a string, used to derive independent sub-seeds from one seed and a label. */
export function fnv1a(text: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) {
    h ^= text.charCodeAt(i);
    h = Math.imul(h, 0x01000193);
  }
  return h >>> 0;
}

/** Derive a seed for one part of the data set, so e.g. the catalogue does not depend on the subscriber count. */
export const deriveSeed = (seed: number, label: string): number => (fnv1a(label) ^ Math.imul(seed | 0, 0x9e3779b1)) >>> 0;

const TWO_POW_32 = 4294967296;

export class Rng {
  private a: number;
  private b: number;
  private c: number;
  private d: number;

  constructor(seed: number) {
    // splitmix32 fills the four state words; then discard a few outputs as sfc32's authors advise.
    let s = seed >>> 0;
    const next = (): number => {
      s = (s + 0x9e3779b9) | 0;
      let z = s;
      z = Math.imul(z ^ (z >>> 16), 0x85ebca6b);
      z = Math.imul(z ^ (z >>> 13), 0xc2b2ae35);
      return (z ^ (z >>> 16)) >>> 0;
    };
    this.a = next();
    this.b = next();
    this.c = next();
    this.d = next();
    for (let i = 0; i < 12; i++) this.u32();
  }

  /** Next raw 32-bit unsigned integer. */
  u32(): number {
    const t = (((this.a + this.b) | 0) + this.d) | 0;
    this.d = (this.d + 1) | 0;
    this.a = this.b ^ (this.b >>> 9);
    this.b = (this.c + (this.c << 3)) | 0;
    this.c = (this.c << 21) | (this.c >>> 11);
    this.c = (this.c + t) | 0;
    return t >>> 0;
  }

  /** Uniform in [0, 1). */
  float(): number {
    return this.u32() / TWO_POW_32;
  }

  /** Uniform in [min, max). */
  range(min: number, max: number): number {
    return min + (max - min) * this.float();
  }

  /** Uniform integer in [min, max] (inclusive). */
  int(min: number, max: number): number {
    return min + Math.floor(this.float() * (max - min + 1));
  }

  /** True with probability p. */
  chance(p: number): boolean {
    return this.float() < p;
  }

  /** One element of a non-empty array, uniformly. */
  pick<T>(items: readonly T[]): T {
    if (items.length === 0) throw new Error('pick from an empty list');
    return items[Math.floor(this.float() * items.length)]!;
  }

  /**
   * Approximately standard normal (mean 0, sd 1): Irwin–Hall sum of four uniforms, rescaled.
   * Bounded to ±3.46 sd, which suits demo attributes better than an unbounded tail.
   */
  normal(): number {
    const s = this.float() + this.float() + this.float() + this.float();
    return (s - 2) * 1.7320508075688772; // sqrt(12 / 4)
  }

  /** normal() scaled to mean and sd, clamped to [min, max]. */
  normalIn(mean: number, sd: number, min: number, max: number): number {
    const v = mean + sd * this.normal();
    return v < min ? min : v > max ? max : v;
  }
}

/**
 * Precomputed weighted choice: build once, then draw in O(log n) with no allocation.
 * Weights need not sum to 1; zero weights are never drawn.
 */
export class WeightedPicker<T> {
  private readonly items: readonly T[];
  private readonly cumulative: Float64Array;
  private readonly total: number;

  constructor(entries: readonly (readonly [T, number])[]) {
    const kept = entries.filter(([, w]) => w > 0);
    if (kept.length === 0) throw new Error('weighted pick needs at least one positive weight');
    this.items = kept.map(([item]) => item);
    this.cumulative = new Float64Array(kept.length);
    let sum = 0;
    kept.forEach(([, w], i) => {
      sum += w;
      this.cumulative[i] = sum;
    });
    this.total = sum;
  }

  pick(rng: Rng): T {
    const x = rng.float() * this.total;
    let lo = 0;
    let hi = this.cumulative.length - 1;
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      if (x < this.cumulative[mid]!) hi = mid;
      else lo = mid + 1;
    }
    return this.items[lo]!;
  }
}

/** One-off weighted pick from [item, weight] pairs (use WeightedPicker in hot loops). */
export function weightedPick<T>(rng: Rng, entries: readonly (readonly [T, number])[]): T {
  return new WeightedPicker(entries).pick(rng);
}
