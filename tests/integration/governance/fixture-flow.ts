import type { FlowDocument } from '../../../shared/flow/document.js';
import { defaultMessageScript } from '../../../shared/flow/script.js';

/**
 * A small valid campaign: segment (optionally narrowed to a city) → one SMS script step → three ends.
 * `template` text uses `{{city}}` style placeholders when asked, to test instantiation.
 */
export function fixtureFlow(id: string, orgUnit: string, opts: { name?: string; city?: string; priority?: number; smsText?: string } = {}): FlowDocument {
  const rules: { field: string; op: 'is' | 'in'; value: boolean | string[] }[] = [{ field: 'smartphone', op: 'is', value: true }];
  if (opts.city) rules.push({ field: 'city', op: 'in', value: [opts.city] });
  return {
    schemaVersion: 1,
    id,
    name: opts.name ?? `测试流程 ${id}`,
    description: '',
    productId: 'dp_10g',
    period: { start: '2026-12-01', end: '2026-12-31' },
    goal: { reach: 1000, responses: 100, conversions: 10, revenue: 300, budget: 1000, evaluationDays: 7 },
    priority: opts.priority ?? (orgUnit === 'province' ? 80 : 50),
    orgUnit,
    nodes: [
      { id: 'seg', type: 'segment', position: { x: 0, y: 0 }, data: { conditions: { combinator: 'and', rules, groups: [] }, exclusions: { optedOut: true, doNotDisturb: true, ownsOffer: true, inOtherActiveFlow: false, exclusionList: '' }, controlGroupPct: 5, entry: { mode: 'once' }, reentry: { mode: 'never' } } },
      { id: 'sms', type: 'script', position: { x: 300, y: 0 }, data: { id: 's1', channel: 'sms_hall', stage: 'sales', script: { ...defaultMessageScript(), ...(opts.smsText ? { template: opts.smsText } : {}) }, timeoutHours: 48 } },
      { id: 'won', type: 'end', position: { x: 600, y: -100 }, data: { outcome: 'converted' } },
      { id: 'done', type: 'end', position: { x: 600, y: 0 }, data: { outcome: 'completed' } },
      { id: 'lost', type: 'end', position: { x: 600, y: 100 }, data: { outcome: 'declined' } },
    ],
    edges: [
      { id: 'e1', source: 'seg', sourceHandle: 'out', target: 'sms' },
      { id: 'e2', source: 'sms', sourceHandle: 'converted', target: 'won' },
      { id: 'e3', source: 'sms', sourceHandle: 'responded', target: 'done' },
      { id: 'e4', source: 'sms', sourceHandle: 'no_response', target: 'lost' },
    ],
  };
}
