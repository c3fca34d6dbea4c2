/**
 * A deep copy with object keys in sorted order and `undefined` members dropped (as JSON would), so
 * `JSON.stringify` of the result depends only on content, not on the order things were built or
 * written in. Arrays keep their order: in a machine, branch order is meaning.
 */
export function canonicalize<T>(value: T): T {
  return sortDeep(value) as T;
}

function sortDeep(value: unknown): unknown {
  if (Array.isArray(value)) return value.map((v) => (v === undefined ? null : sortDeep(v)));
  if (value === null || typeof value !== 'object') return value;
  const out: Record<string, unknown> = {};
  for (const key of Object.keys(value).sort()) {
    const v = (value as Record<string, unknown>)[key];
    if (v !== undefined) out[key] = sortDeep(v);
  }
  return out;
}

/** JSON text with sorted keys: the input of {@link contentHash}. */
export const canonicalJson = (value: unknown): string => JSON.stringify(sortDeep(value));

/**
 * 64-bit non-cryptographic hash of a string as 16 hex digits: two 32-bit lanes in the style of
 * cyrb53 (Math.imul mixing), so it is fast and identical in Node and the browser without
 * node:crypto or BigInt. Good for change detection and cache keys, not for security.
 */
export function cyrb64(text: string, seed = 0): string {
  let h1 = 0xdeadbeef ^ seed;
  let h2 = 0x41c6ce57 ^ seed;
  for (let i = 0; i < text.length; i++) {
    const ch = text.charCodeAt(i);
    h1 = Math.imul(h1 ^ ch, 2654435761);
    h2 = Math.imul(h2 ^ ch, 1597334677);
  }
  h1 = Math.imul(h1 ^ (h1 >>> 16), 2246822507);
  h1 ^= Math.imul(h2 ^ (h2 >>> 13), 3266489909);
  h2 = Math.imul(h2 ^ (h2 >>> 16), 2246822507);
  h2 ^= Math.imul(h1 ^ (h1 >>> 13), 3266489909);
  return (h2 >>> 0).toString(16).padStart(8, '0') + (h1 >>> 0).toString(16).padStart(8, '0');
}

/** Stable content hash of any JSON-like value: same content, same hash, whatever the key order. */
export const contentHash = (value: unknown): string => cyrb64(canonicalJson(value));
