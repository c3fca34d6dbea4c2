import type { ChannelId } from '../../shared/catalogue/channels.js';
import type { Machine } from '../../shared/machine/types.js';
import type { Db } from '../db/open.js';
import { dateStart, HOUR } from '../engine/core/clock.js';
import { machineChannelMask } from '../engine/runtime/enrolment.js';
import { DEFAULT_POLICY, nextAllowed } from '../engine/core/policy.js';
import { simJobStatus, startSimJob } from '../engine/simulation/sim-jobs.js';
import type { SimulationSummary } from '../engine/simulation/simulate.js';
import type { FlowDocument } from '../../shared/flow/document.js';
import { exactAudience, type CountOptions } from '../segments/exact-count.js';

/** Sample size and horizon of the forecast simulation: large enough for stable rates, small enough for seconds on 2 cores. */
export const FORECAST_SAMPLE = { customers: 1000, seed: 1, maxDays: 30 };

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

/** A machine's forecast simulation, and the audiences counted while it runs (per flow and unit: the panel's polls reuse them). */
interface ForecastRun { jobId: string; audience: Map<string, AudienceNow>; failureAnswered?: boolean }

/** What the forecast simulates: the sample over the flow's period, at most `maxDays`. */
export function forecastSample(doc: FlowDocument): { customers: number; seed: number; days: number } {
  const days = Math.max(1, Math.min(FORECAST_SAMPLE.maxDays, Math.round((dateStart(doc.period.end) - dateStart(doc.period.start)) / (24 * HOUR)) + 1));
  return { customers: FORECAST_SAMPLE.customers, seed: FORECAST_SAMPLE.seed, days };
}

/** One simulation per compiled machine (its content hash): the same document is never simulated twice at once. */
const runByHash = new Map<string, ForecastRun>();

/** The machine's simulation: the running or finished one, else a new one on the simulation thread (a failure, once answered, starts again). */
function forecastRun(db: Db, doc: FlowDocument, machine: Machine): ForecastRun {
  const run = runByHash.get(machine.hash);
  if (run && !run.failureAnswered && simJobStatus(run.jobId)) return run;
  const started: ForecastRun = { jobId: startSimJob(doc, { ...forecastSample(doc), offThread: db }), audience: new Map() };
  runByHash.set(machine.hash, started);
  return started;
}

const running = (run: ForecastRun): boolean => {
  const job = simJobStatus(run.jobId);
  return !!job && !job.done && !job.error;
};

/** The sample's figures per enrolled (treated) sample customer, times the real audience: the sample's cities and groups differ from the segment's. */
export function scaledForecast(s: SimulationSummary, treated: number): Pick<Forecast, 'cost' | 'conversions' | 'channels'> {
  const scale = s.enrolled > 0 ? treated / s.enrolled : 0;
  return {
    cost: Math.round(s.cost * scale),
    conversions: Math.round(s.conversions * scale),
    channels: Object.entries(s.channels).map(([channel, c]) => ({ channel, contacts: Math.round(c.contacts * scale), cost: Math.round(c.cost * scale) })).sort((a, b) => b.contacts - a.contacts),
  };
}

function readForecast(run: ForecastRun, treated: number): Forecast {
  // a finished job may have been dropped from memory while the audience was counted: the next ask simulates again
  const job = simJobStatus(run.jobId) ?? { progress: 0, done: false };
  const base = { sample: FORECAST_SAMPLE.customers, progress: job.progress };
  if (job.error) {
    run.failureAnswered = true;
    return { ...base, state: 'failed', cost: 0, conversions: 0, channels: [], error: job.error };
  }
  if (!job.done || !job.summary) return { ...base, state: 'running', cost: 0, conversions: 0, channels: [] };
  // a live base smaller than the sample asked for is simulated whole: the note names the customers simulated
  return { ...base, sample: job.summary.customers, state: 'done', ...scaledForecast(job.summary, treated) };
}

export interface AudienceNow { count: number; control: number; treated: number }

/**
 * The flow's audience in the store today (matching customers, the control hold-out, those who will be
 * contacted) and the forecast simulation of its machine, started on first ask, scaled to that audience.
 * The audience is counted off the API thread (`count`: its slot and the request's signal; rejects with
 * CountSuperseded when a newer count in the slot or the closed request stopped it) once per simulation:
 * the panel's polls while it runs, and the first ask after it ended, take the audience counted during it.
 */
export async function forecastNow(db: Db, doc: FlowDocument, machine: Machine, unit: string, count: CountOptions = {}): Promise<{ audience: AudienceNow; simulation: Forecast }> {
  const run = forecastRun(db, doc, machine);
  const key = `${machine.flowId}\n${unit}`;
  let audience = run.audience.get(key);
  if (!audience) {
    const a = await exactAudience(db, machine.entry, unit, count, { flowId: machine.flowId, productId: machine.productId, channelMask: machineChannelMask(machine) });
    audience = { count: a.count, control: a.control, treated: a.count - a.control };
    if (running(run)) run.audience.set(key, audience);
  } else if (!running(run)) run.audience.delete(key);
  return { audience, simulation: readForecast(run, audience.treated) };
}
