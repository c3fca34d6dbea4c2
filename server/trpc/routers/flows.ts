import { TRPCError } from '@trpc/server';
import { randomBytes } from 'node:crypto';
import { readdirSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { z } from 'zod';
import { CURRENT_SCHEMA_VERSION, type FlowDocument } from '../../../shared/flow/document.js';
import { parseFlowDocument } from '../../../shared/flow/migrations.js';
import { onWorkingCopyEdited } from '../../governance/flow-lifecycle.js';
import { canSeeUnit, visibleUnits } from '../../governance/org-rules.js';
import { recordRevisionAuthor } from '../../governance/revision-authors.js';
import { libraryTemplateId, recordTemplateUse } from '../../governance/templates.js';
import type { Context, SessionUser } from '../../core/context.js';
import type { Role } from '../../../shared/roles.js';
import { procedure, router } from '../trpc.js';

const WRITE: Role[] = ['planner', 'trainer', 'admin'];
const READ: Role[] = ['planner', 'trainer', 'admin', 'supervisor'];
/**
 * The designer does not edit a flow under review (the reviewer must see what was submitted; withdraw
 * it first) nor an archived one. Any other save is the lifecycle's `edit` event (e.g. approved → draft).
 */
const LOCKED_STATUSES = new Set<string>(['submitted', 'archived']);

/** Template flows shipped with Linkage (`flows/*.json`), read from the working directory. */
export const templatesDir = () => resolve(process.env.FLOWS_DIR ?? 'flows');

interface FlowRow {
  id: string; name: string; org_unit: string; owner_id: number; status: string; is_template: number;
  revision: number; document: string; live_version: number | null; from_template: string | null;
  created_at: string; updated_at: string;
}

const flowIdSchema = z.string().regex(/^[a-z0-9][a-z0-9-]{0,63}$/);
const templateFileSchema = z.string().regex(/^[a-zA-Z0-9_-]+\.json$/, 'a file name in flows/');

/** Parse a document at the boundary: JSON shape, migrations, then the zod schema; 400 with the issues otherwise. */
function parseOrThrow(input: unknown): FlowDocument {
  const parsed = parseFlowDocument(input);
  if (parsed.ok) return parsed.doc;
  const first = parsed.issues.slice(0, 5).map((i) => `${i.path?.join('.') ?? ''} ${i.message.en}`.trim());
  throw new TRPCError({ code: 'BAD_REQUEST', message: `流程文档无效 / Invalid flow document: ${first.join('; ')}` });
}

const canRead = (u: SessionUser, row: FlowRow) => row.is_template === 0 && (u.roles.includes('admin') || canSeeUnit(u, row.org_unit) || row.owner_id === u.id);
const canEdit = (u: SessionUser, row: FlowRow) =>
  u.roles.some((r) => WRITE.includes(r)) && (u.roles.includes('admin') || row.owner_id === u.id || row.org_unit === u.orgUnit);

function load(ctx: Context, id: string): FlowRow {
  const row = ctx.db.prepare('SELECT * FROM flows WHERE id = ?').get(id) as FlowRow | undefined;
  if (!row || !canRead(ctx.user!, row)) throw new TRPCError({ code: 'NOT_FOUND', message: `流程不存在 / Flow ${id} not found` });
  return row;
}

const view = (u: SessionUser, row: FlowRow) => ({
  id: row.id, name: row.name, orgUnit: row.org_unit, ownerId: row.owner_id, status: row.status, isTemplate: row.is_template === 1,
  revision: row.revision, liveVersion: row.live_version, fromTemplate: row.from_template, createdAt: row.created_at, updatedAt: row.updated_at,
  canEdit: canEdit(u, row) && !LOCKED_STATUSES.has(row.status),
});

function newFlowId(ctx: Context): string {
  for (;;) {
    const id = `flow-${randomBytes(4).toString('hex')}`;
    if (!ctx.db.prepare('SELECT 1 FROM flows WHERE id = ?').get(id)) return id;
  }
}

/** An empty campaign owned by the caller's unit: no nodes, a 30-day period from today. */
export function blankDocument(id: string, name: string, orgUnit: string, today = new Date()): FlowDocument {
  const day = (d: Date) => d.toISOString().slice(0, 10);
  return {
    schemaVersion: CURRENT_SCHEMA_VERSION, id, name, description: '', productId: 'dp_10g',
    period: { start: day(today), end: day(new Date(today.getTime() + 30 * 86_400_000)) },
    goal: { reach: 0, responses: 0, conversions: 0, revenue: 0, budget: 0, evaluationDays: 7 },
    priority: orgUnit === 'province' ? 80 : 50, orgUnit, nodes: [], edges: [],
  };
}

function readTemplate(file: string): FlowDocument {
  let text: string;
  try {
    text = readFileSync(join(templatesDir(), file), 'utf8');
  } catch {
    throw new TRPCError({ code: 'NOT_FOUND', message: `模板不存在 / Template ${file} not found` });
  }
  return parseOrThrow(text);
}

export const flowsRouter = router({
  /** Flows the caller may see, newest first. */
  list: procedure(READ).query(({ ctx }) => {
    const user = ctx.user!;
    // The unit filter runs in SQL, before the limit: other units' newer flows must not push the caller's out.
    const units = user.roles.includes('admin') ? 'all' : visibleUnits(user);
    const scope = units === 'all' ? '' : `AND (org_unit IN (${units.map(() => '?').join(', ')}) OR owner_id = ?)`;
    const rows = ctx.db.prepare(`SELECT * FROM flows WHERE is_template = 0 ${scope} ORDER BY updated_at DESC LIMIT 500`)
      .all(...(units === 'all' ? [] : [...units, user.id])) as FlowRow[];
    return rows.filter((r) => canRead(user, r)).map((r) => view(user, r));
  }),

  get: procedure(READ).input(z.object({ id: flowIdSchema })).query(({ ctx, input }) => {
    const row = load(ctx, input.id);
    return { ...view(ctx.user!, row), document: parseOrThrow(row.document) };
  }),

  /** A new flow: blank, from a `flows/` template, or from an imported / copied document. */
  create: procedure(WRITE)
    .input(z.object({
      name: z.string().trim().min(1).max(120).optional(),
      template: templateFileSchema.optional(),
      document: z.unknown().optional(),
    }))
    .mutation(({ ctx, input }) => {
      const user = ctx.user!;
      const id = newFlowId(ctx);
      const source = input.template ? readTemplate(input.template) : input.document !== undefined ? parseOrThrow(input.document) : null;
      const name = input.name ?? source?.name ?? '未命名流程';
      // A copy belongs to the caller's unit; the template's library metadata stays with the template.
      const doc: FlowDocument = source ? { ...source, id, name, orgUnit: user.orgUnit, template: undefined } : blankDocument(id, name, user.orgUnit);
      delete doc.template;
      const now = new Date().toISOString();
      // A shipped template in the library is referenced by its library id (the document id), as the gallery does, and its use counts.
      const fromTemplate = input.template && source ? libraryTemplateId(ctx.db, source.id) : null;
      ctx.db.transaction(() => {
        ctx.db.prepare(`INSERT INTO flows (id, name, org_unit, owner_id, status, is_template, revision, document, from_template, created_at, updated_at)
          VALUES (?, ?, ?, ?, 'draft', 0, 1, ?, ?, ?, ?)`).run(id, name, user.orgUnit, user.id, JSON.stringify(doc), fromTemplate, now, now);
        ctx.db.prepare('INSERT INTO audit_log (at, user_id, action, entity, entity_id, detail) VALUES (?, ?, ?, ?, ?, ?)')
          .run(now, user.id, 'flow.create', 'flow', id, JSON.stringify({ template: input.template ?? null }));
        recordRevisionAuthor(ctx.db, id, 1, user.id);
        if (fromTemplate) recordTemplateUse(ctx.db, { templateId: fromTemplate, flowId: id, userId: user.id, detail: { file: input.template, via: 'designer' } });
      })();
      return { id, revision: 1 };
    }),

  /**
   * Save the working copy. `revision` is the one the editor loaded; if someone saved since, the call
   * fails with CONFLICT and nothing is written, so two tabs never silently overwrite each other.
   */
  save: procedure(WRITE)
    .input(z.object({ id: flowIdSchema, revision: z.number().int().min(1), document: z.unknown() }))
    .mutation(({ ctx, input }) => {
      const user = ctx.user!;
      const row = load(ctx, input.id);
      if (!canEdit(user, row)) throw new TRPCError({ code: 'FORBIDDEN', message: '只有创建者或同单位的策划可以修改此流程 / Only the owner or a planner of the same unit may edit this flow' });
      if (LOCKED_STATUSES.has(row.status)) throw new TRPCError({ code: 'PRECONDITION_FAILED', message: '流程审批中，不能修改 / The flow is under review and cannot be edited' });
      const doc = parseOrThrow(input.document);
      if (doc.id !== row.id) throw new TRPCError({ code: 'BAD_REQUEST', message: `文档 id ${doc.id} 与流程 ${row.id} 不符 / Document id does not match the flow` });
      const stored: FlowDocument = { ...doc, orgUnit: row.org_unit };
      const now = new Date().toISOString();
      // One transaction: the revision-checked write, then the lifecycle's `edit` (e.g. approved → draft, audited; refuses archived flows).
      const status = ctx.db.transaction((): string => {
        const res = ctx.db.prepare('UPDATE flows SET document = ?, name = ?, revision = revision + 1, updated_at = ? WHERE id = ? AND revision = ?')
          .run(JSON.stringify(stored), stored.name, now, row.id, input.revision);
        if (res.changes === 0) {
          const current = ctx.db.prepare('SELECT revision FROM flows WHERE id = ?').pluck().get(row.id) as number;
          throw new TRPCError({
            code: 'CONFLICT',
            message: `流程已在别处被修改（您的版本 ${input.revision}，最新版本 ${current}）/ This flow was changed elsewhere (you have revision ${input.revision}, latest is ${current})`,
          });
        }
        recordRevisionAuthor(ctx.db, row.id, input.revision + 1, user.id);
        onWorkingCopyEdited(ctx.db, row.id, user.id);
        return ctx.db.prepare('SELECT status FROM flows WHERE id = ?').pluck().get(row.id) as string;
      })();
      return { revision: input.revision + 1, updatedAt: now, status };
    }),

  /** A few real subscribers for the script preview (`{name}`, `{plan}`, … filled from one of them). */
  samples: procedure(READ).query(({ ctx }) => {
    // The percentage is rounded here: PostgreSQL's round() would answer a numeric, not a number.
    const rows = ctx.db.prepare('SELECT name, plan, city, arpu, data_used_mb, data_allowance_mb FROM subscribers ORDER BY id LIMIT 5')
      .all() as { name: string; plan: string; city: string; arpu: number; data_used_mb: number; data_allowance_mb: number }[];
    return rows.map((r) => ({ name: r.name, plan: r.plan, city: r.city, arpu: r.arpu, dataUsagePct: Math.round((100 * r.data_used_mb) / r.data_allowance_mb) }));
  }),

  /** The CP fit score of every customer group on every channel (0..1), for the parallel-lane preview. */
  fit: procedure(READ).query(({ ctx }) =>
    ctx.db.prepare('SELECT group_id AS "groupId", channel_id AS "channelId", score FROM group_channel_fit').all() as { groupId: string; channelId: string; score: number }[]),

  /** The template files in `flows/`, for "open a template". Files that fail to parse are listed with their problem. */
  templates: procedure(READ).query(() => {
    let files: string[];
    try {
      files = readdirSync(templatesDir()).filter((f) => templateFileSchema.safeParse(f).success).sort();
    } catch {
      return [];
    }
    return files.map((file) => {
      const parsed = parseFlowDocument(readFileSync(join(templatesDir(), file), 'utf8'));
      if (!parsed.ok) return { file, ok: false as const, problem: parsed.issues[0]?.message ?? { zh: '无效', en: 'invalid' } };
      const d = parsed.doc;
      return { file, ok: true as const, id: d.id, name: d.name, description: d.description, category: d.template?.category ?? '', tags: d.template?.tags ?? [], nodes: d.nodes.length };
    });
  }),
});
