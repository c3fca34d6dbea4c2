import { ORG_UNITS } from '../catalogue/org.js';
import { PLAN_BY_ID } from '../catalogue/plans.js';
import { PRODUCT_BY_ID } from '../catalogue/products.js';
import type { Lang } from '../text.js';
import type { ScriptVariable } from './script.js';

/** The subscriber facts a script's variables are filled from (columns of `subscribers`). */
export interface ScriptSubscriber {
  name: string;
  city: string;
  plan: string;
  arpu: number;
  data_used_mb: number;
  data_allowance_mb: number;
}

/**
 * The values of a script's `{variables}` for one customer and the flow's offer: the one source for
 * the agent workbench's filled script, the dialer's and the text a message channel sends (`fillTemplate`
 * fills them). Without an agent (a message; the dialer, which does not know who takes the call) `{agent}`
 * is left for whoever fills it later.
 */
export function scriptVars(s: ScriptSubscriber, productId: string, lang: Lang, agent?: string): Partial<Record<ScriptVariable, string | number>> {
  const product = PRODUCT_BY_ID[productId];
  return {
    name: s.name,
    product: product ? product.name[lang] : productId,
    price: product?.price ?? '',
    plan: PLAN_BY_ID[s.plan]?.name[lang] ?? s.plan,
    city: ORG_UNITS.find((u) => u.id === s.city)?.name[lang] ?? s.city,
    dataUsagePct: s.data_allowance_mb > 0 ? Math.round((100 * s.data_used_mb) / s.data_allowance_mb) : 0,
    arpu: Math.round(s.arpu),
    ...(agent !== undefined ? { agent } : {}),
  };
}
