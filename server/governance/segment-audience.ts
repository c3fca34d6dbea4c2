import type { SegmentData } from '../../shared/nodes/segment/definition.js';
import type { SessionUser } from '../core/context.js';
import { DomainError } from '../core/errors.js';
import type { Db } from '../db/open.js';
import { estimateAudience } from '../data/sample.js';
import { ConditionError } from '../engine/core/conditions.js';
import { CountSuperseded, exactAudience, type Audience } from '../segments/exact-count.js';
import { canSeeUnit } from './org-rules.js';

export interface AudienceQuery { segment: SegmentData; orgUnit: string; productId?: string }

/** Count in a unit the caller may see; the condition builder's own refusals are the caller's to read (a store error is logged, never echoed). */
function counted<T>(user: SessionUser, q: AudienceQuery, count: (opts: { productId?: string }) => T): T {
  if (!canSeeUnit(user, q.orgUnit)) throw new DomainError({ code: 'FORBIDDEN', message: `不能查看单位 ${q.orgUnit} 的客户 / You cannot count the customers of unit ${q.orgUnit}` });
  try {
    return count(q.productId ? { productId: q.productId } : {});
  } catch (e) {
    if (e instanceof ConditionError) throw new DomainError({ code: 'BAD_REQUEST', message: `客群条件无效 / Invalid segment: ${e.message}`, cause: e });
    throw e;
  }
}

/** The segment's size estimated from the subscriber sample with its 95% interval (null: no sample to ask). */
export const segmentEstimate = (db: Db, user: SessionUser, q: AudienceQuery) => counted(user, q, (opts) => estimateAudience(db, q.segment, q.orgUnit, opts));

/**
 * The segment's exact size in the unit: matching customers, all in scope, control hold-out. Counted off
 * the API thread; a newer count from the same user and `slot` (their segment node), or the request
 * closing, stops this one on the store; it answers `superseded` with no counts (nobody waits for it any more,
 * and an error status would be a console error in every browser whose user changed the conditions).
 */
export async function segmentAudience(db: Db, user: SessionUser, q: AudienceQuery & { slot?: string | undefined }, signal?: AbortSignal): Promise<Audience & { superseded?: true }> {
  try {
    return await counted(user, q, (opts) => exactAudience(db, q.segment, q.orgUnit, { slot: q.slot && `${user.id}:${q.slot}`, signal }, opts));
  } catch (e) {
    if (e instanceof CountSuperseded) return { count: 0, total: 0, control: 0, superseded: true };
    if (e instanceof ConditionError) throw new DomainError({ code: 'BAD_REQUEST', message: `客群条件无效 / Invalid segment: ${e.message}`, cause: e });
    throw e;
  }
}
