import { CHANNEL_BY_ID, type ChannelId } from '../../shared/catalogue/channels.js';
import { channelUsage } from '../engine/store/channel-usage.js';
import { gatewayFigures, type GatewayFigures } from '../channels/delivery/figures.js';
import type { Db } from '../db/open.js';
import { localDay } from '../engine/core/clock.js';
import { runMetrics, type RunMetrics } from '../engine/store/metrics.js';
import { getRun } from '../engine/store/runs.js';
import { runCounts } from '../engine/store/counters-read.js';
import { attributeConversions, attributionTotals, type AttributionTotals } from './attribution.js';
import { runInfo, type RunInfo } from './run-info.js';
import { dailyFigures, type DailyRow } from './daily.js';
import { conversionTimeline, type Bucket, type TimelinePoint } from './timeline.js';

export interface ChannelCapacity {
  dailyCapacity: number;
  /** Contacts made on the channel today by every run (the capacity the call centre, stores… spent). */
  usedToday: number;
  /** This run's contacts on the channel today. */
  runToday: number;
}

export interface RunDashboard {
  run: RunInfo;
  /** The engine's numbers, unchanged: the dashboard never recomputes what `runMetrics` owns. */
  metrics: RunMetrics;
  attribution: AttributionTotals;
  capacity: Record<string, ChannelCapacity>;
  timeline: { bucket: Bucket; points: TimelinePoint[] };
  /** Journeys currently waiting for an agent, per human channel. */
  agentQueue: Record<string, number>;
  /** Every day of the run so far, in total and per channel, from the contact log and traces. */
  daily: DailyRow[];
  /** Submits through a CMPP / SMPP gateway (null when the run used none): delivered, failed, unknown. */
  gateway: GatewayFigures | null;
}

/** Everything the live run dashboard shows, in one read of the run counters and a few bounded queries. */
export function runDashboard(db: Db, runId: number, bucket: Bucket | 'auto' = 'auto', now = Date.now()): RunDashboard {
  const run = getRun(db, runId);
  if (!run) throw new Error(`no run ${runId}`);
  const info = runInfo(db, run, now);
  const counts = runCounts(db, runId);
  const metrics = runMetrics(db, runId, counts);
  const day = localDay(info.now);
  const capacity: Record<string, ChannelCapacity> = {};
  const usedToday = channelUsage(db, day);
  const runToday = new Map<string, number>();
  for (const m of counts.made) if (Math.floor(m.hour / 24) === day) runToday.set(m.channel, (runToday.get(m.channel) ?? 0) + m.n);
  for (const ch of Object.keys(metrics.channels)) {
    capacity[ch] = { dailyCapacity: CHANNEL_BY_ID[ch as ChannelId]?.dailyCapacity ?? 0, usedToday: usedToday.get(ch as ChannelId) ?? 0, runToday: runToday.get(ch) ?? 0 };
  }
  const agentQueue: Record<string, number> = {};
  for (const r of db.prepare(`SELECT channel, count(*) AS n FROM agent_queue WHERE run_id = ? AND status = 'waiting' GROUP BY channel`).all(runId) as { channel: string; n: number }[]) agentQueue[r.channel] = r.n;
  return { run: info, metrics, attribution: attributionTotals(attributeConversions(db, runId)), capacity, timeline: conversionTimeline(db, runId, bucket, counts), agentQueue, daily: dailyFigures(db, runId, counts), gateway: gatewayFigures(db, runId) };
}
