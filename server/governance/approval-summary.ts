import type { ChannelId } from '../../shared/catalogue/channels.js';
import type { Machine } from '../../shared/machine/types.js';
import type { Db } from '../db/open.js';
import { dateStart, HOUR } from '../engine/core/clock.js';
import { machineChannelMask } from '../engine/runtime/enrolment.js';
import { DEFAULT_POLICY, nextAllowed } from '../engine/core/policy.js';
import { simJobStatus, startSimJob } from '../engine/simulation/sim-jobs.js';
import type { FlowDocument } from '../../shared/flow/document.js';
import { exactAudience, type CountOptions } from '../segments/exact-count.js';

/** Sample size and horizon of the forecast simulation: large enough for stable rates, small enough for seconds on 2 cores. */
export const FORECAST_SAMPLE = { customers: 1000, seed: 1, maxDays: 30 };

/** One simulation per compiled machine (its content hash): the same document is never simulated twice. */
const jobByHash = new Map<string, string>();

export interface FirstSend {
  channel: ChannelId;
  /** Epoch ms; null when customers enter on an event (the first send follows each customer's trigger). */
  at: number | null;
}

/**
 * Where and when the first contact goes out if the flow is published at `now`: the first send state
 * reached from the entry (through routes' first branches, timed waits and benefit grants), at the period's start or
 * now, moved into that channel's contact hours (Asia/Shanghai, as the engine does).
 */
export function firstSend(machine: Machine, now: number): FirstSend | null {
  let id: string | null = machine.initial;
  let delay = 0;
  const seen = new Set<string>();
  while (id && !seen.has(id)) {
    seen.add(id);
    const s: Machine['states'][string] | undefined = machine.states[id];
    if (!s) return null;
    if (s.kind === 'send') {
      if (machine.entry.entry.mode === 'event') return { channel: s.channel, at: null };
      const start = Math.max(now, dateStart(machine.period.start)) + delay;
      return { channel: s.channel, at: nextAllowed(DEFAULT_POLICY, s.channel, start) };
    }
    if (s.kind === 'timer') {
      if (s.wake.mode === 'duration') delay += s.wake.hours * HOUR;
      id = s.next;
    } else if (s.kind === 'route') id = s.branches[0]?.target ?? s.otherwise;
    else if (s.kind === 'await') id = s.timeout;
    else if (s.kind === 'provision') id = s.on.granted;
    else return null;
  }
  return null;
}

export interface Forecast {
  state: 'running' | 'done' | 'failed';
  progress: number;
  sample: number;
  /** Per treated customer in the sample, scaled to the real audience below. */
  cost: number;
  conversions: number;
  channels: { channel: string; contacts: number; cost: number }[];
  error?: string;
}

/** Start (or find) the forecast simulation of this machine and read where it is, scaled to `treated` customers. */
export function forecast(doc: FlowDocument, machine: Machine, treated: number): Forecast {
  let jobId = jobByHash.get(machine.hash);
  let job = jobId ? simJobStatus(jobId) : null;
  if (!job || job.error) {
    const days = Math.max(1, Math.min(FORECAST_SAMPLE.maxDays, Math.round((dateStart(doc.period.end) - dateStart(doc.period.start)) / (24 * HOUR)) + 1));
    jobId = startSimJob(doc, { customers: FORECAST_SAMPLE.customers, seed: FORECAST_SAMPLE.seed, days });
    jobByHash.set(machine.hash, jobId);
    job = simJobStatus(jobId)!;
  }
  const base = { sample: FORECAST_SAMPLE.customers, progress: job.progress };
  if (job.error) return { ...base, state: 'failed', cost: 0, conversions: 0, channels: [], error: job.error };
  if (!job.done || !job.summary) return { ...base, state: 'running', cost: 0, conversions: 0, channels: [] };
  const s = job.summary;
  // Rates per enrolled (treated) sample customer, times the real audience: the sample's cities and groups differ from the segment's.
  const scale = s.enrolled > 0 ? treated / s.enrolled : 0;
  return {
    ...base, state: 'done',
    cost: Math.round(s.cost * scale),
    conversions: Math.round(s.conversions * scale),
    channels: Object.entries(s.channels).map(([channel, c]) => ({ channel, contacts: Math.round(c.contacts * scale), cost: Math.round(c.cost * scale) })).sort((a, b) => b.contacts - a.contacts),
  };
}

/**
 * The flow's audience in the store today: matching customers, the control hold-out, and those who will be
 * contacted — counted off the API thread (`count`: its slot and the request's signal; rejects with
 * CountSuperseded when a newer count in the slot or the closed request stopped it).
 */
export async function audienceNow(db: Db, machine: Machine, unit: string, count: CountOptions = {}): Promise<{ count: number; control: number; treated: number }> {
  const a = await exactAudience(db, machine.entry, unit, count, { flowId: machine.flowId, productId: machine.productId, channelMask: machineChannelMask(machine) });
  return { count: a.count, control: a.control, treated: a.count - a.control };
}
