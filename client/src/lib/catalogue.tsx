import { createContext, useContext, useEffect, useState, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { setCatalogue } from '../../../shared/catalogue/active.js';
import { trpc } from '../trpc.js';

const VersionContext = createContext(0);

/**
 * The catalogue from the store (#18): fetched after login and kept fresh (refetched on focus, every minute,
 * and at once after an admin's edit invalidates it). Its data goes into the shared live views (CHANNELS,
 * PRODUCTS, ORG_UNITS …) before the pages under it render, so the designer's pickers, the validator and the
 * labels all read what the admins keep.
 */
export function CatalogueGate({ children }: { children: ReactNode }) {
  const { t } = useTranslation();
  const q = trpc.catalogue.get.useQuery(undefined, { refetchInterval: 60_000, staleTime: 5_000, gcTime: 0 });
  // gcTime 0: once the session's pages unmount (logout) the entry goes, leaving the next user's cache empty.
  const [loaded, setLoaded] = useState<number | null>(null);
  useEffect(() => {
    if (!q.data) return;
    setCatalogue(q.data.catalogue, q.data.version);
    setLoaded(q.data.version);
  }, [q.data]);
  // A store that cannot answer still lets the pages work with the catalogue built in (the demo seed).
  if (loaded === null && !q.isError) return <div className="p-8 text-slate-500">{t('common.loading')}</div>;
  return <VersionContext.Provider value={loaded ?? 0}>{children}</VersionContext.Provider>;
}

/** Components that list catalogue entries read this so they render again when the catalogue changes. */
export const useCatalogueVersion = (): number => useContext(VersionContext);
