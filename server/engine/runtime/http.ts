import { timingSafeEqual } from 'node:crypto';
import type { Express, Request, Response } from 'express';
import { authOf } from '../../auth/request-session.js';
import type { AppServices } from '../../core/context.js';
import { Engine } from './engine.js';

const sameToken = (a: string, b: string): boolean => {
  const x = Buffer.from(a);
  const y = Buffer.from(b);
  return x.length === y.length && x.length > 0 && timingSafeEqual(x, y);
};

/**
 * `POST /api/events`: one event object or an array. Auth: `Authorization: Bearer <EVENTS_API_KEY>`, or
 * a logged-in session with role admin and the `x-csrf-token` header equal to the session's CSRF token.
 * Answers 200 with one status per event (never 500 for bad events).
 */
export function registerEngineHttp(app: Express, services: AppServices): void {
  const engine = services.engine ?? new Engine(services.db);
  app.post('/api/events', (req: Request, res: Response) => {
    const key = services.config.EVENTS_API_KEY;
    if (!sameToken(req.get('authorization') ?? '', key.length > 0 ? `Bearer ${key}` : '')) {
      const auth = authOf(req);
      if (!auth || !auth.user.roles.includes('admin')) return void res.status(401).json({ error: 'unauthorized: Authorization: Bearer <EVENTS_API_KEY> or an admin session' });
      if (!auth.csrfOk) return void res.status(403).json({ error: 'forbidden: x-csrf-token header missing or wrong' });
    }
    const body: unknown = req.body;
    if (body === undefined || body === null || typeof body !== 'object') return void res.status(400).json({ error: 'body must be an event object or an array of events' });
    const list = Array.isArray(body) ? body : [body];
    if (list.length > 50_000) return void res.status(413).json({ error: 'at most 50,000 events per request' });
    const results = engine.ingest(list);
    // As res.json, without the ETag (a hash of the body per request; a POST answer is never revalidated).
    res.set('Content-Type', 'application/json; charset=utf-8').end(JSON.stringify(Array.isArray(body) ? { results } : results[0]));
  });
}
