import type { Db } from '../db/types.js';

/** Every attribute a condition anywhere in a JSON document names (segments, lane rules, evaluate tests). */
export function fieldsInDocument(doc: unknown, into: Set<string> = new Set()): Set<string> {
  const stack: unknown[] = [doc];
  for (let x = stack.pop(); x !== undefined; x = stack.pop()) {
    if (Array.isArray(x)) stack.push(...x);
    else if (x && typeof x === 'object') {
      const o = x as Record<string, unknown>;
      if (typeof o.field === 'string' && typeof o.op === 'string') into.add(o.field);
      else stack.push(...Object.values(o));
    }
  }
  return into;
}

export interface FlowRef { id: string; name: string; orgUnit: string; status: string }

/**
 * Flows that are not archived, read with their working copy and the version they run (a flow being
 * re-edited may run conditions its working copy no longer has).
 */
export function liveFlowDocuments(db: Db): { flow: FlowRef; docs: string[] }[] {
  const rows = db.prepare(`SELECT f.id, f.name, f.org_unit, f.status, f.document, v.document AS live
    FROM flows f LEFT JOIN flow_versions v ON v.flow_id = f.id AND v.version = f.live_version
    WHERE f.status <> 'archived' AND f.is_template = 0 ORDER BY f.name, f.id`).all() as { id: string; name: string; org_unit: string; status: string; document: string; live: string | null }[];
  return rows.map((r) => ({ flow: { id: r.id, name: r.name, orgUnit: r.org_unit, status: r.status }, docs: r.live ? [r.document, r.live] : [r.document] }));
}

/** Flows and saved segments whose conditions name the attribute (what deleting it would break). */
export function attributeUsers(db: Db, key: string): { flows: FlowRef[]; segments: { id: number; name: string }[] } {
  const flows = liveFlowDocuments(db)
    .filter((f) => f.docs.some((d) => d.includes(`"${key}"`) && fieldsInDocument(JSON.parse(d)).has(key)))
    .map((f) => f.flow);
  const segments = (db.prepare('SELECT id, name, conditions FROM saved_segments ORDER BY name').all() as { id: number; name: string; conditions: string }[])
    .filter((s) => fieldsInDocument(JSON.parse(s.conditions)).has(key))
    .map((s) => ({ id: Number(s.id), name: s.name }));
  return { flows, segments };
}
