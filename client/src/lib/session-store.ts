import { create } from 'zustand';
import type { SessionUser } from '../../../server/core/context.js';

/** 'unknown' until the boot asks the server; then 'in' or 'out'. */
export type SessionStatus = 'unknown' | 'in' | 'out';
/** Why the last session ended: an explicit logout returns to a plain login page, an expired one keeps the way back. */
export type SessionEnd = 'logout' | 'expired' | null;

interface SessionState {
  status: SessionStatus;
  user: SessionUser | null;
  csrfToken: string | null;
  ended: SessionEnd;
  /** A user logged in (or the boot found one), or nobody is. */
  set: (user: SessionUser | null, csrfToken: string | null) => void;
  /** The session is over; see end-session.ts, which also clears what it left behind. */
  end: (reason: Exclude<SessionEnd, null>) => void;
}

/** The logged-in user, shared by the tRPC link (CSRF header), the routes (by status) and the shell (menus by role). */
export const useSession = create<SessionState>((set) => ({
  status: 'unknown',
  user: null,
  csrfToken: null,
  ended: null,
  set: (user, csrfToken) => set({ user, csrfToken, status: user ? 'in' : 'out', ended: null }),
  end: (reason) => set({ user: null, csrfToken: null, status: 'out', ended: reason }),
}));
