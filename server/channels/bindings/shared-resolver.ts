import type { AppServices, SessionUser } from '../../core/context.js';
import { DomainError } from '../../core/errors.js';
import type { Db } from '../../db/open.js';
import { isProvinceUnit } from '../../governance/org-rules.js';
import { BindingResolver } from './resolve.js';
import type { DeliveryView } from './status.js';

const own = new WeakMap<Db, BindingResolver>();

/**
 * The engine's resolver when this process runs the engine (one HTTP adapter and breaker per binding
 * version, one gateway link), else one of this process's own.
 */
export function resolverOf(services: Pick<AppServices, 'db' | 'engine' | 'log'>): BindingResolver {
  if (services.engine) return services.engine.bindings;
  let r = own.get(services.db);
  if (!r) own.set(services.db, (r = new BindingResolver(services.db, { log: services.log })));
  return r;
}

/** The engine's delivery as the status column sees it: its links through the resolver; circuits come from the store. */
export function deliveryView(services: Pick<AppServices, 'db' | 'engine' | 'log'>): DeliveryView {
  return { bindings: resolverOf(services) };
}

/** Bindings are the province's: city admins see them, only a province admin changes or tests them. */
export function requireProvinceAdmin(user: SessionUser): void {
  if (!isProvinceUnit(user.orgUnit)) throw new DomainError({ code: 'FORBIDDEN', message: '渠道绑定由省公司管理员设置 / Channel bindings are set by a province admin' });
}
