import type { Db } from '../db/open.js';
import type { ProvisioningService } from '../engine/core/provision.js';
import { boundServices } from './store.js';

/**
 * A live run's provisioning: each call goes where the admins bound its service. A simulated service
 * answers inline (`inline`); an HTTP one is queued under the binding's current version, unless the
 * customer already holds the product or an unexpired grant of the benefit — that is known here and
 * needs no call. Bindings are read once per stepper (a tick), at its first call.
 */
export function boundProvisioning(db: Db, inline: ProvisioningService): ProvisioningService {
  let bound: ReturnType<typeof boundServices> | null = null;
  return {
    name: `bound(${inline.name})`,
    mode: 'bound',
    provision(c) {
      bound ??= boundServices(db);
      const b = bound.get(c.service);
      if (b?.kind !== 'http') return inline.provision(c);
      if (c.request.product !== undefined && c.holdings.products.has(c.request.product)) return { result: 'already_held', reason: `product ${c.request.product}` };
      if (c.holdings.benefits.has(c.request.benefit)) return { result: 'already_held', reason: `benefit ${c.request.benefit}` };
      return { result: 'queued', bindingVersion: b.version };
    },
  };
}
