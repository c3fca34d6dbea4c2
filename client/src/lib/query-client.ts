import { QueryClient } from '@tanstack/react-query';

/** The one query cache of the app; a module of its own so that ending a session can empty it. */
export const queryClient = new QueryClient({ defaultOptions: { queries: { retry: 1, refetchOnWindowFocus: false } } });
