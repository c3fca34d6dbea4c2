import { z } from 'zod';
import { changePassword, login, loginInfo, logout } from '../../auth/login.js';
import { MAX_PASSWORD_LENGTH } from '../../auth/password-policy.js';
import { procedure, router } from '../trpc.js';

export const authRouter = router({
  login: procedure('public', { skipCsrf: true })
    .input(z.object({ username: z.string().min(1).max(64), password: z.string().min(1).max(MAX_PASSWORD_LENGTH) }))
    .mutation(({ ctx, input }) => login(ctx, input)),

  /** Change one's own password (policy: length, common passwords, not the user name); other sessions end. */
  changePassword: procedure('any')
    .input(z.object({ currentPassword: z.string().min(1).max(MAX_PASSWORD_LENGTH), newPassword: z.string().min(1).max(MAX_PASSWORD_LENGTH) }))
    .mutation(({ ctx, input }) => changePassword(ctx, input)),

  logout: procedure('any').mutation(({ ctx }) => logout(ctx)),

  /** Demo account names and password for the login page, in demo mode only. */
  loginInfo: procedure('public').query(({ ctx }) => loginInfo(ctx)),

  /** Who is logged in, with the CSRF token the client must echo on mutations. */
  me: procedure('public').query(({ ctx }) => (ctx.user ? { user: ctx.user, csrfToken: ctx.session?.csrfToken ?? '' } : null)),
});
