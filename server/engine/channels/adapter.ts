import type { ChannelId } from '../../../shared/catalogue/channels.js';
import type { ContactRequest, DeliveryResult } from '../core/journey.js';

/**
 * One interface for every channel. Outcomes (responses, orders) never come back from `send`: they
 * arrive later as events. Three delivery modes:
 * - `inline`: `decide` is deterministic and I/O-free (the simulated gateway), so the stepper calls it
 *   inside the batch transaction and the contact is written as `sent` or `failed` with the state change;
 * - `outbox`: the contact is written `queued` with the state change; `deliver` runs after commit
 *   (the webhook) and a crash in between re-delivers with the same idempotency key;
 * - `agent`: the contact goes to `agent_queue` in the same transaction and waits for a person.
 */
export interface ChannelAdapter {
  readonly name: string;
  readonly mode: 'inline' | 'outbox' | 'agent';
  decide?(req: ContactRequest): DeliveryResult;
  deliver?(batch: OutboxContact[]): Promise<OutboxResult[]>;
  /** Called once the outbox has written a delivered batch's results (a gateway applies reports that came before that). */
  recorded?(batch: OutboxContact[]): void;
}

/** A queued contact read back from the contact log for an outbox adapter. */
export interface OutboxContact {
  runId: number;
  customerId: number;
  state: string;
  attempt: number;
  channel: ChannelId;
  stage: string;
  flowId: string;
  createdAt: number;
  /** Delivery attempts already made (the outbox's count, across processes). */
  tries?: number;
  /** The channel binding version of its first attempt (null before it): its retries keep that binding. */
  bindingVersion?: number | null;
}

/**
 * `unknown`: the submit may have reached the customer but its answer never came (a gateway link lost
 * mid-window, a process that died mid-submit): written as sent with the reason, and never sent again.
 */
export type OutboxResult =
  | { status: 'sent'; providerId: string }
  | { status: 'failed'; reason: string }
  | { status: 'retry'; reason: string }
  | { status: 'unknown'; reason: string }
  /** Attempts exhausted (HTTP): parked in the dead-letter list, still queued, until an admin retries it. */
  | { status: 'dead'; reason: string };

/** The idempotency key of one contact, stable across crashes and re-deliveries. */
export const contactKey = (c: { runId: number; customerId: number; state: string; attempt: number }): string =>
  `${c.runId}:${c.customerId}:${c.state}:${c.attempt}`;

export type AdapterMap = Partial<Record<ChannelId, ChannelAdapter>>;
