import { CHANNEL_BY_ID, CHANNELS, type ChannelDef, type ChannelId } from './channels.js';
import { GROUP_LABELS, type GroupId } from './groups.js';
import { CITY_IDS, ORG_UNITS, type OrgUnitDef } from './org.js';
import { PLAN_BY_ID, PLANS, type PlanDef } from './plans.js';
import { PRODUCT_BY_ID, PRODUCTS, type ProductDef } from './products.js';
import demo from './demo-catalogue.json';
import { catalogueSchema, type Catalogue } from './schema.js';

/**
 * The active catalogue. Call sites keep importing CHANNELS, CHANNEL_BY_ID, PRODUCTS, PRODUCT_BY_ID,
 * ORG_UNITS, CITY_IDS, PLANS, PLAN_BY_ID and GROUP_LABELS; `setCatalogue` refills those same arrays and objects in place, so a
 * catalogue edit reaches every reader without a restart or a changed import. The server sets it from the
 * store (at start, and when the store's version moves); the client from `catalogue.get`.
 */
let version = 0;
const listeners = new Set<() => void>();

const refill = <T>(target: readonly T[], rows: readonly T[]): void => {
  (target as T[]).splice(0, target.length, ...rows);
};
const rekey = <V>(target: Record<string, V>, rows: readonly V[], key: (v: V) => string): void => {
  for (const k of Object.keys(target)) delete target[k];
  for (const r of rows) target[key(r)] = r;
};

export function setCatalogue(cat: Catalogue, storeVersion?: number): void {
  refill<ChannelDef>(CHANNELS, cat.channels as ChannelDef[]);
  rekey(CHANNEL_BY_ID as Record<string, ChannelDef>, CHANNELS, (c) => c.id);
  refill<ProductDef>(PRODUCTS, cat.products);
  rekey(PRODUCT_BY_ID, PRODUCTS, (p) => p.id);
  refill<OrgUnitDef>(ORG_UNITS, cat.orgUnits);
  const province = ORG_UNITS.find((u) => u.parent === null)?.id;
  refill(CITY_IDS, ORG_UNITS.filter((u) => u.parent !== null && u.parent === province).map((u) => u.id));
  for (const g of cat.groups) GROUP_LABELS[g.id as GroupId] = g.name;
  refill<PlanDef>(PLANS, cat.plans);
  rekey(PLAN_BY_ID, PLANS, (p) => p.id);
  version = storeVersion ?? version + 1;
  for (const l of listeners) l();
}

/** The active catalogue as data (a copy of the live views). */
export const getCatalogue = (): Catalogue => ({
  products: PRODUCTS.map((p) => ({ ...p })),
  channels: CHANNELS.map((c) => ({ ...c, stages: [...c.stages], contactHours: [...c.contactHours] as [number, number], quietHours: c.quietHours ? [...c.quietHours] as [number, number] : null })),
  groups: Object.entries(GROUP_LABELS).map(([id, name]) => ({ id: id as GroupId, name })),
  orgUnits: ORG_UNITS.map((u) => ({ ...u })),
  plans: PLANS.map((p) => ({ ...p, name: { ...p.name } })),
});

/** The store version the active catalogue was loaded at (0: the demo seed, never loaded). */
export const activeCatalogueVersion = (): number => version;

/** Run `fn` after every `setCatalogue`; returns the unsubscribe. */
export function onCatalogueChange(fn: () => void): () => void {
  listeners.add(fn);
  return () => listeners.delete(fn);
}

/** The demo catalogue (seed data): what the store is seeded with, and what the flow CLI validates against. */
export const demoCatalogue = (): Catalogue => catalogueSchema.parse(demo);

/** Back to the demo catalogue (tests that change the active one restore it). */
export const resetCatalogue = (): void => setCatalogue(demoCatalogue(), 0);

export const channelEnabled = (id: ChannelId): boolean => CHANNEL_BY_ID[id]?.enabled ?? false;
