import { t, type Text } from '../text.js';
import { GROUP_IDS, GROUP_LABELS } from './groups.js';
import { CITY_IDS, ORG_UNITS } from './org.js';
import { PLAN_IDS, PLAN_LABELS } from './plans.js';

export type FieldType = 'number' | 'enum' | 'boolean';

export interface SubscriberField {
  id: string;
  label: Text;
  type: FieldType;
  /** SQL expression over the `subscribers` table (alias `s`); the engine builds WHERE clauses from it. */
  sql: string;
  options?: readonly { value: string; label: Text }[];
  unit?: Text;
}

/**
 * Attributes a segment may filter on. One list feeds the segment builder's field menu, the validator
 * (unknown field / wrong operator) and the engine's SQL — keep them in step by keeping them here.
 */
export const SUBSCRIBER_FIELDS: readonly SubscriberField[] = [
  { id: 'group', label: t('客户群', 'Customer group'), type: 'enum', sql: 's.group_id', options: GROUP_IDS.map((g) => ({ value: g, label: GROUP_LABELS[g] })) },
  { id: 'city', label: t('地市', 'City'), type: 'enum', sql: 's.city', options: CITY_IDS.map((c) => ({ value: c, label: ORG_UNITS.find((u) => u.id === c)!.name })) },
  { id: 'plan', label: t('当前套餐', 'Current plan'), type: 'enum', sql: 's.plan', options: PLAN_IDS.map((p) => ({ value: p, label: PLAN_LABELS[p] })) },
  { id: 'arpu', label: t('月均消费 ARPU', 'ARPU'), type: 'number', sql: 's.arpu', unit: t('元', 'CNY') },
  { id: 'dataUsagePct', label: t('流量使用率', 'Data usage of allowance'), type: 'number', sql: '(100.0 * s.data_used_mb / s.data_allowance_mb)', unit: t('%', '%') },
  { id: 'dataUsedMb', label: t('当月流量', 'Data used this month'), type: 'number', sql: 's.data_used_mb', unit: t('MB', 'MB') },
  { id: 'tenureMonths', label: t('在网时长', 'Tenure'), type: 'number', sql: 's.tenure_months', unit: t('月', 'months') },
  { id: 'age', label: t('年龄', 'Age'), type: 'number', sql: 's.age', unit: t('岁', 'years') },
  { id: 'smartphone', label: t('智能机', 'Smartphone'), type: 'boolean', sql: 's.smartphone' },
  { id: 'hasBroadband', label: t('已有宽带', 'Has broadband'), type: 'boolean', sql: 's.has_broadband' },
  { id: 'dormantDays', label: t('商城未登录天数', 'Days since last mall login'), type: 'number', sql: 's.dormant_days', unit: t('天', 'days') },
  { id: 'churnRisk', label: t('离网风险分', 'Churn risk score'), type: 'number', sql: 's.churn_risk', unit: t('分', 'pts') },
];

export const FIELD_BY_ID = Object.fromEntries(SUBSCRIBER_FIELDS.map((f) => [f.id, f])) as Record<string, SubscriberField>;

export const OPERATORS_BY_TYPE = {
  number: ['eq', 'ne', 'gt', 'gte', 'lt', 'lte', 'between'],
  enum: ['in', 'not_in'],
  boolean: ['is'],
} as const satisfies Record<FieldType, readonly string[]>;

export const OPERATOR_LABELS: Record<string, Text> = {
  eq: t('等于', '='), ne: t('不等于', '≠'), gt: t('大于', '>'), gte: t('大于等于', '≥'),
  lt: t('小于', '<'), lte: t('小于等于', '≤'), between: t('介于', 'between'),
  in: t('属于', 'is one of'), not_in: t('不属于', 'is not one of'), is: t('是', 'is'),
};
