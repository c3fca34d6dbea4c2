import { govEn } from '../governance/i18n-en.js';
import type { zh } from './zh.js';
import { designerEn } from './designer-en.js';
import { monEn } from '../monitoring/i18n-en.js';
import { importEn } from '../admin/import-i18n-en.js';

type Shape<T> = { [K in keyof T]: T[K] extends string ? string : Shape<T[K]> };

/** English; typed against the Chinese resource so a missing key is a compile error. */
export const en: Shape<typeof zh> = {
  app: { name: 'Linkage', tagline: 'Omni-channel campaign flows' },
  nav: { designer: 'Designer', flows: 'Flows', approvals: 'Approvals', templates: 'Templates', runs: 'Runs', workbench: 'Agent workbench', fit: 'CPC fit', trace: 'Customer trace', audit: 'Audit log', users: 'Users', admin: 'Settings' },
  auth: { login: 'Log in', logout: 'Log out', username: 'Username', password: 'Password', submit: 'Log in', failed: 'Login failed', welcome: 'Welcome to Linkage', demoHint: 'This is a demo installation: demo accounts {{users}}, all with the password {{password}} (for trying out only; keep real data out).', expired: 'Your session has expired. Log in again to return to the page you were on.', leaving: 'Logging out…' },
  roles: { planner: 'Planner', supervisor: 'Supervisor', trainer: 'Trainer', agent: 'Agent', admin: 'Admin' },
  account: { changePassword: 'Change password', current: 'Current password', next: 'New password', repeat: 'New password again', save: 'Change', mismatch: 'The two new passwords differ', changed: 'Your password has been changed. Your sessions on other devices have ended.', rules: 'At least 10 characters, not a common password, not containing your user name.' },
  common: { language: '中文', loading: 'Loading…', error: 'Something went wrong', save: 'Save', cancel: 'Cancel', close: 'Close', confirm: 'Confirm', datePlaceholder: 'yyyy-mm-dd, e.g. 2026-05-01', dateInvalid: 'Use yyyy-mm-dd, e.g. 2026-05-01' },
  designer: designerEn,
  gov: govEn,
  mon: monEn,
  dataImport: importEn,
  errors: { notFound: 'Page not found', notFoundHint: 'There is no page at {{path}}; the link may be outdated or mistyped.', home: 'Go to the home page', noAccess: 'You do not have access to this page (needs: {{roles}})', noAccessHint: 'Only these roles may open {{path}}; ask an administrator if you need access.' },
};
