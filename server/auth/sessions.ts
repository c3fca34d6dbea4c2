import { createHash, randomBytes } from 'node:crypto';
import type { Db } from '../db/open.js';
import type { SessionUser } from '../core/context.js';
import type { Role } from '../../shared/roles.js';

export const SESSION_COOKIE = 'linkage_sid';
const SESSION_DAYS = 7;

/**
 * The store keeps the SHA-256 of a session token, never the token: a leaked table or backup opens no
 * session. The token has 256 random bits, so a fast unsalted hash is enough.
 */
export const storedSessionId = (token: string): string => createHash('sha256').update(token).digest('base64url');

/** A new session; `id` is the token for the cookie (returned once, stored only hashed). Expired sessions are purged here. */
export function createSession(db: Db, userId: number): { id: string; csrfToken: string; expiresAt: Date } {
  const id = randomBytes(32).toString('base64url');
  const csrfToken = randomBytes(24).toString('base64url');
  const now = new Date();
  const expiresAt = new Date(now.getTime() + SESSION_DAYS * 86_400_000);
  db.prepare('DELETE FROM sessions WHERE expires_at < ?').run(now.toISOString());
  db.prepare('INSERT INTO sessions (id, user_id, csrf_token, created_at, expires_at) VALUES (?, ?, ?, ?, ?)').run(storedSessionId(id), userId, csrfToken, now.toISOString(), expiresAt.toISOString());
  return { id, csrfToken, expiresAt };
}

/** End a session, by the stored id that `loadSession` returns as `session.id`. */
export function deleteSession(db: Db, storedId: string): void {
  db.prepare('DELETE FROM sessions WHERE id = ?').run(storedId);
}

/** Resolve a session token (the cookie) to its user and stored session; expired sessions and disabled users resolve to null. */
export function loadSession(db: Db, token: string | undefined): { user: SessionUser; session: { id: string; csrfToken: string } } | null {
  if (!token) return null;
  const row = db
    .prepare(`SELECT s.id, s.csrf_token, s.expires_at, u.id AS user_id, u.username, u.display_name, u.org_unit, u.disabled
              FROM sessions s JOIN users u ON u.id = s.user_id WHERE s.id = ?`)
    .get(storedSessionId(token)) as { id: string; csrf_token: string; expires_at: string; user_id: number; username: string; display_name: string; org_unit: string; disabled: number } | undefined;
  if (!row || row.disabled || row.expires_at < new Date().toISOString()) return null;
  return { user: loadUser(db, row.user_id)!, session: { id: row.id, csrfToken: row.csrf_token } };
}

export function loadUser(db: Db, userId: number): SessionUser | null {
  const u = db.prepare('SELECT id, username, display_name, org_unit FROM users WHERE id = ?').get(userId) as { id: number; username: string; display_name: string; org_unit: string } | undefined;
  if (!u) return null;
  const roles = db.prepare('SELECT role FROM user_roles WHERE user_id = ? ORDER BY role').pluck().all(userId) as Role[];
  return { id: u.id, username: u.username, displayName: u.display_name, orgUnit: u.org_unit, roles };
}
