/**
 * What a gateway submit carries for one outbox contact: the customer's number and the touch's script
 * filled in for them. Interim: H-bindings is making the one render function (shared with the HTTP channel
 * and the workbench); the adapter takes it by injection (`GatewayDeps.render`) and falls back to this.
 */
import { PRODUCT_BY_ID } from '../../../shared/catalogue/products.js';
import { fillTemplate } from '../../../shared/flow/script.js';
import type { Db } from '../../db/open.js';
import type { OutboxContact } from '../../engine/channels/adapter.js';
import { getRun, type Run } from '../../engine/store/runs.js';

export interface RenderedContact { phone: string; text: string; scriptId: string; touchId: string }
export type RenderContact = (db: Db, c: OutboxContact) => RenderedContact | null;

/** A run's machine never changes once started: read (and parsed) once per store and run, not once per contact. */
const runs = new WeakMap<Db, Map<number, Run | null>>();
function runOf(db: Db, runId: number): Run | null {
  let byId = runs.get(db);
  if (!byId) runs.set(db, (byId = new Map()));
  let run = byId.get(runId);
  if (run === undefined) byId.set(runId, (run = getRun(db, runId)));
  return run;
}

/** The message text of the contact's send state, filled from its subscriber; null when either is gone. */
export const renderMessage: RenderContact = (db, c) => {
  const run = runOf(db, c.runId);
  const send = run?.machine.states[c.state];
  if (!run || send?.kind !== 'send') return null;
  const script = run.machine.scripts[send.script];
  const s = db.prepare('SELECT phone, name, city, plan, arpu, data_used_mb, data_allowance_mb FROM subscribers WHERE id = ?').get(c.customerId) as
    { phone: string; name: string; city: string; plan: string; arpu: number; data_used_mb: number; data_allowance_mb: number } | undefined;
  if (!s || script?.kind !== 'message') return null;
  const product = PRODUCT_BY_ID[run.machine.productId];
  const text = fillTemplate(script.template, {
    name: s.name, product: product?.name.zh ?? run.machine.productId, price: product?.price ?? '', plan: s.plan, city: s.city,
    dataUsagePct: s.data_allowance_mb > 0 ? Math.round((100 * s.data_used_mb) / s.data_allowance_mb) : 0, arpu: Math.round(s.arpu),
  });
  return { phone: s.phone, text, scriptId: send.script, touchId: send.touch };
};

/** The signature in 【】 before the text (operators require it on every commercial SMS), unless the text already carries it. */
export const signed = (text: string, signature: string | undefined): string => {
  const sig = signature?.trim();
  if (!sig) return text;
  const tag = sig.startsWith('【') ? sig : `【${sig}】`;
  return text.includes(tag) ? text : `${tag}${text}`;
};
