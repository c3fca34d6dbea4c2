import { z } from 'zod';
import { conditionGroupSchema, type ConditionGroup } from '../../shared/flow/conditions.js';
import { segmentDataSchema, type SegmentData } from '../../shared/nodes/segment/definition.js';
import { nodeDef } from '../../shared/nodes/registry.js';
import type { SessionUser } from '../core/context.js';
import { DomainError } from '../core/errors.js';
import type { Db } from '../db/types.js';
import { ConditionError, groupSql } from '../engine/core/conditions.js';
import { recordAudit } from '../governance/audit.js';
import { canSeeUnit, isProvinceUnit, visibleUnits } from '../governance/org-rules.js';
import { liveFlowDocuments, type FlowRef } from '../attributes/usage.js';
import { followsSavedSegments } from './draft-copies.js';
import { CountSuperseded, exactAudience } from './exact-count.js';

/**
 * Saved segments (#18 item 4, "将条件以模板方式保存"): a named condition set (conditions + exclusions) that
 * several flows' segment nodes reference by id. A unit owns it: a city's planners edit their city's, the
 * province's planners the province's (shared with every city); everybody who designs sees their unit's and
 * the province's. A flow keeps a copy (see the segment node's `savedSegmentId`), so a published flow keeps
 * the conditions it was approved with.
 */
export const savedSegmentInputSchema = z.object({
  name: z.string().trim().min(1, '请填写名称 / Name is required').max(60),
  conditions: conditionGroupSchema,
  exclusions: segmentDataSchema.shape.exclusions,
});
export type SavedSegmentInput = z.infer<typeof savedSegmentInputSchema>;

export interface SavedSegment {
  id: number;
  name: string;
  orgUnit: string;
  conditions: ConditionGroup;
  exclusions: SegmentData['exclusions'];
  revision: number;
  updatedAt: number;
  updatedBy: string | null;
  /** The caller may edit it (their unit's, as a planner or admin). */
  editable: boolean;
}

interface Row { id: number | string; name: string; org_unit: string; conditions: string; exclusions: string; revision: number | string; updated_at: number | string; updated_by: string | null }

const fail = (code: 'BAD_REQUEST' | 'FORBIDDEN' | 'NOT_FOUND' | 'CONFLICT' | 'PRECONDITION_FAILED', zh: string, en: string) => new DomainError({ code, message: `${zh} / ${en}` });

const canEdit = (user: SessionUser, unit: string): boolean =>
  (user.roles.includes('planner') || user.roles.includes('admin')) && (user.orgUnit === unit || (user.roles.includes('admin') && isProvinceUnit(user.orgUnit)));

function toSegment(user: SessionUser, r: Row): SavedSegment {
  return {
    id: Number(r.id), name: r.name, orgUnit: r.org_unit, conditions: JSON.parse(r.conditions) as ConditionGroup,
    exclusions: JSON.parse(r.exclusions) as SegmentData['exclusions'], revision: Number(r.revision), updatedAt: Number(r.updated_at),
    updatedBy: r.updated_by, editable: canEdit(user, r.org_unit),
  };
}

const SELECT = `SELECT g.id, g.name, g.org_unit, g.conditions, g.exclusions, g.revision, g.updated_at, u.display_name AS updated_by
  FROM saved_segments g LEFT JOIN users u ON u.id = g.updated_by`;

export function listSavedSegments(db: Db, user: SessionUser): SavedSegment[] {
  const units = visibleUnits(user);
  const rows = units === 'all'
    ? db.prepare(`${SELECT} ORDER BY g.name`).all()
    : db.prepare(`${SELECT} WHERE g.org_unit IN (${units.map(() => '?').join(',')}) ORDER BY g.name`).all(...units);
  return (rows as Row[]).map((r) => toSegment(user, r));
}

/** One saved segment the caller may see; another unit's is "not found", as flows are. */
export function getSavedSegment(db: Db, user: SessionUser, id: number): SavedSegment {
  const row = db.prepare(`${SELECT} WHERE g.id = ?`).get(id) as Row | undefined;
  if (!row || !canSeeUnit(user, row.org_unit)) throw fail('NOT_FOUND', `保存的客群 ${id} 不存在`, `saved segment ${id} does not exist`);
  return toSegment(user, row);
}

/** The conditions must name attributes of the catalogue with operators and values that fit them. */
function checkConditions(conditions: ConditionGroup): void {
  try {
    groupSql(conditions, []);
  } catch (e) {
    if (e instanceof ConditionError) throw fail('BAD_REQUEST', `客群条件无效（conditions）：${e.message}`, `conditions: ${e.message}`);
    throw e;
  }
}

function assertEditable(user: SessionUser, unit: string): void {
  if (!canEdit(user, unit)) throw fail('FORBIDDEN', `只能编辑本单位（${user.orgUnit}）的客群`, `you can edit the saved segments of your own unit (${user.orgUnit}) only`);
}

export function createSavedSegment(db: Db, user: SessionUser, input: SavedSegmentInput & { orgUnit?: string }): SavedSegment {
  const unit = input.orgUnit ?? user.orgUnit;
  assertEditable(user, unit);
  checkConditions(input.conditions);
  const id = db.transaction(() => {
    if (db.prepare('SELECT 1 FROM saved_segments WHERE org_unit = ? AND name = ?').get(unit, input.name)) {
      throw fail('CONFLICT', `名称「${input.name}」已被本单位的客群使用（name）`, `name: "${input.name}" is already a saved segment of this unit`);
    }
    const now = Date.now();
    const newId = Number(db.prepare(`INSERT INTO saved_segments (name, org_unit, conditions, exclusions, revision, created_by, updated_by, created_at, updated_at)
      VALUES (?, ?, ?, ?, 1, ?, ?, ?, ?) RETURNING id`).pluck().get(input.name, unit, JSON.stringify(input.conditions), JSON.stringify(input.exclusions), user.id, user.id, now, now));
    recordAudit(db, { userId: user.id, action: 'segment.create', entity: 'saved_segment', entityId: String(newId), detail: { name: input.name, orgUnit: unit } });
    return newId;
  })();
  return getSavedSegment(db, user, id);
}

/** Edit by revision (two planners editing the same segment: the second is told, not overwritten). */
export function updateSavedSegment(db: Db, user: SessionUser, id: number, revision: number, input: SavedSegmentInput): SavedSegment {
  const current = getSavedSegment(db, user, id);
  assertEditable(user, current.orgUnit);
  checkConditions(input.conditions);
  db.transaction(() => {
    if (db.prepare('SELECT 1 FROM saved_segments WHERE org_unit = ? AND name = ? AND id <> ?').get(current.orgUnit, input.name, id)) {
      throw fail('CONFLICT', `名称「${input.name}」已被本单位的客群使用（name）`, `name: "${input.name}" is already a saved segment of this unit`);
    }
    const changed = db.prepare(`UPDATE saved_segments SET name = ?, conditions = ?, exclusions = ?, revision = revision + 1, updated_by = ?, updated_at = ?
      WHERE id = ? AND revision = ?`).run(input.name, JSON.stringify(input.conditions), JSON.stringify(input.exclusions), user.id, Date.now(), id, revision).changes;
    if (!changed) throw fail('CONFLICT', '此客群已被他人修改，请刷新后再编辑', 'this saved segment was changed by someone else; reload and edit again');
    recordAudit(db, { userId: user.id, action: 'segment.update', entity: 'saved_segment', entityId: String(id), detail: { before: { name: current.name, conditions: current.conditions, exclusions: current.exclusions }, after: input } });
  })();
  return getSavedSegment(db, user, id);
}

/** Flows (not archived) whose segment node references the saved segment. */
export function savedSegmentUsers(db: Db, id: number): FlowRef[] {
  return liveFlowDocuments(db)
    .filter((f) => f.docs.some((d) => d.includes('"savedSegmentId"') && (JSON.parse(d) as { nodes?: { type: string; data?: unknown }[] }).nodes?.some((n) => nodeDef(n.type)?.savedSegment?.linked(n.data) === id)))
    .map((f) => f.flow);
}

export interface SegmentUsers {
  /** The flows using it that the caller sees, each saying whether an edit reaches it. */
  flows: (FlowRef & { takesChanges: boolean })[];
  /** How many more flows use it in units the caller cannot see: counted, never named. */
  hidden: number;
}

/**
 * Who uses a saved segment, as far as the caller may know: a draft takes an edit when it is next validated,
 * compiled or submitted; a submitted, approved or published flow keeps its copy. A district planner using a
 * province segment learns that other cities' flows use it (so "no flow uses it" is never said untruly).
 */
export function usedBy(db: Db, user: SessionUser, id: number): SegmentUsers {
  getSavedSegment(db, user, id);
  const all = savedSegmentUsers(db, id);
  const flows = all.filter((f) => user.roles.includes('admin') || canSeeUnit(user, f.orgUnit)).map((f) => ({ ...f, takesChanges: followsSavedSegments(f.status) }));
  return { flows, hidden: all.length - flows.length };
}

export function deleteSavedSegment(db: Db, user: SessionUser, id: number): void {
  const current = getSavedSegment(db, user, id);
  assertEditable(user, current.orgUnit);
  db.transaction(() => {
    const users = savedSegmentUsers(db, id);
    if (users.length) {
      throw fail('PRECONDITION_FAILED', `客群「${current.name}」正被流程使用，不能删除：${users.map((f) => `「${f.name}」`).join('、')}`, `saved segment "${current.name}" is used by flows and cannot be deleted: ${users.map((f) => `"${f.name}"`).join(', ')}`);
    }
    db.prepare('DELETE FROM saved_segments WHERE id = ?').run(id);
    recordAudit(db, { userId: user.id, action: 'segment.delete', entity: 'saved_segment', entityId: String(id), detail: { name: current.name } });
  })();
}

/**
 * The live count of a saved segment in a unit the caller sees (no control hold-out: that is the flow's),
 * counted off the API thread as the builder's count is: a newer count in the caller's `slot` (their panel,
 * on another segment or unit now) or the request closing stops it, and it answers `superseded` (no counts).
 */
export async function countSavedSegment(db: Db, user: SessionUser, id: number, orgUnit: string, o: { slot?: string | undefined; signal?: AbortSignal | undefined } = {}): Promise<{ count: number; total: number; superseded?: true }> {
  const s = getSavedSegment(db, user, id);
  if (!canSeeUnit(user, orgUnit)) throw fail('FORBIDDEN', `不能查看单位 ${orgUnit} 的客户`, `you cannot count the customers of unit ${orgUnit}`);
  checkConditions(s.conditions);
  const segment: SegmentData = { conditions: s.conditions, exclusions: s.exclusions, controlGroupPct: 0, entry: { mode: 'once' }, reentry: { mode: 'never' } };
  try {
    const r = await exactAudience(db, segment, orgUnit, { slot: o.slot && `saved-segment:${user.id}:${o.slot}`, signal: o.signal });
    return { count: r.count, total: r.total };
  } catch (e) {
    if (e instanceof CountSuperseded) return { count: 0, total: 0, superseded: true };
    throw e;
  }
}
