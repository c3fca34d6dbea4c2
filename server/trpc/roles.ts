import type { Role } from '../../shared/roles.js';

/**
 * Who may call a procedure. 'public': anyone, even logged out; 'any': any logged-in user; otherwise the
 * caller must hold one of the listed roles. Declared on every procedure as tRPC meta so the
 * permission-matrix test can walk the router and check each one.
 */
export type Access = 'public' | 'any' | readonly Role[];
