import type { Db } from '../../db/open.js';
import { readCounters } from './counters.js';

export interface ContactCount { hour: number; channel: string; stage: string; status: string; agent: boolean; state: string; reason: string; n: number; cost: number }
export interface GroupCount { treated: number; control: number; contacted: number; responded: number; converted: number; controlConverted: number; cost: number }

/** A run's counters (see counters.ts), parsed: what the dashboard, the report and the KPIs read. */
export interface RunCounts {
  states: Record<string, number>;
  outcomes: Record<string, number>;
  /** Ended journeys outside the control group. */
  ended: number;
  groups: Record<string, GroupCount>;
  contacts: ContactCount[];
  /** Contacts made per local hour (of coalesce(sent_at, created_at)) and channel. */
  made: { hour: number; channel: string; n: number }[];
  grants: { result: string; node: string; n: number; cost: number }[];
  grantCostByDay: Map<number, number>;
}

const GROUP_FIELDS: Record<string, keyof GroupCount> = { t: 'treated', k: 'control', c: 'contacted', r: 'responded', v: 'converted', kv: 'controlConverted' };
const noGroup = (): GroupCount => ({ treated: 0, control: 0, contacted: 0, responded: 0, converted: 0, controlConverted: 0, cost: 0 });
/** The fields of a key, the last one taking the rest (a reason or node may hold the separator). */
const fields = (key: string, count: number): string[] => {
  const parts = key.split('|');
  return [...parts.slice(0, count - 1), parts.slice(count - 1).join('|')];
};

export function runCounts(db: Db, runId: number): RunCounts {
  const out: RunCounts = { states: {}, outcomes: {}, ended: 0, groups: {}, contacts: [], made: [], grants: [], grantCostByDay: new Map() };
  for (const [key, [n, amount]] of readCounters(db, runId)) {
    if (n === 0 && Math.abs(amount) < 1e-9) continue;
    const kind = key.slice(0, key.indexOf('|') < 0 ? key.length : key.indexOf('|'));
    switch (kind) {
      case 's': out.states[key.slice(2)] = n; break;
      case 'o': out.outcomes[key.slice(2)] = n; break;
      case 'e': out.ended = n; break;
      case 'G': {
        const [, g, f] = fields(key, 3) as [string, string, string];
        const field = GROUP_FIELDS[f];
        if (field) (out.groups[g] ??= noGroup())[field] = n;
        break;
      }
      case 'gc': (out.groups[key.slice(3)] ??= noGroup()).cost = amount; break;
      case 'c': {
        const [, hour, channel, stage, status, agent, state, reason] = fields(key, 8) as string[];
        out.contacts.push({ hour: Number(hour), channel: channel!, stage: stage!, status: status!, agent: agent === '1', state: state!, reason: reason!, n, cost: amount });
        break;
      }
      case 't': {
        const [, hour, channel] = fields(key, 3) as [string, string, string];
        out.made.push({ hour: Number(hour), channel, n });
        break;
      }
      case 'g': {
        const [, result, node] = fields(key, 3) as [string, string, string];
        out.grants.push({ result, node, n, cost: amount });
        break;
      }
      case 'gd': out.grantCostByDay.set(Number(key.slice(3)), amount); break;
      default: break;
    }
  }
  return out;
}

/** Journeys of the run: all, the control hold-out, and those still open outside it. */
export function journeyTotals(c: RunCounts): { enrolled: number; control: number; open: number } {
  const enrolled = Object.values(c.states).reduce((a, b) => a + b, 0);
  const control = Object.values(c.groups).reduce((a, g) => a + g.control, 0);
  return { enrolled, control, open: enrolled - control - c.ended };
}

/** KPI flags over the treated (or control) journeys, summed over groups. */
export function groupTotals(c: RunCounts): GroupCount {
  const t = noGroup();
  for (const g of Object.values(c.groups)) for (const k of Object.keys(t) as (keyof GroupCount)[]) t[k] += g[k];
  return t;
}
