import type { ChannelId } from '../../../shared/catalogue/channels.js';
import type { Stage } from '../../../shared/catalogue/stages.js';
import { scriptTakesOrder } from '../../../shared/flow/script.js';
import type { AwaitState, Guard, Machine, MachineState, ProvisionState, RouteState, SendState, TimerState } from '../../../shared/machine/types.js';
import { dateStart, dayStart, HOUR, localDay } from './clock.js';
import { evalCondition, evalGroup } from './conditions.js';
import { bucket } from './hash.js';
import { grantExpiry, type ProvisionAnswer } from './provision.js';
import { FLAG, type ContactRequest, type Customer, type DeliveryResult, type Effect, type Journey, type StepInput } from './journey.js';

/** The contact policy's verdict on one send, decided by the stepper from global counters. */
export type SendDecision =
  | { kind: 'send'; channel: ChannelId; cost: number; fallback?: boolean }
  | { kind: 'defer'; until: number; reason: string; suppressed: boolean }
  | { kind: 'unreachable'; reason: string }
  /** The run can send no more (budget): the stepper ends the run's journeys. */
  | { kind: 'stop'; reason: string };

/**
 * Everything a step may consult. All functions are lookups without I/O; the stepper builds them from
 * rows it read for the whole batch, and applies the returned effects (counters, contacts) itself.
 */
/**
 * A provision call's answer; or the call was queued for an HTTP binding (the journey waits in the state,
 * and the answer moves it when it comes: server/provisioning); or the run can spend no more (budget):
 * the stepper ends the run's journeys.
 */
export type ProvisionDecision = ({ kind: 'answer' } & ProvisionAnswer) | { kind: 'queued' } | { kind: 'stop'; reason: string };

export interface StepContext {
  now: number;
  customer: Customer;
  decideSend(state: SendState, journey: Journey): SendDecision;
  /** Inline adapters (the simulated gateway) answer here; outbox adapters answer `queued`. */
  deliver(req: ContactRequest): DeliveryResult;
  /** Ask the operator service of a provision state (attempt: the call's sequence number); the stepper checks the budget and counts the cost. */
  provision(state: ProvisionState, journey: Journey, attempt: number): ProvisionDecision;
  /** Reason the customer cannot be reached on a channel (opt-out, feature phone, dnd), or null. */
  unreachable(channel: ChannelId): string | null;
  fit(channel: ChannelId): number;
  kpi(metric: Extract<Guard, { kind: 'kpi' }>['metric']): number;
}

export interface StepResult {
  journey: Journey;
  effects: Effect[];
  /** For events: how the input was taken. */
  status: 'applied' | 'late' | 'awaiting_confirmation' | 'idle' | 'as_response';
}

/** Longest chain of immediate states (send, route) followed in one call; a cycle of them is a compiler bug. */
const MAX_HOPS = 64;

/** Index from an await state to the send that leads into it, for the script's second-confirmation rule. */
const sendBefore = new WeakMap<Machine, Map<string, SendState>>();
export function sendLeadingTo(machine: Machine, awaitId: string): SendState | undefined {
  let m = sendBefore.get(machine);
  if (!m) {
    m = new Map();
    for (const s of Object.values(machine.states)) if (s.kind === 'send') m.set(s.next, s);
    sendBefore.set(machine, m);
  }
  return m.get(awaitId);
}

/** Whether the touch leading to this await can take an order at all (its script has an order keyword, or takes orders). */
export function touchTakesOrder(machine: Machine, awaitId: string): boolean {
  const send = sendLeadingTo(machine, awaitId);
  const script = send ? machine.scripts[send.script] : undefined;
  return !!script && scriptTakesOrder(script);
}

/** When a timer entered at `now` wakes. */
export function timerWake(s: TimerState, now: number): number {
  const w = s.wake;
  // Whole milliseconds: due_at is an integer column (BIGINT on PostgreSQL, which rejects 1.5).
  if (w.mode === 'duration') return now + Math.round(Math.max(0, w.hours) * HOUR);
  if (w.mode === 'until_date') return Math.max(now, dateStart(w.date));
  const [hh, mm] = w.time.split(':').map(Number) as [number, number];
  const today = localDay(now);
  const at = dayStart(today) + Math.round((hh + mm / 60) * HOUR);
  return at >= now ? at : at + 24 * HOUR;
}

/** When a journey entering `state` at `now` is next due (null: terminal). */
export function dueOnEntry(state: MachineState, now: number): number | null {
  switch (state.kind) {
    case 'send':
    case 'route':
    case 'provision': return now;
    case 'await': return now + Math.round(Math.max(0, state.timeoutHours) * HOUR);
    case 'timer': return timerWake(state, now);
    case 'terminal': return null;
  }
}

function enter(machine: Machine, j: Journey, target: string, now: number, effects: Effect[]): Journey {
  const from = machine.states[j.state];
  const to = machine.states[target];
  const next: Journey = { ...j, state: target };
  if (!to) {
    next.dueAt = null;
    next.endedAt = now;
    next.outcome = 'invalid_state';
    effects.push({ kind: 'trace', state: target, code: 'error', detail: 'unknown state' }, { kind: 'ended', outcome: 'invalid_state' });
    return next;
  }
  if (!from || from.node !== to.node) effects.push({ kind: 'enter', node: to.node });
  next.dueAt = dueOnEntry(to, now);
  if (to.kind === 'terminal') {
    next.endedAt = now;
    next.outcome = to.outcome;
    effects.push({ kind: 'ended', outcome: to.outcome });
  }
  return next;
}

/**
 * JS twin of `guardSql` (core/guard-sql.ts), which the stepper uses to move `first` routes set-based; attribute and
 * rule guards share one description (core/conditions.ts). Held equal by tests/integration/engine/guard-twins.property.test.ts.
 */
export function guardHolds(g: Guard, machine: Machine, state: RouteState, j: Journey, ctx: StepContext): boolean {
  switch (g.kind) {
    case 'always': return true;
    case 'converted': return (j.flags & FLAG.converted) !== 0;
    case 'responded': return (j.flags & FLAG.responded) !== 0;
    case 'attribute': return !!ctx.customer.attrs && evalCondition(g.condition, ctx.customer.attrs);
    case 'rule': return !!ctx.customer.attrs && evalGroup(g.group, ctx.customer.attrs);
    case 'bucket': {
      const b = bucket(j.customerId, state.node);
      return b >= g.from && b < g.to;
    }
    case 'kpi': {
      const v = ctx.kpi(g.metric);
      return g.op === 'gte' ? v >= g.threshold : v <= g.threshold;
    }
  }
  void machine;
}

/** Why a customer could be reached on none of a route's lanes: the policy reason, and each lane's. */
export interface NoLane { reason: string; detail: string; channel: ChannelId; stage: Stage }

/**
 * The reason for every lane unreachable: dnd wins (it closes every channel); one reason shared by all
 * lanes is that reason (opt_out, feature_phone); a mix is `no_reachable_lane`.
 */
function noLaneReason(lanes: { channel: ChannelId; reason: string }[]): string {
  const reasons = new Set(lanes.map((l) => l.reason));
  if (reasons.has('dnd')) return 'dnd';
  return reasons.size === 1 ? [...reasons][0]! : 'no_reachable_lane';
}

/** Choose a route's target (pure): `first` = first holding guard; `best_fit` = reachable branch with the best CPC fit. */
export function chooseBranch(machine: Machine, s: RouteState, j: Journey, ctx: StepContext): { target: string | null; lane: string | null; why: string; noLane?: NoLane } {
  if (s.mode === 'first') {
    for (const b of s.branches) if (guardHolds(b.guard, machine, s, j, ctx)) return { target: b.target, lane: b.channel ?? null, why: b.guard.kind };
    return { target: s.otherwise, lane: null, why: 'otherwise' };
  }
  let best: (typeof s.branches)[number] | null = null;
  let bestFit = -Infinity;
  const closed: { channel: ChannelId; stage: Stage; reason: string }[] = [];
  for (const b of s.branches) {
    if (!guardHolds(b.guard, machine, s, j, ctx)) continue;
    const closedWhy = b.channel ? ctx.unreachable(b.channel) : null;
    if (b.channel && closedWhy) {
      closed.push({ channel: b.channel, stage: b.stage ?? 'publicity', reason: closedWhy });
      continue;
    }
    const f = b.channel ? ctx.fit(b.channel) : 0;
    if (f > bestFit) {
      best = b;
      bestFit = f;
    }
  }
  if (best) return { target: best.target, lane: best.channel ?? null, why: `fit ${bestFit.toFixed(3)}` };
  if (closed.length === 0) return { target: s.otherwise, lane: null, why: 'no reachable branch' };
  const detail = closed.map((c) => `${c.channel}: ${c.reason}`).join(', ');
  const noLane = { reason: noLaneReason(closed), detail, channel: closed[0]!.channel, stage: closed[0]!.stage };
  return { target: s.otherwise, lane: null, why: `no reachable branch (${detail})`, noLane };
}

function stepSend(machine: Machine, s: SendState, j: Journey, ctx: StepContext, effects: Effect[]): Journey {
  const now = ctx.now;
  const d = ctx.decideSend(s, j);
  const attempt = j.attempt + 1;
  const base = { state: s.id, attempt, stage: s.stage, script: s.script };
  switch (d.kind) {
    case 'unreachable':
      effects.push({ kind: 'contact', ...base, channel: s.channel, cost: 0, status: 'unreachable', reason: d.reason });
      effects.push({ kind: 'trace', state: s.id, code: 'unreachable', detail: d.reason });
      return enter(machine, { ...j, attempt }, s.unreachable, now, effects);
    case 'defer':
      if (d.suppressed) effects.push({ kind: 'contact', ...base, channel: s.channel, cost: 0, status: 'suppressed', reason: d.reason });
      effects.push({ kind: 'trace', state: s.id, code: d.suppressed ? 'suppressed' : 'deferred', detail: `${d.reason} until ${new Date(d.until).toISOString()}` });
      return { ...j, attempt: d.suppressed ? attempt : j.attempt, dueAt: d.until };
    case 'stop':
      effects.push({ kind: 'trace', state: s.id, code: 'stopped', detail: d.reason });
      return { ...j, dueAt: null };
    case 'send': {
      const res = ctx.deliver({ runId: j.runId, customerId: j.customerId, state: s.id, attempt, channel: d.channel, stage: s.stage, script: s.script, group: ctx.customer.group, now });
      const why = d.fallback ? `fallback from ${s.channel}` : undefined;
      if (res.status === 'failed') {
        effects.push({ kind: 'contact', ...base, channel: d.channel, cost: 0, status: 'failed', reason: res.reason });
        effects.push({ kind: 'trace', state: s.id, code: 'failed', detail: `${d.channel}: ${res.reason}` });
        return enter(machine, { ...j, attempt }, s.unreachable, now, effects);
      }
      const sent = res.status === 'sent';
      effects.push({ kind: 'contact', ...base, channel: d.channel, cost: d.cost, status: res.status, ...(sent ? { providerId: res.providerId } : {}), ...(why ? { reason: why } : {}) });
      effects.push({ kind: 'trace', state: s.id, code: res.status, detail: `${d.channel}/${s.stage}${why ? ` (${why})` : ''}` });
      if (sent) for (const e of res.outcomes ?? []) effects.push({ kind: 'schedule', event: e });
      return enter(machine, { ...j, attempt, flags: sent ? j.flags | FLAG.contacted : j.flags }, s.next, now, effects);
    }
  }
}

/** Grant a benefit (or whatever the service does) and go where its answer leads; a grant costs the state's cost. */
function stepProvision(machine: Machine, s: ProvisionState, j: Journey, ctx: StepContext, effects: Effect[]): Journey {
  const attempt = j.attempt + 1;
  const d = ctx.provision(s, j, attempt);
  if (d.kind === 'stop') {
    effects.push({ kind: 'trace', state: s.id, code: 'stopped', detail: d.reason });
    return { ...j, dueAt: null };
  }
  if (d.kind === 'queued') {
    // Waits without a due time; the call's key keeps this attempt.
    effects.push({ kind: 'trace', state: s.id, code: 'provision_queued', detail: `${s.service} ${s.request.benefit}` });
    return { ...j, attempt, dueAt: null };
  }
  const granted = d.result === 'granted';
  const expiresAt = granted ? grantExpiry(s.request, ctx.now) : null;
  effects.push({
    kind: 'grant', state: s.id, attempt, service: s.service, benefit: s.request.benefit, result: d.result, cost: granted ? s.cost : 0, expiresAt,
    ...(d.reason ? { reason: d.reason } : {}),
  });
  const detail = `${s.service} ${s.request.benefit}${expiresAt !== null ? ` until ${new Date(expiresAt).toISOString()}` : ''}${d.reason ? ` (${d.reason})` : ''}`;
  effects.push({ kind: 'trace', state: s.id, code: PROVISION_TRACE[d.result], detail });
  return enter(machine, { ...j, attempt }, s.on[d.result], ctx.now, effects);
}

/** Trace code of each provision answer ('failed' alone is a contact's delivery failure). */
const PROVISION_TRACE = { granted: 'granted', failed: 'grant_failed', already_held: 'already_held' } as const satisfies Record<ProvisionAnswer['result'], string>;

function stepAwait(machine: Machine, s: AwaitState, j: Journey, input: StepInput, ctx: StepContext, effects: Effect[]): StepResult {
  if (input.kind === 'due') {
    if (j.dueAt === null || j.dueAt > ctx.now) return { journey: j, effects, status: 'idle' };
    effects.push({ kind: 'trace', state: s.id, code: 'timeout', detail: `${s.timeoutHours}h` });
    return { journey: enter(machine, j, s.timeout, ctx.now, effects), effects, status: 'applied' };
  }
  if (input.kind === 'failed') {
    const send = sendLeadingTo(machine, s.id);
    effects.push({ kind: 'trace', state: s.id, code: 'failed', detail: input.reason });
    if (!send) return { journey: j, effects, status: 'late' };
    return { journey: enter(machine, j, send.unreachable, ctx.now, effects), effects, status: 'applied' };
  }
  // An order where only a response is awaited still is a response (the script takes no orders).
  const type = input.type === 'order' && !s.on.order && s.on.response ? 'response' : input.type;
  const target = s.on[type];
  if (!target) return { journey: j, effects, status: 'late' };
  // 五条禁令: no conversion without an explicit second confirmation (二次确认), whatever the script says.
  // On a touch that takes no orders (publicity, experience) the customer's reply still is a response;
  // on one that does, the journey holds until the confirmed order (or its timeout) comes.
  if (type === 'order' && input.secondConfirmed !== true) {
    if (s.on.response && !touchTakesOrder(machine, s.id)) {
      effects.push({ kind: 'trace', state: s.id, code: 'response', detail: 'order without second confirmation, taken as a response' });
      return { journey: enter(machine, { ...j, flags: j.flags | FLAG.responded }, s.on.response, ctx.now, effects), effects, status: 'as_response' };
    }
    effects.push({ kind: 'trace', state: s.id, code: 'awaiting_confirmation', detail: 'order without second confirmation' });
    return { journey: { ...j, flags: j.flags | FLAG.responded | FLAG.awaitingConfirmation }, effects, status: 'awaiting_confirmation' };
  }
  const flags = j.flags | FLAG.responded | (type === 'order' ? FLAG.converted : 0);
  effects.push({ kind: 'trace', state: s.id, code: type });
  return { journey: enter(machine, { ...j, flags: flags & ~FLAG.awaitingConfirmation }, target, ctx.now, effects), effects, status: 'applied' };
}

/**
 * The pure transition: one input applied to one journey. For time (`due`), every immediate state (route,
 * send) that follows is taken too, until the journey waits (await, timer, deferred send) or ends; an
 * event or a delivery failure only makes the await transition and leaves the journey due now. No I/O —
 * the caller writes the returned journey and effects.
 */
export function step(machine: Machine, journey: Journey, input: StepInput, ctx: StepContext): StepResult {
  const effects: Effect[] = [];
  let j = journey;
  let status: StepResult['status'] = 'idle';
  const first = machine.states[j.state];
  if (!first || j.endedAt !== null) return { journey: j, effects, status: input.kind === 'due' ? 'idle' : 'late' };
  if (first.kind === 'await') {
    const r = stepAwait(machine, first, j, input, ctx, effects);
    j = r.journey;
    status = r.status;
    // Events only make the await transition: what follows (sends under the policy) is the stepper's job.
    if (status !== 'applied' || input.kind !== 'due') return { journey: j, effects, status };
  } else if (input.kind !== 'due') {
    return { journey: j, effects, status: 'late' };
  }
  for (let hop = 0; hop < MAX_HOPS; hop++) {
    const s: MachineState | undefined = machine.states[j.state];
    if (!s || j.endedAt !== null || j.dueAt === null || j.dueAt > ctx.now) break;
    if (s.kind === 'send') {
      const before = j;
      j = stepSend(machine, s, j, ctx, effects);
      status = 'applied';
      if (j.state === before.state && (j.dueAt === null || j.dueAt > ctx.now)) break;
    } else if (s.kind === 'route') {
      const c = chooseBranch(machine, s, j, ctx);
      effects.push({ kind: 'trace', state: s.id, code: 'route', detail: `${c.target ?? 'none'} (${c.why})` });
      if (c.noLane) {
        // Never contacted, so it must say why: one unreachable row per customer (the run's `suppressed`
        // counts it by reason) and the reason in the trace.
        const attempt = j.attempt + 1;
        effects.push({ kind: 'contact', state: s.id, attempt, channel: c.noLane.channel, stage: c.noLane.stage, script: '', cost: 0, status: 'unreachable', reason: c.noLane.reason });
        effects.push({ kind: 'trace', state: s.id, code: 'unreachable', detail: `${c.noLane.reason}: ${c.noLane.detail}` });
        j = { ...j, attempt };
      }
      if (c.target === null) {
        effects.push({ kind: 'ended', outcome: 'no_route' });
        return { journey: { ...j, dueAt: null, endedAt: ctx.now, outcome: 'no_route' }, effects, status: 'applied' };
      }
      j = enter(machine, { ...j, lane: c.lane ?? j.lane }, c.target, ctx.now, effects);
      status = 'applied';
    } else if (s.kind === 'timer') {
      effects.push({ kind: 'trace', state: s.id, code: 'wake' });
      j = enter(machine, j, s.next, ctx.now, effects);
      status = 'applied';
    } else if (s.kind === 'await') {
      effects.push({ kind: 'trace', state: s.id, code: 'timeout', detail: `${s.timeoutHours}h` });
      j = enter(machine, j, s.timeout, ctx.now, effects);
      status = 'applied';
    } else if (s.kind === 'provision') {
      const before = j;
      j = stepProvision(machine, s, j, ctx, effects);
      status = 'applied';
      if (j.state === before.state && j.dueAt === null) break;
    } else {
      // Only a terminal is left: a new state kind must be stepped above (this fails to compile until it is).
      s.kind satisfies 'terminal';
      break;
    }
  }
  return { journey: j, effects, status };
}
