import type { Db } from '../types.js';
import { CONNECTION_LOST } from './protocol.js';

export interface StoreHealth {
  ok: boolean;
  /** Why not, in words an operator can act on. */
  error?: string;
}

/**
 * The store's health for `/api/health`: a PostgreSQL store whose connection is being re-established is
 * unhealthy at once (no query, no wait); otherwise `SELECT 1` must answer — and a failure says why
 * instead of surfacing as a 500.
 */
export function storeHealth(db: Db): StoreHealth {
  if ((db as { connected?: boolean }).connected === false) return { ok: false, error: 'PostgreSQL connection lost; reconnecting' };
  try {
    return db.prepare('SELECT 1').pluck().get() === 1 ? { ok: true } : { ok: false, error: 'SELECT 1 gave an unexpected answer' };
  } catch (err) {
    return { ok: false, error: err instanceof Error ? err.message : String(err) };
  }
}

/** Whether a request failed because the store's connection is down (being re-established): a 503, not a 500. */
export const isStoreDown = (err: unknown): boolean => (err as { code?: unknown } | null)?.code === CONNECTION_LOST;
