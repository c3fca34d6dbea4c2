import { PLAN_BY_ID } from '../../../../../shared/catalogue/plans.js';
import { ORG_UNITS } from '../../../../../shared/catalogue/org.js';
import { PRODUCT_BY_ID } from '../../../../../shared/catalogue/products.js';
import type { Lang } from '../../../../../shared/text.js';

export interface SampleSubscriber { name: string; plan: string; city: string; arpu: number; dataUsagePct: number }

/** The variables a script preview fills, from a sample subscriber and the flow's offer. */
export function sampleVars(s: SampleSubscriber | undefined, productId: string, lang: Lang): Record<string, string | number> {
  const product = PRODUCT_BY_ID[productId];
  const vars: Record<string, string | number> = { agent: lang === 'zh' ? '小李' : 'Li', product: product?.name[lang] ?? productId, price: product?.price ?? 0 };
  if (s) {
    vars.name = s.name;
    vars.plan = PLAN_BY_ID[s.plan]?.name[lang] ?? s.plan;
    vars.city = ORG_UNITS.find((u) => u.id === s.city)?.name[lang] ?? s.city;
    vars.arpu = s.arpu;
    vars.dataUsagePct = s.dataUsagePct;
  }
  return vars;
}
