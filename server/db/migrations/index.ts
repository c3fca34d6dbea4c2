import * as m001 from './001-core.js';
import * as m002 from './002-engine.js';
import * as m003 from './003-governance.js';
import * as m004 from './004-learning.js';
import * as m005 from './005-workers.js';
import * as m006 from './006-trace-order.js';
import * as m007 from './007-journey-partition.js';
import * as m008 from './008-security-state.js';
import * as m009 from './009-run-channel-usage.js';
import * as m010 from './010-outbox-delivery.js';
import * as m011 from './011-contact-prefs.js';
import * as m012 from './012-data-imports.js';
import * as m013 from './013-catalogue.js';
import * as m014 from './014-attributes-segments.js';
import * as m015 from './015-channel-bindings.js';
import * as m016 from './016-gateway-delivery.js';
import * as m017 from './017-grants.js';
import * as m018 from './018-subscriber-sample.js';
import * as m019 from './019-dialer-leases.js';
import * as m020 from './020-inbound-webhook-ids.js';
import * as m021 from './021-run-counters.js';
import * as m025 from './025-districts-plans.js';
import * as m022 from './022-provisioning.js';
import * as m026 from './026-reply-msg-ids.js';
import * as m027 from './027-seed-state.js';
import * as m028 from './028-pending-calls-index.js';
import * as m029 from './029-import-job-source.js';

export interface Migration {
  version: number;
  name: string;
  up: string;
  /** The same change spelled for PostgreSQL, where the translated `up` cannot say it. */
  postgresUp?: string;
}

/** Forward-only, applied in order at start. Never edit a landed migration: add the next one. */
export const MIGRATIONS: Migration[] = [
  { version: 1, name: 'core', up: m001.up },
  { version: 2, name: 'engine', up: m002.up },
  { version: 3, name: 'governance', up: m003.up },
  { version: 4, name: 'learning', up: m004.up },
  { version: 5, name: 'workers', up: m005.up },
  { version: 6, name: 'trace-order', up: m006.up, postgresUp: m006.postgresUp },
  { version: 7, name: 'journey-partition', up: m007.up, postgresUp: m007.postgresUp },
  { version: 8, name: 'security-state', up: m008.up },
  { version: 9, name: 'run-channel-usage', up: m009.up },
  { version: 10, name: 'outbox-delivery', up: m010.up },
  { version: 11, name: 'contact-prefs', up: m011.up },
  { version: 12, name: 'data-imports', up: m012.up },
  { version: 13, name: 'catalogue', up: m013.up },
  { version: 14, name: 'attributes-segments', up: m014.up },
  { version: 15, name: 'channel-bindings', up: m015.up },
  { version: 16, name: 'gateway-delivery', up: m016.up },
  { version: 17, name: 'grants', up: m017.up },
  { version: 18, name: 'subscriber-sample', up: m018.up },
  { version: 19, name: 'dialer-leases', up: m019.up },
  { version: 20, name: 'inbound-webhook-ids', up: m020.up },
  { version: 21, name: 'run-counters', up: m021.up },
  { version: 22, name: 'provisioning', up: m022.up },
  { version: 25, name: 'districts-plans', up: m025.up },
  { version: 26, name: 'reply-msg-ids', up: m026.up },
  { version: 27, name: 'seed-state', up: m027.up },
  { version: 28, name: 'pending-calls-index', up: m028.up },
  { version: 29, name: 'import-job-source', up: m029.up },
];
