import { rmSync } from 'node:fs';
import { GROUP_IDS } from '../../shared/catalogue/groups.js';
import { openDb, type Db } from '../../server/db/open.js';
import { seedIfEmpty } from '../../server/db/seed/index.js';
import { startWalCheckpointer } from '../../server/db/wal-checkpointer.js';

/**
 * A fresh store (the engine's normal settings: WAL, synchronous=NORMAL, the log checkpointed on a thread) with the real catalogue and
 * `n` synthetic subscribers generated in SQL (the JS seeder needs ~14 s per 1e6). All are smartphone
 * owners, not on the do-not-disturb list and not opted out, so every contact is allowed; the checks still run.
 */
export function openBenchDb(path: string, n: number): Db {
  for (const s of ['', '-wal', '-shm']) rmSync(path + s, { force: true });
  const db = openDb(path);
  seedIfEmpty(db, { subscribers: 0, seed: 1 });
  const g = GROUP_IDS;
  const groupCase = `CASE value % ${g.length} ${g.map((x, i) => `WHEN ${i} THEN '${x}'`).join(' ')} END`;
  db.transaction(() => {
    db.prepare(`WITH RECURSIVE seq(value) AS (SELECT 1 UNION ALL SELECT value + 1 FROM seq WHERE value < ?)
      INSERT INTO subscribers (id, phone, name, group_id, city, plan, arpu, data_used_mb, data_allowance_mb, tenure_months, age,
        smartphone, has_broadband, dormant_days, churn_risk, dnd, opt_out_mask, joined_on)
      SELECT value, printf('139%08d', value), 'c' || value, ${groupCase}, 'gz', 'plan_58', 58, 3000, 10240, 36, 30, 1, 0, 10, 20, 0, 0, '2020-01-01'
      FROM seq`).run(n);
  })();
  db.exec('ANALYZE');
  // As the server runs its store (every contender alike); the thread ends with the contender's process.
  startWalCheckpointer(db, path);
  return db;
}
