import { serialize } from 'cookie';
import { z } from 'zod';
import { changePassword, login } from '../../auth/login.js';
import { MAX_PASSWORD_LENGTH } from '../../auth/password-policy.js';
import { SESSION_COOKIE, deleteSession } from '../../auth/sessions.js';
import { DEMO_PASSWORD, DEMO_USERS } from '../../db/seed/users.js';
import { procedure, router } from '../trpc.js';

export const authRouter = router({
  login: procedure('public', { skipCsrf: true })
    .input(z.object({ username: z.string().min(1).max(64), password: z.string().min(1).max(MAX_PASSWORD_LENGTH) }))
    .mutation(({ ctx, input }) => login(ctx, input)),

  /** Change one's own password (policy: length, common passwords, not the user name); other sessions end. */
  changePassword: procedure('any')
    .input(z.object({ currentPassword: z.string().min(1).max(MAX_PASSWORD_LENGTH), newPassword: z.string().min(1).max(MAX_PASSWORD_LENGTH) }))
    .mutation(({ ctx, input }) => changePassword(ctx, input)),

  logout: procedure('any').mutation(({ ctx }) => {
    if (ctx.session) deleteSession(ctx.db, ctx.session.id);
    ctx.res?.setHeader('Set-Cookie', serialize(SESSION_COOKIE, '', { httpOnly: true, sameSite: 'lax', path: '/', maxAge: 0 }));
    return { ok: true };
  }),

  /**
   * What the login page may say before anyone logs in: in demo mode, while demo accounts are still there,
   * their names and the public demo password; otherwise nothing (a real installation shows no hint).
   */
  loginInfo: procedure('public').query(({ ctx }) => {
    if (!ctx.config.demo) return { demo: false as const };
    const names = DEMO_USERS.map((u) => u.username);
    const present = ctx.db.prepare(`SELECT username FROM users WHERE disabled = 0 AND username IN (${names.map(() => '?').join(', ')}) ORDER BY id`).pluck().all(...names) as string[];
    return present.length > 0 ? { demo: true as const, usernames: present, password: DEMO_PASSWORD } : { demo: false as const };
  }),

  /** Who is logged in, with the CSRF token the client must echo on mutations. */
  me: procedure('public').query(({ ctx }) => (ctx.user ? { user: ctx.user, csrfToken: ctx.session?.csrfToken ?? '' } : null)),
});
