import { DomainError } from '../core/errors.js';
import type { Db } from '../db/open.js';
import type { SessionUser } from '../core/context.js';
import { canSeeCustomer, type CustomerHome } from './org-rules.js';

const customerHome = (db: Db, id: number) => db.prepare('SELECT city, district FROM subscribers WHERE id = ?').get(id) as CustomerHome | undefined;

/** For acting on a customer (admins): NOT_FOUND if there is none, FORBIDDEN if they belong to another unit. */
export function requireReachableCustomer(db: Db, user: Pick<SessionUser, 'orgUnit'>, id: number): void {
  const home = customerHome(db, id);
  if (home === undefined) throw new DomainError({ code: 'NOT_FOUND', message: `没有客户 ${id} / No customer ${id}` });
  if (!canSeeCustomer(user, home)) throw new DomainError({ code: 'FORBIDDEN', message: '不是您所在单位的客户 / Not a customer of your unit' });
}

/** For reading a customer's personal data: another unit's customer is answered as an unknown one (NOT_FOUND). */
export function requireVisibleCustomer(db: Db, user: Pick<SessionUser, 'orgUnit'>, id: number): void {
  const home = customerHome(db, id);
  if (home === undefined || !canSeeCustomer(user, home)) throw new DomainError({ code: 'NOT_FOUND', message: `没有客户 ${id} / No customer ${id}` });
}
