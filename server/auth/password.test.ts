import { describe, expect, it } from 'vitest';
import { hashPassword, verifyPassword } from './password.js';

describe('password hashing', () => {
  it('stores scrypt$N$r$p$salt$hash and verifies the right password only', () => {
    const stored = hashPassword('Linkage@2026');
    expect(stored).toMatch(/^scrypt\$16384\$8\$1\$[A-Za-z0-9+/]+=*\$[A-Za-z0-9+/]+=*$/);
    expect(Buffer.from(stored.split('$')[4]!, 'base64')).toHaveLength(16);
    expect(verifyPassword('Linkage@2026', stored)).toBe(true);
    expect(verifyPassword('linkage@2026', stored)).toBe(false);
    expect(verifyPassword('', stored)).toBe(false);
  });

  it('uses a fresh salt each time', () => {
    const a = hashPassword('same');
    const b = hashPassword('same');
    expect(a).not.toBe(b);
    expect(verifyPassword('same', a) && verifyPassword('same', b)).toBe(true);
  });

  it('is reproducible with an explicit salt (deterministic demo seeding)', () => {
    const salt = Buffer.alloc(16, 7);
    expect(hashPassword('x', salt)).toBe(hashPassword('x', salt));
  });

  it('handles non-ASCII passwords', () => {
    const stored = hashPassword('密码Ünïcode');
    expect(verifyPassword('密码Ünïcode', stored)).toBe(true);
    expect(verifyPassword('密码Unicode', stored)).toBe(false);
  });

  it('rejects malformed or hostile stored values instead of throwing', () => {
    const good = hashPassword('pw');
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
    for (const stored of bad) expect(verifyPassword('pw', stored), stored).toBe(false);
    // A tampered hash of the right length fails without throwing.
    const flipped = Buffer.from(hash!, 'base64');
    flipped[0] = flipped[0]! ^ 1;
    expect(verifyPassword('pw', `scrypt$${n}$${r}$${p}$${salt}$${flipped.toString('base64')}`)).toBe(false);
  });
});
