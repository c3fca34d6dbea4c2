import { forgetBootFlow } from '../boot.js';
import { queryClient } from './query-client.js';
import { useSession } from './session-store.js';

/** localStorage keys that hold a user's data rather than a preference of this browser (designer/files/last-flow.ts). */
export const USER_DATA_KEY_PREFIXES = ['linkage.designer.last.'] as const;

/**
 * Forget everything the last session loaded, so the next person at this PC sees none of it: the query
 * cache (every page's data), the flow fetched at boot, and stored data. Preferences stay (language, the
 * designer's panel sizes). The designer's own store lives in its page and goes when the page unmounts,
 * which ending the session causes.
 */
export function clearClientData(): void {
  void queryClient.cancelQueries();
  queryClient.clear();
  forgetBootFlow();
  try {
    for (const key of Object.keys(localStorage)) if (USER_DATA_KEY_PREFIXES.some((p) => key.startsWith(p))) localStorage.removeItem(key);
    sessionStorage.clear();
  } catch {
    /* no storage (private mode): nothing stored to clear */
  }
}

/**
 * End the session on this client: by logout, or because the server answered UNAUTHORIZED to a logged-in
 * user (the session expired or was ended elsewhere). The routes then show the login page — after an
 * expiry with the way back (`?next=`). Only the first of many failing calls counts.
 */
export function endSession(reason: 'logout' | 'expired'): void {
  if (reason === 'expired' && useSession.getState().status !== 'in') return;
  useSession.getState().end(reason);
  clearClientData();
}
