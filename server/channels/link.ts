/**
 * One gateway link, protocol-neutral: a queue of parts, a window of unacknowledged submits, a token
 * bucket for the contracted TPS, back-off on flow control, reconnect with exponential back-off.
 * Never re-sends a part whose answer is unknown: its message rejects with outcome `unknown`.
 */
import { EventEmitter } from 'node:events';
import { AuthError, type LinkSession, type OpenSession, type PartResult, type PartToSend, type SessionHooks } from './session.js';
import { splitText } from './text.js';
import { TokenBucket } from './token-bucket.js';
import { SubmitError, type LinkEvents, type LinkState, type LinkStatus, type LinkTuning, type OutboundMessage, type SubmitAccepted, type SubmitOutcome } from './types.js';

interface Msg {
  ids: (string | undefined)[];
  settled: boolean;
  resolve(r: SubmitAccepted): void;
  reject(e: SubmitError): void;
}

interface Part extends PartToSend {
  msg: Msg;
  flowRetries: number;
}

const DEFAULTS = { reconnectMs: 200, maxReconnectMs: 30_000, responseTimeoutMs: 60_000, keepAliveMs: 30_000, flowBackoffMs: 100, maxFlowRetries: 20 };

export class GatewayLink extends EventEmitter<LinkEvents> {
  private readonly t: Required<LinkTuning>;
  private readonly bucket: TokenBucket;
  private readonly queue: Part[] = [];
  private readonly inFlight = new Map<number, { part: Part; timer: NodeJS.Timeout }>();
  private session: LinkSession | null = null;
  private gen = 0;
  private state: LinkState = 'disconnected';
  private lastError: string | undefined;
  private closing = false;
  private nextToken = 1;
  private nextRef = Math.floor(Math.random() * 256);
  private attempt = 0;
  private flowUntil = 0;
  private flowStreak = 0;
  private pumpTimer: NodeJS.Timeout | null = null;
  private reconnectTimer: NodeJS.Timeout | null = null;
  private drained: (() => void) | null = null;
  /** A session lost between its bind answer and the link taking it (e.g. a bad PDU right behind CONNECT_RESP). */
  private earlyLoss: Error | null = null;

  constructor(
    readonly name: string,
    private readonly open: OpenSession,
    tuning: LinkTuning,
  ) {
    super();
    if (!(tuning.window >= 1) || !(tuning.tps > 0)) throw new RangeError('window must be ≥ 1 and tps > 0');
    this.t = { ...DEFAULTS, burst: Math.max(1, Math.floor(tuning.tps / 50)), ...tuning };
    this.bucket = new TokenBucket(this.t.tps, this.t.burst);
  }

  /** Starts connecting; progress and errors arrive as `status` events. */
  start(): void {
    if (this.closing || this.session || this.state === 'connecting') return;
    void this.connect();
  }

  status(): LinkStatus {
    return { state: this.state, ...(this.lastError ? { error: this.lastError } : {}), inFlight: this.inFlight.size, queued: this.queue.length };
  }

  submit(m: OutboundMessage): Promise<SubmitAccepted> {
    if (this.closing || this.state === 'closed') return Promise.reject(new SubmitError('not-sent', `link ${this.name} is closed`));
    if (this.state === 'auth-failed') return Promise.reject(new SubmitError('not-sent', `link ${this.name}: ${this.lastError ?? 'authentication failed'}`));
    let texts;
    try {
      texts = splitText(m.text, this.nextRef++ & 0xff);
    } catch (e) {
      return Promise.reject(new SubmitError('not-sent', (e as Error).message));
    }
    return new Promise<SubmitAccepted>((resolve, reject) => {
      const msg: Msg = { ids: texts.map(() => undefined), settled: false, resolve, reject };
      for (const tp of texts) this.queue.push({ ...tp, token: this.nextToken++, to: m.to, extension: m.extension ?? '', msg, flowRetries: 0 });
      this.pump();
    });
  }

  /** Stops taking submits, waits for answers to the ones in flight (bounded), then TERMINATE / unbind. */
  async close(): Promise<void> {
    if (this.closing) return;
    this.closing = true;
    this.clearTimers();
    for (const p of this.queue.splice(0)) this.fail(p.msg, 'not-sent', `link ${this.name} closed before this was sent`);
    if (this.inFlight.size > 0 && this.session) {
      await new Promise<void>((resolve) => {
        const timer = setTimeout(resolve, Math.min(this.t.responseTimeoutMs, 5_000));
        this.drained = () => {
          clearTimeout(timer);
          resolve();
        };
      });
    }
    this.loseInFlight(`link ${this.name} closed before the gateway answered`);
    const s = this.session;
    this.session = null;
    this.gen++;
    if (s) await s.close().catch(() => s.destroy());
    this.setState('closed');
  }

  private async connect(): Promise<void> {
    const gen = ++this.gen;
    this.setState('connecting', this.lastError);
    try {
      this.earlyLoss = null;
      const s = await this.open(this.hooks(gen));
      if (gen !== this.gen || this.closing) return s.destroy();
      if (this.earlyLoss) {
        s.destroy();
        throw this.earlyLoss;
      }
      this.session = s;
      this.attempt = 0;
      this.setState('connected');
      this.pump();
    } catch (e) {
      if (gen !== this.gen || this.closing) return;
      const why = (e as Error).message;
      if (e instanceof AuthError) {
        this.setState('auth-failed', why);
        for (const p of this.queue.splice(0)) this.fail(p.msg, 'not-sent', `link ${this.name}: ${why}`);
        return;
      }
      this.setState('disconnected', why);
      this.scheduleReconnect();
    }
  }

  private hooks(gen: number): SessionHooks {
    const live = () => gen === this.gen;
    return {
      result: (token, r) => live() && this.onResult(token, r),
      report: (r) => live() && this.emit('report', r),
      reply: (r) => live() && this.emit('reply', r),
      lost: (err) => {
        if (!live()) return;
        if (!this.session) {
          this.earlyLoss = err;
          return;
        }
        this.session = null;
        this.gen++;
        this.loseInFlight(`connection lost before the gateway answered (${err.message})`);
        if (this.closing) return;
        this.setState('disconnected', err.message);
        this.scheduleReconnect();
      },
    };
  }

  private scheduleReconnect(): void {
    if (this.closing || this.reconnectTimer) return;
    const base = Math.min(this.t.maxReconnectMs, this.t.reconnectMs * 2 ** this.attempt++);
    const delay = Math.round(base * (0.8 + Math.random() * 0.4));
    this.reconnectTimer = setTimeout(() => {
      this.reconnectTimer = null;
      void this.connect();
    }, delay);
  }

  private onResult(token: number, r: PartResult): void {
    const entry = this.inFlight.get(token);
    if (!entry) return; // answered after its timeout: already reported unknown
    clearTimeout(entry.timer);
    this.inFlight.delete(token);
    const { part } = entry;
    const { msg } = part;
    if (r.kind === 'ok') {
      this.flowStreak = 0;
      msg.ids[part.seq - 1] = r.msgId;
      if (!msg.settled && msg.ids.every((id) => id !== undefined)) {
        msg.settled = true;
        msg.resolve({ msgIds: msg.ids as string[] });
      }
    } else if (r.kind === 'flow') {
      // The gateway did not take it: sending it again is safe, after a pause that grows while flow control repeats.
      if (!msg.settled && ++part.flowRetries > this.t.maxFlowRetries) this.fail(msg, 'rejected', `gateway flow control ${part.flowRetries} times in a row`, 8);
      else if (!msg.settled) this.queue.unshift(part);
      this.flowUntil = performance.now() + Math.min(5_000, this.t.flowBackoffMs * 2 ** this.flowStreak++);
      if (this.state === 'connected') this.setState('throttled', 'gateway flow control: sending slowed down');
    } else {
      this.fail(msg, 'rejected', `gateway rejected the submit: ${r.reason} (code ${r.code})`, r.code);
    }
    if (this.inFlight.size === 0 && this.drained) this.drained();
    this.pump();
  }

  private pump(): void {
    if (this.pumpTimer) {
      clearTimeout(this.pumpTimer);
      this.pumpTimer = null;
    }
    const s = this.session;
    if (!s || this.closing) return;
    while (this.queue.length > 0 && this.inFlight.size < this.t.window) {
      const flowWait = this.flowUntil - performance.now();
      const wait = flowWait > 0 ? Math.ceil(flowWait) : this.bucket.take();
      if (wait > 0) {
        this.pumpTimer = setTimeout(() => this.pump(), wait);
        return;
      }
      if (this.state === 'throttled') this.setState('connected');
      const part = this.queue.shift()!;
      const timer = setTimeout(() => this.timeout(part), this.t.responseTimeoutMs);
      this.inFlight.set(part.token, { part, timer });
      try {
        s.send(part);
      } catch (e) {
        // Encoding failed (an address too long for its field, …): nothing was written, and sending again would not help.
        clearTimeout(timer);
        this.inFlight.delete(part.token);
        this.fail(part.msg, 'not-sent', `cannot encode the submit: ${(e as Error).message}`);
      }
    }
  }

  private timeout(part: Part): void {
    if (!this.inFlight.delete(part.token)) return;
    this.fail(part.msg, 'unknown', `no answer from the gateway within ${this.t.responseTimeoutMs} ms`);
    if (this.inFlight.size === 0 && this.drained) this.drained();
    this.pump();
  }

  private loseInFlight(reason: string): void {
    for (const { part, timer } of this.inFlight.values()) {
      clearTimeout(timer);
      this.fail(part.msg, 'unknown', reason);
    }
    this.inFlight.clear();
  }

  private fail(msg: Msg, outcome: SubmitOutcome, reason: string, code?: number): void {
    if (msg.settled) return;
    msg.settled = true;
    for (let i = this.queue.length - 1; i >= 0; i--) if (this.queue[i]!.msg === msg) this.queue.splice(i, 1);
    msg.reject(new SubmitError(outcome, reason, msg.ids.filter((id): id is string => id !== undefined), code));
  }

  private setState(state: LinkState, error?: string): void {
    this.state = state;
    this.lastError = error;
    this.emit('status', this.status());
  }

  private clearTimers(): void {
    if (this.pumpTimer) clearTimeout(this.pumpTimer);
    if (this.reconnectTimer) clearTimeout(this.reconnectTimer);
    this.pumpTimer = this.reconnectTimer = null;
  }
}
