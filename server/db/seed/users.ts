import { DEMO_SEED_PARAMS, hashPassword } from '../../auth/password.js';
import type { Role } from '../../../shared/roles.js';
import { dialectOf } from '../dialect.js';
import type { Db } from '../open.js';
import type { Rng } from './rng.js';

/** The password of every demo account (shown on the login page and in the README). */
export const DEMO_PASSWORD = 'Linkage@2026';

/** Fixed creation time, so seeding is byte-for-byte reproducible. */
export const DEMO_CREATED_AT = '2026-11-23T00:00:00.000Z';

export interface DemoUser {
  username: string;
  roles: readonly Role[];
  orgUnit: string;
  displayName: string;
}

export const DEMO_USERS: readonly DemoUser[] = [
  { username: 'admin', roles: ['admin'], orgUnit: 'province', displayName: '张管理' },
  { username: 'planner', roles: ['planner'], orgUnit: 'gz', displayName: '王策划' },
  { username: 'planner_sz', roles: ['planner'], orgUnit: 'sz', displayName: '林策划' },
  { username: 'supervisor', roles: ['supervisor'], orgUnit: 'gz', displayName: '陈主管' },
  { username: 'supervisor_prov', roles: ['supervisor'], orgUnit: 'province', displayName: '李审核' },
  { username: 'trainer', roles: ['trainer'], orgUnit: 'province', displayName: '赵培训' },
  { username: 'agent', roles: ['agent'], orgUnit: 'gz', displayName: '刘坐席' },
  // last, so the accounts above keep their ids
  { username: 'planner_th', roles: ['planner'], orgUnit: 'gz_tianhe', displayName: '黄策划' },
];

/**
 * Insert the demo accounts with ids 1..n. Salts come from the seeded RNG (not the system CSPRNG) only so
 * the seeded database is reproducible; the password is public anyway. Real accounts use hashPassword's random salt.
 */
export function seedUsers(db: Db, rng: Rng): void {
  const user = db.prepare('INSERT INTO users (id, username, display_name, password_hash, org_unit, disabled, created_at) VALUES (?, ?, ?, ?, ?, 0, ?)');
  const role = db.prepare('INSERT INTO user_roles (user_id, role) VALUES (?, ?)');
  DEMO_USERS.forEach((u, i) => {
    const salt = Buffer.alloc(16);
    for (let k = 0; k < 16; k += 4) salt.writeUInt32LE(rng.u32(), k);
    user.run(i + 1, u.username, u.displayName, hashPassword(DEMO_PASSWORD, salt, DEMO_SEED_PARAMS), u.orgUnit, DEMO_CREATED_AT);
    for (const r of u.roles) role.run(i + 1, r);
  });
  // Explicit ids do not advance PostgreSQL's identity sequence (SQLite's next rowid is max + 1 anyway):
  // move it past them, or the first account created later would collide with id 1.
  if (dialectOf(db) === 'postgres') db.prepare("SELECT setval(pg_get_serial_sequence('users', 'id'), (SELECT max(id) FROM users))").get();
}
