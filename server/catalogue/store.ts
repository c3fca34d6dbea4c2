import { setCatalogue } from '../../shared/catalogue/active.js';
import type { ChannelId, ChannelKind } from '../../shared/catalogue/channels.js';
import type { GroupId } from '../../shared/catalogue/groups.js';
import type { ProductCategory } from '../../shared/catalogue/products.js';
import type { Catalogue } from '../../shared/catalogue/schema.js';
import type { Stage } from '../../shared/catalogue/stages.js';
import { registerActive } from '../core/active-catalogue.js';
import type { Db } from '../db/types.js';

/** The name of the catalogue's counter in `catalogue_versions`. */
export const CATALOGUE = 'catalogue';

interface ChannelRow {
  id: ChannelId; name_zh: string; name_en: string; enabled: number | string; electronic: number | string; kind: ChannelKind; stages: string;
  cost_per_contact: number; daily_capacity: number | string; contact_start_hour: number | string; contact_end_hour: number | string;
  quiet_start_hour: number | string | null; quiet_end_hour: number | string | null; needs_smartphone: number | string;
  response_delay_hours: number; sms_signature: string;
}
interface ProductRow { id: string; name_zh: string; name_en: string; category: ProductCategory; price: number; valid_from: string | null; valid_to: string | null }
interface OrgRow { id: string; name_zh: string; name_en: string; parent: string | null; share: number | null }
interface GroupRow { id: GroupId; name_zh: string; name_en: string }
interface PlanRow { id: string; name_zh: string; name_en: string; monthly_fee: number | string; data_allowance_mb: number | string; on_sale: number | string }

// PostgreSQL returns BIGINT columns as strings through the sync driver: numbers are read through Number().
const n = (v: number | string): number => Number(v);

/** The catalogue as the store holds it; channels in bit order (`idx`), the rest by id. */
export function readCatalogue(db: Db): Catalogue {
  const channels = (db.prepare('SELECT * FROM channels ORDER BY idx').all() as ChannelRow[]).map((r) => ({
    id: r.id,
    label: { zh: r.name_zh, en: r.name_en },
    enabled: n(r.enabled) === 1,
    electronic: n(r.electronic) === 1,
    kind: r.kind,
    stages: JSON.parse(r.stages) as Stage[],
    costPerContact: n(r.cost_per_contact),
    dailyCapacity: n(r.daily_capacity),
    contactHours: [n(r.contact_start_hour), n(r.contact_end_hour)] as [number, number],
    quietHours: r.quiet_start_hour === null || r.quiet_end_hour === null ? null : [n(r.quiet_start_hour), n(r.quiet_end_hour)] as [number, number],
    needsSmartphone: n(r.needs_smartphone) === 1,
    responseDelayHours: n(r.response_delay_hours),
    smsSignature: r.sms_signature,
  }));
  const products = (db.prepare('SELECT id, name_zh, name_en, category, price, valid_from, valid_to FROM products ORDER BY id').all() as ProductRow[]).map((r) => ({
    id: r.id, name: { zh: r.name_zh, en: r.name_en }, category: r.category, price: n(r.price), validFrom: r.valid_from, validTo: r.valid_to,
  }));
  const groups = (db.prepare('SELECT id, name_zh, name_en FROM customer_groups ORDER BY id').all() as GroupRow[]).map((r) => ({ id: r.id, name: { zh: r.name_zh, en: r.name_en } }));
  // Parents before children (the province, its cities, their districts); within a level the largest share of the
  // base first (the demo's order: 广州, 深圳, 佛山 …), then units without a share by id.
  const rows = db.prepare('SELECT id, name_zh, name_en, parent, share FROM org_units ORDER BY (share IS NULL), share DESC, id').all() as OrgRow[];
  const orgUnits: Catalogue['orgUnits'] = [];
  const placed = new Set<string>();
  for (let level = rows.filter((r) => r.parent === null); level.length > 0; level = rows.filter((r) => r.parent !== null && placed.has(r.parent) && !placed.has(r.id))) {
    for (const r of level) {
      orgUnits.push({ id: r.id, name: { zh: r.name_zh, en: r.name_en }, parent: r.parent, ...(r.share === null ? {} : { share: n(r.share) }) });
      placed.add(r.id);
    }
  }
  const plans = (db.prepare('SELECT id, name_zh, name_en, monthly_fee, data_allowance_mb, on_sale FROM tariff_plans ORDER BY monthly_fee, id').all() as PlanRow[]).map((r) => ({
    id: r.id, name: { zh: r.name_zh, en: r.name_en }, monthlyFee: n(r.monthly_fee), dataAllowanceMb: n(r.data_allowance_mb), onSale: n(r.on_sale) === 1,
  }));
  return { products, channels, groups, orgUnits, plans };
}

/** The store's catalogue version (its row of `catalogue_versions`). */
export const catalogueVersion = (db: Db): number =>
  Number(db.prepare('SELECT version FROM catalogue_versions WHERE name = ?').pluck().get(CATALOGUE) ?? 0);

/** Make the store's catalogue the process's active one (CHANNELS, PRODUCT_BY_ID, … see shared/catalogue/active.ts). */
export function loadCatalogue(db: Db): void {
  setCatalogue(readCatalogue(db), catalogueVersion(db));
}

// Reloaded by refreshActive (request contexts, engine ticks) whenever the counter moved.
registerActive(CATALOGUE, loadCatalogue);
