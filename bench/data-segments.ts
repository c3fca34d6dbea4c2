import type { Condition } from '../shared/flow/conditions.js';
import { segmentNode, type SegmentData } from '../shared/nodes/segment/definition.js';

const seg = (rules: Condition[], exclusions: Partial<SegmentData['exclusions']> = {}): SegmentData => {
  const d = segmentNode.defaults();
  return { ...d, conditions: { combinator: 'and', rules, groups: [] }, exclusions: { ...d.exclusions, optedOut: false, doNotDisturb: false, ownsOffer: false, inOtherActiveFlow: false, exclusionList: '', ...exclusions } };
};

/** The live-count bench's segments: 3 to 6 conditions, each with exclusions (do-not-disturb, opt-out, holdings, a saved list); one city-scoped. */
export const COUNT_SEGMENTS: [string, SegmentData, string][] = [
  ['3 conditions + opt-out, DND', seg([{ field: 'arpu', op: 'gte', value: 50 }, { field: 'smartphone', op: 'is', value: true }, { field: 'age', op: 'between', value: [25, 45] }],
    { optedOut: true, doNotDisturb: true }), 'province'],
  ['4 conditions + DND, blacklist', seg([{ field: 'group', op: 'in', value: ['young_pro', 'family', 'business'] }, { field: 'tenureMonths', op: 'gt', value: 12 },
    { field: 'churnRisk', op: 'lt', value: 40 }, { field: 'hasBroadband', op: 'is', value: false }], { doNotDisturb: true, exclusionList: 'blacklist' }), 'province'],
  ['5 conditions + owns offer, DND (one city)', seg([{ field: 'plan', op: 'not_in', value: ['senior_18'] }, { field: 'dataUsagePct', op: 'gte', value: 60 },
    { field: 'dormantDays', op: 'lt', value: 30 }, { field: 'age', op: 'gte', value: 18 }, { field: 'arpu', op: 'lt', value: 150 }], { ownsOffer: true, doNotDisturb: true }), 'gz'],
  ['6 conditions + all exclusions', seg([{ field: 'group', op: 'in', value: ['senior', 'family'] }, { field: 'smartphone', op: 'is', value: true }, { field: 'arpu', op: 'gt', value: 20 },
    { field: 'tenureMonths', op: 'gte', value: 24 }, { field: 'churnRisk', op: 'gte', value: 10 }, { field: 'dormantDays', op: 'gte', value: 5 }],
  { optedOut: true, doNotDisturb: true, ownsOffer: true, exclusionList: 'blacklist' }), 'province'],
];
