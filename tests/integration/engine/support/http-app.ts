import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { createApp } from '../../../../server/app.js';
import { loadConfig } from '../../../../server/config.js';
import type { AppServices } from '../../../../server/core/context.js';
import { createLogger } from '../../../../server/logger.js';
import type { Fixture } from './fixture.js';

/**
 * Linkage's HTTP app over the fixture's store on a loopback port, as an API's callers reach it: `env` adds
 * to the config (an API key), `more` to the services (the engine, a pinned clock). The caller closes `server`.
 */
export async function serveApp(fx: Fixture, env: Record<string, string>, more: Pick<AppServices, 'engine' | 'now'> = {}): Promise<{ server: Server; base: string }> {
  const config = loadConfig({ DATABASE_PATH: fx.path, LOG_LEVEL: 'silent', ENGINE_TICK_MS: '0', ...env });
  const server = createServer(createApp({ db: fx.db, config, log: createLogger('silent'), ...more }));
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', () => r()));
  return { server, base: `http://127.0.0.1:${(server.address() as AddressInfo).port}` };
}
