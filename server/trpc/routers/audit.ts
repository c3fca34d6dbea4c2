import { z } from 'zod';
import { auditActions, queryAudit } from '../../governance/audit.js';
import { auditUsers } from '../../governance/audit-users.js';
import { procedure, router } from '../trpc.js';

/** The append-only audit log, for supervisors and admins. */
export const auditRouter = router({
  list: procedure(['supervisor', 'admin'])
    .input(z.object({
      action: z.string().max(64).optional(),
      userId: z.number().int().optional(),
      entity: z.enum(['flow', 'user', 'template']).optional(),
      entityId: z.string().max(64).optional(),
      from: z.string().max(30).optional(),
      to: z.string().max(30).optional(),
      limit: z.number().int().min(1).max(500).default(100),
      offset: z.number().int().min(0).default(0),
    }).default({ limit: 100, offset: 0 }))
    .query(({ ctx, input }) => queryAudit(ctx.db, input)),
  actions: procedure(['supervisor', 'admin']).query(({ ctx }) => auditActions(ctx.db)),
  /** Users who appear in the log, for the user filter (supervisors cannot list all users). */
  users: procedure(['supervisor', 'admin']).query(({ ctx }) => auditUsers(ctx.db)),
});
