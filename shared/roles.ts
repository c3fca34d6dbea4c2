import { z } from 'zod';

/** The roles a user can hold; the client shows them and the server checks them. */
export const ROLES = ['planner', 'supervisor', 'trainer', 'agent', 'admin'] as const;
export const roleSchema = z.enum(ROLES);
export type Role = z.infer<typeof roleSchema>;
