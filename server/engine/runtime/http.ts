import { timingSafeEqual } from 'node:crypto';
import { parse } from 'cookie';
import type { Express, Request, Response } from 'express';
import { SESSION_COOKIE, loadSession } from '../../auth/sessions.js';
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
    const auth = req.get('authorization') ?? '';
    const key = services.config.EVENTS_API_KEY;
    let ok = key.length > 0 && auth === `Bearer ${key}`;
    if (!ok) {
      const s = loadSession(services.db, parse(req.headers.cookie ?? '')[SESSION_COOKIE]);
      if (s && s.user.roles.includes('admin')) {
        // A cookie is sent by the browser on its own: the session path also needs the CSRF header.
        const csrf = req.get('x-csrf-token') ?? '';
        if (!sameToken(csrf, s.session.csrfToken)) return void res.status(403).json({ error: 'forbidden: x-csrf-token header missing or wrong' });
        ok = true;
      }
    }
    if (!ok) return void res.status(401).json({ error: 'unauthorized: Authorization: Bearer <EVENTS_API_KEY> or an admin session' });
    const body: unknown = req.body;
    if (body === undefined || body === null || typeof body !== 'object') return void res.status(400).json({ error: 'body must be an event object or an array of events' });
    const list = Array.isArray(body) ? body : [body];
    if (list.length > 50_000) return void res.status(413).json({ error: 'at most 50,000 events per request' });
    const results = engine.ingest(list);
    // As res.json, without the ETag (a hash of the body per request; a POST answer is never revalidated).
    res.set('Content-Type', 'application/json; charset=utf-8').end(JSON.stringify(Array.isArray(body) ? { results } : results[0]));
  });
}
