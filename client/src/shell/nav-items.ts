import type { Role } from '../../../shared/roles.js';

/** Top navigation; each entry shows only to the roles that can use it (the server enforces the same). */
export interface NavItem {
  to: string;
  key: 'designer' | 'flows' | 'approvals' | 'templates' | 'runs' | 'workbench' | 'fit' | 'trace' | 'audit' | 'users' | 'admin';
  roles: Role[];
}

export const NAV_ITEMS: NavItem[] = [
  { to: '/designer', key: 'designer', roles: ['planner', 'supervisor', 'trainer', 'admin'] },
  { to: '/flows', key: 'flows', roles: ['planner', 'supervisor', 'trainer', 'admin'] },
  { to: '/approvals', key: 'approvals', roles: ['supervisor'] },
  { to: '/templates', key: 'templates', roles: ['planner', 'supervisor', 'trainer', 'admin'] },
  { to: '/runs', key: 'runs', roles: ['planner', 'supervisor', 'trainer', 'admin'] },
  { to: '/trace', key: 'trace', roles: ['planner', 'supervisor', 'admin'] },
  { to: '/workbench', key: 'workbench', roles: ['agent', 'admin'] },
  { to: '/fit', key: 'fit', roles: ['planner', 'supervisor', 'trainer', 'admin'] },
  { to: '/audit', key: 'audit', roles: ['supervisor', 'admin'] },
  { to: '/users', key: 'users', roles: ['admin'] },
  { to: '/admin', key: 'admin', roles: ['admin'] },
];
