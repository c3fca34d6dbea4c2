import { z } from 'zod';
import { t, type Text } from '../text.js';
import { GROUP_IDS, GROUP_LABELS } from './groups.js';
import { CITY_IDS, districtIds, ORG_UNITS } from './org.js';
import { PLANS } from './plans.js';

/**
 * The attribute catalogue (#18 item 2): customer attributes an admin defines in the store. The segment
 * builder's field menu, the validator, the engine's condition SQL and the import all read the live list
 * below; the server refreshes it from the store (`server/attributes/`), the client from `attributes.list`.
 * Until then it holds the seeded set, which is also what the flow CLI validates against.
 */
export const FIELD_TYPES = ['number', 'integer', 'boolean', 'enum', 'text', 'date'] as const;
export type FieldType = (typeof FIELD_TYPES)[number];

/** Enum options kept in the catalogue tables (groups, cities, districts, plans) rather than in the attribute's row. */
export const OPTION_SOURCES = ['groups', 'cities', 'plans', 'districts'] as const;
export type OptionSource = (typeof OPTION_SOURCES)[number];

export const textSchema = z.object({ zh: z.string(), en: z.string() });
export const fieldOptionSchema = z.object({ value: z.string(), label: textSchema });
export type FieldOption = z.infer<typeof fieldOptionSchema>;

/** An attribute as stored and as sent to the client. */
export const attributeDefSchema = z.object({
  id: z.string(),
  label: textSchema,
  type: z.enum(FIELD_TYPES),
  /** SQL expression over the `subscribers` table (alias `s`); the engine builds WHERE clauses from it. */
  sql: z.string(),
  /** The store column an import writes; absent for derived attributes (an expression such as dataUsagePct). */
  column: z.string().optional(),
  options: z.array(fieldOptionSchema).optional(),
  optionsFrom: z.enum(OPTION_SOURCES).optional(),
  unit: textSchema.optional(),
  description: textSchema.optional(),
  /** Seeded with the store: its column belongs to the core table, so it cannot be deleted. */
  builtin: z.boolean().optional(),
});
export type AttributeDef = z.infer<typeof attributeDefSchema>;

export interface SubscriberField extends Omit<AttributeDef, 'options'> {
  options?: readonly FieldOption[];
}

const unitOption = (id: string): FieldOption => ({ value: id, label: ORG_UNITS.find((u) => u.id === id)?.name ?? t(id, id) });

function sourceOptions(src: OptionSource): FieldOption[] {
  switch (src) {
    case 'groups': return GROUP_IDS.map((g) => ({ value: g, label: GROUP_LABELS[g] }));
    case 'cities': return CITY_IDS.map(unitOption);
    case 'districts': return districtIds().map(unitOption);
    case 'plans': return PLANS.map((p) => ({ value: p.id, label: p.name }));
  }
}

/** A field whose enum options come from the catalogue tables reads them when asked, so a catalogue edit shows at once. */
function toField(d: AttributeDef): SubscriberField {
  if (!d.optionsFrom) return { ...d };
  const src = d.optionsFrom;
  const f: SubscriberField = { ...d };
  Object.defineProperty(f, 'options', { get: () => sourceOptions(src), enumerable: true, configurable: true });
  return f;
}

const L = (zh: string, en: string) => t(zh, en);

/** The demo's attributes: seeded into the store by migration 14, and the list before the store is read. */
export const SEED_ATTRIBUTES: readonly AttributeDef[] = [
  { id: 'group', label: L('客户群', 'Customer group'), type: 'enum', sql: 's.group_id', column: 'group_id', optionsFrom: 'groups', builtin: true },
  { id: 'city', label: L('地市', 'City'), type: 'enum', sql: 's.city', column: 'city', optionsFrom: 'cities', builtin: true },
  { id: 'district', label: L('区县', 'District'), type: 'enum', sql: 's.district', column: 'district', optionsFrom: 'districts', builtin: true },
  { id: 'plan', label: L('当前套餐', 'Current plan'), type: 'enum', sql: 's.plan', column: 'plan', optionsFrom: 'plans', builtin: true },
  { id: 'arpu', label: L('月均消费 ARPU', 'ARPU'), type: 'number', sql: 's.arpu', column: 'arpu', unit: L('元', 'CNY'), builtin: true },
  { id: 'dataUsagePct', label: L('流量使用率', 'Data usage of allowance'), type: 'number', sql: '(100.0 * s.data_used_mb / s.data_allowance_mb)', unit: L('%', '%'), builtin: true },
  { id: 'dataUsedMb', label: L('当月流量', 'Data used this month'), type: 'integer', sql: 's.data_used_mb', column: 'data_used_mb', unit: L('MB', 'MB'), builtin: true },
  { id: 'dataAllowanceMb', label: L('套餐流量', 'Data allowance'), type: 'integer', sql: 's.data_allowance_mb', column: 'data_allowance_mb', unit: L('MB', 'MB'), builtin: true },
  { id: 'tenureMonths', label: L('在网时长', 'Tenure'), type: 'integer', sql: 's.tenure_months', column: 'tenure_months', unit: L('月', 'months'), builtin: true },
  { id: 'age', label: L('年龄', 'Age'), type: 'integer', sql: 's.age', column: 'age', unit: L('岁', 'years'), builtin: true },
  { id: 'smartphone', label: L('智能机', 'Smartphone'), type: 'boolean', sql: 's.smartphone', column: 'smartphone', builtin: true },
  { id: 'hasBroadband', label: L('已有宽带', 'Has broadband'), type: 'boolean', sql: 's.has_broadband', column: 'has_broadband', builtin: true },
  { id: 'dormantDays', label: L('商城未登录天数', 'Days since last mall login'), type: 'integer', sql: 's.dormant_days', column: 'dormant_days', unit: L('天', 'days'), builtin: true },
  { id: 'churnRisk', label: L('离网风险分', 'Churn risk score'), type: 'integer', sql: 's.churn_risk', column: 'churn_risk', unit: L('分', 'pts'), builtin: true },
  { id: 'name', label: L('客户姓名', 'Customer name'), type: 'text', sql: 's.name', column: 'name', builtin: true },
  { id: 'joinedOn', label: L('入网日期', 'Joined on'), type: 'date', sql: 's.joined_on', column: 'joined_on', builtin: true },
];

/**
 * Attributes a segment may filter on — a live view: `setSubscriberFields` refreshes it in place, so
 * modules holding the array or the record see the new list without re-importing.
 */
export const SUBSCRIBER_FIELDS: SubscriberField[] = SEED_ATTRIBUTES.map(toField);
export const FIELD_BY_ID: Record<string, SubscriberField> = Object.fromEntries(SUBSCRIBER_FIELDS.map((f) => [f.id, f]));

let version = 0;
/** Bumped on every refresh, for caches keyed on the attribute list (React memo, the import's field list). */
export const subscriberFieldsVersion = (): number => version;

export function setSubscriberFields(defs: readonly AttributeDef[]): void {
  SUBSCRIBER_FIELDS.splice(0, SUBSCRIBER_FIELDS.length, ...defs.map(toField));
  for (const k of Object.keys(FIELD_BY_ID)) delete FIELD_BY_ID[k];
  for (const f of SUBSCRIBER_FIELDS) FIELD_BY_ID[f.id] = f;
  version++;
}

export const fieldById = (id: string): SubscriberField | undefined => (Object.hasOwn(FIELD_BY_ID, id) ? FIELD_BY_ID[id] : undefined);

export const OPERATORS_BY_TYPE = {
  number: ['eq', 'ne', 'gt', 'gte', 'lt', 'lte', 'between'],
  integer: ['eq', 'ne', 'gt', 'gte', 'lt', 'lte', 'between'],
  enum: ['in', 'not_in'],
  boolean: ['is'],
  text: ['eq', 'ne', 'contains', 'in', 'not_in'],
  date: ['before', 'after', 'between', 'within_days'],
} as const satisfies Record<FieldType, readonly string[]>;

export const OPERATOR_LABELS: Record<string, Text> = {
  eq: t('等于', '='), ne: t('不等于', '≠'), gt: t('大于', '>'), gte: t('大于等于', '≥'),
  lt: t('小于', '<'), lte: t('小于等于', '≤'), between: t('介于', 'between'),
  in: t('属于', 'is one of'), not_in: t('不属于', 'is not one of'), is: t('为', 'is'),
  contains: t('包含', 'contains'), before: t('早于', 'before'), after: t('晚于', 'after'),
  within_days: t('最近天数内', 'within the last days'),
};

export const FIELD_TYPE_LABELS: Record<FieldType, Text> = {
  number: t('数值', 'Number'), integer: t('整数', 'Integer'), boolean: t('是/否', 'Yes/no'),
  enum: t('枚举', 'Enum'), text: t('文本', 'Text'), date: t('日期', 'Date'),
};

/** A date value as the store keeps it (`YYYY-MM-DD`), checked as a real calendar day. */
export function isIsoDate(s: unknown): s is string {
  if (typeof s !== 'string' || !/^\d{4}-\d{2}-\d{2}$/.test(s)) return false;
  const d = new Date(`${s}T00:00:00Z`);
  return !Number.isNaN(d.getTime()) && d.toISOString().slice(0, 10) === s;
}

/** The first day a `within_days N` condition includes, on Beijing's calendar (UTC+8), as `YYYY-MM-DD`. */
export function withinDaysFrom(days: number, now: number = Date.now()): string {
  return new Date(now + 8 * 3600_000 - days * 86_400_000).toISOString().slice(0, 10);
}

/** What an admin sends to define an attribute; messages are `中文 / English` (the server shows them as they are). */
export const ATTRIBUTE_KEY = /^[a-z][a-zA-Z0-9]{1,39}$/;
const labelSchema = z.object({
  zh: z.string().trim().min(1, '请填写中文名称 / Chinese label is required').max(40, '中文名称最多 40 字 / The Chinese label has at most 40 characters'),
  en: z.string().trim().min(1, '请填写英文名称 / English label is required').max(60, '英文名称最多 60 字符 / The English label has at most 60 characters'),
});
// every limit says itself in both languages: zod's own "Too big: expected string to have <=10 characters" reached zh users
const optionalText = z.object({ zh: z.string().trim().max(200, '说明最多 200 字 / A description has at most 200 characters'), en: z.string().trim().max(200, '说明最多 200 字 / A description has at most 200 characters') });
export const attributeOptionInputSchema = z.object({
  value: z.string().trim().regex(/^[A-Za-z0-9_-]{1,40}$/, '取值只能是字母、数字、_ 或 -（1–40 位）/ A value is 1–40 letters, digits, _ or -'),
  label: labelSchema,
});
export const attributeEditSchema = z.object({
  label: labelSchema,
  unit: z.object({ zh: z.string().trim().max(10, '单位最多 10 字 / A unit has at most 10 characters'), en: z.string().trim().max(10, '单位最多 10 字 / A unit has at most 10 characters') }).optional(),
  description: optionalText.optional(),
  options: z.array(attributeOptionInputSchema).max(200, '枚举取值最多 200 个 / An enum has at most 200 values').optional(),
});
export const attributeInputSchema = attributeEditSchema.extend({
  key: z.string().regex(ATTRIBUTE_KEY, '属性键须以小写字母开头，仅含字母和数字（2–40 位），如 creditScore / The key starts with a lower-case letter, letters and digits only (2–40), e.g. creditScore'),
  type: z.enum(FIELD_TYPES, { message: '类型须为 number / integer / boolean / enum / text / date 之一 / Type must be one of number, integer, boolean, enum, text, date' }),
});
export type AttributeInput = z.infer<typeof attributeInputSchema>;
export type AttributeEdit = z.infer<typeof attributeEditSchema>;
