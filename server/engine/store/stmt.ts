import type { Db } from '../../db/open.js';
import type { Statement } from '../../db/types.js';

/**
 * Prepared statements cached per connection and SQL text. Preparing costs tens of microseconds; the
 * event path prepared ~10 statements per request, a large part of a single event's cost.
 */
const cache = new WeakMap<Db, Map<string, Statement>>();

export function stmt(db: Db, sql: string): Statement {
  let m = cache.get(db);
  if (!m) {
    m = new Map();
    cache.set(db, m);
  }
  let s = m.get(sql);
  if (!s) {
    s = db.prepare(sql);
    m.set(sql, s);
  }
  return s;
}
