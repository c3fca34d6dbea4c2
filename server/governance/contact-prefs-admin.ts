import type { SessionUser } from '../core/context.js';
import type { Db } from '../db/open.js';
import { changeContactPref, contactPrefs, type PrefChange } from '../engine/store/contact-prefs.js';
import type { ChannelId } from '../../shared/catalogue/channels.js';
import { recordAudit } from './audit.js';
import { requireReachableCustomer } from './customer-access.js';

/** A customer's contact preferences with their last 50 changes, for an admin of the customer's unit. */
export function customerContactPrefs(db: Db, user: SessionUser, customerId: number) {
  requireReachableCustomer(db, user, customerId);
  const history = db.prepare(`SELECT kind, channel, source, detail, ack, at FROM contact_pref_changes WHERE customer_id = ? ORDER BY id DESC LIMIT 50`).all(customerId);
  return { ...contactPrefs(db, customerId)!, history };
}

export interface PrefsEdit {
  customerId: number;
  /** Do-not-disturb on (true) or off (false); absent: unchanged. */
  dnd?: boolean;
  /** Opt-outs to set (optedOut true) or clear (false), per channel or 'all' marketing channels. */
  optOut?: { channel: ChannelId | 'all'; optedOut: boolean }[];
  /** Why (a complaint ticket, the customer's call): kept in the audit log. */
  note?: string;
}

/** An admin sets or clears DND and opt-outs (e.g. after a complaint): one transaction, audited with before and after. */
export function editCustomerContactPrefs(db: Db, user: SessionUser, edit: PrefsEdit, now = Date.now()) {
  requireReachableCustomer(db, user, edit.customerId);
  const detail = `admin ${user.username}${edit.note ? `: ${edit.note}` : ''}`;
  return db.transaction(() => {
    const before = contactPrefs(db, edit.customerId)!;
    const change = (c: Omit<PrefChange, 'customerId' | 'source' | 'detail'>) => changeContactPref(db, { ...c, customerId: edit.customerId, source: 'admin', detail }, now);
    if (edit.dnd !== undefined) change({ kind: edit.dnd ? 'dnd_on' : 'dnd_off', channel: null });
    for (const o of edit.optOut ?? []) change({ kind: o.optedOut ? 'opt_out' : 'opt_in', channel: o.channel === 'all' ? null : o.channel });
    const after = contactPrefs(db, edit.customerId)!;
    recordAudit(db, { userId: user.id, action: 'customer.contact_prefs', entity: 'customer', entityId: String(edit.customerId), detail: { before, after, ...(edit.note ? { note: edit.note } : {}) } }, new Date(now));
    return after;
  })();
}
