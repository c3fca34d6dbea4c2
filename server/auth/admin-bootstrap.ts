import type { Config } from '../config.js';
import type { Db } from '../db/open.js';
import { DEMO_PASSWORD } from '../db/seed/users.js';
import { recordAudit } from '../governance/audit.js';
import type { Logger } from '../logger.js';
import { hashPassword, verifyPassword } from './password.js';
import { passwordProblem } from './password-policy.js';

/**
 * Outside demo mode the public demo password opens nothing, so a fresh installation needs its first
 * admin password from the operator: LINKAGE_ADMIN_PASSWORD replaces `admin`'s while it is still the demo one.
 */
export function bootstrapAdmin(db: Db, config: Config, log: Logger): void {
  if (config.demo) return;
  const row = db.prepare("SELECT id, password_hash FROM users WHERE username = 'admin'").get() as { id: number; password_hash: string } | undefined;
  if (!row || !verifyPassword(DEMO_PASSWORD, row.password_hash)) return;
  const plain = config.LINKAGE_ADMIN_PASSWORD;
  if (!plain) return void log.warn('demo mode is off and admin still has the public demo password, which is refused: set LINKAGE_ADMIN_PASSWORD to log in');
  const problem = passwordProblem(plain, 'admin');
  if (problem) throw new Error(`Invalid configuration:\n  LINKAGE_ADMIN_PASSWORD: ${problem.en}`);
  db.prepare('UPDATE users SET password_hash = ? WHERE id = ?').run(hashPassword(plain), row.id);
  recordAudit(db, { userId: null, action: 'user.reset_password', entity: 'user', entityId: String(row.id), detail: { username: 'admin', via: 'LINKAGE_ADMIN_PASSWORD' } });
  log.info('admin password set from LINKAGE_ADMIN_PASSWORD');
}
