import { GatewayLink } from '../link.js';
import type { LinkTuning } from '../types.js';
import { openSmppSession, type SmppSettings } from './session.js';

export type { SmppSettings } from './session.js';

/** An SMPP 3.4 link, the same interface as the CMPP one. */
export function createSmppLink(name: string, settings: SmppSettings, tuning: LinkTuning): GatewayLink {
  return new GatewayLink(name, openSmppSession({ ...(tuning.keepAliveMs ? { keepAliveMs: tuning.keepAliveMs } : {}), ...settings }), tuning);
}
