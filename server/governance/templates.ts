import { DomainError } from '../core/errors.js';
import { randomBytes } from 'node:crypto';
import type { FlowDocument } from '../../shared/flow/document.js';
import { parseFlowDocument } from '../../shared/flow/migrations.js';
import type { Db } from '../db/open.js';
import { FLAG } from '../engine/core/journey.js';
import type { SessionUser } from '../core/context.js';
import { recordAudit } from './audit.js';
import { loadVisibleFlow } from './flow-rows.js';
import { checkParameterValues, extractTemplate, instantiateDocument, type TemplateParameter } from './template-document.js';

export interface TemplateSummary {
  id: string;
  name: string;
  description: string;
  category: string;
  tags: string[];
  parameters: TemplateParameter[];
  source: 'file' | 'user';
  partial: boolean;
  usageCount: number;
  caseCount: number;
  nodeCount: number;
  createdBy: string | null;
  updatedAt: string;
}

interface TemplateRow { id: string; name: string; description: string; category: string; tags: string; parameters: string; document: string; source: 'file' | 'user'; partial: number; usage_count: number; case_count: number; created_by_name: string | null; updated_at: string }

const SELECT = `SELECT t.*, (SELECT count(*) FROM template_cases c WHERE c.template_id = t.id) AS case_count, u.display_name AS created_by_name
  FROM templates t LEFT JOIN users u ON u.id = t.created_by`;

function summary(r: TemplateRow): TemplateSummary {
  const doc = JSON.parse(r.document) as { nodes?: unknown[] };
  return { id: r.id, name: r.name, description: r.description, category: r.category, tags: JSON.parse(r.tags) as string[], parameters: JSON.parse(r.parameters) as TemplateParameter[], source: r.source, partial: !!r.partial, usageCount: r.usage_count, caseCount: r.case_count, nodeCount: doc.nodes?.length ?? 0, createdBy: r.created_by_name, updatedAt: r.updated_at };
}

/** The gallery: search in name, description and tags; filter by category; most used first. */
export function listTemplates(db: Db, f: { search?: string; category?: string }): TemplateSummary[] {
  const where: string[] = [];
  const args: string[] = [];
  if (f.category) { where.push('t.category = ?'); args.push(f.category); }
  if (f.search?.trim()) {
    // lower() on both sides: LIKE ignores case in SQLite but not in PostgreSQL.
    const q = `%${f.search.trim()}%`;
    where.push('(lower(t.name) LIKE lower(?) OR lower(t.description) LIKE lower(?) OR lower(t.tags) LIKE lower(?) OR lower(t.id) LIKE lower(?))');
    args.push(q, q, q, q);
  }
  return (db.prepare(`${SELECT} ${where.length ? `WHERE ${where.join(' AND ')}` : ''} ORDER BY t.usage_count DESC, t.name`).all(...args) as TemplateRow[]).map(summary);
}

export function getTemplate(db: Db, id: string): TemplateSummary & { document: FlowDocument } {
  const r = db.prepare(`${SELECT} WHERE t.id = ?`).get(id) as TemplateRow | undefined;
  if (!r) throw new DomainError({ code: 'NOT_FOUND', message: `模板 ${id} 不存在 / Template ${id} not found` });
  return { ...summary(r), document: JSON.parse(r.document) as FlowDocument };
}

export const templateCategories = (db: Db): { category: string; count: number }[] =>
  db.prepare('SELECT category, count(*) AS count FROM templates GROUP BY category ORDER BY category').all() as { category: string; count: number }[];

const newId = (prefix: string, base: string) => `${prefix}${base.toLowerCase().replace(/[^a-z0-9-]+/g, '-').replace(/^-+|-+$/g, '').slice(0, 40) || 'flow'}-${randomBytes(3).toString('hex')}`.replace(/^-/, '');

export interface PublishTemplateInput { flowId: string; nodeIds?: string[]; name: string; category: string; description: string; tags: string[]; parameters: TemplateParameter[] }

/** A trainer publishes a flow (or a selection of its nodes) to the library. */
export function publishTemplate(db: Db, user: SessionUser, input: PublishTemplateInput): TemplateSummary {
  const flow = loadVisibleFlow(db, user, input.flowId);
  const parsed = parseFlowDocument(db.prepare('SELECT document FROM flows WHERE id = ?').pluck().get(flow.id) as string);
  if (!parsed.ok) throw new DomainError({ code: 'PRECONDITION_FAILED', message: '流程文档无法解析 / The flow document cannot be read' });
  const { document, partial } = extractTemplate(parsed.doc, input.nodeIds);
  if (!document.nodes.length) throw new DomainError({ code: 'BAD_REQUEST', message: '请至少选择一个节点 / Select at least one node' });
  const keys = input.parameters.map((p) => p.key);
  if (new Set(keys).size !== keys.length) throw new DomainError({ code: 'BAD_REQUEST', message: '参数键重复 / Duplicate parameter keys' });
  document.template = { category: input.category, tags: input.tags, parameters: input.parameters };
  const id = newId('tpl-', flow.id);
  const now = new Date().toISOString();
  db.transaction(() => {
    db.prepare(`INSERT INTO templates (id, name, description, category, tags, parameters, document, source, source_flow_id, partial, created_by, usage_count, created_at, updated_at)
      VALUES (?, ?, ?, ?, ?, ?, ?, 'user', ?, ?, ?, 0, ?, ?)`).run(id, input.name, input.description, input.category, JSON.stringify(input.tags), JSON.stringify(input.parameters), JSON.stringify(document), flow.id, partial ? 1 : 0, user.id, now, now);
    recordAudit(db, { userId: user.id, action: 'template.publish', entity: 'template', entityId: id, detail: { fromFlow: flow.id, partial, nodes: document.nodes.length, category: input.category } });
  })();
  return getTemplate(db, id);
}

/** A planner fills the parameters and gets a new draft flow in their unit. */
export function instantiateTemplate(db: Db, user: SessionUser, input: { templateId: string; name: string; values: Record<string, string> }): { flowId: string } {
  const tpl = getTemplate(db, input.templateId);
  const problems = checkParameterValues(tpl.document, input.values);
  if (problems.length) throw new DomainError({ code: 'BAD_REQUEST', message: `${problems.map((p) => p.message.zh).join('；')} / ${problems.map((p) => p.message.en).join('; ')}` });
  const flowId = newId('', input.templateId.replace(/^tpl-/, ''));
  const doc = instantiateDocument(tpl.document, input.values, { id: flowId, name: input.name, orgUnit: user.orgUnit });
  const now = new Date().toISOString();
  db.transaction(() => {
    db.prepare(`INSERT INTO flows (id, name, org_unit, owner_id, status, is_template, revision, document, from_template, created_at, updated_at)
      VALUES (?, ?, ?, ?, 'draft', 0, 1, ?, ?, ?, ?)`).run(flowId, input.name, user.orgUnit, user.id, JSON.stringify(doc), tpl.id, now, now);
    recordTemplateUse(db, { templateId: tpl.id, flowId, userId: user.id, detail: { values: input.values } });
  })();
  return { flowId };
}

/**
 * Count one use of a library template and audit it. Call inside the transaction that inserts the
 * new flow (whose `from_template` is `templateId`): the gallery's "instantiate" and the designer's
 * "new from a shipped template" both count.
 */
export function recordTemplateUse(db: Db, use: { templateId: string; flowId: string; userId: number; detail?: Record<string, unknown> }): void {
  db.prepare('UPDATE templates SET usage_count = usage_count + 1 WHERE id = ?').run(use.templateId);
  recordAudit(db, { userId: use.userId, action: 'template.instantiate', entity: 'template', entityId: use.templateId, detail: { flowId: use.flowId, ...use.detail } });
}

/** The library id of a shipped template document (its document id), or null when the library does not hold it. */
export function libraryTemplateId(db: Db, documentId: string): string | null {
  return (db.prepare('SELECT id FROM templates WHERE id = ?').pluck().get(documentId) as string | undefined) ?? null;
}

/** Results of the flow's live run from the engine's tables, when it has one. */
function runResults(db: Db, flowId: string, version: number | null): Record<string, number> {
  if (version === null) return {};
  const run = db.prepare('SELECT id, spent FROM runs WHERE flow_id = ? AND version = ? ORDER BY id DESC LIMIT 1').get(flowId, version) as { id: number; spent: number } | undefined;
  if (!run) return {};
  const j = db.prepare(`SELECT count(*) AS enrolled, count(*) FILTER (WHERE (flags & ${FLAG.contacted}) <> 0) AS contacted,
      count(*) FILTER (WHERE (flags & ${FLAG.responded}) <> 0) AS responded, count(*) FILTER (WHERE (flags & ${FLAG.converted}) <> 0) AS converted
    FROM journeys WHERE run_id = ?`).get(run.id) as Record<string, number>;
  return { enrolled: j.enrolled!, contacted: j.contacted!, responded: j.responded!, converted: j.converted!, spent: run.spent };
}

/** Attach a case note (with the run's results) to the template a completed flow came from. */
export function addCase(db: Db, user: SessionUser, input: { flowId: string; note: string }): { id: number; templateId: string; results: Record<string, number> } {
  const flow = loadVisibleFlow(db, user, input.flowId);
  if (!flow.fromTemplate) throw new DomainError({ code: 'PRECONDITION_FAILED', message: '该流程不是由模板创建的 / This flow was not created from a template' });
  if (flow.runStatus !== 'completed') throw new DomainError({ code: 'PRECONDITION_FAILED', message: '流程运行完成后才能加入案例集 / A case can be added once the run has completed' });
  // `from_template` is the library id; flows created before the designer recorded it may hold the file name (`x.json`)
  const templateId = flow.fromTemplate.replace(/\.json$/, '');
  getTemplate(db, templateId);
  const results = runResults(db, flow.id, flow.liveVersion);
  const id = db.prepare('INSERT INTO template_cases (template_id, flow_id, version, note, results, created_by, created_at) VALUES (?, ?, ?, ?, ?, ?, ?) RETURNING id')
    .pluck().get(templateId, flow.id, flow.liveVersion, input.note, JSON.stringify(results), user.id, new Date().toISOString()) as number;
  recordAudit(db, { userId: user.id, action: 'template.case', entity: 'template', entityId: templateId, detail: { flowId: flow.id, caseId: id } });
  return { id, templateId: templateId, results };
}

export function listCases(db: Db, templateId: string) {
  const rows = db.prepare(`SELECT c.id, c.flow_id AS "flowId", c.version, c.note, c.results, c.created_at AS "createdAt", u.display_name AS "createdBy", f.name AS "flowName", f.org_unit AS "orgUnit"
    FROM template_cases c JOIN users u ON u.id = c.created_by JOIN flows f ON f.id = c.flow_id WHERE c.template_id = ? ORDER BY c.id DESC`).all(templateId) as { id: number; flowId: string; version: number | null; note: string; results: string; createdAt: string; createdBy: string; flowName: string; orgUnit: string }[];
  return rows.map((r) => ({ ...r, results: JSON.parse(r.results) as Record<string, number> }));
}
