import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { verifyPassword } from '../../../server/auth/password.js';
import { createSession, loadSession } from '../../../server/auth/sessions.js';
import { openHarness, type Harness } from './harness.js';

let h: Harness;
beforeAll(() => { h = openHarness(50); });
afterAll(() => h.close());

describe('user and role administration', () => {
  let id: number;

  test('an admin creates a user with a unit and several roles', async () => {
    const u = await h.as('admin').users.create({ username: 'planner_fs', displayName: '黄策划', orgUnit: 'fs', roles: ['planner', 'agent'], password: 'Foshan@2026' });
    id = u.id;
    expect(u).toMatchObject({ username: 'planner_fs', orgUnit: 'fs', roles: ['agent', 'planner'], disabled: false });
    await expect(h.as('admin').users.create({ username: 'planner_fs', displayName: 'x', orgUnit: 'fs', roles: [], password: 'Foshan@2026' })).rejects.toMatchObject({ code: 'CONFLICT' });
    await expect(h.as('supervisor').users.create({ username: 'sneaky', displayName: 'x', orgUnit: 'gz', roles: ['admin'], password: 'whatever123' })).rejects.toMatchObject({ code: 'FORBIDDEN' });
    const login = await h.as(null).auth.login({ username: 'planner_fs', password: 'Foshan@2026' });
    expect(login.user.roles).toEqual(['agent', 'planner']);
  });

  test('role changes are audited with before and after', async () => {
    await h.as('admin').users.setRoles({ userId: id, roles: ['planner', 'trainer'] });
    const { rows } = await h.as('admin').audit.list({ action: 'user.roles', limit: 10, offset: 0 });
    expect(rows[0]).toMatchObject({ username: 'admin', entityId: String(id), detail: { before: ['agent', 'planner'], after: ['planner', 'trainer'], added: ['trainer'], removed: ['agent'] } });
  });

  test('disabling ends the sessions and blocks login; enabling restores', async () => {
    const s = createSession(h.db, id);
    await h.as('admin').users.setDisabled({ userId: id, disabled: true });
    expect(loadSession(h.db, s.id)).toBeNull();
    await expect(h.as(null).auth.login({ username: 'planner_fs', password: 'Foshan@2026' })).rejects.toMatchObject({ code: 'UNAUTHORIZED' });
    await h.as('admin').users.setDisabled({ userId: id, disabled: false });
    expect((await h.as('admin').users.list()).find((u) => u.id === id)!.disabled).toBe(false);
  });

  test('reset password: given or generated, the old one stops working', async () => {
    const { password } = await h.as('admin').users.resetPassword({ userId: id });
    expect(password).toMatch(/^Lk-/);
    const hash = h.db.prepare('SELECT password_hash FROM users WHERE id = ?').pluck().get(id) as string;
    expect(verifyPassword(password, hash)).toBe(true);
    expect(verifyPassword('Foshan@2026', hash)).toBe(false);
  });

  test('the last active admin cannot be demoted or disabled', async () => {
    const adminId = h.userId('admin');
    await expect(h.as('admin').users.setRoles({ userId: adminId, roles: ['planner'] })).rejects.toMatchObject({ code: 'PRECONDITION_FAILED' });
    await expect(h.as('admin').users.setDisabled({ userId: adminId, disabled: true })).rejects.toMatchObject({ code: 'PRECONDITION_FAILED' });
  });

  test('moving a user to another unit is audited', async () => {
    await h.as('admin').users.setOrgUnit({ userId: id, orgUnit: 'dg' });
    const { rows } = await h.as('admin').audit.list({ entity: 'user', entityId: String(id), limit: 50, offset: 0 });
    expect(rows.map((r) => r.action)).toEqual(['user.org_unit', 'user.reset_password', 'user.enable', 'user.disable', 'user.roles', 'user.create']);
  });
});
