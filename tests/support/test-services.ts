import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { loadConfig } from '../../server/config.js';
import { openDb } from '../../server/db/open.js';
import { seedIfEmpty } from '../../server/db/seed/index.js';
import { createLogger } from '../../server/logger.js';
import type { AppServices } from '../../server/trpc/context.js';

/** Services over a fresh, seeded SQLite file in a temp folder — the real store, not a mock. */
export function createTestServices(subscribers = 2000): AppServices & { dir: string; cleanup: () => void } {
  const dir = mkdtempSync(join(tmpdir(), 'linkage-test-'));
  const config = loadConfig({ DATABASE_PATH: join(dir, 'test.db'), SEED_SUBSCRIBERS: String(subscribers), LOG_LEVEL: 'silent', ENGINE_TICK_MS: '0' });
  const db = openDb(config.DATABASE_PATH);
  seedIfEmpty(db, { subscribers, seed: config.SEED });
  const log = createLogger('silent');
  return { db, config, log, dir, cleanup: () => { db.close(); rmSync(dir, { recursive: true, force: true }); } };
}
