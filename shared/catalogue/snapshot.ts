import type { Machine } from '../machine/types.js';
import { t, type Text } from '../text.js';
import { activeCatalogueVersion } from './active.js';
import { CHANNEL_BY_ID, type ChannelId } from './channels.js';
import { PRODUCT_BY_ID, type ProductDef } from './products.js';

/** What a published flow was approved with, of the channels it uses. Capacity is global (seats): only shown. */
export interface ChannelSnapshot {
  label: Text;
  enabled: boolean;
  costPerContact: number;
  dailyCapacity: number;
  contactHours: readonly [number, number];
}

/**
 * The catalogue values a published flow keeps for its whole run: written into the machine at publish,
 * so the run (which copies the machine) charges the approved cost per contact and counts revenue at the
 * approved price even after an admin changes the catalogue.
 */
export interface CatalogueSnapshot {
  /** Store version of the catalogue at publish. */
  version: number;
  product: ProductDef | null;
  channels: Partial<Record<ChannelId, ChannelSnapshot>>;
}

export type SnapshottedMachine = Machine & { catalogue?: CatalogueSnapshot };

/** The channels a machine can contact on: its sends, its routes' channels, its fallback and capacity shares. */
export function channelsOf(machine: Machine): ChannelId[] {
  const used = new Set<ChannelId>();
  for (const s of Object.values(machine.states)) {
    if (s.kind === 'send') used.add(s.channel);
    if (s.kind === 'route') for (const b of s.branches) if (b.channel) used.add(b.channel);
  }
  const policy = machine.contactPolicy ?? {};
  if (policy.fallbackChannel) used.add(policy.fallbackChannel);
  for (const c of Object.keys(policy.channelCapacity ?? {})) used.add(c as ChannelId);
  return [...used].sort();
}

export function snapshotFor(machine: Machine): CatalogueSnapshot {
  const channels: Partial<Record<ChannelId, ChannelSnapshot>> = {};
  for (const id of channelsOf(machine)) {
    const c = CHANNEL_BY_ID[id];
    channels[id] = { label: c.label, enabled: c.enabled, costPerContact: c.costPerContact, dailyCapacity: c.dailyCapacity, contactHours: c.contactHours };
  }
  const product = PRODUCT_BY_ID[machine.productId];
  return { version: activeCatalogueVersion(), product: product ? { ...product } : null, channels };
}

export const withCatalogueSnapshot = (machine: Machine): SnapshottedMachine => ({ ...machine, catalogue: snapshotFor(machine) });

const snapshotOf = (machine: Machine): CatalogueSnapshot | undefined => (machine as SnapshottedMachine).catalogue;

/** Cost per contact on a channel for a run: the approved one, else (a machine published before snapshots) the catalogue's. */
export const approvedCost = (machine: Machine, channel: ChannelId): number =>
  snapshotOf(machine)?.channels[channel]?.costPerContact ?? CHANNEL_BY_ID[channel]?.costPerContact ?? 0;

/** The offer's price for a run: the approved one, else the catalogue's, else 0. */
export const approvedPrice = (machine: Machine): number => snapshotOf(machine)?.product?.price ?? PRODUCT_BY_ID[machine.productId]?.price ?? 0;

export interface DriftItem {
  /** `product` or a channel id. */
  subject: string;
  field: 'deleted' | 'disabled' | 'price' | 'name' | 'costPerContact' | 'dailyCapacity' | 'contactHours';
  text: Text;
}

const hours = (h: readonly [number, number]): string => h.map((x) => `${String(x).padStart(2, '0')}:00`).join('–');
/** Amounts as the catalogue page shows them: thousands separators, a cost per contact to the fen (a banner read "日容量 8000 → 12000"). */
const n = (v: number, decimals = 0): string => v.toLocaleString('en-US', { minimumFractionDigits: decimals, maximumFractionDigits: 4 });

/** What changed in the catalogue since the machine was published, for the values the flow uses. */
export function catalogueDrift(machine: Machine): DriftItem[] {
  const snap = snapshotOf(machine);
  if (!snap) return [];
  const out: DriftItem[] = [];
  const p = snap.product;
  if (p) {
    const now = PRODUCT_BY_ID[p.id];
    if (!now) out.push({ subject: 'product', field: 'deleted', text: t(`产品「${p.name.zh}」已从目录删除`, `Product "${p.name.en}" was deleted from the catalogue`) });
    else {
      if (now.price !== p.price) out.push({ subject: 'product', field: 'price', text: t(`产品「${p.name.zh}」价格 ${n(p.price)} → ${n(now.price)} 元（本次运行仍按 ${n(p.price)} 元）`, `Product "${p.name.en}" price ${n(p.price)} → ${n(now.price)} yuan (this run keeps ${n(p.price)})`) });
      if (now.name.zh !== p.name.zh || now.name.en !== p.name.en) out.push({ subject: 'product', field: 'name', text: t(`产品名称「${p.name.zh}」→「${now.name.zh}」`, `Product name "${p.name.en}" → "${now.name.en}"`) });
    }
  }
  for (const [id, was] of Object.entries(snap.channels) as [ChannelId, ChannelSnapshot][]) {
    const now = CHANNEL_BY_ID[id];
    if (!now) continue;
    if (!now.enabled && was.enabled) out.push({ subject: id, field: 'disabled', text: t(`渠道「${was.label.zh}」已停用`, `Channel "${was.label.en}" was disabled`) });
    if (now.costPerContact !== was.costPerContact) out.push({ subject: id, field: 'costPerContact', text: t(`「${was.label.zh}」单次接触成本 ${n(was.costPerContact, 2)} → ${n(now.costPerContact, 2)} 元（本次运行仍按 ${n(was.costPerContact, 2)} 元）`, `"${was.label.en}" cost per contact ${n(was.costPerContact, 2)} → ${n(now.costPerContact, 2)} yuan (this run keeps ${n(was.costPerContact, 2)})`) });
    if (now.dailyCapacity !== was.dailyCapacity) out.push({ subject: id, field: 'dailyCapacity', text: t(`「${was.label.zh}」日容量 ${n(was.dailyCapacity)} → ${n(now.dailyCapacity)} 次`, `"${was.label.en}" daily capacity ${n(was.dailyCapacity)} → ${n(now.dailyCapacity)} contacts`) });
    if (hours(now.contactHours) !== hours(was.contactHours)) out.push({ subject: id, field: 'contactHours', text: t(`「${was.label.zh}」接触时段 ${hours(was.contactHours)} → ${hours(now.contactHours)}`, `"${was.label.en}" contact hours ${hours(was.contactHours)} → ${hours(now.contactHours)}`) });
  }
  return out;
}
