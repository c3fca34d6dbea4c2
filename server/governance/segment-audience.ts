import type { SegmentData } from '../../shared/nodes/segment/definition.js';
import type { SessionUser } from '../core/context.js';
import { DomainError } from '../core/errors.js';
import type { Db } from '../db/open.js';
import { estimateAudience } from '../data/sample.js';
import { ConditionError } from '../engine/core/conditions.js';
import { audiencePreview } from '../engine/runtime/enrolment.js';
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

/** The segment's exact size in the unit: matching customers, all in scope, control hold-out. */
export const segmentAudience = (db: Db, user: SessionUser, q: AudienceQuery) => counted(user, q, (opts) => audiencePreview(db, q.segment, q.orgUnit, opts));
