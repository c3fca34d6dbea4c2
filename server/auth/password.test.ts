import { describe, expect, it } from 'vitest';
import { CURRENT_PARAMS, DEMO_SEED_PARAMS, hashPassword, hashPasswordAsync, isOutdated, verifyPassword, verifyPasswordAsync } from './password.js';
import { passwordProblem } from './password-policy.js';

// Most cases hash with the seed's cheap parameters: today's take 128 MiB and a few hundred ms each.
const cheap = (plain: string, salt?: Buffer) => hashPassword(plain, salt, DEMO_SEED_PARAMS);

describe('password hashing', () => {
  it('hashes at OWASP\'s minimum (N=2^17, r=8, p=1) off the event loop, and verifies the right password only', async () => {
    expect(CURRENT_PARAMS).toEqual({ n: 131072, r: 8, p: 1 });
    const stored = await hashPasswordAsync('Linkage@2026');
    expect(stored).toMatch(/^scrypt\$131072\$8\$1\$[A-Za-z0-9+/]+=*\$[A-Za-z0-9+/]+=*$/);
    expect(Buffer.from(stored.split('$')[4]!, 'base64')).toHaveLength(16);
    expect(isOutdated(stored)).toBe(false);
    expect(await verifyPasswordAsync('Linkage@2026', stored)).toBe(true);
    expect(await verifyPasswordAsync('linkage@2026', stored)).toBe(false);
  });

  it('the event loop keeps turning while hashes run', async () => {
    let ticks = 0;
    const timer = setInterval(() => ticks++, 5);
    await Promise.all([hashPasswordAsync('a-long-password'), hashPasswordAsync('another-password')]);
    clearInterval(timer);
    expect(ticks).toBeGreaterThan(3);
  });

  it('older parameters still verify and are reported outdated (rehashed on login)', () => {
    const old = cheap('Linkage@2026');
    expect(old).toMatch(/^scrypt\$16384\$8\$1\$/);
    expect(isOutdated(old)).toBe(true);
    expect(verifyPassword('Linkage@2026', old)).toBe(true);
    expect(verifyPassword('', old)).toBe(false);
  });

  it('uses a fresh salt each time', () => {
    const a = cheap('same');
    const b = cheap('same');
    expect(a).not.toBe(b);
    expect(verifyPassword('same', a) && verifyPassword('same', b)).toBe(true);
  });

  it('is reproducible with an explicit salt (deterministic demo seeding)', () => {
    const salt = Buffer.alloc(16, 7);
    expect(cheap('x', salt)).toBe(cheap('x', salt));
  });

  it('handles non-ASCII passwords', () => {
    const stored = cheap('密码Ünïcode');
    expect(verifyPassword('密码Ünïcode', stored)).toBe(true);
    expect(verifyPassword('密码Unicode', stored)).toBe(false);
  });

  it('rejects malformed or hostile stored values instead of throwing', async () => {
    const good = cheap('pw');
    const [, n, r, p, salt, hash] = good.split('$');
    const bad = [
      '',
      'plain-text-password',
      `bcrypt$${n}$${r}$${p}$${salt}$${hash}`,
      `scrypt$${n}$${r}$${p}$${salt}`,
      `scrypt$${n}$${r}$${p}$${salt}$${hash}$extra`,
      `scrypt$1000$${r}$${p}$${salt}$${hash}`, // N not a power of two
      `scrypt$${2 ** 24}$${r}$${p}$${salt}$${hash}`, // N too large (memory blow-up)
      `scrypt$${n}$999$${p}$${salt}$${hash}`,
      `scrypt$${n}$${r}$${p}$$${hash}`, // empty salt
      `scrypt$${n}$${r}$${p}$${salt}$`, // empty hash
      `scrypt$abc$${r}$${p}$${salt}$${hash}`,
    ];
    for (const stored of bad) {
      expect(verifyPassword('pw', stored), stored).toBe(false);
      expect(await verifyPasswordAsync('pw', stored), stored).toBe(false);
    }
    // A tampered hash of the right length fails without throwing.
    const flipped = Buffer.from(hash!, 'base64');
    flipped[0] = flipped[0]! ^ 1;
    expect(verifyPassword('pw', `scrypt$${n}$${r}$${p}$${salt}$${flipped.toString('base64')}`)).toBe(false);
  });
});

describe('password policy', () => {
  it('refuses short, common, repeated and name-containing passwords; the demo password still passes the policy', () => {
    expect(passwordProblem('Short1!', 'ann')?.en).toMatch(/at least 10/);
    expect(passwordProblem('Password123', 'ann')?.en).toMatch(/common/);
    expect(passwordProblem('qwertyuiop', 'ann')?.en).toMatch(/common/);
    expect(passwordProblem('zzzzzzzzzzzz', 'ann')?.en).toMatch(/repeated/);
    expect(passwordProblem('my-Planner-pw-9', 'planner')?.en).toMatch(/user name/);
    expect(passwordProblem('Tr0ub4dor&3-horse', 'planner')).toBeNull();
    expect(passwordProblem('x'.repeat(201), 'ann')?.en).toMatch(/at most 200/);
  });
});
