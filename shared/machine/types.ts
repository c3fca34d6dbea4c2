import type { ChannelId } from '../catalogue/channels.js';
import type { Stage } from '../catalogue/stages.js';
import type { Condition, ConditionGroup } from '../flow/conditions.js';
import type { FlowDocument } from '../flow/document.js';
import type { Script } from '../flow/script.js';

/**
 * The compiled machine: flat, serialisable, position-free. The engine never sees the document —
 * only this. Every state names the node it came from (`node`), which is the source map used for
 * canvas overlays, metrics per node and error messages.
 */
export type StateId = string;

/** Events a journey in an `await` state can react to. Agent dispositions are mapped onto these. */
export const AWAIT_EVENTS = ['response', 'order', 'trial', 'store_visit', 'app_login'] as const;
export type AwaitEvent = (typeof AWAIT_EVENTS)[number];

export type Guard =
  | { kind: 'always' }
  | { kind: 'converted' }
  | { kind: 'responded' }
  | { kind: 'attribute'; condition: Condition }
  | { kind: 'rule'; group: ConditionGroup }
  /** Stable random bucket: hash(customer, node) mod 100 in [from, to). */
  | { kind: 'bucket'; from: number; to: number }
  | { kind: 'kpi'; metric: KpiMetric; op: 'gte' | 'lte'; threshold: number };

/** Campaign figures a `kpi` guard can test: rates are fractions, cost in yuan, ROI revenue ÷ cost. */
export type KpiMetric = 'contact_rate' | 'response_rate' | 'conversion_rate' | 'cost' | 'roi';

/** When a `timer` wakes: after a duration, at the next HH:MM (Beijing time), or on a date. */
export type TimerWake =
  | { mode: 'duration'; hours: number }
  | { mode: 'until_time'; time: string }
  | { mode: 'until_date'; date: string };

/** Events that enrol a customer in real time. */
export type TriggerEvent = 'usage_threshold' | 'app_login' | 'store_visit' | 'recharge' | 'web_page_view';

/** Who enters the machine and how: the entry node's audience, exclusions, control group and entry rules. */
export interface MachineEntry {
  conditions: ConditionGroup;
  exclusions: { optedOut: boolean; doNotDisturb: boolean; ownsOffer: boolean; inOtherActiveFlow: boolean; exclusionList: string };
  /** Holdout kept out of every contact, in percent. */
  controlGroupPct: number;
  entry: { mode: 'once' } | { mode: 'daily' } | { mode: 'event'; event: TriggerEvent; threshold?: number };
  reentry: { mode: 'never' } | { mode: 'after_exit'; cooldownDays: number };
}

interface StateBase {
  id: StateId;
  /** The document node this state was lowered from. */
  node: string;
}

/** Make one contact; `next` is where the journey goes once the channel accepted it. */
export interface SendState extends StateBase {
  kind: 'send';
  /** Touch id inside the node (script steps use the node's own touch id). */
  touch: string;
  channel: ChannelId;
  stage: Stage;
  /** Key into `Machine.scripts`. */
  script: string;
  next: StateId;
  /** Taken when the customer cannot be reached on this channel (opted out, feature phone, delivery failed). */
  unreachable: StateId;
}

/** Wait for an outcome event, with a timeout. Events not listed in `on` are ignored (recorded as late). */
export interface AwaitState extends StateBase {
  kind: 'await';
  timeoutHours: number;
  on: Partial<Record<AwaitEvent, StateId>>;
  timeout: StateId;
}

export interface TimerState extends StateBase {
  kind: 'timer';
  wake: TimerWake;
  next: StateId;
}

/**
 * Choose one branch, immediately. `first`: the first branch whose guard holds. `best_fit`: among the
 * branches whose guard holds and whose channel can reach the customer, the one with the best CPC fit.
 */
export interface RouteState extends StateBase {
  kind: 'route';
  mode: 'first' | 'best_fit';
  branches: { guard: Guard; target: StateId; channel?: ChannelId; stage?: Stage }[];
  /** Taken when no branch applies; null only when the branches are exhaustive. */
  otherwise: StateId | null;
}

export interface TerminalState extends StateBase {
  kind: 'terminal';
  /** Outcome label: an end node's outcome, or the id of an unconnected optional port. */
  outcome: string;
}

/** The answers an operator service call can give; a provision state names a target for each. */
export const PROVISION_RESULTS = ['granted', 'failed', 'already_held'] as const;
export type ProvisionResult = (typeof PROVISION_RESULTS)[number];

/** What a provision state asks the operator's service for. */
export interface ProvisionRequest {
  /** The operator's code of what is granted (a trial pack, a ringback trial, a coupon, points). */
  benefit: string;
  /** The kind of benefit, as the service names it. */
  kind: string;
  /** The catalogue product the benefit leads to: a customer who holds it already gets `already_held`. */
  product?: string;
  /** How long a grant lasts; absent: it does not expire. */
  expiryDays?: number;
}

/**
 * Call an operator service for the customer (provisioning: grant a benefit) and branch on its answer.
 * Decided per customer, never set-based: the answer differs by customer. `cost` (yuan per grant) is
 * the run's spend, under its budget; every call is a row of `grants`.
 */
export interface ProvisionState extends StateBase {
  kind: 'provision';
  /** The operator service called (e.g. 'benefit'). */
  service: string;
  request: ProvisionRequest;
  cost: number;
  on: Record<ProvisionResult, StateId>;
}

export type MachineState = SendState | AwaitState | TimerState | RouteState | ProvisionState | TerminalState;
export type StateKind = MachineState['kind'];

export interface Machine {
  /** Format of the machine itself. */
  version: 1;
  flowId: string;
  /** Content hash of the canonical machine (without this field): same document, same hash. */
  hash: string;
  initial: StateId;
  states: Record<StateId, MachineState>;
  scripts: Record<string, Script>;
  entry: MachineEntry;
  /** The segment node id (entry), for per-node counts. */
  entryNode: string;
  productId: string;
  priority: number;
  orgUnit: string;
  period: FlowDocument['period'];
  goal: FlowDocument['goal'];
  contactPolicy: NonNullable<FlowDocument['contactPolicy']>;
}
