import type { Db } from '../db/open.js';

/** Users who appear in the audit log, for its user filter (supervisors may not list all users). */
export const auditUsers = (db: Db): { id: number; username: string; displayName: string }[] =>
  db.prepare('SELECT DISTINCT u.id, u.username, u.display_name AS "displayName" FROM audit_log a JOIN users u ON u.id = a.user_id ORDER BY u.id').all() as { id: number; username: string; displayName: string }[];
