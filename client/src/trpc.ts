import { createTRPCReact, httpBatchLink } from '@trpc/react-query';
import type { AppRouter } from '../../server/trpc/routers/_app.js';
import { useSession } from './lib/session-store.js';

export const trpc = createTRPCReact<AppRouter>();

export const createTrpcClient = () =>
  trpc.createClient({
    links: [
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
