import { randomBytes, scryptSync, timingSafeEqual } from 'node:crypto';

/**
 * Password hashing with scrypt. Stored format: `scrypt$N$r$p$saltB64$hashB64`.
 * N = 16384 keeps a hash around 30–60 ms on the demo machines, so seeding and login stay quick.
 */
const N = 16384;
const R = 8;
const P = 1;
const KEY_LEN = 32;
const SALT_LEN = 16;

/** Parameters accepted when verifying, so a corrupted or hostile row cannot make us burn memory. */
const MAX_N = 1 << 20;
const MAX_R = 32;
const MAX_P = 16;

function derive(plain: string, salt: Buffer, n: number, r: number, p: number, keyLen: number): Buffer {
  // scrypt needs about 128 * N * r bytes; give it headroom over Node's 32 MiB default.
  return scryptSync(plain.normalize('NFKC'), salt, keyLen, { N: n, r, p, maxmem: 256 * n * r + 1024 * 1024 });
}

/**
 * Hash a password with a fresh random 16-byte salt.
 * `salt` may be passed only by deterministic demo seeding (the demo password is public anyway).
 */
export function hashPassword(plain: string, salt: Buffer = randomBytes(SALT_LEN)): string {
  const hash = derive(plain, salt, N, R, P, KEY_LEN);
  return `scrypt$${N}$${R}$${P}$${salt.toString('base64')}$${hash.toString('base64')}`;
}

/** Check a password against a stored hash in constant time; a malformed hash never verifies. */
export function verifyPassword(plain: string, stored: string): boolean {
  const parts = stored.split('$');
  if (parts.length !== 6 || parts[0] !== 'scrypt') return false;
  const n = Number(parts[1]);
  const r = Number(parts[2]);
  const p = Number(parts[3]);
  if (!Number.isInteger(n) || n < 2 || n > MAX_N || (n & (n - 1)) !== 0) return false;
  if (!Number.isInteger(r) || r < 1 || r > MAX_R || !Number.isInteger(p) || p < 1 || p > MAX_P) return false;
  const salt = Buffer.from(parts[4]!, 'base64');
  const expected = Buffer.from(parts[5]!, 'base64');
  if (salt.length < 8 || expected.length < 16 || expected.length > 128) return false;
  let actual: Buffer;
  try {
    actual = derive(plain, salt, n, r, p, expected.length);
  } catch {
    return false;
  }
  return timingSafeEqual(actual, expected);
}
