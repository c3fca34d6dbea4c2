import { endSession } from '../lib/end-session.js';
import { queryClient } from '../lib/query-client.js';

type Client = { auth: { logout: { mutate: () => Promise<unknown> } } };

/** Save the designer's edits of the last second while the session still can (a no-op when no designer is open). */
async function saveDesignerEdits(): Promise<void> {
  try {
    const { autosaver } = await import('../designer/files/use-autosave.js');
    await autosaver()?.flush();
  } catch {
    /* saving failed: the designer has said so; logging out goes on */
  }
}

/**
 * Let the calls the closed pages had already sent come back (at most `maxMs`): one the server took after
 * the logout would answer 401 for a session this client is ending on purpose.
 */
async function settleCalls(maxMs = 3_000): Promise<void> {
  const until = Date.now() + maxMs;
  while ((queryClient.isFetching() > 0 || queryClient.isMutating() > 0) && Date.now() < until) await new Promise((r) => setTimeout(r, 20));
}

/**
 * Log out, in an order that leaves nothing behind and nothing racing: save pending designer edits;
 * take the pages down (`closePages`), so no page asks for data once the session is gone; let the calls
 * already sent come back; end the session on the server; then forget everything on this client
 * (end-session.ts). The login page shows
 * only after the server answered, so a quick next login cannot be undone by this logout's reply.
 */
export async function logOut(client: Client, closePages: () => void): Promise<void> {
  await saveDesignerEdits();
  closePages();
  await settleCalls();
  try {
    await client.auth.logout.mutate();
  } catch {
    /* the session was already over on the server */
  }
  endSession('logout');
}
