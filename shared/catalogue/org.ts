import type { Text } from '../text.js';
import demo from './demo-catalogue.json';

export interface OrgUnitDef {
  id: string;
  name: Text;
  /** null for the province company; a city's parent is the province, a district's its city. */
  parent: string | null;
  /** Share of subscribers living in this unit: a city's of the province's base, a district's of its city's (the synthetic seed uses it). */
  share?: number;
}

/**
 * One province company, its city companies and their districts. Flows and users belong to one unit.
 * Refilled in place by `setCatalogue`; the demo seed until a process loads its store's catalogue.
 */
export const ORG_UNITS: readonly OrgUnitDef[] = [...(demo.orgUnits as OrgUnitDef[])];

const province = (): string | undefined => ORG_UNITS.find((u) => u.parent === null)?.id;

/** The cities (children of the province), kept in step with ORG_UNITS by `setCatalogue`. */
export const CITY_IDS: readonly string[] = ORG_UNITS.filter((u) => u.parent !== null && u.parent === province()).map((u) => u.id);

export type UnitLevel = 'province' | 'city' | 'district';

const unit = (id: string): OrgUnitDef | undefined => ORG_UNITS.find((u) => u.id === id);

/** Where a unit sits in the tree; undefined for an unknown unit. */
export function unitLevel(id: string): UnitLevel | undefined {
  const u = unit(id);
  if (!u) return undefined;
  if (u.parent === null) return 'province';
  return unit(u.parent)?.parent === null ? 'city' : 'district';
}

/** The units above `id`, nearest first (a district: its city, then the province). */
export function ancestorUnits(id: string): string[] {
  const out: string[] = [];
  for (let p = unit(id)?.parent ?? null; p !== null && !out.includes(p); p = unit(p)?.parent ?? null) out.push(p);
  return out;
}

/** The units below `id` (a city: its districts; the province: every city and district). */
export const descendantUnits = (id: string): string[] => ORG_UNITS.filter((u) => u.id !== id && ancestorUnits(u.id).includes(id)).map((u) => u.id);

/** A city's districts, in catalogue order. */
export const districtsOf = (city: string): string[] => ORG_UNITS.filter((u) => u.parent === city && unitLevel(u.id) === 'district').map((u) => u.id);

/** Every district of every city (the `district` attribute's values). */
export const districtIds = (): string[] => ORG_UNITS.filter((u) => unitLevel(u.id) === 'district').map((u) => u.id);

/** The city a unit belongs to: a district's parent, a city itself; undefined for the province or an unknown unit. */
export function cityOf(id: string): string | undefined {
  const level = unitLevel(id);
  if (level === 'city') return id;
  return level === 'district' ? unit(id)?.parent ?? undefined : undefined;
}
