import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { loadUser } from '../../../server/auth/sessions.js';
import { loadConfig } from '../../../server/config.js';
import { openDb, type Db } from '../../../server/db/open.js';
import { seedIfEmpty } from '../../../server/db/seed/index.js';
import { InMemoryFakeRunControl } from '../../../server/governance/run-control.js';
import { createLogger } from '../../../server/logger.js';
import type { AppServices } from '../../../server/core/context.js';
import { createInnerContext } from '../../../server/trpc/create-context.js';
import { appRouter } from '../../../server/trpc/routers/_app.js';
import { createCallerFactory } from '../../../server/trpc/trpc.js';
import { createTestStore } from '../../support/test-store.js';

const factory = createCallerFactory(appRouter);
type Caller = ReturnType<typeof factory>;

export interface Harness {
  db: Db;
  services: AppServices & { runControl: InMemoryFakeRunControl };
  /** A caller acting as the named demo user (null: logged out). */
  as: (username: string | null) => Caller;
  userId: (username: string) => number;
  close: () => void;
}

/** A real store (SQLite file in a temp directory, or a PostgreSQL database in the `pg` project), migrated and seeded with the demo users and a few subscribers. */
export function openHarness(subscribers = 400): Harness {
  const dir = mkdtempSync(join(tmpdir(), 'linkage-gov-'));
  const store = createTestStore(dir);
  const db = openDb(store.location);
  seedIfEmpty(db, { subscribers, seed: 7 });
  const services = { db, config: loadConfig({ LOG_LEVEL: 'silent' }), log: createLogger('silent'), runControl: new InMemoryFakeRunControl() };
  const userId = (username: string) => db.prepare('SELECT id FROM users WHERE username = ?').pluck().get(username) as number;
  return {
    db,
    services,
    userId,
    as: (username) => factory(createInnerContext(services, username ? loadUser(db, userId(username)) : null)),
    close: () => { db.close(); store.drop(); rmSync(dir, { recursive: true, force: true }); },
  };
}
