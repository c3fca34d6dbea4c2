import type { Db } from '../../db/open.js';
import type { Logger } from '../../logger.js';
import { dispatchOutbox, type DeliveryOptions, type RunChannels } from '../runtime/outbox.js';
import { activeRuns, type Run } from '../store/runs.js';
import type { ChannelAdapter } from './adapter.js';
import { breakerRecorder } from './breaker-states.js';
import { CircuitBreaker, type BreakerOptions } from './circuit-breaker.js';

export interface DeliveryLoopOptions extends Omit<DeliveryOptions, 'breaker'> {
  /** Pause between passes that found nothing to post. */
  idleMs?: number;
  breakers?: BreakerOptions;
  log?: Logger;
  /** Another outbox posted in the same passes (the provisioning calls), at engine time `now`; how many it posted. */
  alsoPass?: (now: number) => Promise<number>;
}

/**
 * Delivers live runs' outbox contacts (webhooks) beside the engine, never inside its tick: a pass
 * claims each run's due contacts and posts them, runs and receivers side by side; the engine's timer
 * keeps its cadence because the only waiting here is for the network, between which the event loop is
 * free. One circuit breaker per receiver (adapter), kept across passes; failed posts come back after a
 * jittered, capped back-off (`contacts.next_try_at`). Used by the in-process engine and by every engine
 * worker: contacts are claimed in the store, so several processes deliver one run without posting a contact twice.
 */
export class DeliveryLoop {
  private readonly breakers = new WeakMap<ChannelAdapter, CircuitBreaker>();
  private stopped = true;
  private running: Promise<void> | null = null;
  private wake: (() => void) | null = null;

  constructor(private readonly db: Db, private readonly channelsFor: (run: Run) => RunChannels, private readonly o: DeliveryLoopOptions = {}) {}

  breaker(a: ChannelAdapter): CircuitBreaker {
    let b = this.breakers.get(a);
    // Its transitions go to the store, so the admin page in another process shows what this sender sees.
    if (!b) this.breakers.set(a, (b = new CircuitBreaker({ ...this.o.breakers, onChange: breakerRecorder(this.db, a.name) })));
    return b;
  }

  /** One pass over one run's outbox at engine time `now`; how many contacts were posted. */
  deliverRun(run: Run, now: number): Promise<number> {
    return dispatchOutbox(this.db, run, this.channelsFor(run), now, { ...this.o, breaker: (a) => this.breaker(a) });
  }

  /** One pass over every running live run, side by side; how many contacts were posted. */
  async pass(now = Date.now()): Promise<number> {
    const counts = await Promise.all([...activeRuns(this.db, 'live').map((run) => this.deliverRun(run, now)), ...(this.o.alsoPass ? [this.o.alsoPass(now)] : [])]);
    return counts.reduce((a, b) => a + b, 0);
  }

  /** Pass after pass until stop(): at once after a pass that posted something, else after `idleMs`. */
  start(): void {
    if (!this.stopped) return;
    this.stopped = false;
    const idle = this.o.idleMs ?? 250;
    this.running = (async () => {
      while (!this.stopped) {
        let posted = 0;
        try {
          posted = await this.pass();
        } catch (err) {
          this.o.log?.warn({ err }, 'outbox delivery pass failed; contacts stay queued');
        }
        if (this.stopped) break;
        await new Promise<void>((r) => {
          const t = setTimeout(r, posted > 0 ? 0 : idle);
          this.wake = () => {
            clearTimeout(t);
            r();
          };
        });
        this.wake = null;
      }
    })();
  }

  /** Stop after the pass under way (its posts are answered and written). */
  async stop(): Promise<void> {
    this.stopped = true;
    this.wake?.();
    await this.running;
    this.running = null;
  }
}
