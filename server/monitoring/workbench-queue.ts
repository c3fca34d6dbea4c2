import { fillTemplate } from '../../shared/flow/script.js';
import { scriptVars } from '../../shared/flow/script-vars.js';
import type { Lang } from '../../shared/text.js';
import type { Db } from '../db/open.js';
import { agentQueue, type QueueItem } from '../engine/channels/agent-queue.js';
import { getRun } from '../engine/store/runs.js';
import { canSeeCustomer, customerScopeSql, type CustomerHome } from '../governance/org-rules.js';
import { agentCallName } from './agent-name.js';
import type { SessionUser } from '../core/context.js';
import { runInfo } from './run-info.js';

export const HUMAN_CHANNELS = ['outbound_call', 'store', 'dealer'] as const;
export type HumanChannel = (typeof HUMAN_CHANNELS)[number];

export interface FilledScript {
  opening: string;
  probing: string;
  offer: string;
  closing: string;
  objections: { objection: string; answer: string }[];
  dispositions: string[];
  takesOrder: boolean;
  secondConfirmation: boolean;
}

export interface WorkItem {
  id: number;
  runId: number;
  flowId: string;
  flowName: string;
  customerId: number;
  customerName: string;
  phone: string;
  group: string;
  city: string;
  plan: string;
  channel: string;
  stage: string;
  productId: string;
  tries: number;
  availableAt: number;
  /** The script's four steps (话术四步曲) with the customer's and the offer's variables filled in. */
  script: FilledScript | null;
}


/** The agent's queue on a human channel, script steps filled from the subscriber and the product. */
export function workQueue(db: Db, user: Pick<SessionUser, 'orgUnit' | 'displayName'>, channel: HumanChannel, lang: Lang, limit = 50, now = Date.now()): WorkItem[] {
  const items = agentQueue(db, { channel, limit: 500, now });
  const sub = db.prepare('SELECT group_id, city, district, plan, arpu, data_used_mb, data_allowance_mb FROM subscribers WHERE id = ?');
  const out: WorkItem[] = [];
  const runs = new Map<number, { productId: string; name: string }>();
  for (const q of items) {
    if (out.length >= limit) break;
    const s = sub.get(q.customerId) as { group_id: string; city: string; district: string | null; plan: string; arpu: number; data_used_mb: number; data_allowance_mb: number } | undefined;
    if (!s || !canSeeCustomer(user, s)) continue;
    let r = runs.get(q.runId);
    if (!r) {
      const run = getRun(db, q.runId);
      r = run ? { productId: run.machine.productId, name: runInfo(db, run, now).name } : { productId: '', name: q.flowId };
      runs.set(q.runId, r);
    }
    out.push({ ...toItem(q, s, r.productId, agentCallName(user.displayName), lang), flowName: r.name });
  }
  return out;
}

/** A queue item with its customer's facts and the script's four steps filled in (workbench and dialer). */
export function toItem(q: QueueItem, s: { group_id: string; city: string; plan: string; arpu: number; data_used_mb: number; data_allowance_mb: number }, productId: string, agent: string | undefined, lang: Lang): Omit<WorkItem, 'flowName'> {
  const vars = scriptVars({ ...s, name: q.customerName }, productId, lang, agent);
  const f = (text: string) => fillTemplate(text, vars);
  const sc = q.script;
  return {
    id: q.id, runId: q.runId, flowId: q.flowId, customerId: q.customerId, customerName: q.customerName, phone: q.phone, group: s.group_id, city: s.city, plan: s.plan,
    channel: q.channel, stage: q.stage, productId, tries: q.tries, availableAt: q.availableAt,
    script: sc ? {
      opening: f(sc.opening), probing: f(sc.probing), offer: f(sc.offer), closing: f(sc.closing),
      objections: sc.objections.map((o) => ({ objection: f(o.objection), answer: f(o.answer) })),
      dispositions: sc.dispositions, takesOrder: sc.takesOrder, secondConfirmation: sc.secondConfirmation,
    } : null,
  };
}

/** Waiting items per human channel that this agent may work (for the channel picker). */
export function queueCounts(db: Db, user: Pick<SessionUser, 'orgUnit'>, now = Date.now()): Record<HumanChannel, number> {
  const scope = customerScopeSql(user.orgUnit);
  const rows = db.prepare(`SELECT q.channel, count(*) AS n FROM agent_queue q JOIN runs r ON r.id = q.run_id JOIN subscribers s ON s.id = q.customer_id
      WHERE q.status = 'waiting' AND q.available_at <= ? AND r.status = 'running' ${scope ? `AND ${scope.sql}` : ''} GROUP BY q.channel`)
    .all(now, ...(scope?.params ?? [])) as { channel: string; n: number }[];
  const out = { outbound_call: 0, store: 0, dealer: 0 };
  for (const r of rows) if (r.channel in out) out[r.channel as HumanChannel] = r.n;
  return out;
}

/** Whether the agent may dispose this queue item (it is in their unit's customers). */
export function mayDispose(db: Db, user: Pick<SessionUser, 'orgUnit'>, queueId: number): boolean {
  const home = db.prepare('SELECT s.city, s.district FROM agent_queue q JOIN subscribers s ON s.id = q.customer_id WHERE q.id = ?').get(queueId) as CustomerHome | undefined;
  return home !== undefined && canSeeCustomer(user, home);
}
