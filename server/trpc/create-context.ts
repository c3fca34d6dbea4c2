import type { Request, Response } from 'express';
import { authOf } from '../auth/request-session.js';
import { refreshActive } from '../core/active-catalogue.js';
import type { AppServices, Context } from '../core/context.js';

/** Build a request context: the session the session middleware found decides who the caller is. */
export function createHttpContext(services: AppServices, req: Request, res: Response): Context {
  // Catalogues another process edited are reloaded before this request reads them (one small query).
  // A store that is down fails the request's own queries, which answer 503; the context must not 500 first.
  try {
    refreshActive(services.db);
  } catch {
    /* reported by the request's own queries */
  }
  const found = authOf(req);
  return { ...services, user: found?.user ?? null, session: found?.session ?? null, req, res, ip: req.ip ?? 'unknown' };
}

/** A context without HTTP, for tests and CLIs (createCaller). */
export function createInnerContext(services: AppServices, user: Context['user'] = null): Context {
  refreshActive(services.db);
  return { ...services, user, session: null, ip: 'local' };
}
