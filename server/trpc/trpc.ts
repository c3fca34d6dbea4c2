import { initTRPC, TRPCError } from '@trpc/server';
import { ZodError } from 'zod';
import { csrfHeaderMatches } from '../auth/request-session.js';
import { DomainError } from '../core/errors.js';
import { isStoreDown } from '../db/postgres/health.js';
import type { Context } from '../core/context.js';
import type { Role } from '../../shared/roles.js';
import type { Access } from './roles.js';
import { zodErrorMessage } from './zod-error.js';

export interface Meta {
  access: Access;
  /** Mutations are CSRF-checked unless this is set (login has no session yet). */
  skipCsrf?: boolean;
}

const t = initTRPC
  .context<Context>()
  .meta<Meta>()
  .create({
    // Clients get the code, message and the zod field errors — never a stack trace.
    errorFormatter({ shape, error }) {
      const zod = error.cause instanceof ZodError ? error.cause.issues.map((i) => ({ path: i.path.map(String), message: i.message })) : undefined;
      return { message: error.cause instanceof ZodError ? zodErrorMessage(error.cause) : shape.message, code: shape.code, data: { code: shape.data.code, httpStatus: shape.data.httpStatus, path: shape.data.path, zodIssues: zod } };
    },
  });

export const router = t.router;
export const createCallerFactory = t.createCallerFactory;

const enforce = t.middleware(async ({ ctx, meta, type, next }) => {
  const access = meta?.access;
  if (!access) throw new TRPCError({ code: 'INTERNAL_SERVER_ERROR', message: 'procedure declares no access rule' });
  if (access !== 'public') {
    if (!ctx.user) throw new TRPCError({ code: 'UNAUTHORIZED', message: '请先登录 / Please log in' });
    if (access !== 'any' && !access.some((r) => ctx.user!.roles.includes(r))) {
      throw new TRPCError({ code: 'FORBIDDEN', message: `需要角色 ${access.join('/')} / Requires role ${access.join(' or ')}` });
    }
  }
  // Requests from a browser carry the session cookie; the CSRF header proves they came from our page.
  if (type === 'mutation' && ctx.req && ctx.session && !meta?.skipCsrf) {
    if (!csrfHeaderMatches(ctx.req, ctx.session.csrfToken)) {
      throw new TRPCError({ code: 'FORBIDDEN', message: 'CSRF 校验失败，请刷新页面 / CSRF check failed, reload the page' });
    }
  }
  const result = await next({ ctx });
  if (result.ok) return result;
  const cause = result.error.cause;
  // Domain modules say why a request cannot be done in their own terms; this is where that becomes tRPC's.
  if (cause instanceof DomainError) throw new TRPCError({ code: cause.code, message: cause.message, cause });
  // A lost PostgreSQL connection is the server's trouble for a moment, not a bug: say so with a 503 the client may retry.
  if (isStoreDown(cause)) {
    throw new TRPCError({ code: 'SERVICE_UNAVAILABLE', message: '数据库暂时不可用，请稍后重试 / Database unavailable; try again shortly', cause });
  }
  // SQLite has one writer: a write waits up to its busy timeout, e.g. behind an import applying millions of rows.
  if ((cause as { code?: unknown } | undefined)?.code === 'SQLITE_BUSY') {
    throw new TRPCError({ code: 'SERVICE_UNAVAILABLE', message: '数据库正忙（可能正在写入导入的数据），请稍后重试 / The database is busy (an import may be applying); try again shortly', cause });
  }
  return result;
});

/** A procedure open to the given roles ('any' = any logged-in user, 'public' = everyone). */
export const procedure = (access: Access, extra: Omit<Meta, 'access'> = {}) => t.procedure.meta({ access, ...extra }).use(enforce);

export const hasRole = (user: { roles: Role[] } | null, ...roles: Role[]) => !!user && roles.some((r) => user.roles.includes(r));
