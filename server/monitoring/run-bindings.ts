import type { ChannelId } from '../../shared/catalogue/channels.js';
import { deliveryView } from '../channels/bindings/shared-resolver.js';
import { bindingStatuses, type BindingStatus } from '../channels/bindings/status.js';
import type { AppServices } from '../core/context.js';
import { getRun } from '../engine/store/runs.js';
import { runDashboard, type RunDashboard } from './dashboard.js';

/** A bound channel the run sends on, as the dashboard shows it: link, paused on errors, this run's contacts waiting. */
export interface RunBindingStatus extends Omit<BindingStatus, 'waiting'> {
  /** This run's contacts queued for the channel (nothing is lost while a binding is down: they wait here). */
  waiting: number;
}

/**
 * The live dashboard with the state of the gateways and platforms the run sends through (issue #19, bad input
 * and faults): a binding paused after repeated failures, or a link that is down, shows on the run's own page
 * with how many of its contacts wait, not only on the admin page.
 */
export function liveRunDashboard(services: Pick<AppServices, 'db' | 'engine' | 'log'>, runId: number, bucket: 'auto' | 'hour' | 'day'): RunDashboard & { bindings: RunBindingStatus[] } {
  const dashboard = runDashboard(services.db, runId, bucket);
  const run = getRun(services.db, runId);
  const sendsOn = new Set(Object.values(run?.machine.states ?? {}).flatMap((s) => (s.kind === 'send' ? [s.channel] : [])));
  if (!run || run.clock !== 'live' || sendsOn.size === 0) return { ...dashboard, bindings: [] };
  const waiting = new Map((services.db.prepare(`SELECT channel, count(*) AS n FROM contacts WHERE run_id = ? AND status = 'queued' GROUP BY channel`)
    .all(runId) as { channel: ChannelId; n: number }[]).map((r) => [r.channel, Number(r.n)]));
  const bindings = bindingStatuses(services.db, deliveryView(services))
    .filter((b) => b.link !== 'na' && sendsOn.has(b.channel))
    .map((b) => ({ ...b, waiting: waiting.get(b.channel) ?? 0 }));
  return { ...dashboard, bindings };
}
