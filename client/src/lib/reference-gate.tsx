import { createContext, useContext, useEffect, useState, type Context, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';

/** A reference query as the gate needs it (a tRPC `useQuery` result). */
interface ReferenceQuery { data?: unknown; isError: boolean }

/** How the gate asks for reference data: refetched on focus, every minute and when an admin's edit invalidates it. */
export const REFERENCE_QUERY = {
  refetchInterval: 60_000,
  staleTime: 5_000,
  // Once the session's pages unmount (logout) the entry goes, leaving the next user's cache empty.
  gcTime: 0,
} as const;

/**
 * Reference data the shared code reads from live views (the catalogue, the attribute list): the gate holds
 * the pages back until the first answer is applied to those views, applies every later one, and gives its
 * children a version that changes with each, so components listing the data render again. A store that
 * cannot answer leaves the views built in (the demo seed) and lets the pages work.
 */
export function referenceGate<Q extends ReferenceQuery>(useReference: () => Q, apply: (data: NonNullable<Q['data']>) => void): {
  Gate: (props: { children: ReactNode }) => ReactNode;
  useVersion: () => number;
} {
  const VersionContext: Context<number> = createContext(0);
  function Gate({ children }: { children: ReactNode }) {
    const { t } = useTranslation();
    const q = useReference();
    const [version, setVersion] = useState<number | null>(null);
    useEffect(() => {
      if (q.data === undefined || q.data === null) return;
      apply(q.data as NonNullable<Q['data']>);
      setVersion((v) => (v ?? 0) + 1);
    }, [q.data]);
    if (version === null && !q.isError) return <div className="p-8 text-slate-500">{t('common.loading')}</div>;
    return <VersionContext.Provider value={version ?? 0}>{children}</VersionContext.Provider>;
  }
  return { Gate, useVersion: () => useContext(VersionContext) };
}
