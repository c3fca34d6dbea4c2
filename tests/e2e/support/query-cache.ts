import type { Page } from 'playwright-core';

export interface CachedEntry {
  kind: 'query' | 'mutation';
  /** tRPC path of the entry, e.g. "runs.dashboard" (queries) or the mutation key. */
  path: string;
  /** The entry's key, variables and data as JSON, to search for leftovers. */
  json: string;
}

/**
 * The page's react-query cache, read from outside: the QueryClient is found as the `client` prop of
 * QueryClientProvider in React's fiber tree (React keeps it on the root container even in a production
 * build), so the app exposes nothing for tests.
 */
export function readQueryCache(page: Page): Promise<CachedEntry[]> {
  return page.evaluate(() => {
    interface Fiber { child: Fiber | null; sibling: Fiber | null; memoizedProps?: { client?: unknown } | null }
    interface Entry { queryKey?: unknown; options?: { mutationKey?: unknown }; state: { data?: unknown; variables?: unknown } }
    interface Client { getQueryCache(): { getAll(): Entry[] }; getMutationCache(): { getAll(): Entry[] } }
    const root = document.getElementById('root') as unknown as Record<string, unknown> | null;
    const key = root && Object.keys(root).find((k) => k.startsWith('__reactContainer$'));
    if (!root || !key) throw new Error('no React root on the page');
    const stack: (Fiber | null)[] = [root[key] as Fiber];
    while (stack.length) {
      const f = stack.pop();
      if (!f) continue;
      // The tRPC provider's `client` is a proxy answering every property with a function; a QueryClient is a plain object.
      const client = f.memoizedProps?.client as Partial<Client> | undefined;
      if (client && typeof client === 'object' && typeof client.getQueryCache === 'function' && typeof client.getMutationCache === 'function') {
        const c = client as Client;
        const pathOf = (k: unknown) => (Array.isArray(k) && Array.isArray(k[0]) ? (k[0] as string[]).join('.') : JSON.stringify(k));
        return [
          ...c.getQueryCache().getAll().map((q) => ({ kind: 'query' as const, path: pathOf(q.queryKey), json: JSON.stringify([q.queryKey, q.state.data ?? null]) })),
          ...c.getMutationCache().getAll().map((m) => ({ kind: 'mutation' as const, path: pathOf(m.options?.mutationKey), json: JSON.stringify([m.state.variables ?? null, m.state.data ?? null]) })),
        ];
      }
      stack.push(f.sibling, f.child);
    }
    throw new Error('no QueryClientProvider in the React tree');
  });
}
