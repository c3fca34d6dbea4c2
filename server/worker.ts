import { loadConfig, storeLabel, storeLocation } from './config.js';
import { openDb } from './db/open.js';
import { EngineWorker } from './engine/workers/worker.js';
import { createLogger } from './logger.js';
// Registers the catalogue's loader: engine ticks reload it when an admin's edit moved its version (#18).
import './catalogue/store.js';

/**
 * `npm run worker`: an engine worker process. Run several (on one machine or many) against one
 * PostgreSQL database (DATABASE_URL) to share the stepping of every running run; API processes then
 * run with ENGINE_TICK_MS=0. Stops after the partition in hand on SIGTERM / SIGINT.
 */
const config = loadConfig();
const log = createLogger(config.LOG_LEVEL);
const db = openDb(storeLocation(config));
const worker = new EngineWorker(db, { log, leaseMs: config.WORKER_LEASE_MS, tickMs: config.ENGINE_TICK_MS || 2000 });
for (const sig of ['SIGTERM', 'SIGINT'] as const) process.once(sig, () => worker.stop());
log.info({ worker: worker.id, db: storeLabel(config) }, 'engine worker started');
await worker.loop();
db.close();
log.info({ worker: worker.id }, 'engine worker stopped');
