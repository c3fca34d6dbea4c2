export interface BreakerOptions {
  /** Consecutive failed deliveries that open the circuit. */
  failures?: number;
  /** How long an open circuit rests before one probe is let through. */
  coolDownMs?: number;
  /**
   * Told of each transition — opened (again, after a failed probe) at `openedAt`, or closed (null) — so
   * processes that do not send can show the circuit (`breaker-states.ts`).
   */
  onChange?: (openedAt: number | null, coolDownMs: number) => void;
}

export type BreakerState = 'closed' | 'open' | 'half_open';

/**
 * One per outbox adapter (a receiver): after `failures` consecutive failed deliveries (5xx, 429,
 * timeouts, refused connections) the circuit opens and nothing is posted to that receiver for
 * `coolDownMs`; then one contact goes as a probe (half open): its success closes the circuit, its
 * failure opens it for another cool-down. A dead receiver so costs one request per cool-down, not one
 * per queued contact, and the other receivers are not held up by it.
 */
export class CircuitBreaker {
  private consecutive = 0;
  private openedAt: number | null = null;
  private probing = false;
  private readonly failures: number;
  private readonly coolDownMs: number;
  private readonly onChange: BreakerOptions['onChange'];

  constructor(o: BreakerOptions = {}) {
    this.failures = Math.max(1, o.failures ?? 5);
    this.coolDownMs = o.coolDownMs ?? 10_000;
    this.onChange = o.onChange;
  }

  state(now: number): BreakerState {
    if (this.openedAt === null) return 'closed';
    return now - this.openedAt >= this.coolDownMs ? 'half_open' : 'open';
  }

  /** How many contacts may be posted now: all (closed), one probe (half open, none in flight), or none. */
  allowance(now: number): number {
    const s = this.state(now);
    if (s === 'closed') return Infinity;
    if (s === 'open' || this.probing) return 0;
    this.probing = true;
    return 1;
  }

  success(): void {
    const wasOpen = this.openedAt !== null;
    this.consecutive = 0;
    this.openedAt = null;
    this.probing = false;
    if (wasOpen) this.onChange?.(null, this.coolDownMs);
  }

  failure(now: number): void {
    this.consecutive++;
    const was = this.openedAt;
    if (this.probing || this.consecutive >= this.failures) this.openedAt = now;
    this.probing = false;
    if (this.openedAt !== was) this.onChange?.(this.openedAt, this.coolDownMs);
  }

  /** The probe was granted but not used (nothing was due for this receiver). */
  release(): void {
    this.probing = false;
  }
}
