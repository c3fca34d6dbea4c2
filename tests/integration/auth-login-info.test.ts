import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { loadConfig } from '../../server/config.js';
import { DEMO_PASSWORD } from '../../server/db/seed/users.js';
import { openHarness, type Harness } from './governance/harness.js';

let h: Harness;
beforeAll(() => { h = openHarness(50); });
afterAll(() => h.close());

describe('auth.loginInfo: what the login page may say before anyone logs in', () => {
  test('demo mode with demo accounts: their names and the demo password, to anyone', async () => {
    const info = await h.as(null).auth.loginInfo();
    expect(info).toEqual({ demo: true, usernames: ['admin', 'planner', 'planner_sz', 'supervisor', 'supervisor_prov', 'trainer', 'agent', 'planner_th'], password: DEMO_PASSWORD });
  });

  test('a disabled demo account is not offered; with none left, no hint at all', async () => {
    h.db.prepare("UPDATE users SET disabled = 1 WHERE username <> 'agent'").run();
    expect(await h.as(null).auth.loginInfo()).toMatchObject({ usernames: ['agent'] });
    h.db.prepare("UPDATE users SET disabled = 1 WHERE username = 'agent'").run();
    expect(await h.as(null).auth.loginInfo()).toEqual({ demo: false });
    h.db.prepare('UPDATE users SET disabled = 0').run();
  });

  test('outside demo mode nothing is said, even while the demo accounts exist', async () => {
    const config = h.services.config;
    h.services.config = loadConfig({ LOG_LEVEL: 'silent', LINKAGE_DEMO: '0', EVENTS_API_KEY: 'a-secret-key-for-tests' });
    try {
      expect(await h.as(null).auth.loginInfo()).toEqual({ demo: false });
    } finally {
      h.services.config = config;
    }
  });
});
