import type { ChannelId } from '../../../shared/catalogue/channels.js';
import type { GroupId } from '../../../shared/catalogue/groups.js';
import type { Stage } from '../../../shared/catalogue/stages.js';
import type { AwaitEvent, ProvisionResult } from '../../../shared/machine/types.js';
import type { Attributes } from './conditions.js';

/** Bits of `journeys.flags`. */
export const FLAG = {
  responded: 1,
  converted: 2,
  control: 4,
  awaitingConfirmation: 8,
  contacted: 16,
} as const;

/** Synthetic states outside the machine: the control hold-out and journeys ended by the run (budget, period, stop). */
export const CONTROL_STATE = '$control';
export const ENDED_STATE = '$ended';

/** One customer's place in one run — a row of `journeys`. */
export interface Journey {
  runId: number;
  customerId: number;
  state: string;
  /** When the journey next needs the stepper; null = waiting for events only, or ended. */
  dueAt: number | null;
  flags: number;
  /** Contact sequence number; part of the contact log key. */
  attempt: number;
  lane: string | null;
  enteredAt: number;
  endedAt: number | null;
  outcome: string | null;
}

/** What the stepper knows about the customer when it steps a journey. */
export interface Customer {
  id: number;
  group: GroupId;
  smartphone: boolean;
  dnd: boolean;
  optOutMask: number;
  /** Present only when the machine has attribute or rule guards. */
  attrs?: Attributes;
}

/** What drives a step: time (the journey is due), an outcome event, or a delivery failure reported later. */
export type StepInput =
  | { kind: 'due' }
  | { kind: 'event'; type: AwaitEvent; secondConfirmed?: boolean }
  | { kind: 'failed'; reason: string };

/** A contact the step wants made, handed to the channel adapter. */
export interface ContactRequest {
  runId: number;
  customerId: number;
  state: string;
  attempt: number;
  channel: ChannelId;
  stage: Stage;
  script: string;
  group: GroupId;
  now: number;
}

/** Outcome events the simulated world schedules for later (a response after its delay). */
export interface ScheduledEvent {
  type: AwaitEvent;
  at: number;
  secondConfirmed?: boolean;
}

export type DeliveryResult =
  | { status: 'sent'; providerId: string; outcomes?: ScheduledEvent[] }
  | { status: 'queued' }
  | { status: 'failed'; reason: string };

export type ContactStatus = 'queued' | 'sent' | 'failed' | 'suppressed' | 'unreachable';

export type Effect =
  | { kind: 'contact'; state: string; attempt: number; channel: ChannelId; stage: Stage; cost: number; status: ContactStatus; reason?: string; providerId?: string; script: string }
  | { kind: 'trace'; state: string; code: string; detail?: string }
  | { kind: 'enter'; node: string }
  | { kind: 'schedule'; event: ScheduledEvent }
  /** An operator service call and its answer: a row of `grants` (cost only when granted). */
  | { kind: 'grant'; state: string; attempt: number; service: string; benefit: string; result: ProvisionResult; cost: number; expiresAt: number | null; reason?: string }
  | { kind: 'ended'; outcome: string };
