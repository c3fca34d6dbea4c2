import { DomainError } from '../core/errors.js';
import { serialize } from 'cookie';
import { DEMO_PASSWORD, DEMO_USERS } from '../db/seed/users.js';
import { recordAudit } from '../governance/audit.js';
import type { Context } from '../core/context.js';
import { hashPasswordAsync, isOutdated, verifyPasswordAsync } from './password.js';
import { passwordProblem } from './password-policy.js';
import { LoginLimiter } from './rate-limit.js';
import { SESSION_COOKIE, createSession, deleteSession, loadUser } from './sessions.js';

/** Verified against when the username is unknown, so both failures cost one hash at today's parameters. */
let dummy: Promise<string> | null = null;
const dummyHash = () => (dummy ??= hashPasswordAsync('not-a-password'));

const tooMany = () => new DomainError({ code: 'TOO_MANY_REQUESTS', message: '登录失败次数过多，请 15 分钟后再试 / Too many failed logins, try again in 15 minutes' });
const wrong = () => new DomainError({ code: 'UNAUTHORIZED', message: '用户名或密码错误 / Wrong username or password' });

interface UserRow { id: number; username: string; password_hash: string; disabled: number }

/**
 * Check a password for a user row (or a dummy for none) off the event loop. An outdated hash is verified
 * with its own parameters and a new one is made either way, so an account's timing does not say whether
 * the guess was right; the new hash is kept only on success.
 */
async function check(row: UserRow | undefined, password: string): Promise<{ ok: boolean; rehash: string | null }> {
  if (!row) {
    await verifyPasswordAsync(password, await dummyHash());
    return { ok: false, rehash: null };
  }
  if (!isOutdated(row.password_hash)) return { ok: await verifyPasswordAsync(password, row.password_hash), rehash: null };
  const [ok, rehash] = await Promise.all([verifyPasswordAsync(password, row.password_hash), hashPasswordAsync(password)]);
  return { ok, rehash: ok ? rehash : null };
}

/** Log in: limits first (in the store), then the hash; a session cookie (Secure behind HTTPS) on success. */
export async function login(ctx: Context, input: { username: string; password: string }) {
  const limiter = new LoginLimiter(ctx.db);
  if (limiter.blocked(input.username, ctx.ip)) throw tooMany();
  const row = ctx.db.prepare('SELECT id, username, password_hash, disabled FROM users WHERE username = ?').get(input.username) as UserRow | undefined;
  const { ok, rehash } = await check(row, input.password);
  // Outside demo mode the public demo password opens no account, whichever has it.
  const demoRefused = !ctx.config.demo && input.password === DEMO_PASSWORD;
  if (!row || row.disabled || !ok || demoRefused) {
    limiter.fail(input.username, ctx.ip);
    throw wrong();
  }
  limiter.reset(input.username, ctx.ip);
  if (rehash) ctx.db.prepare('UPDATE users SET password_hash = ? WHERE id = ? AND password_hash = ?').run(rehash, row.id, row.password_hash);
  const session = createSession(ctx.db, row.id);
  ctx.res?.setHeader('Set-Cookie', serialize(SESSION_COOKIE, session.id, { httpOnly: true, sameSite: 'lax', path: '/', expires: session.expiresAt, secure: ctx.req?.secure ?? false }));
  return { user: loadUser(ctx.db, row.id)!, csrfToken: session.csrfToken, sessionId: ctx.res ? undefined : session.id };
}

/**
 * Self-service password change: the current password (counted as a failed login when wrong), then the
 * policy. Every other session of the user ends; the one in use stays.
 */
export async function changePassword(ctx: Context, input: { currentPassword: string; newPassword: string }): Promise<{ ok: true }> {
  const user = ctx.user!;
  const limiter = new LoginLimiter(ctx.db);
  if (limiter.blocked(user.username, ctx.ip)) throw tooMany();
  const row = ctx.db.prepare('SELECT id, username, password_hash, disabled FROM users WHERE id = ?').get(user.id) as UserRow;
  if (!(await verifyPasswordAsync(input.currentPassword, row.password_hash))) {
    limiter.fail(user.username, ctx.ip);
    throw new DomainError({ code: 'BAD_REQUEST', message: '当前密码不正确 / The current password is wrong' });
  }
  const problem = input.newPassword === input.currentPassword ? { zh: '新密码不能与当前密码相同', en: 'The new password must differ from the current one' }
    : input.newPassword === DEMO_PASSWORD ? { zh: '不能使用公开的演示密码', en: 'The public demo password cannot be used' }
    : passwordProblem(input.newPassword, user.username);
  if (problem) throw new DomainError({ code: 'BAD_REQUEST', message: `${problem.zh} / ${problem.en}` });
  const hash = await hashPasswordAsync(input.newPassword);
  ctx.db.transaction(() => {
    ctx.db.prepare('UPDATE users SET password_hash = ? WHERE id = ?').run(hash, user.id);
    ctx.db.prepare('DELETE FROM sessions WHERE user_id = ? AND id <> ?').run(user.id, ctx.session?.id ?? '');
    recordAudit(ctx.db, { userId: user.id, action: 'user.change_password', entity: 'user', entityId: String(user.id), detail: { username: user.username } });
  })();
  return { ok: true };
}

/** Log out: the session ends in the store and the browser is told to drop the cookie. */
export function logout(ctx: Context): { ok: true } {
  if (ctx.session) deleteSession(ctx.db, ctx.session.id);
  ctx.res?.setHeader('Set-Cookie', serialize(SESSION_COOKIE, '', { httpOnly: true, sameSite: 'lax', path: '/', maxAge: 0 }));
  return { ok: true };
}

/**
 * What the login page may say before anyone logs in: in demo mode, while demo accounts are still there,
 * their names and the public demo password; otherwise nothing (a real installation shows no hint).
 */
export function loginInfo(ctx: Pick<Context, 'db' | 'config'>): { demo: false } | { demo: true; usernames: string[]; password: string } {
  if (!ctx.config.demo) return { demo: false };
  const names = DEMO_USERS.map((u) => u.username);
  const present = ctx.db.prepare(`SELECT username FROM users WHERE disabled = 0 AND username IN (${names.map(() => '?').join(', ')}) ORDER BY id`).pluck().all(...names) as string[];
  return present.length > 0 ? { demo: true, usernames: present, password: DEMO_PASSWORD } : { demo: false };
}
