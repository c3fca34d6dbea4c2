import type { Db } from '../db/open.js';
import { listDeadLetters, type DeadLetter } from '../channels/bindings/dead-letters.js';
import { keyStatus } from '../channels/bindings/secret-box.js';
import { listProvisioningBindings, type ProvisioningBindingView } from './store.js';
import { ANSWER_PATH } from './answer-http.js';
import { breakerName } from './caller.js';
import { breakerStateOf } from '../engine/channels/breaker-states.js';

export interface ProvisioningOverview {
  /** paused: the current version's circuit is open (or probing) in a process that calls it. */
  bindings: (ProvisioningBindingView & { queued: number; accepted: number; deadLetters: number; paused: boolean })[];
  deadLetters: DeadLetter[];
  secretKey: ReturnType<typeof keyStatus>;
  answerPath: string;
}

/** The admin page's section: each service's binding, calls waiting (queued / accepted, awaiting the answer) and the latest 50 calls that failed for good. */
export function provisioningOverview(db: Db): ProvisioningOverview {
  const waiting = db.prepare(`SELECT service, status, count(*) AS n FROM provision_calls WHERE status IN ('queued', 'accepted') GROUP BY service, status`).all() as { service: string; status: string; n: number }[];
  const dead = listDeadLetters(db, { target: 'provision', limit: 50 });
  const deadCounts = db.prepare(`SELECT channel, count(*) AS n FROM http_dead_letters WHERE target = 'provision' GROUP BY channel`).all() as { channel: string; n: number }[];
  const n = (service: string, status: string) => Number(waiting.find((w) => w.service === service && w.status === status)?.n ?? 0);
  return {
    bindings: listProvisioningBindings(db).map((b) => ({ ...b, queued: n(b.service, 'queued'), accepted: n(b.service, 'accepted'), deadLetters: Number(deadCounts.find((d) => d.channel === b.service)?.n ?? 0), paused: b.kind === 'http' && breakerStateOf(db, breakerName(b.service, b.version)) !== 'closed' })),
    deadLetters: dead,
    secretKey: keyStatus(),
    answerPath: ANSWER_PATH,
  };
}
