import { isDeepStrictEqual } from 'node:util';
import type { ConditionGroup } from '../../shared/flow/conditions.js';
import type { FlowStatus } from '../../shared/governance/lifecycle.js';
import { nodeDef } from '../../shared/nodes/registry.js';
import type { Db } from '../db/types.js';

/**
 * Statuses whose working copy follows the saved segments it links: a draft (or a rejected one being
 * reworked) takes a saved segment's edits when it is validated, compiled and submitted; from submit on,
 * the flow keeps the copy it was reviewed and approved with.
 */
const FOLLOWING: readonly FlowStatus[] = ['draft', 'rejected'];
export const followsSavedSegments = (status: string): boolean => (FOLLOWING as readonly string[]).includes(status);

interface StoredNode { type: string; data?: unknown }

/**
 * The flow document (JSON) with every linked segment copy (a node whose definition links saved segments)
 * replaced by its saved segment's current conditions and exclusions; the same string when nothing differs.
 * A saved segment that no longer exists leaves its copy as it was (the designer tells the planner to detach).
 */
export function refreshSavedCopies(db: Db, json: string): string {
  if (!json.includes('"savedSegmentId"')) return json;
  const doc = JSON.parse(json) as { nodes?: StoredNode[] };
  const linked = (doc.nodes ?? []).flatMap((n) => {
    const hook = nodeDef(n.type)?.savedSegment;
    const id = hook?.linked(n.data);
    return hook && id !== undefined ? [{ n, hook, id }] : [];
  });
  if (!linked.length) return json;
  const ids = [...new Set(linked.map((l) => l.id))];
  const rows = db.prepare(`SELECT id, conditions, exclusions FROM saved_segments WHERE id IN (${ids.map(() => '?').join(',')})`).all(...ids) as { id: number | string; conditions: string; exclusions: string }[];
  const saved = new Map(rows.map((r) => [Number(r.id), r]));
  let changed = false;
  for (const { n, hook, id } of linked) {
    const s = saved.get(id);
    if (!s) continue;
    const next = hook.copy(n.data, { conditions: JSON.parse(s.conditions) as ConditionGroup, exclusions: JSON.parse(s.exclusions) as unknown });
    if (isDeepStrictEqual(next, n.data)) continue;
    n.data = next;
    changed = true;
  }
  return changed ? JSON.stringify(doc) : json;
}

/** The stored working copy as it validates and compiles: a draft's linked segments as saved today. */
export function workingDocument(db: Db, flow: { id: string; status: string }): string {
  const json = db.prepare('SELECT document FROM flows WHERE id = ?').pluck().get(flow.id) as string;
  return followsSavedSegments(flow.status) ? refreshSavedCopies(db, json) : json;
}
