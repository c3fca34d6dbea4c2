import { z } from 'zod';
import { createUser, listUsers, resetPassword, setDisabled, setOrgUnit, setRoles } from '../../governance/user-admin.js';
import { passwordProblem } from '../../auth/password-policy.js';
import { roleSchema } from '../../../shared/roles.js';
import { procedure, router } from '../trpc.js';

const userId = z.number().int().positive();
/** The password policy (length, common passwords, the user name when known) as a zod check. */
const password = z.string().superRefine((v, c) => {
  const p = passwordProblem(v, '');
  if (p) c.addIssue({ code: 'custom', message: `${p.zh} / ${p.en}` });
});

/** User and role administration: admins only, every change audited. */
export const usersRouter = router({
  list: procedure(['admin']).query(({ ctx }) => listUsers(ctx.db)),
  create: procedure(['admin'])
    .input(z.object({ username: z.string().regex(/^[a-z][a-z0-9_.-]{2,31}$/, '3–32 位小写字母、数字 / 3–32 lowercase letters or digits'), displayName: z.string().min(1).max(40), orgUnit: z.string().min(1), roles: z.array(roleSchema).max(5), password })
      .superRefine((v, c) => {
        const p = passwordProblem(v.password, v.username);
        if (p) c.addIssue({ code: 'custom', path: ['password'], message: `${p.zh} / ${p.en}` });
      }))
    .mutation(({ ctx, input }) => createUser(ctx.db, ctx.user!.id, input)),
  setRoles: procedure(['admin']).input(z.object({ userId, roles: z.array(roleSchema).max(5) })).mutation(({ ctx, input }) => setRoles(ctx.db, ctx.user!.id, input.userId, input.roles)),
  setDisabled: procedure(['admin']).input(z.object({ userId, disabled: z.boolean() })).mutation(({ ctx, input }) => setDisabled(ctx.db, ctx.user!.id, input.userId, input.disabled)),
  setOrgUnit: procedure(['admin']).input(z.object({ userId, orgUnit: z.string().min(1) })).mutation(({ ctx, input }) => setOrgUnit(ctx.db, ctx.user!.id, input.userId, input.orgUnit)),
  resetPassword: procedure(['admin']).input(z.object({ userId, password: password.optional() })).mutation(({ ctx, input }) => resetPassword(ctx.db, ctx.user!.id, input.userId, input.password)),
});
