import { timingSafeEqual } from 'node:crypto';
import express, { type RequestHandler } from 'express';
import { authOf } from '../auth/request-session.js';
import type { AppServices } from '../core/context.js';
import { jsonDepthExceeds } from './json-depth.js';

/** Deeper than any document the app writes (a condition group costs three levels); far below a parser's stack. */
export const MAX_JSON_DEPTH = 100;
/** Without a session only logging in is possible: a few hundred bytes. */
export const ANONYMOUS_BODY_LIMIT = '16kb';
/** A logged-in user's largest body: an events.ingest batch of 50,000 events, a large flow document. */
export const SESSION_BODY_LIMIT = '20mb';
/** Other routes that take JSON (none needs more). */
export const DEFAULT_BODY_LIMIT = '256kb';

const tooDeep = () => Object.assign(new Error(`JSON nested deeper than ${MAX_JSON_DEPTH} levels`), { status: 400, type: 'entity.too.deep' });

/** express.json with a size limit, refusing over-deep nesting on the raw bytes before JSON.parse runs. */
export const jsonBody = (limit: string): RequestHandler =>
  express.json({ limit, verify: (_req, _res, buf) => { if (jsonDepthExceeds(buf, MAX_JSON_DEPTH)) throw tooDeep(); } });

const anonymousJson = jsonBody(ANONYMOUS_BODY_LIMIT);
const sessionJson = jsonBody(SESSION_BODY_LIMIT);

/**
 * tRPC bodies: the size limit depends on who asks (a cookie that resolves to a live session), decided
 * before a byte is parsed; GET inputs (in the query string) get the same depth check.
 */
export function trpcBodyGuard(): RequestHandler {
  return (req, res, next) => {
    if (req.method === 'GET') {
      const input = new URL(req.originalUrl, 'http://x').searchParams.get('input');
      if (input && jsonDepthExceeds(input, MAX_JSON_DEPTH)) return void res.status(400).json({ error: tooDeep().message });
      return next();
    }
    return (authOf(req) ? sessionJson : anonymousJson)(req, res, next);
  };
}

const sameToken = (a: string, b: string): boolean => {
  const x = Buffer.from(a);
  const y = Buffer.from(b);
  return x.length === y.length && x.length > 0 && timingSafeEqual(x, y);
};

/**
 * POST /api/events: refuse a caller with neither the events key nor an admin session before reading
 * the body, then parse it with the session limit. The route itself checks again (CSRF included).
 */
export function eventsBodyGuard(services: AppServices): RequestHandler {
  return (req, res, next) => {
    const key = services.config.EVENTS_API_KEY;
    const bearer = /^Bearer (.+)$/.exec(req.get('authorization') ?? '')?.[1] ?? '';
    const keyed = key.length > 0 && sameToken(bearer, key);
    if (!keyed && !authOf(req)?.user.roles.includes('admin')) {
      // Drain nothing: the connection closes after the answer, so an unread 18 MB body costs no parsing.
      res.setHeader('Connection', 'close');
      return void res.status(401).json({ error: 'unauthorized: Authorization: Bearer <EVENTS_API_KEY> or an admin session' });
    }
    return sessionJson(req, res, next);
  };
}
