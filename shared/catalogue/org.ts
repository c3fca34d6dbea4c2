import type { Text } from '../text.js';
import demo from './demo-catalogue.json';

export interface OrgUnitDef {
  id: string;
  name: Text;
  /** null for the province company; a city's parent is the province, a district's its city. */
  parent: string | null;
  /** Share of subscribers living in this city (cities only; the synthetic seed uses it). */
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
