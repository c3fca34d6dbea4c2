import { fillTemplate } from '../../../shared/flow/script.js';
import { scriptVars, type ScriptSubscriber } from '../../../shared/flow/script-vars.js';
import type { Db } from '../../db/open.js';
import type { OutboxContact } from '../../engine/channels/adapter.js';
import { getRun, type Run } from '../../engine/store/runs.js';

export interface RenderedContact {
  phone: string;
  /** The touch's message script filled for this customer (Chinese: texts go to customers in zh). */
  text: string;
  scriptId: string;
  touchId: string;
}

/** Null when there is nothing to send (the customer or the touch's script is gone). */
export type RenderContact = (db: Db, c: OutboxContact) => RenderedContact | null;

/**
 * What a message channel sends for one outbox contact: the customer's number and the touch's script
 * filled with the same variables the agent workbench shows. A contact whose send state has no message
 * script (an agent script bound to a message channel) sends the script's offer line.
 */
export const renderContact: RenderContact = (db, c) => {
  const run = runOf(db, c.runId);
  const state = run?.machine.states[c.state];
  const sub = db.prepare('SELECT name, phone, city, plan, arpu, data_used_mb, data_allowance_mb FROM subscribers WHERE id = ?').get(c.customerId) as (ScriptSubscriber & { phone: string }) | undefined;
  if (!run || state?.kind !== 'send' || !sub) return null;
  const script = run.machine.scripts[state.script];
  const template = script?.kind === 'message' ? script.template : script?.kind === 'agent' ? script.offer : '';
  if (!template) return null;
  return { phone: sub.phone, text: fillTemplate(template, scriptVars(sub, run.machine.productId, 'zh')), scriptId: state.script, touchId: state.touch };
};

/** A run's machine never changes once it runs: parsed once per store and run, not once per contact. */
const runs = new WeakMap<Db, Map<number, Run | null>>();
function runOf(db: Db, id: number): Run | null {
  let m = runs.get(db);
  if (!m) runs.set(db, (m = new Map()));
  if (!m.has(id)) {
    if (m.size > 64) m.clear();
    m.set(id, getRun(db, id));
  }
  return m.get(id) ?? null;
}
