import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { loadConfig, storeLocation } from '../../server/config.js';
import { openDb } from '../../server/db/open.js';
import { seedIfEmpty } from '../../server/db/seed/index.js';
import { createLogger } from '../../server/logger.js';
import type { AppServices } from '../../server/core/context.js';
import { createTestStore } from './test-store.js';

/** Services over a fresh, seeded store (SQLite file, or PostgreSQL database in the `pg` project) — the real store, not a mock. */
export function createTestServices(subscribers = 2000): AppServices & { dir: string; cleanup: () => void } {
  const dir = mkdtempSync(join(tmpdir(), 'linkage-test-'));
  const store = createTestStore(dir);
  const config = loadConfig({ [store.backend === 'postgres' ? 'DATABASE_URL' : 'DATABASE_PATH']: store.location, SEED_SUBSCRIBERS: String(subscribers), LOG_LEVEL: 'silent', ENGINE_TICK_MS: '0' });
  const db = openDb(storeLocation(config));
  seedIfEmpty(db, { subscribers, seed: config.SEED });
  const log = createLogger('silent');
  return { db, config, log, dir, cleanup: () => { db.close(); store.drop(); rmSync(dir, { recursive: true, force: true }); } };
}
