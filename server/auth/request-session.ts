import { parse } from 'cookie';
import type { Request } from 'express';
import type { Db } from '../db/open.js';
import { SESSION_COOKIE, loadSession } from './sessions.js';

type Found = ReturnType<typeof loadSession>;
const cache = new WeakMap<Request, Found>();

/** The request's session (from its cookie), looked up once per request: the body guard and tRPC's context share it. */
export function requestSession(db: Db, req: Request): Found {
  if (cache.has(req)) return cache.get(req)!;
  const found = loadSession(db, parse(req.headers.cookie ?? '')[SESSION_COOKIE]);
  cache.set(req, found);
  return found;
}
