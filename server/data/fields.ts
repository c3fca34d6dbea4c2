import { CHANNEL_IDS } from '../../shared/catalogue/channels.js';
import { GROUP_IDS } from '../../shared/catalogue/groups.js';
import { CITY_IDS } from '../../shared/catalogue/org.js';
import { PLAN_IDS } from '../../shared/catalogue/plans.js';
import { PRODUCTS } from '../../shared/catalogue/products.js';

/**
 * What an import can fill: attribute keys (the ids of shared/catalogue/subscriber-fields.ts where one
 * exists), each with its store column, type and default for a new row. Today's attribute set is the
 * subscriber table's columns; when the attribute catalogue lands (#18 item 2) it becomes this list,
 * read from the store, and the mapping file keeps naming keys.
 */
export type ValueType = 'phone' | 'text' | 'number' | 'integer' | 'boolean' | 'enum' | 'date' | 'id';

export interface ImportField {
  key: string;
  column: string;
  type: ValueType;
  options?: readonly string[];
  /** Value for a new row when the file does not map the key. */
  fallback?: string | number;
}

export const DATASETS = ['subscribers', 'products', 'optout', 'dnd', 'exclusion'] as const;
export type Dataset = (typeof DATASETS)[number];

const phone: ImportField = { key: 'phone', column: 'phone', type: 'phone' };

const SUBSCRIBER_FIELDS: readonly ImportField[] = [
  phone,
  { key: 'city', column: 'city', type: 'enum', options: CITY_IDS },
  { key: 'name', column: 'name', type: 'text', fallback: '' },
  { key: 'group', column: 'group_id', type: 'enum', options: GROUP_IDS, fallback: GROUP_IDS[0] },
  { key: 'plan', column: 'plan', type: 'enum', options: PLAN_IDS, fallback: PLAN_IDS[0] },
  { key: 'arpu', column: 'arpu', type: 'number', fallback: 0 },
  { key: 'dataUsedMb', column: 'data_used_mb', type: 'integer', fallback: 0 },
  { key: 'dataAllowanceMb', column: 'data_allowance_mb', type: 'integer', fallback: 1 },
  { key: 'tenureMonths', column: 'tenure_months', type: 'integer', fallback: 0 },
  { key: 'age', column: 'age', type: 'integer', fallback: 0 },
  { key: 'smartphone', column: 'smartphone', type: 'boolean', fallback: 0 },
  { key: 'hasBroadband', column: 'has_broadband', type: 'boolean', fallback: 0 },
  { key: 'dormantDays', column: 'dormant_days', type: 'integer', fallback: 0 },
  { key: 'churnRisk', column: 'churn_risk', type: 'integer', fallback: 0 },
  { key: 'joinedOn', column: 'joined_on', type: 'date', fallback: '1970-01-01' },
];

/** Per data set: the keys a row may carry and the keys the mapping must name (a file-level error otherwise). */
export const DATASET_FIELDS: Record<Dataset, { fields: readonly ImportField[]; required: readonly string[] }> = {
  subscribers: { fields: SUBSCRIBER_FIELDS, required: ['phone', 'city'] },
  products: { fields: [phone, { key: 'product', column: 'product_id', type: 'enum', options: PRODUCTS.map((p) => p.id) }], required: ['phone', 'product'] },
  // channel '' or 'all': every marketing channel
  optout: { fields: [phone, { key: 'channel', column: 'channel', type: 'enum', options: [...CHANNEL_IDS, 'all'], fallback: 'all' }], required: ['phone'] },
  dnd: { fields: [phone], required: ['phone'] },
  // a saved exclusion list names customers by phone or by subscriber id
  exclusion: { fields: [{ ...phone, fallback: '' }, { key: 'id', column: 'subscriber_id', type: 'id', fallback: 0 }], required: [] },
};

/** The stage's columns for a data set, in order (line first). */
export const stageColumns = (d: Dataset): string[] => ['line', ...DATASET_FIELDS[d].fields.map((f) => f.column)];
