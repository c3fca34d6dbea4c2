import { createExpressMiddleware } from '@trpc/server/adapters/express';
import express, { type NextFunction, type Request, type Response } from 'express';
import { existsSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { DomainError, HTTP_STATUS } from './core/errors.js';
import { isStoreDown, storeHealth } from './db/postgres/health.js';
import { sessionMiddleware } from './auth/request-session.js';
import { createHttpContext } from './trpc/create-context.js';
import type { AppServices } from './core/context.js';
import { appRouter } from './trpc/routers/_app.js';
import { registerEngineHttp } from './engine/runtime/http.js';
import { registerMonitoringHttp } from './monitoring/http.js';
import { inboundRawBody, INBOUND_PATH, registerChannelInboundHttp } from './channels/bindings/inbound-http.js';
import { ANSWER_PATH, registerProvisionAnswerHttp } from './provisioning/answer-http.js';
import { registerDialerHttp } from './dialer/http.js';
import { DEFAULT_BODY_LIMIT, eventsBodyGuard, jsonBody, trpcBodyGuard } from './security/body-limits.js';
import { noStore, securityHeaders } from './security/headers.js';

/** Plain HTTP routes of the product; each part of the server adds its registrar here with one line. */
export const HTTP_ROUTES: RouteRegistrar[] = [registerEngineHttp, registerMonitoringHttp, registerChannelInboundHttp, registerDialerHttp, registerProvisionAnswerHttp];

/** Registers plain HTTP routes (events ingestion, exports…) ahead of the SPA fallback. */
export type RouteRegistrar = (app: express.Express, services: AppServices) => void;

/** The HTTP surface: health, tRPC under /trpc, plain routes, the built client with SPA fallback. */
export function createApp(services: AppServices, registrars: RouteRegistrar[] = HTTP_ROUTES): express.Express {
  const app = express();
  app.disable('x-powered-by');
  app.set('trust proxy', services.config.trustProxy);
  app.use(securityHeaders());
  app.use(['/trpc', '/api'], noStore);
  app.get('/api/health', (_req, res) => {
    // A lost store connection answers 503 at once (a load balancer takes the process out), never a 500 or a wait.
    const db = storeHealth(services.db);
    res.status(db.ok ? 200 : 503).json({ status: db.ok ? 'ok' : 'unhealthy', db: db.ok ? 'ok' : 'error', ...(db.error ? { error: db.error } : {}), uptimeSeconds: Math.round(process.uptime()) });
  });
  // Who is calling, looked up once per request (cookie → session; CSRF header for unsafe methods) for the body
  // guards, tRPC's context and the plain routes: see auth/request-session.ts. Health answers without it.
  app.use(['/trpc', '/api'], sessionMiddleware(services.db));
  // Bodies are sized by who sends them, before parsing: see security/body-limits.ts.
  app.use('/trpc', trpcBodyGuard());
  app.post('/api/events', eventsBodyGuard(services));
  // Signed channel callbacks are verified over their exact bytes: kept raw, never parsed first.
  app.post(INBOUND_PATH, inboundRawBody);
  app.post(ANSWER_PATH, inboundRawBody);
  app.use(jsonBody(DEFAULT_BODY_LIMIT));

  app.use(
    '/trpc',
    createExpressMiddleware({
      router: appRouter,
      createContext: ({ req, res }) => createHttpContext(services, req, res),
      onError: ({ error, path }) => {
        if (error.code === 'INTERNAL_SERVER_ERROR') services.log.error({ err: error, path }, 'tRPC procedure failed');
      },
    }),
  );

  for (const register of registrars) register(app, services);

  const dist = resolve(services.config.CLIENT_DIST);
  const index = join(dist, 'index.html');
  app.use(express.static(dist, { index: false, maxAge: '1h' }));
  app.get('/{*splat}', (req, res) => {
    if (req.path.startsWith('/api/')) return void res.status(404).json({ error: 'not found' });
    if (!existsSync(index)) return void res.status(503).type('text').send('The client is not built: run `npm run build`.');
    res.sendFile(index);
  });

  // Last resort: log the error, answer without internals.
  app.use((err: Error & { status?: number; type?: string }, _req: Request, res: Response, _next: NextFunction) => {
    if (isStoreDown(err)) return void res.status(503).json({ error: 'database unavailable; try again shortly' });
    if (err instanceof DomainError) return void res.status(HTTP_STATUS[err.code]).json({ error: err.message });
    const status = err.status && err.status >= 400 && err.status < 500 ? err.status : 500;
    if (status === 500) services.log.error({ err }, 'unhandled request error');
    res.status(status).json({ error: status === 500 ? 'internal error' : err.message });
  });
  return app;
}
