import { GatewayLink } from '../link.js';
import type { LinkTuning } from '../types.js';
import { openCmppSession, type CmppSettings } from './session.js';

export type { CmppSettings } from './session.js';

/** A CMPP link: call `start()`, then `submit`; listen to `report`, `reply`, `status`. */
export function createCmppLink(name: string, settings: CmppSettings, tuning: LinkTuning): GatewayLink {
  return new GatewayLink(name, openCmppSession({ ...(tuning.keepAliveMs ? { keepAliveMs: tuning.keepAliveMs } : {}), ...settings }), tuning);
}
