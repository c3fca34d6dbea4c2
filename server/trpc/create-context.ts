import type { Request, Response } from 'express';
import { requestSession } from '../auth/request-session.js';
import type { AppServices, Context } from '../core/context.js';

/** Build a request context: the session cookie decides who the caller is. */
export function createHttpContext(services: AppServices, req: Request, res: Response): Context {
  const found = requestSession(services.db, req);
  return { ...services, user: found?.user ?? null, session: found?.session ?? null, req, res, ip: req.ip ?? 'unknown' };
}

/** A context without HTTP, for tests and CLIs (createCaller). */
export function createInnerContext(services: AppServices, user: Context['user'] = null): Context {
  return { ...services, user, session: null, ip: 'local' };
}
