import { createContext, useContext, useEffect, useState, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { setSubscriberFields } from '../../../shared/catalogue/subscriber-fields.js';
import { trpc } from '../trpc.js';

const VersionContext = createContext(0);

/**
 * The attribute catalogue from the store (#18 item 2), put into the shared live list (SUBSCRIBER_FIELDS)
 * before the pages under it render, so the segment builder, the validator and condition texts know the
 * attributes an admin defined — refetched on focus, every minute and at once after an admin's edit.
 */
export function AttributesGate({ children }: { children: ReactNode }) {
  const { t } = useTranslation();
  const q = trpc.attributes.list.useQuery(undefined, { refetchInterval: 60_000, staleTime: 5_000, gcTime: 0 });
  // gcTime 0: once the session's pages unmount (logout) the entry goes, leaving the next user's cache empty.
  const [version, setVersion] = useState<number | null>(null);
  useEffect(() => {
    if (!q.data) return;
    setSubscriberFields(q.data);
    setVersion((v) => (v ?? 0) + 1);
  }, [q.data]);
  // A store that cannot answer still leaves the seeded attributes (the list built in).
  if (version === null && !q.isError) return <div className="p-8 text-slate-500">{t('common.loading')}</div>;
  return <VersionContext.Provider value={version ?? 0}>{children}</VersionContext.Provider>;
}

/** Components listing attributes read this so they render again when the list changes. */
export const useAttributesVersion = (): number => useContext(VersionContext);
