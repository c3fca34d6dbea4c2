import { TRPCError } from '@trpc/server';
import { serialize } from 'cookie';
import { z } from 'zod';
import { hashPassword, verifyPassword } from '../../auth/password.js';
import { LoginLimiter } from '../../auth/rate-limit.js';
import { SESSION_COOKIE, createSession, deleteSession, loadUser } from '../../auth/sessions.js';
import { procedure, router } from '../trpc.js';

const limiter = new LoginLimiter();
/** Verified against when the username is unknown, so both failures take the same time. */
const DUMMY_HASH = hashPassword('not-a-password');

export const authRouter = router({
  login: procedure('public', { skipCsrf: true })
    .input(z.object({ username: z.string().min(1).max(64), password: z.string().min(1).max(200) }))
    .mutation(({ ctx, input }) => {
      const key = `${input.username.toLowerCase()}|${ctx.ip}`;
      if (limiter.blocked(key)) throw new TRPCError({ code: 'TOO_MANY_REQUESTS', message: '登录失败次数过多，请 15 分钟后再试 / Too many failed logins, try again in 15 minutes' });
      const row = ctx.db.prepare('SELECT id, password_hash, disabled FROM users WHERE username = ?').get(input.username) as { id: number; password_hash: string; disabled: number } | undefined;
      const ok = verifyPassword(input.password, row?.password_hash ?? DUMMY_HASH);
      if (!row || row.disabled || !ok) {
        limiter.fail(key);
        throw new TRPCError({ code: 'UNAUTHORIZED', message: '用户名或密码错误 / Wrong username or password' });
      }
      limiter.reset(key);
      const session = createSession(ctx.db, row.id);
      ctx.res?.setHeader('Set-Cookie', serialize(SESSION_COOKIE, session.id, { httpOnly: true, sameSite: 'lax', path: '/', expires: session.expiresAt, secure: ctx.req?.secure ?? false }));
      return { user: loadUser(ctx.db, row.id)!, csrfToken: session.csrfToken, sessionId: ctx.res ? undefined : session.id };
    }),

  logout: procedure('any').mutation(({ ctx }) => {
    if (ctx.session) deleteSession(ctx.db, ctx.session.id);
    ctx.res?.setHeader('Set-Cookie', serialize(SESSION_COOKIE, '', { httpOnly: true, sameSite: 'lax', path: '/', maxAge: 0 }));
    return { ok: true };
  }),

  /** Who is logged in, with the CSRF token the client must echo on mutations. */
  me: procedure('public').query(({ ctx }) => (ctx.user ? { user: ctx.user, csrfToken: ctx.session?.csrfToken ?? '' } : null)),
});
