import { isDeepStrictEqual } from 'node:util';
import type { FlowStatus } from '../../shared/governance/lifecycle.js';
import type { Db } from '../db/types.js';

/**
 * Statuses whose working copy follows the saved segments it links: a draft (or a rejected one being
 * reworked) takes a saved segment's edits when it is validated, compiled and submitted; from submit on,
 * the flow keeps the copy it was reviewed and approved with.
 */
const FOLLOWING: readonly FlowStatus[] = ['draft', 'rejected'];
export const followsSavedSegments = (status: string): boolean => (FOLLOWING as readonly string[]).includes(status);

interface SegmentNode { type?: string; data?: { savedSegmentId?: unknown; conditions?: unknown; exclusions?: unknown } }

/**
 * The flow document (JSON) with every linked segment node's copy replaced by its saved segment's current
 * conditions and exclusions; the same string when nothing differs. A saved segment that no longer exists
 * leaves its copy as it was (the designer tells the planner to detach).
 */
export function refreshSavedCopies(db: Db, json: string): string {
  if (!json.includes('"savedSegmentId"')) return json;
  const doc = JSON.parse(json) as { nodes?: SegmentNode[] };
  const linked = (doc.nodes ?? []).filter((n) => n.type === 'segment' && typeof n.data?.savedSegmentId === 'number');
  if (!linked.length) return json;
  const ids = [...new Set(linked.map((n) => n.data!.savedSegmentId as number))];
  const rows = db.prepare(`SELECT id, conditions, exclusions FROM saved_segments WHERE id IN (${ids.map(() => '?').join(',')})`).all(...ids) as { id: number | string; conditions: string; exclusions: string }[];
  const saved = new Map(rows.map((r) => [Number(r.id), r]));
  let changed = false;
  for (const n of linked) {
    const s = saved.get(n.data!.savedSegmentId as number);
    if (!s) continue;
    const conditions: unknown = JSON.parse(s.conditions);
    const exclusions: unknown = JSON.parse(s.exclusions);
    if (isDeepStrictEqual(n.data!.conditions, conditions) && isDeepStrictEqual(n.data!.exclusions, exclusions)) continue;
    Object.assign(n.data!, { conditions, exclusions });
    changed = true;
  }
  return changed ? JSON.stringify(doc) : json;
}

/** The stored working copy as it validates and compiles: a draft's linked segments as saved today. */
export function workingDocument(db: Db, flow: { id: string; status: string }): string {
  const json = db.prepare('SELECT document FROM flows WHERE id = ?').pluck().get(flow.id) as string;
  return followsSavedSegments(flow.status) ? refreshSavedCopies(db, json) : json;
}
