import { DomainError } from '../core/errors.js';
import type { Context } from '../core/context.js';
import { withCatalogueSnapshot } from '../../shared/catalogue/snapshot.js';
import { assertCompiles } from './compile-for-publish.js';
import type { FlowRow } from './flow-rows.js';

/**
 * Publish the approved working copy as the next immutable version: validate and compile it here,
 * store document + machine + hash in flow_versions, supersede the previous live run, start the new
 * one and mark the flow running. Runs inside the caller's transaction.
 */
export function publishFlow(ctx: Context, flow: FlowRow): { version: number; hash: string; runStarted: boolean; runId?: number | string; superseded?: number } {
  const db = ctx.db;
  const json = db.prepare('SELECT document FROM flows WHERE id = ?').pluck().get(flow.id) as string;
  const compiled = assertCompiles(json, { zh: '无法发布', en: 'Cannot publish' });
  const doc = compiled.doc;
  // The run keeps the catalogue values it was approved with (cost per contact, price) for its whole life (#18).
  const machine = withCatalogueSnapshot(compiled.machine);
  if (doc.orgUnit !== flow.orgUnit) {
    throw new DomainError({ code: 'PRECONDITION_FAILED', message: `文档的组织单位（${doc.orgUnit}）与流程所属单位（${flow.orgUnit}）不一致 / The document's unit (${doc.orgUnit}) differs from the flow's unit (${flow.orgUnit})` });
  }
  const version = ((db.prepare('SELECT max(version) FROM flow_versions WHERE flow_id = ?').pluck().get(flow.id) as number | null) ?? 0) + 1;
  db.prepare('INSERT INTO flow_versions (flow_id, version, document, machine, hash, created_by, created_at) VALUES (?, ?, ?, ?, ?, ?, ?)')
    .run(flow.id, version, JSON.stringify(doc), JSON.stringify(machine), machine.hash, ctx.user!.id, new Date().toISOString());
  let superseded: number | undefined;
  if (flow.liveVersion !== null && (flow.runStatus === 'running' || flow.runStatus === 'paused')) {
    ctx.runControl?.stopRun({ flowId: flow.id, version: flow.liveVersion, reason: `superseded by v${version}` });
    superseded = flow.liveVersion;
  }
  const started = ctx.runControl?.startRun({ flowId: flow.id, version, machine });
  if (!ctx.runControl) ctx.log.warn({ flowId: flow.id, version }, 'published without an engine: no run started');
  db.prepare("UPDATE flows SET status = 'running', run_status = 'running', live_version = ?, updated_at = ? WHERE id = ?").run(version, new Date().toISOString(), flow.id);
  return { version, hash: machine.hash, runStarted: !!ctx.runControl, ...(started ? { runId: started.runId } : {}), ...(superseded ? { superseded } : {}) };
}
