import { z } from 'zod';

const envSchema = z.object({
  PORT: z.coerce.number().int().min(0).max(65535).default(3000),
  HOST: z.string().default('0.0.0.0'),
  /** SQLite file of the embedded store (used when DATABASE_URL is not set). */
  DATABASE_PATH: z.string().min(1).default('data/linkage.db'),
  /** PostgreSQL as the shared store (API processes and engine workers on one database): postgres://user:pass@host:port/db */
  DATABASE_URL: z.string().regex(/^postgres(ql)?:\/\//, 'must be a postgres:// URL').optional(),
  LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
  /** Synthetic subscribers created on first start. */
  SEED_SUBSCRIBERS: z.coerce.number().int().min(0).max(5_000_000).default(200_000),
  SEED: z.coerce.number().int().default(20261123),
  /** On first start, also make three demo flows (a draft, one awaiting approval, one running); 0 leaves the flow list empty. */
  SEED_DEMO_FLOWS: z.enum(['0', '1']).default('1'),
  /** Where the built client is served from. */
  CLIENT_DIST: z.string().default('dist/client'),
  /** Engine tick in milliseconds for live runs. 0 disables the background engine loop. */
  ENGINE_TICK_MS: z.coerce.number().int().min(0).default(2000),
  /** Engine workers (npm run worker): how long a claimed run partition stays leased without renewal. */
  WORKER_LEASE_MS: z.coerce.number().int().min(100).default(30_000),
  /** Folder of flow documents; those with template metadata are loaded into the template library at start. */
  FLOWS_DIR: z.string().default('flows'),
  /** How often finished runs are folded into the CPC response estimates. 0 disables learning. */
  LEARNING_INTERVAL_MS: z.coerce.number().int().min(0).default(30_000),
  /** Bearer key for POST /api/events (event feeds). Dev default below; set a secret one in production. */
  EVENTS_API_KEY: z.string().default('dev-events-key'),
});
export type Config = z.infer<typeof envSchema>;

/** The store to open: the PostgreSQL URL when one is configured, else the SQLite file. */
export const storeLocation = (c: Config): string => c.DATABASE_URL ?? c.DATABASE_PATH;

/** The store for logs: a PostgreSQL URL without its password. */
export function storeLabel(c: Config): string {
  if (!c.DATABASE_URL) return c.DATABASE_PATH;
  const u = new URL(c.DATABASE_URL);
  if (u.password) u.password = '***';
  return u.href;
}

/** Read and validate configuration; a bad variable fails start-up with its name and the reason. */
export function loadConfig(env: NodeJS.ProcessEnv = process.env): Config {
  const parsed = envSchema.safeParse(env);
  if (!parsed.success) {
    const lines = parsed.error.issues.map((i) => `  ${i.path.join('.')}=${JSON.stringify(env[String(i.path[0])])}: ${i.message}`);
    throw new Error(`Invalid configuration:\n${lines.join('\n')}`);
  }
  return parsed.data;
}
