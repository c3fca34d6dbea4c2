import type { SessionUser } from '../core/context.js';
import { DomainError } from '../core/errors.js';
import type { Db } from '../db/open.js';
import { disposeItem } from '../engine/channels/agent-queue.js';
import type { Disposition } from '../../shared/flow/script.js';
import { mayDispose } from './workbench-queue.js';

export interface AgentDisposition {
  queueId: number;
  disposition: Disposition;
  callbackAt?: number;
  secondConfirmed?: boolean;
}

/** An agent records a call's outcome for a customer of their unit; a callback must be in the future. */
export function disposeAsAgent(db: Db, user: SessionUser, input: AgentDisposition, now = Date.now()) {
  if (!mayDispose(db, user, input.queueId)) throw new DomainError({ code: 'FORBIDDEN', message: '不是您所在单位的客户 / Not a customer of your unit' });
  if (input.disposition === 'callback' && input.callbackAt! <= now) throw new DomainError({ code: 'BAD_REQUEST', message: '回访时间需在将来 / The callback time must be in the future' });
  return disposeItem(db, {
    queueId: input.queueId, disposition: input.disposition, agentId: user.id,
    ...(input.callbackAt !== undefined ? { callbackAt: input.callbackAt } : {}),
    ...(input.secondConfirmed !== undefined ? { secondConfirmed: input.secondConfirmed } : {}),
  }, now);
}
