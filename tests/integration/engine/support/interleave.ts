import type { Db, Statement } from '../../../../server/db/types.js';

/**
 * A view of a SQLite `db` whose transactions another writer can be slipped into: once armed, `between`
 * runs the first time a writing statement is about to run inside a transaction — after that
 * transaction's reads, before its first write. better-sqlite3 is synchronous, so the interleaving is
 * exact every time, with no timing involved.
 */
export function interleaved(db: Db): { db: Db; arm: (between: () => void) => void } {
  let armed: (() => void) | null = null;
  const fire = (st: Statement): void => {
    // better-sqlite3's `reader`: false for a statement that returns no rows (a write).
    if (!armed || !db.inTransaction || (st as unknown as { reader: boolean }).reader) return;
    const f = armed;
    armed = null;
    f();
  };
  const wrap = (st: Statement): Statement => {
    const view: Statement = new Proxy(st, {
      get(t, p) {
        const v = Reflect.get(t, p, t) as unknown;
        if (typeof v !== 'function') return v;
        if (p === 'pluck' || p === 'raw') return (...a: unknown[]) => { (v as (...x: unknown[]) => unknown).apply(t, a); return view; };
        if (p === 'run' || p === 'get' || p === 'all' || p === 'iterate') return (...a: unknown[]) => { fire(t); return (v as (...x: unknown[]) => unknown).apply(t, a); };
        return (v as (...x: unknown[]) => unknown).bind(t);
      },
    });
    return view;
  };
  const view = new Proxy(db, {
    get(t, p) {
      if (p === 'prepare') return (sql: string) => wrap(t.prepare(sql));
      const v = Reflect.get(t, p, t) as unknown;
      return typeof v === 'function' ? (v as (...x: unknown[]) => unknown).bind(t) : v;
    },
  });
  return { db: view, arm: (between) => { armed = between; } };
}
