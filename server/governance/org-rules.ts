import { ORG_UNITS } from '../../shared/catalogue/org.js';
import type { SessionUser } from '../core/context.js';

/** The province company has no parent; every other unit is a city company. */
export const isProvinceUnit = (unit: string): boolean => ORG_UNITS.find((u) => u.id === unit)?.parent === null;

/**
 * Which units' flows a user sees: province users see every unit; city users see their city's
 * flows and the province's (which also reach their customers).
 */
export function visibleUnits(user: Pick<SessionUser, 'orgUnit'>): string[] | 'all' {
  if (isProvinceUnit(user.orgUnit)) return 'all';
  return [user.orgUnit, ...ORG_UNITS.filter((u) => u.parent === null).map((u) => u.id)];
}

export function canSeeUnit(user: Pick<SessionUser, 'orgUnit'>, unit: string): boolean {
  const units = visibleUnits(user);
  return units === 'all' || units.includes(unit);
}

/**
 * Supervisors review, publish and control the flows of their own unit: a city supervisor their
 * city's, a province supervisor the province's. Province supervisors see city flows but do not
 * approve them — the city company owns its campaigns.
 */
export function canReviewUnit(user: Pick<SessionUser, 'orgUnit' | 'roles'>, unit: string): boolean {
  return user.roles.includes('supervisor') && user.orgUnit === unit;
}

/** Planners edit, submit and archive the flows of their own unit. */
export function canAuthorInUnit(user: Pick<SessionUser, 'orgUnit' | 'roles'>, unit: string): boolean {
  return user.roles.includes('planner') && user.orgUnit === unit;
}

/**
 * Customers (name, phone, path) belong to their city: a city user sees their city's customers only —
 * also inside a province run, which reaches every city; province users see all.
 */
export function canSeeCustomer(user: Pick<SessionUser, 'orgUnit'>, customerCity: string): boolean {
  return isProvinceUnit(user.orgUnit) || user.orgUnit === customerCity;
}
