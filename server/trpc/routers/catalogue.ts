import { CHANNELS } from '../../../shared/catalogue/channels.js';
import { GROUP_IDS, GROUP_LABELS } from '../../../shared/catalogue/groups.js';
import { ORG_UNITS } from '../../../shared/catalogue/org.js';
import { PRODUCTS } from '../../../shared/catalogue/products.js';
import { procedure, router } from '../trpc.js';

export const catalogueRouter = router({
  /** Counts of what the store holds: a quick way for the UI (and tests) to see the demo data. */
  summary: procedure('any').query(({ ctx }) => {
    const count = (table: string) => ctx.db.prepare(`SELECT count(*) FROM ${table}`).pluck().get() as number;
    return { channels: count('channels'), products: count('products'), groups: count('customer_groups'), subscribers: count('subscribers'), orgUnits: count('org_units') };
  }),
  channels: procedure('any').query(() => CHANNELS),
  products: procedure('any').query(() => PRODUCTS),
  groups: procedure('any').query(() => GROUP_IDS.map((id) => ({ id, label: GROUP_LABELS[id] }))),
  orgUnits: procedure('any').query(() => ORG_UNITS),
});
