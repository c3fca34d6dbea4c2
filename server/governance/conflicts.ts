import { DomainError } from '../core/errors.js';
import { GROUP_IDS } from '../../shared/catalogue/groups.js';
import { CITY_IDS, cityOf } from '../../shared/catalogue/org.js';
import type { ConditionGroup } from '../../shared/flow/conditions.js';
import type { FlowDocument, FlowNode } from '../../shared/flow/document.js';
import { parseFlowDocument } from '../../shared/flow/migrations.js';
import { compileFlow } from '../../shared/machine/compile.js';
import { nodeDef } from '../../shared/nodes/registry.js';
import { t, type Text } from '../../shared/text.js';
import type { Db } from '../db/open.js';
import { controlSql, machineChannelMask, segmentWhere } from '../engine/runtime/enrolment.js';
import { isProvinceUnit } from './org-rules.js';

/** Which customers a flow can reach, as far as its unit and its segments' top-level AND rules say. */
export interface AudienceScope {
  cities: string[];
  groups: string[];
}

/**
 * Narrow the unit's cities (a city flow: its city; a province flow: every city) and all groups by the
 * `city` and `group` rules that every entry node's audience (its type's `audience` hook) ANDs at its top
 * level; OR-combined rules cannot narrow, so they are ignored, and an entry whose data does not parse
 * narrows nothing (the scope stays an over-estimate, never an under-estimate).
 */
export function audienceScope(doc: FlowDocument, unit: string): AudienceScope {
  // a district flow's customers live in its city: its scope is that city's, the overlap count narrows to the district
  const unitCities = isProvinceUnit(unit) ? [...CITY_IDS] : [cityOf(unit) ?? unit];
  const entries = doc.nodes.filter((n) => nodeDef(n.type)?.audience);
  if (!entries.length) return { cities: unitCities, groups: [...GROUP_IDS] };
  const cities = new Set<string>();
  const groups = new Set<string>();
  for (const e of entries) {
    const conditions = audienceOf(e);
    for (const c of narrow(conditions, 'city', unitCities)) cities.add(c);
    for (const g of narrow(conditions, 'group', [...GROUP_IDS])) groups.add(g);
  }
  return { cities: [...cities], groups: [...groups] };
}

function audienceOf(n: FlowNode): ConditionGroup | undefined {
  const def = nodeDef(n.type);
  const parsed = def?.audience ? def.data.safeParse(n.data) : undefined;
  return parsed?.success ? def!.audience!.of(parsed.data) : undefined;
}

function narrow(g: ConditionGroup | undefined, field: string, all: string[]): string[] {
  if (!g || g.combinator !== 'and') return all;
  let out = all;
  for (const r of g.rules) {
    if (r.field !== field || !Array.isArray(r.value)) continue;
    const values = (r.value as unknown[]).map(String);
    out = r.op === 'in' ? out.filter((x) => values.includes(x)) : r.op === 'not_in' ? out.filter((x) => !values.includes(x)) : out;
  }
  return out;
}

export interface FlowConflict {
  flowId: string;
  name: string;
  orgUnit: string;
  status: string;
  priority: number;
  sharedCities: string[];
  sharedGroups: string[];
  /** Customers in both audiences — each flow's segment conditions, unit and exclusions, control hold-outs left out — counted in the store. */
  overlapCustomers: number;
  winner: 'this' | 'other' | 'tie';
  reason: Text;
}

interface Candidate { id: string; name: string; org_unit: string; status: string; run_status: string | null; live_version: number | null; document: string; live_doc: string | null }

/** A flow's contacted audience as SQL over `subscribers s`, built by the engine's own enrolment filter. */
interface AudienceSql { sql: string; params: unknown[] }

function audienceSql(doc: FlowDocument, unit: string, runId?: number): AudienceSql | null {
  const compiled = compileFlow(doc);
  if (!compiled.ok) return null;
  const m = compiled.machine;
  const w = segmentWhere(m.entry, { orgUnit: unit, productId: m.productId, channelMask: machineChannelMask(m), runId });
  // The control hold-out is never contacted, so it cannot be fought over.
  return { sql: `(${w.sql}) AND NOT ${controlSql(m.flowId, m.entry.controlGroupPct)}`, params: w.params };
}

const countWhere = (db: Db, parts: AudienceSql[]): number =>
  db.prepare(`SELECT count(*) FROM subscribers s WHERE ${parts.map((p) => `(${p.sql})`).join(' AND ')}`).pluck().get(...parts.flatMap((p) => p.params)) as number;

/**
 * Other approved or live flows whose audience overlaps this flow's, with who wins the contact:
 * the higher priority; on equal priority the province flow over the city flow. The overlap is the
 * number of customers both flows would actually enrol today (conditions, unit, exclusions such as
 * opt-outs, owned product or "already in another active flow"), not the cities' whole base.
 */
export function findConflicts(db: Db, flowId: string, doc: FlowDocument, unit: string): { scope: AudienceScope; audience: number; conflicts: FlowConflict[] } {
  const scope = audienceScope(doc, unit);
  const mine = audienceSql(doc, unit);
  if (!mine) throw new DomainError({ code: 'PRECONDITION_FAILED', message: '流程未通过校验，无法计算受众与冲突 / The flow does not validate, so its audience and conflicts cannot be counted' });
  const rows = db.prepare(`SELECT f.id, f.name, f.org_unit, f.status, f.run_status, f.live_version, f.document,
      (SELECT v.document FROM flow_versions v WHERE v.flow_id = f.id AND v.version = f.live_version) AS live_doc
    FROM flows f WHERE f.id <> ? AND f.is_template = 0
      AND (f.status IN ('approved','running','paused') OR f.run_status IN ('running','paused'))`).all(flowId) as Candidate[];
  const conflicts: FlowConflict[] = [];
  for (const row of rows) {
    const live = row.run_status === 'running' || row.run_status === 'paused';
    const parsed = parseFlowDocument(live && row.live_doc ? row.live_doc : row.document);
    if (!parsed.ok) continue;
    const other = audienceScope(parsed.doc, row.org_unit);
    const sharedCities = scope.cities.filter((c) => other.cities.includes(c));
    const sharedGroups = scope.groups.filter((g) => other.groups.includes(g));
    // The scopes over-estimate, so disjoint scopes mean disjoint audiences: skip the count.
    if (!sharedCities.length || !sharedGroups.length) continue;
    const runId = live ? (db.prepare('SELECT id FROM runs WHERE flow_id = ? AND version = ? ORDER BY id DESC LIMIT 1').pluck().get(row.id, row.live_version) as number | undefined) : undefined;
    const theirs = audienceSql(parsed.doc, row.org_unit, runId);
    if (!theirs) continue;
    const overlapCustomers = countWhere(db, [mine, theirs]);
    if (overlapCustomers === 0) continue;
    conflicts.push({
      flowId: row.id, name: row.name, orgUnit: row.org_unit, status: live ? (row.run_status as string) : row.status, priority: parsed.doc.priority,
      sharedCities, sharedGroups, overlapCustomers,
      ...arbitrate({ priority: doc.priority, unit }, { priority: parsed.doc.priority, unit: row.org_unit }),
    });
  }
  return { scope, audience: countWhere(db, [mine]), conflicts: conflicts.sort((a, b) => b.overlapCustomers - a.overlapCustomers) };
}

/** The contact-policy rule for two flows that reach the same customer on the same day. */
export function arbitrate(mine: { priority: number; unit: string }, other: { priority: number; unit: string }): Pick<FlowConflict, 'winner' | 'reason'> {
  if (mine.priority !== other.priority) {
    const winner = mine.priority > other.priority ? 'this' : 'other';
    return { winner, reason: t(`优先级 ${Math.max(mine.priority, other.priority)} 高于 ${Math.min(mine.priority, other.priority)}`, `priority ${Math.max(mine.priority, other.priority)} beats ${Math.min(mine.priority, other.priority)}`) };
  }
  const mp = isProvinceUnit(mine.unit);
  const op = isProvinceUnit(other.unit);
  if (mp !== op) return { winner: mp ? 'this' : 'other', reason: t('优先级相同，省公司流程优先于地市流程', 'equal priority: the province flow goes before the city flow') };
  return { winner: 'tie', reason: t('优先级相同且同级：按发布先后', 'equal priority at the same level: first published goes first') };
}
