/**
 * The local test gateway's brain, shared by its CMPP and SMPP sides: accounts, message ids, the log of
 * every submit it received (what tests count), delayed status reports, scripted customer replies, and
 * faults a test can switch on (flow control, close mid-window, slow answers, a malformed PDU).
 */
import { appendFileSync } from 'node:fs';

export interface GatewayOptions {
  /** CMPP Source_Addr or SMPP system_id → shared secret / password. */
  accounts: Record<string, string>;
  /** Delay before the status report of an accepted part. */
  reportDelayMs?: number;
  /** Status of every report ('DELIVRD' unless set). */
  reportStat?: string;
  /** Share of messages (0..1) the "customer" answers; the answers cycle through `replyTexts`. */
  replyRate?: number;
  replyTexts?: string[];
  replyDelayMs?: number;
  /** Delay before answering a submit (a slow gateway). */
  responseDelayMs?: number;
  /** Append one JSON line per submit to this file. */
  logFile?: string;
  /** Also write each line to stdout (the dev:gateway command). */
  logToStdout?: boolean;
  /** Keep the log and arrival times in memory for tests and the bench (default true; the long-running command turns it off). */
  memoryLog?: boolean;
}

export interface Faults {
  /** Answer the next N submits with flow control (CMPP Result 8, SMPP ESME_RTHROTTLED). */
  flowControl: number;
  /** After this many more submits arrive, drop the connection without answering those in flight. */
  closeAfter: number | null;
  /** Answer the next submit with bytes that are not a PDU. */
  malformedNext: boolean;
  /**
   * Deliver the next N customer messages twice, as a gateway does when it misses the DELIVER_RESP:
   * on CMPP the copy carries the same Msg_Id.
   */
  repeatMo: number;
}

export type SubmitOutcome = 'accepted' | 'flow-control' | 'dropped';

export interface SubmitLogEntry {
  at: string;
  proto: 'cmpp' | 'smpp';
  account: string;
  msgId: string;
  /** Customer's number. */
  to: string;
  /** Access number + extension. */
  from: string;
  pkTotal: number;
  pkNumber: number;
  text: string;
  outcome: SubmitOutcome;
}

export interface PendingReport {
  msgId: string;
  to: string;
  from: string;
  stat: string;
  submitTime: string;
  doneTime: string;
}

export interface PendingReply {
  /** Customer's number. */
  from: string;
  /** The address the customer writes to (access number + extension). */
  to: string;
  text: string;
}

/** What each protocol side registers per bound connection, so reports and replies can reach the account. */
export interface Outlet {
  account: string;
  report(r: PendingReport): void;
  reply(r: PendingReply): void;
}

/** The 22-bit ISMG code in the Msg_Ids this gateway hands out. */
const GATEWAY_CODE = 0x1234n;

const yymmddhhmm = (d: Date) => {
  const p = (n: number) => String(n).padStart(2, '0');
  return `${p(d.getFullYear() % 100)}${p(d.getMonth() + 1)}${p(d.getDate())}${p(d.getHours())}${p(d.getMinutes())}`;
};

export class GatewayCore {
  readonly log: SubmitLogEntry[] = [];
  /** performance.now() of every submit's arrival: what a contracted TPS is counted on. */
  readonly arrivals: number[] = [];
  readonly faults: Faults = { flowControl: 0, closeAfter: null, malformedNext: false, repeatMo: 0 };
  /** CMPP Msg_Id of each customer message part delivered → DELIVER_RESPs the client sent for it. */
  readonly moAcks = new Map<string, number>();
  /** Largest number of unanswered submits seen on one connection. */
  maxInFlight = 0;
  /** ACTIVE_TEST / enquire_link requests received from clients. */
  keepAlives = 0;
  private seq = 0;
  private smppSeq = 0;
  private messages = 0;
  private readonly outlets = new Set<Outlet>();
  private readonly backlog = new Map<string, (o: Outlet) => void>();
  private backlogSeq = 0;
  private readonly timers = new Set<NodeJS.Timeout>();

  constructor(readonly opts: GatewayOptions) {}

  checkPassword(account: string, secret: string): boolean {
    return Object.hasOwn(this.opts.accounts, account) && this.opts.accounts[account] === secret;
  }

  secretOf(account: string): string | undefined {
    return Object.hasOwn(this.opts.accounts, account) ? this.opts.accounts[account] : undefined;
  }

  /** A 64-bit CMPP Msg_Id: month 4 bits, day 5, hour 5, minute 6, second 6, gateway code 22, sequence 16. */
  nextCmppMsgId(now = new Date()): bigint {
    this.seq = (this.seq + 1) & 0xffff;
    const t = ((now.getMonth() + 1) << 22) | (now.getDate() << 17) | (now.getHours() << 12) | (now.getMinutes() << 6) | now.getSeconds();
    return (BigInt(t) << 38n) | (GATEWAY_CODE << 16n) | BigInt(this.seq);
  }

  nextSmppMsgId(): string {
    return `L${(++this.smppSeq).toString(16).padStart(8, '0')}`;
  }

  /** Decide what to do with an arriving submit; 'close' means drop the connection now. */
  admit(): 'ok' | 'flow' | 'malformed' | 'close' {
    if (this.opts.memoryLog !== false) this.arrivals.push(performance.now());
    if (this.faults.closeAfter !== null) {
      if (this.faults.closeAfter <= 0) {
        this.faults.closeAfter = null;
        return 'close';
      }
      this.faults.closeAfter -= 1;
    }
    if (this.faults.malformedNext) {
      this.faults.malformedNext = false;
      return 'malformed';
    }
    if (this.faults.flowControl > 0) {
      this.faults.flowControl -= 1;
      return 'flow';
    }
    return 'ok';
  }

  noteInFlight(n: number): void {
    this.maxInFlight = Math.max(this.maxInFlight, n);
  }

  record(e: Omit<SubmitLogEntry, 'at'>): void {
    const entry = { at: new Date().toISOString(), ...e };
    if (this.opts.memoryLog !== false) this.log.push(entry);
    const line = `${JSON.stringify(entry)}\n`;
    if (this.opts.logFile) appendFileSync(this.opts.logFile, line);
    if (this.opts.logToStdout) process.stdout.write(line);
  }

  /** An accepted part: schedule its status report and, for the last part, perhaps a customer reply. */
  accepted(account: string, e: { msgId: string; to: string; from: string; pkTotal: number; pkNumber: number }): void {
    const submitTime = yymmddhhmm(new Date());
    this.later(this.opts.reportDelayMs ?? 200, () =>
      this.toAccount(account, (o) => o.report({ msgId: e.msgId, to: e.to, from: e.from, stat: this.opts.reportStat ?? 'DELIVRD', submitTime, doneTime: yymmddhhmm(new Date()) })),
    );
    if (e.pkNumber !== e.pkTotal) return;
    const rate = this.opts.replyRate ?? 0;
    const n = this.messages++;
    if (Math.floor((n + 1) * rate) <= Math.floor(n * rate)) return;
    const texts = this.opts.replyTexts?.length ? this.opts.replyTexts : ['1'];
    const text = texts[Math.floor(n * rate) % texts.length]!;
    this.later(this.opts.replyDelayMs ?? 300, () => this.toAccount(account, (o) => o.reply({ from: e.to, to: e.from, text })));
  }

  /** Whether this customer message goes out twice (the `repeatMo` fault). */
  takeRepeatMo(): boolean {
    if (this.faults.repeatMo <= 0) return false;
    this.faults.repeatMo -= 1;
    return true;
  }

  /** A customer message, injected by a test or the console. */
  mobileOriginated(account: string, r: PendingReply): void {
    this.toAccount(account, (o) => o.reply(r));
  }

  attach(o: Outlet): void {
    this.outlets.add(o);
    for (const [k, send] of this.backlog) {
      if (!k.startsWith(`${o.account}\u0000`)) continue;
      this.backlog.delete(k);
      send(o);
    }
  }

  detach(o: Outlet): void {
    this.outlets.delete(o);
  }

  /** Sends on a bound connection of the account, or keeps it until one binds (as a real gateway does). */
  private toAccount(account: string, send: (o: Outlet) => void): void {
    for (const o of this.outlets) {
      if (o.account === account) return send(o);
    }
    this.backlog.set(`${account}\u0000${this.backlogSeq++}`, send);
  }

  private later(ms: number, f: () => void): void {
    const t = setTimeout(() => {
      this.timers.delete(t);
      f();
    }, ms);
    this.timers.add(t);
  }

  stop(): void {
    for (const t of this.timers) clearTimeout(t);
    this.timers.clear();
  }
}
