import { z } from 'zod';

/**
 * The server's Content-Security-Policy allows no eval. Zod probes for it (`new Function`) to compile fast
 * object parsers; the probe is caught, but the browser still reports a CSP violation. In the client,
 * documents are small: parse without the compiled path and never probe.
 */
z.config({ jitless: true });
