import { create } from 'zustand';
import type { SessionUser } from '../../../server/trpc/context.js';

interface SessionState {
  user: SessionUser | null;
  csrfToken: string | null;
  set: (user: SessionUser | null, csrfToken: string | null) => void;
}

/** The logged-in user, shared by the tRPC link (CSRF header) and the shell (menus by role). */
export const useSession = create<SessionState>((set) => ({
  user: null,
  csrfToken: null,
  set: (user, csrfToken) => set({ user, csrfToken }),
}));
