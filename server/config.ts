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
  /** Bearer key for POST /api/events (event feeds). Demo mode defaults it to DEV_EVENTS_KEY, which is refused otherwise. */
  EVENTS_API_KEY: z.string().optional(),
  /** Bearer key of the call centre's dialer (POST /api/dialer/*). Demo mode defaults it to DEV_DIALER_KEY, refused otherwise. */
  DIALER_API_KEY: z.string().optional(),
  /** Demo mode (demo accounts and their public password, the dev events key): 1/0; unset = on unless NODE_ENV=production. */
  LINKAGE_DEMO: z.enum(['0', '1']).optional(),
  NODE_ENV: z.string().optional(),
  /** Outside demo mode: the admin account's password, set at start while it still has the public demo password. */
  LINKAGE_ADMIN_PASSWORD: z.string().min(10).max(200).optional(),
  /**
   * Which proxies in front may set X-Forwarded-For/-Proto: `false` (none: the peer is the client), a hop count,
   * or a comma list of addresses, subnets or express names (loopback, uniquelocal…). `true` is refused: it
   * would trust a client's own X-Forwarded-For and let it reset its login limit.
   */
  TRUST_PROXY: z.string().default('false').refine((v) => v.trim() !== 'true', 'name the proxies (a hop count or addresses), not true'),
});

/** The events key of the README's curl examples: public, so accepted in demo mode only. */
export const DEV_EVENTS_KEY = 'dev-events-key';
export const DEV_DIALER_KEY = 'dev-dialer-key';

export type Config = Omit<z.infer<typeof envSchema>, 'EVENTS_API_KEY' | 'DIALER_API_KEY'> & {
  /** Empty: no bearer key, only admin sessions may post events. */
  EVENTS_API_KEY: string;
  /** Empty: the dialer API is closed. */
  DIALER_API_KEY: string;
  demo: boolean;
  /** express's `trust proxy` setting. */
  trustProxy: false | number | string[];
};

function trustProxyOf(v: string): Config['trustProxy'] {
  const s = v.trim();
  if (s === '' || s === 'false' || s === '0') return false;
  if (/^\d+$/.test(s)) return Number(s);
  return s.split(',').map((x) => x.trim()).filter(Boolean);
}

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
  const c = parsed.data;
  const demo = c.LINKAGE_DEMO ? c.LINKAGE_DEMO === '1' : c.NODE_ENV !== 'production';
  // Public demo keys (the README's examples) open the APIs in demo mode only.
  const devKeys = { EVENTS_API_KEY: DEV_EVENTS_KEY, DIALER_API_KEY: DEV_DIALER_KEY } as const;
  for (const [name, dev] of Object.entries(devKeys) as [keyof typeof devKeys, string][]) {
    if (!demo && c[name] === dev) throw new Error(`Invalid configuration:\n  ${name}="${dev}": the public demo key is refused outside demo mode; set a secret one`);
  }
  return { ...c, EVENTS_API_KEY: c.EVENTS_API_KEY ?? (demo ? devKeys.EVENTS_API_KEY : ''), DIALER_API_KEY: c.DIALER_API_KEY ?? (demo ? devKeys.DIALER_API_KEY : ''), demo, trustProxy: trustProxyOf(c.TRUST_PROXY) };
}
