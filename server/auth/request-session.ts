import { timingSafeEqual } from 'node:crypto';
import { parse } from 'cookie';
import type { Request, RequestHandler } from 'express';
import type { SessionUser } from '../core/context.js';
import type { Db } from '../db/open.js';
import type { Role } from '../../shared/roles.js';
import { SESSION_COOKIE, loadSession } from './sessions.js';

/** The caller's session as the HTTP layer sees it. */
export interface RequestAuth {
  user: SessionUser;
  session: { id: string; csrfToken: string };
  /**
   * A browser sends the cookie on its own, so an unsafe method (POST, PUT, PATCH, DELETE) counts only with the
   * `x-csrf-token` header equal to the session's token: proof the request came from our page. Safe methods: true.
   */
  csrfOk: boolean;
}

declare global {
  // Express's documented extension point for what middleware puts on the request.
  // eslint-disable-next-line @typescript-eslint/no-namespace
  namespace Express {
    interface Request {
      /** Set by `sessionMiddleware`: the caller's session, or null without one. */
      auth?: RequestAuth | null;
    }
  }
}

const SAFE_METHODS = new Set(['GET', 'HEAD', 'OPTIONS']);

const sameToken = (a: string, b: string): boolean => {
  const x = Buffer.from(a);
  const y = Buffer.from(b);
  return x.length === y.length && x.length > 0 && timingSafeEqual(x, y);
};

/** The request's `x-csrf-token` header equals the session's token (compared in constant time). */
export const csrfHeaderMatches = (req: Request, csrfToken: string): boolean => sameToken(req.get('x-csrf-token') ?? '', csrfToken);

/**
 * The one session middleware of the HTTP surface: resolves the cookie's session once per request and puts it
 * on the request as `req.auth`, with whether an unsafe method carries its CSRF header. The body guards, tRPC's
 * context and the plain routes read it from there (`authOf`, `requireSession`); none reads the cookie itself.
 */
export function sessionMiddleware(db: Db): RequestHandler {
  return (req, _res, next) => {
    const found = loadSession(db, parse(req.headers.cookie ?? '')[SESSION_COOKIE]);
    req.auth = found ? { ...found, csrfOk: SAFE_METHODS.has(req.method) || csrfHeaderMatches(req, found.session.csrfToken) } : null;
    next();
  };
}

/** The request's session as the middleware left it; a route mounted without the middleware is a wiring bug. */
export function authOf(req: Request): RequestAuth | null {
  if (req.auth === undefined) throw new Error('sessionMiddleware is not mounted in front of this route');
  return req.auth;
}

/**
 * Route guard: 401 without a session, 403 without one of `roles` or, for an unsafe method, without the CSRF header.
 * 'any': any logged-in user.
 */
export function requireSession(roles: readonly Role[] | 'any'): RequestHandler {
  return (req, res, next) => {
    const auth = authOf(req);
    if (!auth) return void res.status(401).json({ error: 'unauthorized: log in first' });
    if (roles !== 'any' && !auth.user.roles.some((r) => roles.includes(r))) return void res.status(403).json({ error: `forbidden: requires role ${roles.join(' or ')}` });
    if (!auth.csrfOk) return void res.status(403).json({ error: 'forbidden: x-csrf-token header missing or wrong' });
    next();
  };
}
