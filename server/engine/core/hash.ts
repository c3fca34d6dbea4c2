import { fnv1a } from '../../db/seed/rng.js';

/**
 * Stable hashing for buckets (split, control group) and the simulated world's dice. Buckets have an
 * identical SQL form (`bucketSql`) so set-based enrolment and the JS step agree on every customer.
 */
export const salt = (label: string): number => fnv1a(label) & 0x7fffffff;

/** hash(customer, label) mod 100, the same number `bucketSql` computes in SQLite. */
export function bucket(customerId: number, label: string): number {
  const x = (customerId ^ salt(label)) >>> 0;
  return ((Math.imul(x, 2654435761 | 0) >>> 0) >>> 16) % 100;
}

/** SQL for `bucket(<col>, label)`: SQLite has no XOR, so a^b = (a|b) & ~(a&b). */
export function bucketSql(col: string, label: string): string {
  const s = salt(label);
  return `((((((${col} | ${s}) & ~(${col} & ${s})) * 2654435761) & 4294967295) >> 16) % 100)`;
}

/** murmur3 finaliser. */
function fmix(h: number): number {
  h ^= h >>> 16;
  h = Math.imul(h, 0x85ebca6b);
  h ^= h >>> 13;
  h = Math.imul(h, 0xc2b2ae35);
  h ^= h >>> 16;
  return h >>> 0;
}

/**
 * A uniform number in [0, 1) from a tuple of integers and strings: each decision of the simulated world
 * has its own die, so outcomes do not depend on the order customers are processed in.
 */
export function dice(...parts: (number | string)[]): number {
  let h = 0x9e3779b9;
  for (const p of parts) {
    const v = typeof p === 'number' ? p | 0 : fnv1a(p);
    h = fmix((h ^ v) + 0x7f4a7c15);
    if (typeof p === 'number' && Math.abs(p) > 0x7fffffff) h = fmix(h ^ Math.floor(p / 4294967296));
  }
  return h / 4294967296;
}
