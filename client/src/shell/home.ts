import type { Role } from '../../../shared/roles.js';
import { NAV_ITEMS } from './nav-items.js';

/**
 * Where each role starts after login: the page its work begins on. A user with several roles starts
 * where the first of them in this order starts (a planner who also works the queue plans first).
 */
const HOMES: readonly (readonly [Role, string])[] = [
  ['planner', '/designer'],
  ['supervisor', '/approvals'],
  ['trainer', '/templates'],
  ['agent', '/workbench'],
  ['admin', '/users'],
];

export function homeFor(roles: readonly Role[]): string {
  return HOMES.find(([role]) => roles.includes(role))?.[1] ?? '/';
}

const under = (pathname: string, to: string) => pathname === to || pathname.startsWith(`${to}/`);

/** Whether the address is one of the app's pages (every page sits under a menu entry). */
export const isAppPage = (pathname: string): boolean => NAV_ITEMS.some((i) => under(pathname, i.to));

/** The roles that may open a page: those its menu entry shows to (none for an address that is no page). */
export function rolesFor(pathname: string): readonly Role[] {
  return NAV_ITEMS.find((i) => under(pathname, i.to))?.roles ?? [];
}

/** Whether one of these roles may open a page: the page belongs to a menu entry shown to that role. */
export function mayOpen(roles: readonly Role[], pathname: string): boolean {
  return rolesFor(pathname).some((r) => roles.includes(r));
}

/**
 * Where to go right after login: back to `next`, else the role's home. Only paths on this site are followed.
 * A link the person opened while logged out (`opened`) is theirs: they come back to it even when their roles
 * may not open it, and the page says so. The page a session expired on may be someone else's (a shared
 * PC): it is followed only when these roles may open it.
 */
export function landingFor(roles: readonly Role[], next: string | null, opened = false): string {
  if (next && next.startsWith('/') && !next.startsWith('//') && !next.startsWith('/\\')) {
    const pathname = next.split(/[?#]/)[0]!;
    if (opened || mayOpen(roles, pathname)) return next;
  }
  return homeFor(roles);
}

/** The login page's address for someone who has to log in on `path` (and come back to it). */
export function loginPathFor(path: string | null): string {
  return path && path !== '/' && !path.startsWith('/login') ? `/login?next=${encodeURIComponent(path)}` : '/login';
}
