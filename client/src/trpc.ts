import { createTRPCReact, httpBatchLink, type TRPCLink } from '@trpc/react-query';
import { observable } from '@trpc/server/observable';
import type { AppRouter } from '../../server/trpc/routers/_app.js';
import { endSession } from './lib/end-session.js';
import { useSession } from './lib/session-store.js';

export const trpc = createTRPCReact<AppRouter>();

/** Login answers UNAUTHORIZED for a wrong password, and logout for a session already gone: neither means "expired". */
const NOT_EXPIRY = new Set(['auth.login', 'auth.logout']);

/**
 * Any call answered UNAUTHORIZED while a user is logged in means the session is over (expired, or ended
 * on the server): end it on the client too. A link, so it sees every call — hooks, prefetches and the
 * plain client the designer saves with.
 */
const sessionLink: TRPCLink<AppRouter> = () => ({ op, next }) =>
  observable((observer) =>
    next(op).subscribe({
      next: (value) => observer.next(value),
      error: (err) => {
        if (err.data?.code === 'UNAUTHORIZED' && !NOT_EXPIRY.has(op.path)) endSession('expired');
        observer.error(err);
      },
      complete: () => observer.complete(),
    }));

export const createTrpcClient = () =>
  trpc.createClient({
    links: [
      sessionLink,
      httpBatchLink({
        url: '/trpc',
        // The CSRF token from auth.me / auth.login goes on every call; the server checks it on mutations.
        headers: () => {
          const token = useSession.getState().csrfToken;
          return token ? { 'x-csrf-token': token } : {};
        },
      }),
    ],
  });
