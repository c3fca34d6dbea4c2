import { describe, expect, test } from 'vitest';
import { homeFor, isAppPage, landingFor, loginPathFor, mayOpen, rolesFor } from './home.js';

describe('where a user lands', () => {
  test('each role has its own home; several roles start at the first in order', () => {
    expect(homeFor(['planner'])).toBe('/designer');
    expect(homeFor(['supervisor'])).toBe('/approvals');
    expect(homeFor(['agent'])).toBe('/workbench');
    expect(homeFor(['trainer'])).toBe('/templates');
    expect(homeFor(['admin'])).toBe('/users');
    expect(homeFor(['agent', 'planner'])).toBe('/designer');
  });

  test('pages follow the menu: a page and its sub-pages open to the roles the entry shows to', () => {
    expect(mayOpen(['supervisor'], '/approvals')).toBe(true);
    expect(mayOpen(['supervisor'], '/runs/7/report')).toBe(true);
    expect(mayOpen(['agent'], '/runs/7')).toBe(false);
    expect(mayOpen(['trainer'], '/workbench')).toBe(false);
    expect(mayOpen(['planner'], '/approvalsX')).toBe(false);
    expect(isAppPage('/runs/7')).toBe(true);
    expect(isAppPage('/nowhere')).toBe(false);
  });

  test('a page names the roles that may open it (the no-access page lists them)', () => {
    expect(rolesFor('/admin/catalogue')).toEqual(['admin']);
    expect(rolesFor('/audit')).toEqual(['supervisor', 'admin']);
    expect(rolesFor('/nowhere')).toEqual([]);
  });

  test('after login: back to next when allowed, else home; never to another site', () => {
    expect(landingFor(['supervisor'], '/runs/3?tab=funnel')).toBe('/runs/3?tab=funnel');
    expect(landingFor(['agent'], '/runs/3')).toBe('/workbench');
    expect(landingFor(['planner'], null)).toBe('/designer');
    expect(landingFor(['planner'], '//evil.example/designer')).toBe('/designer');
    expect(landingFor(['planner'], 'https://evil.example/designer')).toBe('/designer');
  });

  test('a link the person opened while logged out is followed even when their role may not open it (the page says so); never to another site', () => {
    expect(landingFor(['planner'], '/admin/catalogue', true)).toBe('/admin/catalogue');
    expect(landingFor(['planner'], '/admin/catalogue')).toBe('/designer');
    expect(landingFor(['planner'], '//evil.example/admin', true)).toBe('/designer');
    expect(landingFor(['planner'], '/\\evil.example', true)).toBe('/designer');
  });

  test('the login address keeps the way back, except from the root and the login page itself', () => {
    expect(loginPathFor('/runs/3?x=1')).toBe('/login?next=%2Fruns%2F3%3Fx%3D1');
    expect(loginPathFor('/')).toBe('/login');
    expect(loginPathFor('/login?next=%2Fflows')).toBe('/login');
    expect(loginPathFor(null)).toBe('/login');
  });
});
