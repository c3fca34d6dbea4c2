import { CHANNEL_IDS } from '../../shared/catalogue/channels.js';
import { GROUP_IDS } from '../../shared/catalogue/groups.js';
import { activeCatalogueVersion } from '../../shared/catalogue/active.js';
import { PLANS } from '../../shared/catalogue/plans.js';
import { PRODUCTS } from '../../shared/catalogue/products.js';
import { SUBSCRIBER_FIELDS, subscriberFieldsVersion } from '../../shared/catalogue/subscriber-fields.js';

/**
 * What an import can fill: attribute keys, each with its store column, type and default for a new row.
 * For subscribers that is the attribute catalogue (#18 item 2: every attribute with a column of its
 * own, read from the store) plus the phone number; the mapping file names attribute keys.
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

/**
 * Defaults for a new customer when the file does not map a seeded attribute: those columns are NOT NULL
 * in the core table. An attribute an admin defined has none — unmapped, it stays empty (unknown) —
 * so a file that maps it must fill every row.
 */
const seedFallbacks = (): Record<string, string | number> => ({
  name: '', group: GROUP_IDS[0], plan: PLANS[0]?.id ?? '', arpu: 0, dataUsedMb: 0, dataAllowanceMb: 1, tenureMonths: 0,
  age: 0, smartphone: 0, hasBroadband: 0, dormantDays: 0, churnRisk: 0, joinedOn: '1970-01-01',
  // no district kept: the checks store an empty one as NULL
  district: '',
});

let cached: { version: string; fields: readonly ImportField[] } | null = null;

/** The subscriber import's fields for the attribute catalogue (and the catalogue's plans and units) as this process last read them. */
function subscriberFields(): readonly ImportField[] {
  const version = `${subscriberFieldsVersion()}:${activeCatalogueVersion()}`;
  if (cached?.version === version) return cached.fields;
  const SEED_FALLBACKS = seedFallbacks();
  const fields: ImportField[] = [phone];
  for (const a of SUBSCRIBER_FIELDS) {
    if (!a.column) continue;
    const fallback = Object.hasOwn(SEED_FALLBACKS, a.id) && a.builtin ? SEED_FALLBACKS[a.id] : undefined;
    fields.push({
      key: a.id,
      column: a.column,
      type: a.type,
      ...(a.type === 'enum' ? { options: (a.options ?? []).map((o) => o.value) } : {}),
      ...(fallback !== undefined ? { fallback } : {}),
    });
  }
  cached = { version, fields };
  return fields;
}

/** Per data set: the keys a row may carry and the keys the mapping must name (a file-level error otherwise). */
export const DATASET_FIELDS: Record<Dataset, { fields: readonly ImportField[]; required: readonly string[] }> = {
  // A getter: the attribute catalogue can change while the process runs.
  get subscribers() {
    return { fields: subscriberFields(), required: ['phone', 'city'] };
  },
  products: { fields: [phone, { key: 'product', column: 'product_id', type: 'enum', options: PRODUCTS.map((p) => p.id) }], required: ['phone', 'product'] },
  // channel '' or 'all': every marketing channel
  optout: { fields: [phone, { key: 'channel', column: 'channel', type: 'enum', options: [...CHANNEL_IDS, 'all'], fallback: 'all' }], required: ['phone'] },
  dnd: { fields: [phone], required: ['phone'] },
  // a saved exclusion list names customers by phone or by subscriber id
  exclusion: { fields: [{ ...phone, fallback: '' }, { key: 'id', column: 'subscriber_id', type: 'id', fallback: 0 }], required: [] },
};

/** The stage's columns for a data set, in order (line first). */
export const stageColumns = (d: Dataset): string[] => ['line', ...DATASET_FIELDS[d].fields.map((f) => f.column)];
