import type { Text } from '../text.js';
import demo from './demo-catalogue.json';

/** A tariff plan subscribers are on (not an offer: offers are products). */
export interface PlanDef {
  id: string;
  name: Text;
  /** Monthly fee, yuan. */
  monthlyFee: number;
  /** Monthly data allowance, MB. */
  dataAllowanceMb: number;
  /** Still sold to new customers; a plan off sale stays valid for the customers on it. */
  onSale: boolean;
}

/**
 * The tariff plans (资费套餐) of the catalogue: the `plan` attribute's values and the script variable
 * `{plan}` read them. Refilled in place by `setCatalogue`; the demo seed until a process loads its store's catalogue.
 */
export const PLANS: readonly PlanDef[] = [...(demo.plans as PlanDef[])];

export const PLAN_BY_ID = Object.fromEntries(PLANS.map((p) => [p.id, p])) as Record<string, PlanDef>;
