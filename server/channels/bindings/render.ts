import { fillTemplate } from '../../../shared/flow/script.js';
import { scriptVars, type ScriptSubscriber } from '../../../shared/flow/script-vars.js';
import type { Db } from '../../db/open.js';
import type { OutboxContact } from '../../engine/channels/adapter.js';
import { getRun } from '../../engine/store/runs.js';

export interface RenderedContact {
  phone: string;
  /** The touch's message script filled for this customer (Chinese: texts go to customers in zh). */
  text: string;
  scriptId: string;
  touchId: string;
}

export type RenderContact = (db: Db, c: OutboxContact) => RenderedContact;

/**
 * What a message channel sends for one outbox contact: the customer's number and the touch's script
 * filled with the same variables the agent workbench shows. A contact whose send state has no message
 * script (an agent script bound to a message channel) sends the script's offer line.
 */
export const renderContact: RenderContact = (db, c) => {
  const run = getRun(db, c.runId);
  const state = run?.machine.states[c.state];
  const sub = db.prepare('SELECT name, phone, city, plan, arpu, data_used_mb, data_allowance_mb FROM subscribers WHERE id = ?').get(c.customerId) as (ScriptSubscriber & { phone: string }) | undefined;
  if (!run || state?.kind !== 'send' || !sub) return { phone: sub?.phone ?? '', text: '', scriptId: '', touchId: '' };
  const script = run.machine.scripts[state.script];
  const template = script?.kind === 'message' ? script.template : script?.kind === 'agent' ? script.offer : '';
  return { phone: sub.phone, text: fillTemplate(template, scriptVars(sub, run.machine.productId, 'zh')), scriptId: state.script, touchId: state.touch };
};
