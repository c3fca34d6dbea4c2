import type { Db } from '../db/open.js';
import { alreadyHeld, type ProvisioningService } from '../engine/core/provision.js';
import { boundServices } from './store.js';

/**
 * A live run's provisioning: each call goes where the admins bound its service. A simulated service
 * answers inline (`inline`); an HTTP one is queued under the binding's current version, unless the
 * customer already holds the product or an unexpired grant of the benefit, or a call for the benefit
 * is queued or awaiting its answer in any run — that is known here and needs no call. Either way the
 * batch checks again under the benefit's lock before it writes the grant or the call (`claimBenefits`).
 * Bindings are read once per stepper (a tick), at its first call.
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
      const held = alreadyHeld(c);
      if (held) return { result: 'already_held', reason: held };
      return { result: 'queued', bindingVersion: b.version };
    },
  };
}
