import { ancestorUnits, descendantUnits, ORG_UNITS, unitLevel } from '../../shared/catalogue/org.js';
import type { SessionUser } from '../core/context.js';

/**
 * Who sees and does what across the organisation tree (province → city → district), in one place: flows,
 * reviews, authoring, customers and a flow's reach all follow from a unit's place in the tree.
 */

/** The province company has no parent. */
export const isProvinceUnit = (unit: string): boolean => ORG_UNITS.find((u) => u.id === unit)?.parent === null;

/**
 * Which units' flows a user sees: their own, every unit above it (whose flows also reach their customers)
 * and every unit below it (a city sees its districts' flows; the province sees everything).
 */
export function visibleUnits(user: Pick<SessionUser, 'orgUnit'>): string[] | 'all' {
  if (isProvinceUnit(user.orgUnit)) return 'all';
  return [user.orgUnit, ...ancestorUnits(user.orgUnit), ...descendantUnits(user.orgUnit)];
}

export function canSeeUnit(user: Pick<SessionUser, 'orgUnit'>, unit: string): boolean {
  const units = visibleUnits(user);
  return units === 'all' || units.includes(unit);
}

/**
 * Supervisors review, publish and control the flows of their own unit: a district supervisor their
 * district's, a city supervisor their city's, a province supervisor the province's. Supervisors above
 * see the flows below but do not approve them — the unit that runs a campaign owns it.
 */
export function canReviewUnit(user: Pick<SessionUser, 'orgUnit' | 'roles'>, unit: string): boolean {
  return user.roles.includes('supervisor') && user.orgUnit === unit;
}

/** Planners edit, submit and archive the flows of their own unit. */
export function canAuthorInUnit(user: Pick<SessionUser, 'orgUnit' | 'roles'>, unit: string): boolean {
  return user.roles.includes('planner') && user.orgUnit === unit;
}

/** Where a customer lives: their city, and their district when the operator keeps one. */
export interface CustomerHome {
  city: string;
  district?: string | null;
}

/**
 * Customers (name, phone, path) belong to their city and district: a district user sees their district's
 * customers, a city user their city's (its districts' included), province users all — also inside a run of
 * a unit above theirs, which reaches more customers than they may see.
 */
export function canSeeCustomer(user: Pick<SessionUser, 'orgUnit'>, customer: CustomerHome): boolean {
  switch (unitLevel(user.orgUnit)) {
    case 'province': return true;
    case 'city': return customer.city === user.orgUnit;
    case 'district': return customer.district === user.orgUnit;
    default: return false;
  }
}

/**
 * The customers of a unit as a condition on `subscribers` (alias `alias`): what a unit's flow enrols and
 * counts, and what its users see. null for the province (everyone). An unknown unit reaches no one.
 */
export function customerScopeSql(unit: string, alias = 's'): { sql: string; params: string[] } | null {
  switch (unitLevel(unit)) {
    case 'province': return null;
    case 'city': return { sql: `${alias}.city = ?`, params: [unit] };
    case 'district': return { sql: `${alias}.district = ?`, params: [unit] };
    default: return { sql: '1 = 0', params: [] };
  }
}
