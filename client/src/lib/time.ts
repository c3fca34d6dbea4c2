/**
 * Every date and time the client shows, in one time zone and one format. The zone is the operator's
 * (the engine's contact hours and day boundaries are Beijing time), not the browser's: a supervisor on
 * a laptop set to UTC must read the same send time as the planner who scheduled it.
 */
export const TIME_ZONE = 'Asia/Shanghai';

/** A moment as epoch milliseconds, an ISO string (as the API returns row timestamps) or a Date. */
export type Moment = number | string | Date;

type Part = 'year' | 'month' | 'day' | 'hour' | 'minute' | 'second';

const formatter = new Intl.DateTimeFormat('en-GB', {
  timeZone: TIME_ZONE, year: 'numeric', month: '2-digit', day: '2-digit', hour: '2-digit', minute: '2-digit', second: '2-digit', hourCycle: 'h23',
});

/** The wall-clock fields of a moment in TIME_ZONE (zero-padded strings), or null for an unreadable moment. */
function wallClock(at: Moment): Record<Part, string> | null {
  const ms = at instanceof Date ? at.getTime() : typeof at === 'string' ? Date.parse(at) : at;
  if (!Number.isFinite(ms)) return null;
  const out: Partial<Record<Part, string>> = {};
  for (const p of formatter.formatToParts(ms)) if (p.type !== 'literal') out[p.type as Part] = p.value;
  return out as Record<Part, string>;
}

/** "2026-12-06 13:05" (with `seconds`: "2026-12-06 13:05:09"), the same in both languages; "—" when unknown. */
export function formatDateTime(at: Moment | null | undefined, precision: 'minutes' | 'seconds' = 'minutes'): string {
  const w = at === null || at === undefined ? null : wallClock(at);
  if (!w) return '—';
  return `${w.year}-${w.month}-${w.day} ${w.hour}:${w.minute}${precision === 'seconds' ? `:${w.second}` : ''}`;
}

/** "2026-12-06": the calendar day in TIME_ZONE. */
export function formatDate(at: Moment): string {
  const w = wallClock(at);
  return w ? `${w.year}-${w.month}-${w.day}` : '—';
}

/** Chart buckets: an hour reads "12-06 13:00", a day "12-06". */
export function formatBucket(at: Moment, bucket: 'hour' | 'day'): string {
  const w = wallClock(at);
  if (!w) return '—';
  return bucket === 'hour' ? `${w.month}-${w.day} ${w.hour}:${w.minute}` : `${w.month}-${w.day}`;
}

/** The value of an `<input type="datetime-local">` showing this moment in TIME_ZONE: "2026-12-07T09:30". */
export function toZonedInput(at: Moment): string {
  const w = wallClock(at);
  return w ? `${w.year}-${w.month}-${w.day}T${w.hour}:${w.minute}` : '';
}

/**
 * The moment a `datetime-local` value ("2026-12-07T09:30") means when read in TIME_ZONE, as epoch ms;
 * null when the value is not a date and time. The browser's own zone plays no part.
 */
export function fromZonedInput(value: string): number | null {
  const m = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2})(?::(\d{2}))?$/.exec(value);
  if (!m) return null;
  const [y, mo, d, h, mi, s] = m.slice(1).map((x) => Number(x ?? 0)) as [number, number, number, number, number, number];
  const asUtc = Date.UTC(y, mo - 1, d, h, mi, s);
  // The zone's offset at that moment: read the guess back as wall-clock time and correct by the difference
  // (twice, so a guess on the other side of a daylight-saving change lands right; Shanghai has none today).
  let ms = asUtc;
  for (let i = 0; i < 2; i++) {
    const w = wallClock(ms)!;
    ms += asUtc - Date.UTC(+w.year, +w.month - 1, +w.day, +w.hour, +w.minute, +w.second);
  }
  const back = wallClock(ms)!;
  return +back.day === d && +back.month === mo ? ms : null;
}
