import { DomainError } from '../core/errors.js';
import { randomBytes } from 'node:crypto';
import { hashPasswordAsync } from '../auth/password.js';
import type { Db } from '../db/open.js';
import type { Role } from '../../shared/roles.js';
import { recordAudit } from './audit.js';

export interface UserListRow {
  id: number;
  username: string;
  displayName: string;
  orgUnit: string;
  disabled: boolean;
  roles: Role[];
  createdAt: string;
}

export function listUsers(db: Db): UserListRow[] {
  // Roles gathered here rather than with group_concat, which PostgreSQL spells string_agg.
  const roles = new Map<number, Role[]>();
  for (const r of db.prepare('SELECT user_id, role FROM user_roles ORDER BY user_id, role').all() as { user_id: number; role: Role }[]) {
    const list = roles.get(r.user_id);
    if (list) list.push(r.role);
    else roles.set(r.user_id, [r.role]);
  }
  const rows = db.prepare('SELECT id, username, display_name, org_unit, disabled, created_at FROM users ORDER BY id').all() as { id: number; username: string; display_name: string; org_unit: string; disabled: number; created_at: string }[];
  return rows.map((r) => ({ id: r.id, username: r.username, displayName: r.display_name, orgUnit: r.org_unit, disabled: !!r.disabled, createdAt: r.created_at, roles: roles.get(r.id) ?? [] }));
}

const rolesOf = (db: Db, id: number) => db.prepare('SELECT role FROM user_roles WHERE user_id = ? ORDER BY role').pluck().all(id) as Role[];

function assertUser(db: Db, id: number): { username: string } {
  const u = db.prepare('SELECT username FROM users WHERE id = ?').get(id) as { username: string } | undefined;
  if (!u) throw new DomainError({ code: 'NOT_FOUND', message: `用户 ${id} 不存在 / User ${id} not found` });
  return u;
}

/** At least one enabled admin must remain, so administration can never lock itself out. */
function assertAnotherAdmin(db: Db, exceptId: number): void {
  const n = db.prepare(`SELECT count(*) FROM users u JOIN user_roles r ON r.user_id = u.id AND r.role = 'admin' WHERE u.disabled = 0 AND u.id <> ?`).pluck().get(exceptId) as number;
  if (n === 0) throw new DomainError({ code: 'PRECONDITION_FAILED', message: '至少需要保留一个可用的管理员 / At least one active admin must remain' });
}

/** Hashing comes first, on the thread pool (about 0.4 s of CPU at OWASP's parameters), never inside the transaction. */
export async function createUser(db: Db, actorId: number, u: { username: string; displayName: string; orgUnit: string; roles: Role[]; password: string }): Promise<UserListRow> {
  const hash = await hashPasswordAsync(u.password);
  return db.transaction(() => {
    if (db.prepare('SELECT 1 FROM users WHERE username = ?').get(u.username)) throw new DomainError({ code: 'CONFLICT', message: `用户名 ${u.username} 已存在 / Username ${u.username} is taken` });
    if (!db.prepare('SELECT 1 FROM org_units WHERE id = ?').get(u.orgUnit)) throw new DomainError({ code: 'BAD_REQUEST', message: `未知组织单位 ${u.orgUnit} / Unknown unit ${u.orgUnit}` });
    const id = db.prepare('INSERT INTO users (username, display_name, password_hash, org_unit, disabled, created_at) VALUES (?, ?, ?, ?, 0, ?) RETURNING id')
      .pluck().get(u.username, u.displayName, hash, u.orgUnit, new Date().toISOString()) as number;
    for (const r of new Set(u.roles)) db.prepare('INSERT INTO user_roles (user_id, role) VALUES (?, ?)').run(id, r);
    recordAudit(db, { userId: actorId, action: 'user.create', entity: 'user', entityId: String(id), detail: { username: u.username, orgUnit: u.orgUnit, roles: [...new Set(u.roles)].sort() } });
    return listUsers(db).find((x) => x.id === id)!;
  })();
}

export function setRoles(db: Db, actorId: number, userId: number, roles: Role[]): UserListRow {
  return db.transaction(() => {
    const { username } = assertUser(db, userId);
    const before = rolesOf(db, userId);
    const after = [...new Set(roles)].sort();
    if (before.includes('admin') && !after.includes('admin')) assertAnotherAdmin(db, userId);
    db.prepare('DELETE FROM user_roles WHERE user_id = ?').run(userId);
    for (const r of after) db.prepare('INSERT INTO user_roles (user_id, role) VALUES (?, ?)').run(userId, r);
    recordAudit(db, { userId: actorId, action: 'user.roles', entity: 'user', entityId: String(userId), detail: { username, before, after, added: after.filter((r) => !before.includes(r)), removed: before.filter((r) => !after.includes(r)) } });
    return listUsers(db).find((x) => x.id === userId)!;
  })();
}

export function setDisabled(db: Db, actorId: number, userId: number, disabled: boolean): UserListRow {
  return db.transaction(() => {
    const { username } = assertUser(db, userId);
    if (disabled && rolesOf(db, userId).includes('admin')) assertAnotherAdmin(db, userId);
    db.prepare('UPDATE users SET disabled = ? WHERE id = ?').run(disabled ? 1 : 0, userId);
    if (disabled) db.prepare('DELETE FROM sessions WHERE user_id = ?').run(userId);
    recordAudit(db, { userId: actorId, action: disabled ? 'user.disable' : 'user.enable', entity: 'user', entityId: String(userId), detail: { username } });
    return listUsers(db).find((x) => x.id === userId)!;
  })();
}

/** Set a new password (a generated one when none is given, returned once); ends the user's sessions. */
export async function resetPassword(db: Db, actorId: number, userId: number, password?: string): Promise<{ password: string }> {
  const plain = password ?? `Lk-${randomBytes(6).toString('base64url')}`;
  assertUser(db, userId);
  const hash = await hashPasswordAsync(plain);
  db.transaction(() => {
    const { username } = assertUser(db, userId);
    db.prepare('UPDATE users SET password_hash = ? WHERE id = ?').run(hash, userId);
    db.prepare('DELETE FROM sessions WHERE user_id = ?').run(userId);
    recordAudit(db, { userId: actorId, action: 'user.reset_password', entity: 'user', entityId: String(userId), detail: { username, generated: password === undefined } });
  })();
  return { password: plain };
}

export function setOrgUnit(db: Db, actorId: number, userId: number, orgUnit: string): UserListRow {
  return db.transaction(() => {
    const { username } = assertUser(db, userId);
    if (!db.prepare('SELECT 1 FROM org_units WHERE id = ?').get(orgUnit)) throw new DomainError({ code: 'BAD_REQUEST', message: `未知组织单位 ${orgUnit} / Unknown unit ${orgUnit}` });
    const before = db.prepare('SELECT org_unit FROM users WHERE id = ?').pluck().get(userId) as string;
    db.prepare('UPDATE users SET org_unit = ? WHERE id = ?').run(orgUnit, userId);
    recordAudit(db, { userId: actorId, action: 'user.org_unit', entity: 'user', entityId: String(userId), detail: { username, before, after: orgUnit } });
    return listUsers(db).find((x) => x.id === userId)!;
  })();
}
