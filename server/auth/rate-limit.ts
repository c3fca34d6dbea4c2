import type { Db } from '../db/open.js';

/**
 * Failed-login limits, in the store so every API process counts the same failures: per account and
 * client address (5 in 15 minutes: a guesser at one account), per account from anywhere (20: a
 * distributed guesser, without letting one address lock the owner out after 5), per address (50: one
 * client trying many accounts). The client address is express's req.ip, so it can only be forged
 * through proxies TRUST_PROXY names.
 */
export const LOGIN_LIMITS = { accountAddress: 5, account: 20, address: 50, windowMs: 15 * 60_000 } as const;

const keysOf = (username: string, ip: string) => ({
  accountAddress: `a:${username.toLowerCase()}|${ip}`,
  account: `a:${username.toLowerCase()}`,
  address: `ip:${ip}`,
});

export class LoginLimiter {
  constructor(private readonly db: Db, private readonly limits: typeof LOGIN_LIMITS = LOGIN_LIMITS) {}

  blocked(username: string, ip: string, now = Date.now()): boolean {
    const k = keysOf(username, ip);
    const since = now - this.limits.windowMs;
    const rows = this.db.prepare('SELECT key, count(*) AS n FROM login_failures WHERE key IN (?, ?, ?) AND at > ? GROUP BY key')
      .all(k.accountAddress, k.account, k.address, since) as { key: string; n: number }[];
    const n = (key: string) => Number(rows.find((r) => r.key === key)?.n ?? 0);
    return n(k.accountAddress) >= this.limits.accountAddress || n(k.account) >= this.limits.account || n(k.address) >= this.limits.address;
  }

  fail(username: string, ip: string, now = Date.now()): void {
    const k = keysOf(username, ip);
    this.db.transaction(() => {
      // Old failures go as new ones come: the table holds at most one window's worth.
      this.db.prepare('DELETE FROM login_failures WHERE at <= ?').run(now - this.limits.windowMs);
      this.db.prepare('INSERT INTO login_failures (key, at) VALUES (?, ?), (?, ?), (?, ?)').run(k.accountAddress, now, k.account, now, k.address, now);
    })();
  }

  /** A successful login clears its account-and-address count; the wider counts age out. */
  reset(username: string, ip: string): void {
    this.db.prepare('DELETE FROM login_failures WHERE key = ?').run(keysOf(username, ip).accountAddress);
  }
}
