import type { Server } from 'node:http';
import { createApp } from './app.js';
import { bootstrapAdmin } from './auth/admin-bootstrap.js';
import { loadConfig, storeLabel, storeLocation } from './config.js';
import { openDb } from './db/open.js';
import { seedDemoStore } from './db/seed/startup.js';
import { startWalCheckpointer } from './db/wal-checkpointer.js';
import { seedDemoFlows } from './demo-flows.js';
import { loadTemplates } from './governance/load-templates.js';
import { createLogger } from './logger.js';
import { Engine } from './engine/runtime/engine.js';
import { engineRunControl } from './engine/runtime/run-control.js';
import { startLearningLoop } from './learning/loop.js';

/** Start Linkage: configuration, store (migrated and seeded), HTTP. Returns a stop function. */
export async function start(env: NodeJS.ProcessEnv = process.env): Promise<{ server: Server; stop: () => Promise<void> }> {
  const config = loadConfig(env);
  const log = createLogger(config.LOG_LEVEL);
  const db = openDb(storeLocation(config));
  // The embedded store checkpoints its log on a thread of its own, not inside requests and engine batches.
  const checkpointer = config.DATABASE_URL ? null
    : startWalCheckpointer(db, config.DATABASE_PATH, { onError: (err) => log.warn({ err }, 'WAL checkpoint thread failed; commits checkpoint instead') });
  // An empty store gets the demo data set as generated operator files, imported through the import pipeline.
  const seeded = await seedDemoStore(db, {
    subscribers: config.SEED_SUBSCRIBERS,
    seed: config.SEED,
    onDataset: (f, s) => log.debug({ dataset: f.dataset, rows: s.rows, ms: s.ms }, 'demo data set imported'),
    onWait: () => log.info('another process is seeding the store; waiting for it'),
  });
  if (seeded.seeded) log.info({ ms: seeded.ms, subscribers: config.SEED_SUBSCRIBERS, resumed: seeded.resumed }, 'seeded demo data');
  bootstrapAdmin(db, config, log);
  if (config.demo) log.warn('demo mode: demo accounts with the public password and the dev events key work (LINKAGE_DEMO=0 or NODE_ENV=production to turn it off)');
  log.info(loadTemplates(db, config.FLOWS_DIR), 'template library loaded');
  const engine = new Engine(db, { log });
  const services = { db, config, log, engine, runControl: engineRunControl(engine) };
  if (seeded.seeded && config.SEED_DEMO_FLOWS === '1') log.info(await seedDemoFlows(services), 'demo flows created');
  engine.startLoop(config.ENGINE_TICK_MS);
  const stopLearning = startLearningLoop(db, { ms: config.LEARNING_INTERVAL_MS, log });
  const app = createApp(services);
  const server = await new Promise<Server>((ok) => {
    const s = app.listen(config.PORT, config.HOST, () => ok(s));
  });
  const address = server.address();
  const port = typeof address === 'object' && address ? address.port : config.PORT;
  log.info({ port, db: storeLabel(config) }, `Linkage is running on http://localhost:${port}`);
  let stopping: Promise<void> | null = null;
  const stop = () =>
    (stopping ??= new Promise<void>((done) => {
      stopLearning();
      void engine.stopLoop();
      server.close(() => {
        // The thread first: the store's last connection to close folds the log into the file.
        void (checkpointer?.stop() ?? Promise.resolve()).then(() => {
          db.close();
          log.info('stopped');
          done();
        });
      });
      server.closeAllConnections();
    }));
  return { server, stop };
}

const isMain = process.argv[1] && import.meta.url.endsWith(process.argv[1].replace(/\\/g, '/'));
if (isMain) {
  start()
    .then(({ stop }) => {
      for (const sig of ['SIGTERM', 'SIGINT'] as const) process.once(sig, () => void stop().then(() => process.exit(0)));
    })
    .catch((err: unknown) => {
      console.error(err instanceof Error ? err.message : err);
      process.exit(1);
    });
}
