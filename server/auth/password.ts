import { randomBytes, scrypt, scryptSync, timingSafeEqual } from 'node:crypto';
import { availableParallelism } from 'node:os';

/**
 * Password hashing with scrypt. Stored format: `scrypt$N$r$p$saltB64$hashB64`, so older parameters stay
 * verifiable and are upgraded on the next successful login.
 */
export interface ScryptParams { n: number; r: number; p: number }

/** OWASP's current minimum for scrypt (Password Storage Cheat Sheet): N=2^17 (128 MiB), r=8, p=1. */
export const CURRENT_PARAMS: ScryptParams = { n: 2 ** 17, r: 8, p: 1 };
/**
 * What the deterministic demo seed uses: seeding every test store at 128 MiB per account would cost
 * seconds each time. The demo password is public anyway; the first login upgrades the hash.
 */
export const DEMO_SEED_PARAMS: ScryptParams = { n: 2 ** 14, r: 8, p: 1 };

const KEY_LEN = 32;
const SALT_LEN = 16;

/** Parameters accepted when verifying, so a corrupted or hostile row cannot make us burn memory. */
const MAX_N = 1 << 20;
const MAX_R = 32;
const MAX_P = 16;

// scrypt needs about 128 * N * r bytes; give it headroom over Node's 32 MiB default.
const options = ({ n, r, p }: ScryptParams) => ({ N: n, r, p, maxmem: 256 * n * r + 1024 * 1024 });

/**
 * At most this many hashes at once, on libuv's pool: each takes a core for a few hundred milliseconds,
 * and the event loop (health checks, every other request) must keep one.
 */
const MAX_PARALLEL = Math.max(1, availableParallelism() - 1);
let running = 0;
const waiting: (() => void)[] = [];

async function deriveAsync(plain: string, salt: Buffer, params: ScryptParams, keyLen: number): Promise<Buffer> {
  if (running >= MAX_PARALLEL) await new Promise<void>((ok) => waiting.push(ok));
  running++;
  try {
    return await new Promise<Buffer>((ok, fail) => scrypt(plain.normalize('NFKC'), salt, keyLen, options(params), (err, key) => (err ? fail(err) : ok(key))));
  } finally {
    running--;
    waiting.shift()?.();
  }
}

const format = (params: ScryptParams, salt: Buffer, hash: Buffer) => `scrypt$${params.n}$${params.r}$${params.p}$${salt.toString('base64')}$${hash.toString('base64')}`;

/**
 * Hash a password on this thread. For seeding and admin actions; logins use `hashPasswordAsync`.
 * `salt` is passed only by deterministic demo seeding (the demo password is public anyway).
 */
export function hashPassword(plain: string, salt: Buffer = randomBytes(SALT_LEN), params: ScryptParams = CURRENT_PARAMS): string {
  return format(params, salt, scryptSync(plain.normalize('NFKC'), salt, KEY_LEN, options(params)));
}

/** Hash a password off the event loop, with the current parameters and a fresh salt. */
export async function hashPasswordAsync(plain: string): Promise<string> {
  const salt = randomBytes(SALT_LEN);
  return format(CURRENT_PARAMS, salt, await deriveAsync(plain, salt, CURRENT_PARAMS, KEY_LEN));
}

interface Parsed { params: ScryptParams; salt: Buffer; expected: Buffer }

function parse(stored: string): Parsed | null {
  const parts = stored.split('$');
  if (parts.length !== 6 || parts[0] !== 'scrypt') return null;
  const n = Number(parts[1]);
  const r = Number(parts[2]);
  const p = Number(parts[3]);
  if (!Number.isInteger(n) || n < 2 || n > MAX_N || (n & (n - 1)) !== 0) return null;
  if (!Number.isInteger(r) || r < 1 || r > MAX_R || !Number.isInteger(p) || p < 1 || p > MAX_P) return null;
  const salt = Buffer.from(parts[4]!, 'base64');
  const expected = Buffer.from(parts[5]!, 'base64');
  if (salt.length < 8 || expected.length < 16 || expected.length > 128) return null;
  return { params: { n, r, p }, salt, expected };
}

/** Whether a stored hash was made with weaker parameters than today's (then it is rehashed on login). */
export function isOutdated(stored: string): boolean {
  const p = parse(stored);
  return !p || p.params.n < CURRENT_PARAMS.n || p.params.r < CURRENT_PARAMS.r || p.params.p < CURRENT_PARAMS.p;
}

/** Check a password against a stored hash in constant time, on this thread; a malformed hash never verifies. */
export function verifyPassword(plain: string, stored: string): boolean {
  const p = parse(stored);
  if (!p) return false;
  try {
    return timingSafeEqual(scryptSync(plain.normalize('NFKC'), p.salt, p.expected.length, options(p.params)), p.expected);
  } catch {
    return false;
  }
}

/** Check a password off the event loop; a malformed hash never verifies. */
export async function verifyPasswordAsync(plain: string, stored: string): Promise<boolean> {
  const p = parse(stored);
  if (!p) return false;
  try {
    return timingSafeEqual(await deriveAsync(plain, p.salt, p.params, p.expected.length), p.expected);
  } catch {
    return false;
  }
}
