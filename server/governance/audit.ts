import type { Db } from '../db/open.js';

export interface AuditEntry {
  userId: number | null;
  /** Dotted verb, e.g. `flow.submit`, `flow.publish`, `user.roles`, `template.publish`. */
  action: string;
  entity: 'flow' | 'user' | 'template' | 'customer' | 'channel' | 'attribute' | 'saved_segment' | 'catalogue' | 'provisioning';
  entityId: string;
  detail?: Record<string, unknown>;
}

/** Append one entry to the audit log (the table refuses updates and deletes). */
export function recordAudit(db: Db, e: AuditEntry, at: Date = new Date()): void {
  db.prepare('INSERT INTO audit_log (at, user_id, action, entity, entity_id, detail) VALUES (?, ?, ?, ?, ?, ?)')
    .run(at.toISOString(), e.userId, e.action, e.entity, e.entityId, JSON.stringify(e.detail ?? {}));
}

export interface AuditFilter {
  action?: string;
  userId?: number;
  entity?: string;
  entityId?: string;
  /** ISO dates or date-times, inclusive; a bare date `to` covers the whole day. */
  from?: string;
  to?: string;
  limit: number;
  offset: number;
}

export interface AuditRow {
  id: number;
  at: string;
  userId: number | null;
  username: string | null;
  displayName: string | null;
  action: string;
  entity: string;
  entityId: string;
  detail: Record<string, unknown>;
}

/** Newest first, filtered; `total` counts every match for paging. */
export function queryAudit(db: Db, f: AuditFilter): { rows: AuditRow[]; total: number } {
  const where: string[] = [];
  const args: (string | number)[] = [];
  // lower() on both sides: LIKE ignores case in SQLite but not in PostgreSQL.
  if (f.action) { where.push('(a.action = ? OR lower(a.action) LIKE lower(?))'); args.push(f.action, `${f.action}.%`); }
  if (f.userId !== undefined) { where.push('a.user_id = ?'); args.push(f.userId); }
  if (f.entity) { where.push('a.entity = ?'); args.push(f.entity); }
  if (f.entityId) { where.push('a.entity_id = ?'); args.push(f.entityId); }
  if (f.from) { where.push('a.at >= ?'); args.push(f.from); }
  if (f.to) { where.push('a.at <= ?'); args.push(f.to.length === 10 ? `${f.to}T23:59:59.999Z` : f.to); }
  const sqlWhere = where.length ? `WHERE ${where.join(' AND ')}` : '';
  const total = db.prepare(`SELECT count(*) FROM audit_log a ${sqlWhere}`).pluck().get(...args) as number;
  const rows = db
    .prepare(`SELECT a.id, a.at, a.user_id, u.username, u.display_name, a.action, a.entity, a.entity_id, a.detail
              FROM audit_log a LEFT JOIN users u ON u.id = a.user_id ${sqlWhere} ORDER BY a.id DESC LIMIT ? OFFSET ?`)
    .all(...args, f.limit, f.offset) as { id: number; at: string; user_id: number | null; username: string | null; display_name: string | null; action: string; entity: string; entity_id: string; detail: string }[];
  return {
    total,
    rows: rows.map((r) => ({ id: r.id, at: r.at, userId: r.user_id, username: r.username, displayName: r.display_name, action: r.action, entity: r.entity, entityId: r.entity_id, detail: safeJson(r.detail) })),
  };
}

/** Distinct actions present in the log, for the filter menu. */
export const auditActions = (db: Db): string[] => db.prepare('SELECT DISTINCT action FROM audit_log ORDER BY action').pluck().all() as string[];

function safeJson(s: string): Record<string, unknown> {
  try {
    const v: unknown = JSON.parse(s);
    return typeof v === 'object' && v !== null ? (v as Record<string, unknown>) : {};
  } catch {
    return {};
  }
}
