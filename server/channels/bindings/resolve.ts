import { CHANNELS, type ChannelId } from '../../../shared/catalogue/channels.js';
import type { Db } from '../../db/open.js';
import type { Logger } from '../../logger.js';
import { agentQueueAdapter } from '../../engine/channels/agent-queue.js';
import type { AdapterMap, ChannelAdapter, OutboxContact, OutboxResult } from '../../engine/channels/adapter.js';
import { HttpAdapter } from './http-adapter.js';
import { SecretKeyError } from './secret-box.js';
import { bindingsStamp, loadBinding } from './store.js';
import { gatewayAdapter, type GatewayDeps } from '../delivery/gateway-adapter.js';
import { renderContact } from './render.js';

export interface ResolverOptions {
  /** Link tuning and reply templates for SMPP / CMPP bindings (tests shorten timeouts). */
  gateway?: Omit<GatewayDeps, 'render' | 'log'>;
  log?: Logger;
  /** HTTP posts in flight per binding. */
  httpConcurrency?: number;
}

const retryAll = (batch: OutboxContact[], reason: string): OutboxResult[] => batch.map(() => ({ status: 'retry' as const, reason }));

/**
 * What each channel sends through, resolved at send time from the admins' bindings (issue #19 item 1).
 * The engine asks for a live run's adapters at every step and delivery pass; they are rebuilt when any
 * binding's version changes, so a change applies to the next send. A message channel bound to HTTP or a
 * gateway gets a `BoundChannel` (outbox): a contact's first attempt records the binding version it went
 * out under, and its retries keep that version (an HTTP post that timed out may have arrived: it is not
 * sent to another platform); contacts not yet attempted take the current binding.
 */
export class BindingResolver {
  private stamp = -1;
  private current = new Map<ChannelId, ChannelAdapter | null>();
  private readonly versioned = new Map<string, ChannelAdapter>();

  constructor(private readonly db: Db, private readonly o: ResolverOptions = {}) {}

  /** The adapters of a live run's channels: bound ones, agent channels' queue; simulated channels are left to the run's default. */
  adapters(): AdapterMap {
    this.refresh();
    const out: AdapterMap = {};
    for (const [channel, a] of this.current) if (a) out[channel] = a;
    return out;
  }

  /** The bindings' version stamp the adapters were built for (the engine re-asks when it moves). */
  version(): number {
    this.refresh();
    return this.stamp;
  }

  /** The adapter of a channel's current binding (null: simulated). */
  adapterFor(channel: ChannelId): ChannelAdapter | null {
    this.refresh();
    return this.current.get(channel) ?? null;
  }

  private refresh(): void {
    const stamp = bindingsStamp(this.db);
    if (stamp === this.stamp) return;
    const next = new Map<ChannelId, ChannelAdapter | null>();
    for (const c of CHANNELS) {
      const kind = this.kindOf(c.id);
      // The dialer pulls from the agent queue (server/dialer); the workbench keeps working beside it.
      if (kind === 'agent_queue' || kind === 'dialer') next.set(c.id, agentQueueAdapter);
      else if (kind === 'simulated') next.set(c.id, null);
      else {
        const had = this.current.get(c.id);
        const version = this.currentVersion(c.id);
        next.set(c.id, had instanceof BoundChannel && had.version === version ? had : new BoundChannel(this.db, c.id, version, this));
      }
    }
    this.current = next;
    this.stamp = stamp;
  }

  private kindOf(channel: ChannelId): string {
    return (this.db.prepare('SELECT kind FROM channel_bindings WHERE channel = ?').pluck().get(channel) as string | undefined)
      ?? (CHANNELS.find((c) => c.id === channel)!.kind === 'agent' ? 'agent_queue' : 'simulated');
  }

  currentVersion(channel: ChannelId): number {
    return (this.db.prepare('SELECT version FROM channel_bindings WHERE channel = ?').pluck().get(channel) as number | undefined) ?? 0;
  }

  /**
   * The sending adapter of one binding version (cached: an HTTP binding's breaker and a gateway's link
   * live as long as the version). Throws SecretKeyError when its secret cannot be opened.
   */
  sender(channel: ChannelId, version: number): ChannelAdapter {
    const key = `${channel}@${version}`;
    const had = this.versioned.get(key);
    if (had) return had;
    const b = loadBinding(this.db, channel, version);
    const s = b.settings;
    let a: ChannelAdapter;
    if (s.kind === 'http') a = new HttpAdapter(this.db, { ...s.http, channel, version: b.version, concurrency: this.o.httpConcurrency ?? 8 });
    else if (s.kind === 'smpp' || s.kind === 'cmpp') {
      // The gateway factory keeps one link per channel and version itself; not cached here.
      return gatewayAdapter(this.db, { ...b, settings: s }, { ...this.o.gateway, render: renderContact, ...(this.o.log ? { log: this.o.log } : {}) });
    } else throw new Error(`binding ${key} is ${s.kind}, not a sending binding`);
    this.versioned.set(key, a);
    return a;
  }
}

/** Why a binding cannot send now, in words (a secret that does not open, …). */
export const cannotSend = (err: unknown): string =>
  err instanceof SecretKeyError ? `密钥无法解密 / secret cannot be opened: ${err.message}` : err instanceof Error ? err.message : String(err);

/**
 * A message channel's outbox adapter for one current binding version. Each batch: contacts never
 * attempted are stamped with the current version (in the store, so every process agrees), then each
 * version's contacts go to that version's sender — HTTP versions as they were, gateway contacts
 * through the current link (a gateway contact still queued was never accepted by a gateway).
 */
export class BoundChannel implements ChannelAdapter {
  readonly mode = 'outbox' as const;
  readonly name: string;

  constructor(private readonly db: Db, readonly channel: ChannelId, readonly version: number, private readonly resolver: BindingResolver) {
    this.name = `binding:${channel}@${version}`;
  }

  async deliver(batch: OutboxContact[]): Promise<OutboxResult[]> {
    const fresh = batch.filter((c) => c.bindingVersion == null);
    if (fresh.length) {
      const stamp = this.db.prepare('UPDATE contacts SET binding_version = ? WHERE run_id = ? AND customer_id = ? AND state = ? AND attempt = ? AND binding_version IS NULL');
      this.db.transaction(() => {
        for (const c of fresh) stamp.run(this.version, c.runId, c.customerId, c.state, c.attempt);
      })();
      for (const c of fresh) c.bindingVersion = this.version;
    }
    const groups = new Map<number, number[]>();
    batch.forEach((c, i) => {
      const v = this.senderVersion(c.bindingVersion!);
      groups.set(v, [...(groups.get(v) ?? []), i]);
    });
    const out: OutboxResult[] = new Array(batch.length);
    await Promise.all([...groups].map(async ([v, idx]) => {
      const part = idx.map((i) => batch[i]!);
      let results: OutboxResult[];
      try {
        results = await this.resolver.sender(this.channel, v).deliver!(part);
      } catch (err) {
        results = retryAll(part, cannotSend(err));
      }
      idx.forEach((i, j) => (out[i] = results[j] ?? { status: 'retry', reason: 'no result' }));
    }));
    return out;
  }

  recorded(batch: OutboxContact[]): void {
    try {
      this.resolver.sender(this.channel, this.version).recorded?.(batch);
    } catch { /* nothing was sent through a sender that cannot be built */ }
  }

  /** HTTP contacts keep the version of their first attempt; any other kind goes through the current binding. */
  private senderVersion(stamped: number): number {
    if (stamped === this.version) return stamped;
    const kind = this.db.prepare('SELECT kind FROM channel_binding_versions WHERE channel = ? AND version = ?').pluck().get(this.channel, stamped) as string | undefined;
    return kind === 'http' ? stamped : this.version;
  }
}
