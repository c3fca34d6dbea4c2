import { afterEach, describe, expect, it } from 'vitest';
import { getCatalogue, resetCatalogue, setCatalogue } from '../../../shared/catalogue/active.js';
import { dayStart, HOUR, localDay } from './clock.js';
import { DEFAULT_POLICY, nextAllowed } from './policy.js';

const withQuiet = (quiet: [number, number] | null) => {
  const cat = getCatalogue();
  setCatalogue({ ...cat, channels: cat.channels.map((c) => (c.id === 'outbound_call' ? { ...c, contactHours: [9, 20], quietHours: quiet } : c)) });
};
const day = localDay(Date.parse('2026-12-07T00:00:00Z'));
const at = (hour: number, d = day) => dayStart(d) + hour * HOUR;

describe('channel quiet hours (catalogue, #18)', () => {
  afterEach(resetCatalogue);

  it('a send inside the quiet window waits for its end; outside it goes at once', () => {
    withQuiet([12, 14]);
    expect(nextAllowed(DEFAULT_POLICY, 'outbound_call', at(12.5))).toBe(at(14));
    expect(nextAllowed(DEFAULT_POLICY, 'outbound_call', at(11))).toBe(at(11));
    expect(nextAllowed(DEFAULT_POLICY, 'outbound_call', at(14))).toBe(at(14));
    expect(nextAllowed(DEFAULT_POLICY, 'outbound_call', at(21))).toBe(at(9, day + 1));
  });

  it('a quiet window up to the end of the contact hours moves the send to the next day; a window at the start to its end', () => {
    withQuiet([18, 20]);
    expect(nextAllowed(DEFAULT_POLICY, 'outbound_call', at(19))).toBe(at(9, day + 1));
    withQuiet([9, 10]);
    expect(nextAllowed(DEFAULT_POLICY, 'outbound_call', at(7))).toBe(at(10));
  });

  it('a quiet window covering all the contact hours (a flow with narrower hours) is ignored rather than holding sends for ever', () => {
    withQuiet([12, 14]);
    const narrow = { ...DEFAULT_POLICY, channels: { outbound_call: { contactHours: [12, 14] as const } } };
    expect(nextAllowed(narrow, 'outbound_call', at(13))).toBe(at(13));
  });

  it('without quiet hours only the contact hours count', () => {
    withQuiet(null);
    expect(nextAllowed(DEFAULT_POLICY, 'outbound_call', at(12.5))).toBe(at(12.5));
  });
});
