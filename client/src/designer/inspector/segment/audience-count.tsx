import { useEffect, useId, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { SegmentData } from '../../../../../shared/nodes/segment/definition.js';
import { trpc } from '../../../trpc.js';
import { useDesigner } from '../../store/context.js';
import { localMessage } from '../../../governance/ui.js';
import { useLang } from '../../../i18n/index.js';

const DEBOUNCE_MS = 500;

/** Live audience size from the server, re-asked half a second after the segment stops changing. */
export function AudienceCount({ segment }: { segment: SegmentData }) {
  const { t } = useTranslation();
  const { lang } = useLang();
  const orgUnit = useDesigner((s) => s.doc.orgUnit);
  const [asked, setAsked] = useState(segment);
  useEffect(() => {
    const timer = setTimeout(() => setAsked(segment), DEBOUNCE_MS);
    return () => clearTimeout(timer);
  }, [segment]);
  // The sample's estimate first (milliseconds at any base size), then the exact count: asked one after
  // the other, since one batched request would answer both only when the slower is done.
  const est = trpc.segment.estimate.useQuery({ segment: asked, orgUnit }, { retry: false });
  // this count's slot on the server: a newer count from here stops the stale one there
  const slot = useId();
  const q = trpc.segment.audience.useQuery({ segment: asked, orgUnit, slot }, { enabled: !est.isFetching, placeholderData: (prev) => prev, retry: false });
  // a count superseded on the server carries no numbers
  const exact = q.data?.superseded ? undefined : q.data;
  const stale = asked !== segment || q.isFetching || est.isFetching;
  return (
    <div className="rounded-lg border border-brand-100 bg-brand-50 px-3 py-2" data-testid="audience-count" aria-live="polite">
      <p className="text-[11px] text-brand-700">{t('designer.segment.audience')}</p>
      {q.error ? (
        <p className="text-xs text-danger">{localMessage(q.error.message, lang)}</p>
      ) : stale && est.data && !est.isFetching ? (
        <p className="text-lg font-semibold text-slate-800 tabular-nums" data-testid="audience-estimate">
          {t('dataImport.estimate.value', { n: est.data.estimate.toLocaleString() })}
          <span className="ml-1 text-xs font-normal text-slate-500">
            {est.data.low === est.data.high ? '' : `${t('dataImport.estimate.interval', { low: est.data.low.toLocaleString(), high: est.data.high.toLocaleString() })} · `}{t('dataImport.estimate.counting')}
          </span>
        </p>
      ) : exact ? (
        <p className={`text-lg font-semibold text-slate-800 tabular-nums ${stale ? 'opacity-50' : ''}`}>
          <span data-testid="audience-value">{exact.count.toLocaleString()}</span>
          <span className="ml-1 text-xs font-normal text-slate-500">/ {exact.total.toLocaleString()} · {t('designer.segment.controlCount', { count: exact.control })}</span>
        </p>
      ) : (
        <p className="text-xs text-slate-400">{t('common.loading')}</p>
      )}
    </div>
  );
}
