/**
 * Time for the engine. Every instant is integer epoch milliseconds. Contact hours, caps and channel
 * capacity use the local day of the operator (China Standard Time, UTC+8, no daylight saving).
 */
export const HOUR = 3_600_000;
export const DAY = 24 * HOUR;
export const LOCAL_OFFSET_MS = 8 * HOUR;

/** Local day number (days since 1970-01-01 local). */
export const localDay = (t: number): number => Math.floor((t + LOCAL_OFFSET_MS) / DAY);
/** Local hour of day as a fraction (9.5 = 09:30). */
export const localHour = (t: number): number => (((t + LOCAL_OFFSET_MS) % DAY) + DAY) % DAY / HOUR;
/** Epoch ms of local midnight starting `day`. */
export const dayStart = (day: number): number => day * DAY - LOCAL_OFFSET_MS;
/** Epoch ms of local midnight of an ISO date `YYYY-MM-DD`. */
export const dateStart = (iso: string): number => Date.parse(`${iso}T00:00:00Z`) - LOCAL_OFFSET_MS;
/** ISO date (YYYY-MM-DD) of a local day. */
export const dayIso = (day: number): string => new Date(day * DAY).toISOString().slice(0, 10);

/** The engine's source of "now": the wall clock for live runs, a settable clock for simulation. */
export interface Clock {
  readonly kind: 'live' | 'virtual';
  now(): number;
}

export const wallClock: Clock = { kind: 'live', now: () => Date.now() };

export class VirtualClock implements Clock {
  readonly kind = 'virtual' as const;
  constructor(private t: number) {}
  now(): number {
    return this.t;
  }
  /** Move forward (never back). */
  advanceTo(t: number): void {
    if (t > this.t) this.t = t;
  }
}
